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

class Canvas {
  private cells: string[] = [];

  constructor(readonly width: number) {}

  start(base: readonly string[]): void {
    this.cells = base.slice();
  }

  blank(): void {
    this.cells = new Array<string>(this.width).fill(' ');
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
    const cells = this.cells;
    while (cells.length < c + width) cells.push(' ');
    for (let k = 0; k < width; k++) this.release(c + k);
    cells[c] = s;
    for (let k = 1; k < width; k++) cells[c + k] = '';
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
    if (pending && last < 0 && c < this.cells.length && this.cells[c] !== '') this.cells[c] = pending + this.cells[c];
  }

  finish(): string {
    return this.cells.join('').trimEnd();
  }
}

/** Draws a layout in either charset (the layout's own by default). */
export function drawLayout(layout: Layout, charset: Charset = layout.charset): RenderedDiagram {
  const rowCount = headerRowsFor(charset, layout.nameLines, layout.lifelines.length) + layout.rows.length;
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
  for (const row of layout.rows) {
    if (row.kind === 'divider') canvas.blank();
    else canvas.start(bases.of(row.state, row.kind === 'delay'));
    drawRow(row, g, canvas, columns, layout.width);
    lines.push(canvas.finish());
    rows.push(row.span);
  }
  return { lines, rows, tooLarge: false, headerRows, columns };
}

/** Rows of bare lifelines (and frame sides), one per distinct state, kept while they are reused. */
class BaseRows {
  private cache = new Map<RowState, readonly string[]>();
  private delayCache = new Map<RowState, readonly string[]>();

  constructor(
    private readonly layout: Layout,
    private readonly g: Glyphs,
    private readonly columns: readonly number[],
  ) {}

  of(state: RowState, delay: boolean): readonly string[] {
    const cache = delay ? this.delayCache : this.cache;
    let base = cache.get(state);
    if (!base) {
      if (cache.size > 256) cache.clear();
      base = this.build(state, delay);
      cache.set(state, base);
    }
    return base;
  }

  private build(state: RowState, delay: boolean): string[] {
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
