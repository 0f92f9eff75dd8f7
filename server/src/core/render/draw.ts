/**
 * The drawer: turns a layout into lines of text with one charset's glyphs.
 * Each row is drawn on a cell buffer (one string per terminal cell; a wide
 * character takes its cell and leaves '' in the next), starting from a cached
 * row of bare lifelines and frame sides, then overlaying the row's content.
 */
import { glyphsFor, headCells, headerRowsFor, labelStart, layoutSequence, numberedText, type Layout, type LayoutRow, type RowState } from '../layout';
import type { Model, Sequence } from '../model';
import { graphemes, type MeasuredText } from '../width';
import { headOf, isBoxHeader, isDotted, type Glyphs } from './glyphs';
import { TOO_LARGE_NOTICE, type Charset, type RenderedDiagram, type RenderOptions } from './types';
import type { Span } from '../diagnostics';
import { LineJoiner, trimEnd } from '../text';
import { reusableRows, type DrawnRows } from './reuse';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A row being drawn. Rows start from a base (bare lifelines and frame sides, as text) and
 * overlay a little content. While every cell is one UTF-16 unit — glyphs and printable
 * ASCII text — the row stays its base text plus a list of pieces painted over it, composed
 * once at the end, so a row costs a few string slices, not a loop over the drawing's width
 * (a 3,000-message diagram is ~1,000 columns wide). Text with wide characters or combining
 * marks turns the row into cells (one string per terminal cell; a wide character takes its
 * cell and leaves '' in the next), drawn as before.
 */
class Canvas {
  /** The base text, while in text mode. */
  private line: string | undefined = '';
  /** Text mode: the pieces painted over the base, in order (a later one covers an earlier one). */
  private pieces: { readonly at: number; readonly text: string }[] = [];
  /** The row as cells, once in cell mode. */
  private cells: string[] = [];
  private readonly runs = new Runs();

  constructor(readonly width: number) {}

  start(base: BaseRow): void {
    this.pieces = [];
    if (base.text !== undefined) this.line = base.text;
    else {
      this.line = undefined;
      this.cells = base.cells.slice();
    }
  }

  blank(): void {
    this.pieces = [];
    this.line = this.runs.of(' ', this.width);
  }

  /**
   * Text mode: `text` (one cell per UTF-16 unit) over columns c.. (the row grows with blanks
   * to hold it). Past a few pieces (a dashed separator is one piece per cell) the row turns
   * into cells, where each piece costs its length.
   */
  private splice(c: number, text: string): void {
    if (this.pieces.length < 8) this.pieces.push({ at: c, text });
    else paint(this.toCells(), c, text);
  }

  /**
   * The text-mode row without trailing blanks: the base with the pieces over it, the last
   * piece on top. Built from slices of the base and the pieces and trimmed piece by piece, so
   * that the row is never copied whole (the document's text copies it once, when joined).
   */
  private compose(): string {
    const base = this.line as string;
    const pieces = this.pieces;
    if (pieces.length === 0) return trimEnd(base);
    const cuts = [0, base.length];
    for (const p of pieces) cuts.push(p.at, p.at + p.text.length);
    cuts.sort((x, y) => x - y);
    const parts: string[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i];
      const b = cuts[i + 1];
      if (a === b) continue;
      let k = pieces.length - 1;
      while (k >= 0 && !(pieces[k].at <= a && b <= pieces[k].at + pieces[k].text.length)) k--;
      if (k >= 0) parts.push(pieces[k].text.slice(a - pieces[k].at, b - pieces[k].at));
      else parts.push(a < base.length ? base.slice(a, Math.min(b, base.length)) + this.runs.of(' ', b - Math.max(a, base.length)) : this.runs.of(' ', b - a));
    }
    // Trailing blanks: drop the parts that are all blank, trim the last one left.
    while (parts.length > 0) {
      const last = trimEnd(parts[parts.length - 1]);
      if (last.length > 0) {
        parts[parts.length - 1] = last;
        break;
      }
      parts.pop();
    }
    let out = '';
    for (const part of parts) out += part;
    return out;
  }

  /** Leaves text mode: the row as cells from here on. */
  private toCells(): string[] {
    if (this.line !== undefined) {
      const cells = this.line.split('');
      for (const p of this.pieces) paint(cells, p.at, p.text);
      this.cells = cells;
      this.line = undefined;
      this.pieces = [];
    }
    return this.cells;
  }

  /** Before overwriting cell c: blank whatever is left of a wide character that covers it. */
  private release(c: number): void {
    const cells = this.cells;
    if (cells[c] === '') {
      let k = c - 1;
      while (k >= 0 && cells[k] === '') cells[k--] = ' ';
      if (k >= 0) cells[k] = ' ';
    }
    for (let k = c + 1; k < cells.length && cells[k] === ''; k++) cells[k] = ' ';
  }

  /** One glyph (or grapheme) of `width` cells at column c. */
  put(c: number, s: string, width = 1): void {
    if (c < 0) return;
    if (this.line !== undefined && width === 1 && s.length === 1) return this.splice(c, s);
    const cells = this.toCells();
    while (cells.length < c + width) cells.push(' ');
    for (let k = 0; k < width; k++) this.release(c + k);
    cells[c] = s;
    for (let k = 1; k < width; k++) cells[c + k] = '';
  }

  /** The same glyph on columns from..to (inclusive). */
  fill(from: number, to: number, s: string): void {
    const start = Math.max(0, from);
    if (this.line !== undefined && s.length === 1) {
      if (to >= start) this.splice(start, this.runs.of(s, to - start + 1));
      return;
    }
    for (let c = start; c <= to; c++) this.put(c, s);
  }

  /** A glyph string (e.g. a two-cell arrow head), one cell per UTF-16 unit (all glyphs are BMP). */
  glyphs(c: number, s: string): void {
    if (this.line !== undefined && c >= 0) return this.splice(c, s);
    for (let k = 0; k < s.length; k++) this.put(c + k, s[k]);
  }

  /** User text starting at column c; zero-width clusters stay with their neighbour. */
  text(c: number, t: MeasuredText): void {
    if (c < 0) return;
    if (PRINTABLE_ASCII.test(t.text)) {
      if (this.line !== undefined) return this.splice(c, t.text);
      for (let k = 0; k < t.text.length; k++) this.put(c + k, t.text[k]);
      return;
    }
    const cells = this.toCells();
    let col = c;
    let last = -1;
    let pending = '';
    for (const g of graphemes(t.text)) {
      if (g.width === 0) {
        if (last >= 0) cells[last] += g.text;
        else pending += g.text;
        continue;
      }
      this.put(col, pending + g.text, g.width);
      pending = '';
      last = col;
      col += g.width;
    }
    if (pending && last < 0 && c < cells.length && cells[c] !== '') cells[c] = pending + cells[c];
  }

  finish(): string {
    return this.line !== undefined ? this.compose() : this.cells.join('').trimEnd();
  }
}

/** Writes `text` (one cell per UTF-16 unit) into cells from column c, growing them with blanks. */
function paint(cells: string[], c: number, text: string): void {
  while (cells.length < c + text.length) cells.push(' ');
  for (let k = 0; k < text.length; k++) cells[c + k] = text[k];
}

/** Draws a layout in either charset (the layout's own by default). */
export function drawLayout(layout: Layout, charset: Charset = layout.charset): RenderedDiagram {
  const lines = new LineJoiner();
  const rows: (Span | undefined)[] = [];
  const drawn = drawInto(layout, charset, {
    push(line, span) {
      lines.push(line);
      rows.push(span);
    },
  });
  return { tooLarge: drawn.tooLarge, headerRows: drawn.headerRows, columns: drawn.columns, lines: lines.finish().lines, rows };
}

/** Where drawn lines go, each with the source span it came from (undefined for header and bare rows). */
export interface LineSink {
  push(line: string, span: Span | undefined): void;
  /** A line taken from an earlier drawing (a flat string, without trailing blanks); `push` when absent. */
  reuse?(line: string, span: Span | undefined): void;
}

/**
 * Draws a layout line by line into `out`: what `drawLayout` returns, without the lines (a
 * caller that joins them into a larger text takes them as they come: see `LineJoiner`).
 * With `before`, a drawing of an earlier layout of the same sequence, its first and last rows
 * that are still the same are taken from it as drawn (see `reuse.ts`).
 */
export function drawInto(layout: Layout, charset: Charset, out: LineSink, before?: DrawnRows): DrawnInto {
  // A layout given up early (certainly too large) has no rows, only its estimate.
  const rowCount = layout.rows.length > 0 ? headerRowsFor(charset, layout.nameLines, layout.lifelines.length) + layout.rows.length : layout.rowCount;
  if (rowCount > layout.limits.maxRows || layout.width > layout.limits.maxColumns) {
    out.push(TOO_LARGE_NOTICE(rowCount, layout.width, layout.limits), undefined);
    return { tooLarge: true, headerRows: 0, columns: [], reused: 0 };
  }
  const g = glyphsFor(charset);
  const columns = layout.lifelines.map((l) => l.column);
  const canvas = new Canvas(layout.width);
  const headerRows = drawHeader(layout, g, canvas, out);

  const bases = new BaseRows(layout, g, columns);
  const runs = new Runs();
  const rows = layout.rows;
  const { head, tail } = reusableRows(before, layout, charset);
  // The rows in the middle are drawn; the first `head` and the last `tail` rows were drawn before.
  const shift = before ? before.layout.rows.length - rows.length : 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (before && (i < head || i >= rows.length - tail)) {
      const line = before.line(i < head ? i : i + shift);
      if (out.reuse) out.reuse(line, row.span);
      else out.push(line, row.span);
      continue;
    }
    if (row.kind === 'divider') canvas.blank();
    else {
      const base = bases.of(row.state, row.kind === 'delay');
      // Most rows are arrows with plain labels: drawn straight into the base row's text.
      const line = row.kind === 'arrow' ? arrowLine(base, row, g, columns, runs) : undefined;
      if (line !== undefined) {
        out.push(line, row.span);
        continue;
      }
      canvas.start(base);
    }
    drawRow(row, g, canvas, columns, layout.width);
    out.push(canvas.finish(), row.span);
  }
  return { tooLarge: false, headerRows, columns, reused: head + tail };
}

/** What `drawInto` drew, besides the lines. */
export interface DrawnInto extends Omit<RenderedDiagram, 'lines' | 'rows'> {
  /** How many rows were taken from the drawing before instead of drawn. */
  readonly reused: number;
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
  if (text === undefined || !PRINTABLE_ASCII.test(row.text)) return undefined;
  const label = numberedText(row).text;
  const a = columns[row.from];
  const b = columns[row.to];
  const left = Math.min(a, b);
  const right = Math.max(a, b);
  const heads = headOf(g, row.arrow);
  const head = b > a ? heads.right : heads.left;
  const body = isDotted(row.arrow) ? g.dotted : g.solid;
  const inner = right - left - 1;
  const start = labelStart(a, b, headCells(row.arrow), row.width) - (left + 1);
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
  if (right < trimmed.length) return line + trimmed.slice(right);
  // Nothing drawn past the arrow: the row ends with it (its last cell is a glyph, unless the glyphs are blank).
  return trimEnd(line);
}

/** How many base rows are kept (a long diagram has hundreds of states; rows come back to recent ones). */
const BASE_ROWS_KEPT = 256;

/**
 * Rows of bare lifelines (and frame sides), one per distinct state, kept while they are
 * reused: when more than `BASE_ROWS_KEPT` are kept, the ones used longest ago go (a diagram
 * of 30,000 messages has ~1,000 states; dropping all of them at once rebuilt rows all along).
 */
class BaseRows {
  private readonly cache = new Map<RowState, { base: BaseRow; used: number }>();
  private readonly delayCache = new Map<RowState, { base: BaseRow; used: number }>();
  private uses = 0;

  constructor(
    private readonly layout: Layout,
    private readonly g: Glyphs,
    private readonly columns: readonly number[],
  ) {}

  of(state: RowState, delay: boolean): BaseRow {
    const cache = delay ? this.delayCache : this.cache;
    const now = ++this.uses;
    const hit = cache.get(state);
    if (hit) {
      hit.used = now;
      return hit.base;
    }
    if (cache.size >= 2 * BASE_ROWS_KEPT) {
      // Keep the BASE_ROWS_KEPT used last.
      const cut = [...cache.values()].map((e) => e.used).sort((x, y) => y - x)[BASE_ROWS_KEPT - 1];
      for (const [k, e] of cache) if (e.used < cut) cache.delete(k);
    }
    const base = this.build(state, delay);
    cache.set(state, { base, used: now });
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
function drawHeader(layout: Layout, g: Glyphs, canvas: Canvas, out: LineSink): number {
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
    out.push(canvas.finish(), undefined);
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
      canvas.text(labelStart(a, b, headCells(row.arrow), row.width), numberedText(row));
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
      canvas.text(labelStart(a, b, headCells(row.arrow), row.width), numberedText(row));
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
      canvas.text(c + 6, numberedText(row));
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
      canvas.text(textLeft, row);
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
      if (row.width > 0) {
        const start = Math.max(0, Math.floor((width - row.width - 2) / 2));
        canvas.put(start, ' ');
        canvas.text(start + 1, row);
        canvas.put(start + 1 + row.width, ' ');
      }
      return;
    }
    case 'delay':
      canvas.text(row.column, row);
      return;
  }
}

/** Lays out and draws one sequence. */
export function renderSequence(model: Model, sequence: Sequence, options: RenderOptions = {}): RenderedDiagram {
  const layout = layoutSequence(model, sequence, options);
  return drawLayout(layout, layout.charset);
}
