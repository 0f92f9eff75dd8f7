/**
 * The drawer: turns a layout into lines of text with one charset's glyphs.
 * Each row is drawn on a cell buffer (one string per terminal cell; a wide
 * character takes its cell and leaves '' in the next), starting from a cached
 * row of bare lifelines and frame sides, then overlaying the row's content.
 */
import { glyphsFor, headCells, headerRowsFor, labelStart, layoutSequence, type Layout, type LayoutRow, type RowState } from '../layout';
import type { Model, Sequence } from '../model';
import { graphemes, type MeasuredText } from '../width';
import { headOf, isBoxHeader, isDotted, type Glyphs } from './glyphs';
import { TOO_LARGE_NOTICE, type Charset, type RenderedDiagram, type RenderOptions } from './types';
import type { Span } from '../diagnostics';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A row being drawn. Rows start from a base (bare lifelines and frame sides) and overlay a
 * little content, so the canvas keeps one cell buffer, remembers which columns a row wrote,
 * restores only those for the next row on the same base, and builds the line from the
 * base's text around the written columns: the work per row follows what is drawn on it,
 * not the drawing's width (a 3,000-message diagram is ~1,000 columns wide).
 */
class Canvas {
  private cells: string[] = [];
  /** The base the cells started from. */
  private base: BaseRow = new BaseRow('', []);
  /** Columns written since `start` (lo..hi inclusive; none when lo > hi). */
  private lo = 0;
  private hi = -1;
  private blankRow: BaseRow | undefined;

  constructor(readonly width: number) {}

  start(base: BaseRow): void {
    const from = base.text ?? base.cells;
    if (base === this.base) {
      const cells = this.cells;
      const end = Math.min(this.hi, from.length - 1);
      for (let c = this.lo; c <= end; c++) cells[c] = from[c];
      cells.length = from.length;
    } else {
      this.cells = typeof from === 'string' ? from.split('') : from.slice();
      this.base = base;
    }
    this.lo = Number.MAX_SAFE_INTEGER;
    this.hi = -1;
  }

  blank(): void {
    this.start((this.blankRow ??= baseRow(new Array<string>(this.width).fill(' '))));
  }

  private touch(from: number, to: number): void {
    if (from < this.lo) this.lo = from;
    if (to > this.hi) this.hi = to;
  }

  /** Before overwriting cell c: blank whatever is left of a wide character that covers it. */
  private release(c: number): void {
    const cells = this.cells;
    if (cells[c] === '') {
      let k = c - 1;
      while (k >= 0 && cells[k] === '') cells[k--] = ' ';
      if (k >= 0) cells[k] = ' ';
      this.touch(Math.max(0, k), c);
    }
    let k = c + 1;
    for (; k < cells.length && cells[k] === ''; k++) cells[k] = ' ';
    this.touch(c, k - 1);
  }

  /** One glyph (or grapheme) of `width` cells at column c. */
  put(c: number, s: string, width = 1): void {
    if (c < 0) return;
    const cells = this.cells;
    while (cells.length < c + width) cells.push(' ');
    for (let k = 0; k < width; k++) this.release(c + k);
    cells[c] = s;
    for (let k = 1; k < width; k++) cells[c + k] = '';
    this.touch(c, c + width - 1);
  }

  /** The same glyph on columns from..to (inclusive). */
  fill(from: number, to: number, s: string): void {
    for (let c = Math.max(0, from); c <= to; c++) this.put(c, s);
  }

  /** A glyph string (e.g. a two-cell arrow head), one cell per UTF-16 unit (all glyphs are BMP). */
  glyphs(c: number, s: string): void {
    for (let k = 0; k < s.length; k++) this.put(c + k, s[k]);
  }

  /** User text starting at column c; zero-width clusters stay with their neighbour. */
  text(c: number, t: MeasuredText): void {
    if (c < 0) return;
    if (PRINTABLE_ASCII.test(t.text)) {
      for (let k = 0; k < t.text.length; k++) this.put(c + k, t.text[k]);
      return;
    }
    let col = c;
    let last = -1;
    let pending = '';
    for (const g of graphemes(t.text)) {
      if (g.width === 0) {
        if (last >= 0) this.cells[last] += g.text;
        else pending += g.text;
        continue;
      }
      this.put(col, pending + g.text, g.width);
      pending = '';
      last = col;
      col += g.width;
    }
    if (pending && last < 0 && c < this.cells.length && this.cells[c] !== '') {
      this.cells[c] = pending + this.cells[c];
      this.touch(c, c);
    }
  }

  finish(): string {
    const { cells, lo, hi } = this;
    const baseText = this.base.text;
    if (baseText === undefined) return cells.join('').trimEnd();
    if (hi < lo) return this.base.trimmed ?? baseText.trimEnd();
    const end = Math.min(hi + 1, cells.length);
    return (baseText.slice(0, lo) + cells.slice(lo, end).join('') + baseText.slice(end)).trimEnd();
  }
}

/** Draws a layout in either charset (the layout's own by default). */
export function drawLayout(layout: Layout, charset: Charset = layout.charset): RenderedDiagram {
  // A layout given up early (certainly too large) has no rows, only its estimate.
  const rowCount = layout.rows.length > 0 ? headerRowsFor(charset, layout.nameLines, layout.lifelines.length) + layout.rows.length : layout.rowCount;
  if (rowCount > layout.limits.maxRows || layout.width > layout.limits.maxColumns) {
    return { lines: [TOO_LARGE_NOTICE(rowCount, layout.width, layout.limits)], rows: [undefined], tooLarge: true, headerRows: 0, columns: [] };
  }
  const g = glyphsFor(charset);
  const columns = layout.lifelines.map((l) => l.column);
  const canvas = new Canvas(layout.width);
  const lines: string[] = [];
  const rows: (Span | undefined)[] = [];

  const headerRows = drawHeader(layout, g, canvas, lines);
  for (let i = 0; i < headerRows; i++) rows.push(undefined);

  const bases = new BaseRows(layout, g, columns);
  const runs = new Runs();
  for (const row of layout.rows) {
    if (row.kind === 'divider') canvas.blank();
    else {
      const base = bases.of(row.state, row.kind === 'delay');
      // Most rows are arrows with plain labels: drawn straight into the base row's text.
      const line = row.kind === 'arrow' ? arrowLine(base, row, g, columns, runs) : undefined;
      if (line !== undefined) {
        lines.push(line);
        rows.push(row.span);
        continue;
      }
      canvas.start(base);
    }
    drawRow(row, g, canvas, columns, layout.width);
    lines.push(canvas.finish());
    rows.push(row.span);
  }
  return { lines, rows, tooLarge: false, headerRows, columns };
}

/** A row to start drawing from: its text when every cell is one UTF-16 unit (glyphs are), else its cells. */
class BaseRow {
  /** The text without trailing blanks (what a row that draws nothing prints). */
  readonly trimmed: string | undefined;

  constructor(
    readonly text: string | undefined,
    readonly cells: readonly string[] = [],
  ) {
    this.trimmed = text?.trimEnd();
  }
}

function baseRow(cells: readonly string[]): BaseRow {
  return new BaseRow(cells.every((cell) => cell.length === 1) ? cells.join('') : undefined, cells);
}

/** Runs of one glyph, flat strings cut to length (`repeat` builds a rope, slow to print). */
class Runs {
  private readonly cache = new Map<string, string>();

  of(glyph: string, n: number): string {
    if (n <= 0) return '';
    let run = this.cache.get(glyph);
    if (run === undefined || run.length < n * glyph.length) {
      run = new Array<string>(Math.max(n, 256) + 1).join(glyph);
      this.cache.set(glyph, run);
    }
    return run.slice(0, n * glyph.length);
  }
}

/**
 * An arrow row drawn as text: the base's text with the span between the lifelines
 * replaced by body, head and label — exactly what drawRow draws on the canvas, without
 * touching a cell. Undefined when the shortcut does not apply (a label that is not plain
 * printable ASCII, or that would overlap the head or leave the span): the canvas draws those.
 */
function arrowLine(base: BaseRow, row: LayoutRow & { kind: 'arrow' }, g: Glyphs, columns: readonly number[], runs: Runs): string | undefined {
  const text = base.text;
  if (text === undefined || !PRINTABLE_ASCII.test(row.text.text)) return undefined;
  const a = columns[row.from];
  const b = columns[row.to];
  const left = Math.min(a, b);
  const right = Math.max(a, b);
  const heads = headOf(g, row.arrow);
  const head = b > a ? heads.right : heads.left;
  const body = isDotted(row.arrow) ? g.dotted : g.solid;
  const inner = right - left - 1;
  const label = row.text.text;
  const start = labelStart(a, b, headCells(row.arrow), row.text.width) - (left + 1);
  const headAt = b > a ? inner - head.length : 0;
  if (left < 0 || right > text.length || body.length !== 1 || head.length > inner || start < 0 || start + label.length > inner) return undefined;
  if (label.length > 0 && start < headAt + head.length && headAt < start + label.length) return undefined;
  // Body everywhere, then the head, then the label over it (the canvas's order).
  const parts = headAt < start ? [[headAt, head], [start, label]] as const : [[start, label], [headAt, head]] as const;
  let middle = '';
  let at = 0;
  for (const [from, piece] of parts) {
    if (piece.length === 0) continue;
    middle += runs.of(body, from - at) + piece;
    at = from + piece.length;
  }
  middle += runs.of(body, inner - at);
  // The base's text past the span, without its trailing blanks: (x + rest).trimEnd() is
  // x + rest.trimEnd() when rest has something drawn, else x.trimEnd().
  const trimmed = base.trimmed ?? text.trimEnd();
  const line = text.slice(0, left + 1) + middle;
  return right < trimmed.length ? line + trimmed.slice(right) : line.trimEnd();
}

/** Rows of bare lifelines (and frame sides), one per distinct state, kept while they are reused. */
class BaseRows {
  private cache = new Map<RowState, BaseRow>();
  private delayCache = new Map<RowState, BaseRow>();

  constructor(
    private readonly layout: Layout,
    private readonly g: Glyphs,
    private readonly columns: readonly number[],
  ) {}

  of(state: RowState, delay: boolean): BaseRow {
    const cache = delay ? this.delayCache : this.cache;
    let base = cache.get(state);
    if (!base) {
      if (cache.size > 256) cache.clear();
      base = this.build(state, delay);
      cache.set(state, base);
    }
    return base;
  }

  /** The row as text, from the columns that hold a glyph; blanks between them. */
  private build(state: RowState, delay: boolean): BaseRow {
    const width = this.layout.width;
    const marks: { c: number; s: string }[] = [];
    this.columns.forEach((c, i) => {
      if (!state.ended.has(i)) marks.push({ c, s: delay ? this.g.delay : state.active.has(i) ? this.g.active : this.g.lifeline });
    });
    for (const f of state.frames) {
      if (f.left >= 0 && f.left < width) marks.push({ c: f.left, s: this.g.frame.vertical });
      if (f.right >= 0 && f.right < width) marks.push({ c: f.right, s: this.g.frame.vertical });
    }
    if (marks.some((m) => m.s.length !== 1 || m.c < 0 || m.c >= width)) return baseRow(this.cells(state, delay));
    // Stable: on one column the later mark wins (a frame side over a lifeline), as in `cells`.
    marks.sort((x, y) => x.c - y.c);
    let text = '';
    let at = 0;
    for (let k = 0; k < marks.length; k++) {
      const { c, s } = marks[k];
      if (k + 1 < marks.length && marks[k + 1].c === c) continue;
      text += this.blanks.of(' ', c - at) + s;
      at = c + 1;
    }
    return new BaseRow(text + this.blanks.of(' ', width - at));
  }

  private readonly blanks = new Runs();

  /** The row cell by cell (for glyphs that are not one UTF-16 unit). */
  private cells(state: RowState, delay: boolean): string[] {
    const cells = new Array<string>(this.layout.width).fill(' ');
    this.columns.forEach((c, i) => {
      if (!state.ended.has(i)) cells[c] = delay ? this.g.delay : state.active.has(i) ? this.g.active : this.g.lifeline;
    });
    for (const f of state.frames) {
      if (f.left >= 0 && f.left < cells.length) cells[f.left] = this.g.frame.vertical;
      if (f.right >= 0 && f.right < cells.length) cells[f.right] = this.g.frame.vertical;
    }
    return cells;
  }
}

/** The header boxes, bottom-aligned: ASCII `[name]` one row per line; Unicode a box of lines + 2 rows. */
function drawHeader(layout: Layout, g: Glyphs, canvas: Canvas, lines: string[]): number {
  if (layout.lifelines.length === 0) return 0;
  const maxLines = layout.lifelines.reduce((m, l) => Math.max(m, l.box.lines.length), 0);
  const h = g.header;
  const boxed = isBoxHeader(h);
  const height = boxed ? maxLines + 2 : maxLines;
  for (let r = 0; r < height; r++) {
    canvas.blank();
    for (const { column, box } of layout.lifelines) {
      const k = box.lines.length;
      const right = box.left + box.width - 1;
      const line = (i: number) => {
        const t = box.lines[i];
        canvas.text(box.left + 1 + Math.floor((box.width - 2 - t.width) / 2), t);
      };
      if (!boxed) {
        const i = r - (height - k);
        if (i < 0) continue;
        canvas.put(box.left, h.open);
        line(i);
        canvas.put(right, h.close);
      } else {
        const top = height - k - 2;
        if (r < top) continue;
        if (r === top || r === height - 1) {
          const last = r === height - 1;
          canvas.put(box.left, last ? h.bottomLeft : h.topLeft);
          canvas.fill(box.left + 1, right - 1, h.horizontal);
          canvas.put(right, last ? h.bottomRight : h.topRight);
          if (last) canvas.put(column, h.tee);
        } else {
          canvas.put(box.left, h.vertical);
          line(r - top - 1);
          canvas.put(right, h.vertical);
        }
      }
    }
    lines.push(canvas.finish());
  }
  return height;
}

function drawRow(row: LayoutRow, g: Glyphs, canvas: Canvas, columns: readonly number[], width: number): void {
  switch (row.kind) {
    case 'lifelines':
      return;
    case 'label': {
      const a = columns[row.from];
      const b = columns[row.to];
      canvas.text(labelStart(a, b, headCells(row.arrow), row.text.width), row.text);
      return;
    }
    case 'arrow': {
      const a = columns[row.from];
      const b = columns[row.to];
      const left = Math.min(a, b);
      const right = Math.max(a, b);
      const heads = headOf(g, row.arrow);
      canvas.fill(left + 1, right - 1, isDotted(row.arrow) ? g.dotted : g.solid);
      if (b > a) canvas.glyphs(right - heads.right.length, heads.right);
      else canvas.glyphs(left + 1, heads.left);
      canvas.text(labelStart(a, b, headCells(row.arrow), row.text.width), row.text);
      return;
    }
    case 'self-top': {
      const c = columns[row.lifeline];
      canvas.fill(c + 1, c + 3, isDotted(row.arrow) ? g.dotted : g.solid);
      canvas.put(c + 4, g.loopTop);
      return;
    }
    case 'self-label': {
      const c = columns[row.lifeline];
      canvas.put(c + 4, isDotted(row.arrow) ? g.loopSideDotted : g.loopSide);
      canvas.text(c + 6, row.text);
      return;
    }
    case 'self-bottom': {
      const c = columns[row.lifeline];
      const head = headOf(g, row.arrow).left;
      canvas.glyphs(c + 1, head);
      canvas.fill(c + 1 + head.length, c + 3, isDotted(row.arrow) ? g.dotted : g.solid);
      canvas.put(c + 4, g.loopBottom);
      return;
    }
    case 'destroy':
      for (const i of row.lifelines) canvas.put(columns[i], g.destroyed);
      return;
    case 'note-top':
    case 'note-bottom': {
      const { left, right } = row.note;
      const top = row.kind === 'note-top';
      canvas.put(left, top ? g.note.topLeft : g.note.bottomLeft);
      canvas.fill(left + 1, right - 1, g.note.horizontal);
      canvas.put(right, top ? g.note.topRight : g.note.bottomRight);
      return;
    }
    case 'note-text': {
      const { left, right, textLeft } = row.note;
      canvas.put(left, g.note.vertical);
      canvas.fill(left + 1, right - 1, ' ');
      canvas.put(right, g.note.vertical);
      canvas.text(textLeft, row.text);
      return;
    }
    case 'frame-top':
    case 'frame-separator': {
      const { left, right } = row.frame;
      const f = g.frame;
      if (row.kind === 'frame-top') {
        canvas.put(left, f.topLeft);
        canvas.fill(left + 1, right - 1, f.horizontal);
        canvas.put(right, f.topRight);
      } else {
        canvas.put(left, f.sepLeft);
        for (let c = left + 1; c < right; c++) canvas.put(c, (c - left) % 2 === 1 ? f.sepFill : f.sepGap);
        canvas.put(right, f.sepRight);
      }
      if (row.title) {
        // `+-[alt cond]---+` on top; `+- - [else cond] - -+` on a separator.
        const open = row.kind === 'frame-top' ? left + 2 : left + 5;
        const close = open + 1 + row.title.width;
        canvas.put(open, '[');
        canvas.text(open + 1, row.title);
        canvas.put(close, ']');
        // A separator's dashes after the title count from the right corner, so it ends `- -+`.
        if (row.kind === 'frame-separator') {
          for (let c = close + 1; c < right; c++) canvas.put(c, (right - c) % 2 === 1 ? f.sepFill : f.sepGap);
        }
      }
      return;
    }
    case 'frame-bottom': {
      const { left, right } = row.frame;
      canvas.put(left, g.frame.bottomLeft);
      canvas.fill(left + 1, right - 1, g.frame.horizontal);
      canvas.put(right, g.frame.bottomRight);
      return;
    }
    case 'divider': {
      canvas.fill(0, width - 1, g.divider);
      if (row.text.width > 0) {
        const start = Math.max(0, Math.floor((width - row.text.width - 2) / 2));
        canvas.put(start, ' ');
        canvas.text(start + 1, row.text);
        canvas.put(start + 1 + row.text.width, ' ');
      }
      return;
    }
    case 'delay':
      canvas.text(row.column, row.text);
      return;
  }
}

/** Lays out and draws one sequence. */
export function renderSequence(model: Model, sequence: Sequence, options: RenderOptions = {}): RenderedDiagram {
  const layout = layoutSequence(model, sequence, options);
  return drawLayout(layout, layout.charset);
}
