/**
 * The one place where the export asks the renderer for drawings, so that the document
 * embeds exactly what `lifeline render` prints: a sequence's diagram as
 * `lifeline render FILE --sequence NAME` prints it, every diagram as `lifeline render FILE`,
 * and a process flow's chain line as the end of `render`'s output shows it.
 */
import type { Flow, Model, Sequence } from '../model';
import { renderDocument, renderSequence, type Charset } from '../render/index';
import { textLines } from '../width';

export type { Charset } from '../render/index';

export interface Diagram {
  /** The drawing's lines, or the renderer's one-line "too large to draw" notice. */
  readonly lines: readonly string[];
  readonly tooLarge: boolean;
}

/** One sequence's diagram, line for line what `render --sequence` prints (it trims line ends too). */
export function diagramOf(model: Model, sequence: Sequence, charset: Charset): Diagram {
  const d = renderSequence(model, sequence, { charset });
  return { lines: d.lines.map((line) => line.trimEnd()), tooLarge: d.tooLarge };
}

/** Every diagram of the file with titles and flows, as `lifeline render` prints it. */
export function documentText(model: Model, charset: Charset): string {
  return renderDocument(model, { charset }).text;
}

/** A flow's chain of display names as `render` draws it: `User -> Web App -> Auth` (`→` in Unicode). */
export function flowChain(model: Model, flow: Flow, charset: Charset): string {
  const arrow = charset === 'unicode' ? ' → ' : ' -> ';
  return flow.steps.map((id) => textLines(model.participantById.get(id)?.displayName ?? id).join(' ')).join(arrow);
}
