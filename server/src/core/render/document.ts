/**
 * The whole document as the CLI prints it: the title, each sequence (with its name
 * when there are several or it has one), then the process flows as chain lines.
 */
import type { Span } from '../diagnostics';
import type { Model, Sequence } from '../model';
import { LineJoiner, trimEnd } from '../text';
import { textLines } from '../width';
import { layoutSequence } from '../layout';
import { drawInto } from './draw';
import type { RenderOptions } from './types';

export interface RenderedDocument {
  /** The lines joined with `\n`, ending with a line break (empty when there is nothing to print). */
  readonly text: string;
  /** The lines of `text`, without line breaks. */
  readonly lines: readonly string[];
  /** rows[i] is the source span of text line i (undefined for the title, blank lines and header rows). */
  readonly rows: (Span | undefined)[];
  /** The names of the sequences drawn, in order. */
  readonly sequences: string[];
  /** True when at least one sequence was too large and shows the notice instead. */
  readonly tooLarge: boolean;
}

export interface DocumentRenderOptions extends RenderOptions {
  /** Draw only the sequence of this name (just its diagram: no title, heading or flows). */
  sequence?: string;
}

/**
 * The document as text with a per-line source map:
 * - the `title` first when there is one, then a blank line;
 * - for each sequence — when there are several, or the single one has a name — its
 *   name on a line and a blank line, then the diagram; one blank line between
 *   sequences. The implicit sequence is named by the title, which is already printed:
 *   it gets no second heading;
 * - then the process flows, one chain line each: `Name: User -> Frontend -> Auth Service`
 *   (display names; `→` in Unicode mode), after a blank line.
 * With `sequence`, only that sequence's diagram; nothing when no sequence has that name.
 */
export function renderDocument(model: Model, options: DocumentRenderOptions = {}): RenderedDocument {
  const lines = new LineJoiner();
  const rows: (Span | undefined)[] = [];
  const sequences: string[] = [];
  let tooLarge = false;
  // Blank lines wait until a line follows them: the document ends without one.
  let blanks: (Span | undefined)[] = [];
  const writeBlanks = () => {
    for (const span of blanks) {
      lines.push('');
      rows.push(span);
    }
    blanks = [];
  };
  const push = (line: string, span: Span | undefined) => {
    const trimmed = trimEnd(line);
    if (trimmed === '') {
      blanks.push(span);
      return;
    }
    writeBlanks();
    lines.push(trimmed);
    rows.push(span);
  };
  const diagram = (sequence: Sequence) => {
    const layout = layoutSequence(model, sequence, options);
    // The drawn lines go straight into the document's text (LineJoiner: they die young).
    const d = drawInto(layout, layout.charset, { push });
    tooLarge ||= d.tooLarge;
    sequences.push(sequence.name);
  };
  const all = model.sequences ?? [];

  if (options.sequence !== undefined) {
    const chosen = all.find((s) => s.name === options.sequence);
    if (chosen) diagram(chosen);
    writeBlanks(); // just the diagram, as drawn
    return finish(lines, rows, sequences, tooLarge);
  }

  const title = model.title ?? '';
  if (title) {
    for (const line of textLines(title)) push(line, undefined);
    push('', undefined);
  }
  const headed = all.length > 1 || (all.length === 1 && all[0].name !== '');
  all.forEach((sequence, k) => {
    if (k > 0) push('', undefined);
    if (headed && sequence.name !== '' && !(sequence.implicit && sequence.name === title)) {
      const heading = headingSpan(sequence);
      for (const line of textLines(sequence.name)) push(line, heading);
      push('', undefined);
    }
    diagram(sequence);
  });

  const flows = model.flows ?? [];
  if (flows.length > 0) {
    if (lines.count > 0 && blanks.length === 0) push('', undefined);
    const arrow = options.charset === 'unicode' ? ' → ' : ' -> ';
    for (const flow of flows) {
      const chain = (flow.steps ?? []).map((id) => textLines(model.participantById?.get(id)?.displayName ?? id).join(' ')).join(arrow);
      const name = textLines(flow.name ?? '').join(' ');
      push(name ? `${name}: ${chain}` : chain, flow.span);
    }
  }
  return finish(lines, rows, sequences, tooLarge); // the blank lines still waiting are dropped
}

/** The `sequence NAME [within …]` line (the statement's span covers the whole block). */
function headingSpan(sequence: Sequence): Span | undefined {
  const st = sequence.statement;
  if (!st) return undefined;
  const start = st.keywordSpan?.offset ?? st.span.offset;
  const last = st.within?.span ?? st.name?.span ?? st.keywordSpan;
  return last ? { offset: start, length: last.offset + last.length - start } : st.span;
}

function finish(joiner: LineJoiner, rows: (Span | undefined)[], sequences: string[], tooLarge: boolean): RenderedDocument {
  const joined = joiner.finish();
  const lines = joined.lines;
  let text: string | undefined;
  // The text is joined when first read: the preview's changes need only the lines.
  return {
    get text() {
      text ??= lines.length > 0 ? `${joined.text}\n` : '';
      return text;
    },
    lines,
    rows,
    sequences,
    tooLarge,
  };
}
