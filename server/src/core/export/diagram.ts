/**
 * The one place where the export asks for a drawing: "the diagram of this sequence"
 * and "every diagram of the file", exactly as `lifeline render` prints them.
 *
 * TEMPORARY: the renderer (server/src/core/render) has not landed yet; until it does,
 * this draws a plain listing so the rest of the export can be written and tested.
 * Switching on the real renderer is the two marked lines below.
 */
import type { Model, Sequence } from '../model';

export type Charset = 'ascii' | 'unicode';

export interface Diagram {
  /** The drawing's lines (or the too-large notice); no trailing newline. */
  readonly lines: readonly string[];
  /** True when `lines` hold the renderer's "too large to draw" notice instead of a drawing. */
  readonly tooLarge: boolean;
}

export function diagramOf(model: Model, sequence: Sequence, charset: Charset): Diagram {
  // return renderSequence(model, sequence, { charset });
  return listing(model, sequence, charset);
}

export function documentText(model: Model, charset: Charset): string {
  // return renderDocument(model, { charset }).text;
  return model.sequences.map((s) => listing(model, s, charset).lines.join('\n')).join('\n\n');
}

function listing(model: Model, sequence: Sequence, charset: Charset): Diagram {
  const name = (id: string) => model.participantById.get(id)?.displayName.replace(/\n/g, ' ') ?? id;
  const lines = [sequence.lifelines.map((id) => `[${name(id)}]`).join('  ')];
  const arrow = charset === 'ascii' ? '->' : '→';
  const walk = (items: Sequence['items']): void => {
    for (const item of items) {
      if (item.type === 'message') lines.push(`${name(item.from)} ${arrow} ${name(item.to)}: ${item.label.replace(/\n/g, ' ')}`);
      if (item.type === 'fragment') for (const b of item.branches) walk(b.items);
    }
  };
  walk(sequence.items);
  return { lines, tooLarge: false };
}
