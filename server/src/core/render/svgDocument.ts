/**
 * The whole document as one picture, stacked as `renderDocument` stacks the text: the title,
 * each sequence under its name, then the process flows. Every text line has its row, so the
 * picture's row r is the text's line r.
 */
import type { Model, Sequence } from '../model';
import { layoutSequence } from '../layout';
import { measure, textLines, type MeasuredText } from '../width';
import { drawSvg, type SvgOptions } from './svg';
import { durationMargin } from './durations';
import { text } from './svgShapes';
import { CELL_HEIGHT, fmt, svgFile, type SvgTheme } from './svgStyle';
import type { RenderOptions } from './types';

export interface SvgDocumentOptions extends Omit<RenderOptions, 'charset'> {
  /** Draw only the sequence of this name (its diagram alone, as `render --sequence`). */
  readonly sequence?: string;
  readonly theme?: SvgTheme;
  /** Time on the diagram (v2): each `takes` in a right-hand margin and the critical path's line, as `renderDocument` prints them. */
  readonly durations?: boolean;
}

/** The document as an SVG file: what `lifeline render --format svg` prints. */
export function renderSvgDocument(model: Model, options: SvgDocumentOptions = {}): string {
  const stack = new Stack(model, options);
  const all = model.sequences ?? [];
  if (options.sequence !== undefined) {
    const chosen = all.find((s) => s.name === options.sequence);
    if (chosen) stack.diagram(chosen);
    return stack.finish(chosen ? chosen.name : options.sequence);
  }
  const title = model.title ?? '';
  if (title) {
    for (const line of textLines(title)) stack.line(line, 'll-heading');
    stack.blank();
  }
  const headed = all.length > 1 || (all.length === 1 && all[0].name !== '');
  all.forEach((sequence, k) => {
    if (k > 0) stack.blank();
    if (headed && sequence.name !== '' && !(sequence.name === title && (sequence.implicit || all.length === 1))) {
      for (const line of textLines(sequence.name)) stack.line(line, 'll-heading');
      stack.blank();
    }
    stack.diagram(sequence);
  });
  const flows = model.flows ?? [];
  if (flows.length > 0) {
    if (stack.rows > 0 && stack.blanks === 0) stack.blank();
    for (const flow of flows) {
      const chain = (flow.steps ?? []).map((id) => textLines(model.participantById?.get(id)?.displayName ?? id).join(' ')).join(' → ');
      const name = textLines(flow.name ?? '').join(' ');
      stack.line(name ? `${name}: ${chain}` : chain, 'll-flow');
    }
  }
  const names = all.map((s) => s.name).filter((s) => s !== '');
  return stack.finish(title || names.join(', '));
}

/** One sequence as an SVG file: its diagram alone (the export's pictures). */
export function renderSvgSequence(model: Model, sequence: Sequence, options: SvgDocumentOptions = {}): string {
  const stack = new Stack(model, options);
  stack.diagram(sequence);
  return stack.finish(sequence.name);
}

/** Rows stacked top to bottom; blank rows wait until something follows them, as in the text. */
class Stack {
  rows = 0;
  blanks = 0;
  columns = 0;
  private body = '';
  private readonly kindOf: SvgOptions['kindOf'];

  constructor(
    private readonly model: Model,
    private readonly options: SvgDocumentOptions,
  ) {
    this.kindOf = (id) => model.participantById?.get(id)?.kind;
  }

  blank(): void {
    this.blanks++;
  }

  line(line: string, cls: string): void {
    const t: MeasuredText = measure(line);
    if (t.width === 0) return this.blank();
    this.rows += this.blanks;
    this.blanks = 0;
    this.body += text(cls, [{ column: 0, row: this.rows, text: t }]);
    this.columns = Math.max(this.columns, t.width);
    this.rows++;
  }

  diagram(sequence: Sequence): void {
    const layout = layoutSequence(this.model, sequence, { ...this.options, charset: 'ascii' });
    const d = drawSvg(layout, this.kindOf);
    if (d.rows === 0 || d.body === '') return;
    this.rows += this.blanks;
    this.blanks = 0;
    // The durations margin (v2): each text on its row, at the column the text output puts it.
    const margin = this.options.durations && !d.tooLarge ? durationMargin(sequence, layout) : undefined;
    let body = d.body;
    let columns = d.columns;
    for (const [i, line] of margin?.rows ?? []) {
      const t = measure(line);
      body += text('ll-duration', [{ column: margin!.column, row: d.headerRows + i, text: t }]);
      columns = Math.max(columns, margin!.column + t.width);
    }
    this.body += this.rows === 0 ? `<g>\n${body}</g>\n` : `<g transform="translate(0,${fmt(this.rows * CELL_HEIGHT)})">\n${body}</g>\n`;
    this.columns = Math.max(this.columns, columns);
    this.rows += d.rows;
    if (margin?.closing) this.line(margin.closing, 'll-duration');
  }

  finish(title: string): string {
    const heading = textLines(title).join(' ').trim();
    return svgFile({
      columns: this.columns,
      rows: this.rows,
      body: this.body,
      title: heading ? `Sequence diagram: ${heading}` : 'Sequence diagram',
      theme: this.options.theme ?? 'light',
    });
  }
}
