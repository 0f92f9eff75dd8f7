/**
 * The whole document as the CLI prints it: the title, each sequence (with its name
 * when there are several or it has one), then the process flows as chain lines.
 */
import type { Span } from '../diagnostics';
import type { Model, Sequence } from '../model';
import { LineJoiner, trimEnd } from '../text';
import { displayWidth, textLines } from '../width';
import { durationMargin, marginColumns, type DurationMargin } from './durations';
import { flowLine, hasHeading } from './headings';
import { headerRowsFor, layoutSequence } from '../layout';
import { drawInto, type LineSink } from './draw';
import type { DrawnRows } from './reuse';
import type { Layout } from '../layout';
import type { Charset, RenderOptions } from './types';

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
  /** Each sequence's layout and where its rows are in `lines` (what a later drawing may reuse). */
  readonly diagrams: readonly DrawnDiagram[];
  /** Rows taken as they were from the drawing `since` instead of drawn again. */
  readonly reusedRows: number;
}

/** A sequence as drawn in a document: its rows are lines firstRow.. of the document. */
export interface DrawnDiagram {
  readonly name: string;
  readonly layout: Layout;
  readonly charset: Charset;
  readonly firstRow: number;
}

export interface DocumentRenderOptions extends RenderOptions {
  /** Draw only the sequence of this name (just its diagram: no title, heading or flows). */
  sequence?: string;
  /**
   * A drawing of an earlier version of the document: the rows of a sequence that are laid out as
   * they were there (same columns, same row) are taken from it instead of drawn again. The result
   * is the same as without it, only faster when little changed (the preview, as you type).
   */
  since?: RenderedDocument;
  /** Time on the diagram (v2): each `takes` in a right-hand margin, and the critical path's line. */
  durations?: boolean;
}

/**
 * The document as text with a per-line source map:
 * - the `title` first when there is one, then a blank line;
 * - for each sequence — when there are several, or the single one has a name — its
 *   name on a line and a blank line, then the diagram; one blank line between
 *   sequences. A sequence named like the title (the implicit one, or the only one) gets no
 *   second heading;
 * - then the process flows, one chain line each: `Name: User -> Frontend -> Auth Service`
 *   (display names; `→` in Unicode mode), after a blank line.
 * With `sequence`, only that sequence's diagram; nothing when no sequence has that name.
 */
export function renderDocument(model: Model, options: DocumentRenderOptions = {}): RenderedDocument {
  const lines = new LineJoiner();
  const rows: (Span | undefined)[] = [];
  const sequences: string[] = [];
  const diagrams: DrawnDiagram[] = [];
  let tooLarge = false;
  let reusedRows = 0;
  /** Lines pushed so far, blank ones waiting included: the index the next line will have. */
  let pushed = 0;
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
    pushed++;
    const trimmed = trimEnd(line);
    if (trimmed === '') {
      blanks.push(span);
      return;
    }
    writeBlanks();
    lines.push(trimmed);
    rows.push(span);
  };
  const reuse = (line: string, span: Span | undefined) => {
    if (line === '') return push(line, span);
    pushed++;
    writeBlanks();
    lines.keep(line);
    rows.push(span);
  };
  const diagram = (sequence: Sequence) => {
    const layout = layoutSequence(model, sequence, options);
    const start = pushed;
    const margin = options.durations ? durationMargin(sequence, layout) : undefined;
    // The drawn lines go straight into the document's text (LineJoiner: they die young).
    const sink = margin ? withMargin(margin, headerRowsOf(layout), push) : { push, reuse };
    const before = margin ? undefined : options.since && drawnBefore(options.since, sequence.name, diagrams.length);
    const d = drawInto(layout, layout.charset, sink, before, margin ? marginColumns(margin, layout.width) : 0);
    if (margin?.closing && !d.tooLarge) push(margin.closing, headingSpan(sequence));
    tooLarge ||= d.tooLarge;
    reusedRows += d.reused;
    sequences.push(sequence.name);
    if (!d.tooLarge) diagrams.push({ name: sequence.name, layout, charset: layout.charset, firstRow: start + d.headerRows });
  };
  const all = model.sequences;

  if (options.sequence !== undefined) {
    const chosen = all.find((s) => s.name === options.sequence);
    if (chosen) diagram(chosen);
    writeBlanks(); // just the diagram, as drawn
    return finish(lines, rows, sequences, tooLarge, diagrams, reusedRows);
  }

  const title = model.title ?? '';
  if (title) {
    for (const line of textLines(title)) push(line, undefined);
    push('', undefined);
  }
  all.forEach((sequence, k) => {
    if (k > 0) push('', undefined);
    if (hasHeading(model, sequence)) {
      const heading = headingSpan(sequence);
      for (const line of textLines(sequence.name)) push(line, heading);
      push('', undefined);
    }
    diagram(sequence);
  });

  const flows = model.flows;
  if (flows.length > 0) {
    if (lines.count > 0 && blanks.length === 0) push('', undefined);
    const arrow = options.charset === 'unicode' ? ' → ' : ' -> ';
    for (const flow of flows) push(flowLine(model, flow, arrow), flow.span);
  }
  return finish(lines, rows, sequences, tooLarge, diagrams, reusedRows); // the blank lines still waiting are dropped
}

/** Rows the header takes in the layout's charset (the participant boxes' border included). */
function headerRowsOf(layout: Layout): number {
  return headerRowsFor(layout.charset, layout.nameLines, layout.lifelines.length) + (layout.boxes?.length ? 1 : 0);
}

/** A sink that writes each row's margin text (`--durations`) after it, at the margin's column. */
function withMargin(margin: DurationMargin, headerRows: number, push: (line: string, span: Span | undefined) => void): LineSink {
  let k = 0;
  return {
    push(line, span) {
      const text = margin.rows.get(k++ - headerRows);
      if (text === undefined) return push(line, span);
      const width = displayWidth(line);
      push(`${line}${' '.repeat(Math.max(1, margin.column - width))}${text}`, span);
    },
  };
}

/** The `sequence NAME [within …]` line (the statement's span covers the whole block). */
function headingSpan(sequence: Sequence): Span | undefined {
  const st = sequence.statement;
  if (!st) return undefined;
  const start = st.keywordSpan?.offset ?? st.span.offset;
  const last = st.within?.span ?? st.name?.span ?? st.keywordSpan;
  return last ? { offset: start, length: last.offset + last.length - start } : st.span;
}

/**
 * The rows of a sequence as the drawing `doc` drew them: the sequence of that name, else the
 * one drawn at the same place (a sequence being renamed).
 */
function drawnBefore(doc: RenderedDocument, name: string, place: number): DrawnRows | undefined {
  const d = doc.diagrams.find((x) => x.name === name) ?? doc.diagrams[place];
  if (!d) return undefined;
  const lines = doc.lines;
  // Blank rows at the very end of a document are not printed: they drew ''.
  return { layout: d.layout, charset: d.charset, line: (i) => lines[d.firstRow + i] ?? '' };
}

function finish(
  joiner: LineJoiner,
  rows: (Span | undefined)[],
  sequences: string[],
  tooLarge: boolean,
  diagrams: DrawnDiagram[],
  reusedRows: number,
): RenderedDocument {
  const joined = joiner.finish();
  let text: string | undefined;
  // The text and the lines are made when first read: the preview's changes need only the
  // lines, the command line only the text.
  return {
    get text() {
      text ??= joined.count > 0 ? `${joined.text}\n` : '';
      return text;
    },
    get lines() {
      return joined.lines;
    },
    rows,
    sequences,
    tooLarge,
    diagrams,
    reusedRows,
  };
}
