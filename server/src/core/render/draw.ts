/**
 * The drawer: turns a layout into lines of text with one charset's glyphs.
 * Each row is drawn on a cell buffer (one string per terminal cell; a wide
 * character takes its cell and leaves '' in the next), starting from a cached
 * row of bare lifelines and frame sides, then overlaying the row's content.
 */
import {
  headCells,
  headerRowsFor,
  isTooLarge,
  edgeSides,
  labelEnds,
  labelStart,
  layoutSequence,
  numberedText,
  type Layout,
  type BoxFrame,
  type LayoutRow,
  type LifelineLayout,
} from '../layout';
import { asciiGlyphs } from './ascii';
import { unicodeGlyphs } from './unicode';
import type { Model, Sequence } from '../model';
import { headOf, isBoxHeader, isDotted, type Glyphs } from './glyphs';
import { TOO_LARGE_NOTICE, type Charset, type RenderedDiagram, type RenderOptions } from './types';
import type { Span } from '../diagnostics';
import { LineJoiner, trimEnd } from '../text';
import { reusableRows, type DrawnRows } from './reuse';
import { BaseRow, BaseRows } from './baseRows';
import { Canvas, PRINTABLE_ASCII, Runs } from './canvas';

/** The glyph table of a charset (ASCII unless Unicode is asked for). */
export function glyphsFor(charset: Charset | undefined): Glyphs {
  return charset === 'unicode' ? unicodeGlyphs : asciiGlyphs;
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
 * that are still the same are taken from it as drawn (see `reuse.ts`). `extraColumns`: what a
 * caller writes right of the drawing (the durations margin), counted in the size limits.
 */
export function drawInto(layout: Layout, charset: Charset, out: LineSink, before?: DrawnRows, extraColumns = 0): DrawnInto {
  // A layout given up early (certainly too large) has no rows, only its estimate.
  const boxRow = layout.boxes?.length ? 1 : 0;
  const rowCount =
    layout.rows.length > 0
      ? headerRowsFor(charset, layout.nameLines, layout.lifelines.length) + boxRow + layout.rows.length
      : layout.rowCount;
  const width = layout.width + Math.max(0, extraColumns);
  if (isTooLarge(rowCount, width, layout.limits)) {
    out.push(TOO_LARGE_NOTICE(rowCount, width, layout.limits, charset), undefined);
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
    drawRow(row, g, canvas, columns, layout.width, layout.lifelines, layout.boxes ?? []);
    out.push(canvas.finish(), row.span);
  }
  return { tooLarge: false, headerRows, columns, reused: head + tail };
}

/** What `drawInto` drew, besides the lines. */
export interface DrawnInto extends Omit<RenderedDiagram, 'lines' | 'rows'> {
  /** How many rows were taken from the drawing before instead of drawn. */
  readonly reused: number;
}

/**
 * An arrow row drawn as text: the base's text with the span between the lifelines
 * replaced by body, head and label — exactly what drawRow draws on the canvas, without
 * touching a cell. Undefined when the shortcut does not apply (a label that is not plain
 * printable ASCII, or that would overlap the head or leave the span): the canvas draws those.
 */
function arrowLine(
  base: BaseRow,
  row: LayoutRow & { kind: 'arrow' },
  g: Glyphs,
  columns: readonly number[],
  runs: Runs,
): string | undefined {
  const text = base.text;
  if (
    text === undefined ||
    !PRINTABLE_ASCII.test(row.text) ||
    row.created ||
    row.from < 0 ||
    row.to < 0 ||
    row.from >= columns.length ||
    row.to >= columns.length
  )
    return undefined;
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
  if (left < 0 || right > text.length || body.length !== 1 || head.length > inner || start < 0 || start + label.length > inner)
    return undefined;
  if (label.length > 0 && start < headAt + head.length && headAt < start + label.length) return undefined;
  // Body everywhere, then the head, then the label over it (the canvas's order).
  const parts =
    headAt < start
      ? ([
          [headAt, head],
          [start, label],
        ] as const)
      : ([
          [start, label],
          [headAt, head],
        ] as const);
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

/** The header boxes, bottom-aligned: ASCII `[name]` one row per line; Unicode a box of lines + 2 rows. */
function drawHeader(layout: Layout, g: Glyphs, canvas: Canvas, out: LineSink): number {
  if (layout.lifelines.length === 0) return 0;
  const maxLines = layout.lifelines.reduce((m, l) => Math.max(m, l.box.lines.length), 0);
  const h = g.header;
  const boxed = isBoxHeader(h);
  const height = boxed ? maxLines + 2 : maxLines;
  const boxes = layout.boxes ?? [];
  if (boxes.length > 0) {
    // The participant boxes' top borders, their labels on them (v2).
    canvas.blank();
    for (const b of boxes) boxBorder(canvas, g, b, true);
    out.push(canvas.finish(), undefined);
  }
  for (let r = 0; r < height; r++) {
    canvas.blank();
    for (const b of boxes) {
      canvas.put(b.left, g.frame.vertical);
      canvas.put(b.right, g.frame.vertical);
    }
    for (const l of layout.lifelines) {
      // A created participant's box is drawn on its creating message's rows (v2).
      if (l.created) continue;
      const part = r - (height - (boxed ? l.box.lines.length + 2 : l.box.lines.length));
      if (part >= 0) drawBoxPart(canvas, g, l, part);
    }
    out.push(canvas.finish(), undefined);
  }
  return height + (boxes.length > 0 ? 1 : 0);
}

/** A participant box's top border with its label (`+-[Backend]---+`), or its bottom border. */
function boxBorder(canvas: Canvas, g: Glyphs, b: BoxFrame, top: boolean): void {
  const f = g.frame;
  canvas.put(b.left, top ? f.topLeft : f.bottomLeft);
  canvas.fill(b.left + 1, b.right - 1, f.horizontal);
  canvas.put(b.right, top ? f.topRight : f.bottomRight);
  if (top && b.label.width > 0) {
    canvas.put(b.left + 2, '[');
    canvas.text(b.left + 3, b.label);
    canvas.put(b.left + 3 + b.label.width, ']');
  }
}

/** Row `part` of a participant's box: ASCII `[line]` per name line; Unicode a box of the lines + 2 rows. */
function drawBoxPart(canvas: Canvas, g: Glyphs, { column, box }: LifelineLayout, part: number): void {
  const h = g.header;
  const right = box.left + box.width - 1;
  const line = (i: number) => {
    const t = box.lines[i];
    if (t) canvas.text(box.left + 1 + Math.floor((box.width - 2 - t.width) / 2), t);
  };
  if (!isBoxHeader(h)) {
    canvas.put(box.left, h.open);
    canvas.fill(box.left + 1, right - 1, ' ');
    line(part);
    canvas.put(right, h.close);
    return;
  }
  const last = box.lines.length + 1;
  if (part === 0 || part === last) {
    canvas.put(box.left, part === last ? h.bottomLeft : h.topLeft);
    canvas.fill(box.left + 1, right - 1, h.horizontal);
    canvas.put(right, part === last ? h.bottomRight : h.topRight);
    if (part === last) canvas.put(column, h.tee);
  } else {
    canvas.put(box.left, h.vertical);
    canvas.fill(box.left + 1, right - 1, ' ');
    line(part - 1);
    canvas.put(right, h.vertical);
  }
}

/**
 * A message end's column: its lifeline's. An edge (v2) is just outside the drawing (-1 or
 * `width`), so that the arrow's body or head takes column 0 or the last column.
 */
function columnOf(i: number, columns: readonly number[], width: number): number {
  return i < 0 ? -1 : i >= columns.length ? width : columns[i];
}

function drawRow(
  row: LayoutRow,
  g: Glyphs,
  canvas: Canvas,
  columns: readonly number[],
  width: number,
  lifelines: readonly LifelineLayout[],
  boxes: readonly BoxFrame[],
): void {
  switch (row.kind) {
    case 'lifelines':
      return;
    case 'created':
      return drawBoxPart(canvas, g, lifelines[row.lifeline], row.part);
    case 'box-bottom':
      for (const b of boxes) boxBorder(canvas, g, b, false);
      return;
    case 'label': {
      const [a, b] = labelEnds(row, columns, width, boxes);
      canvas.text(labelStart(a, b, headCells(row.arrow), row.width), numberedText(row));
      return;
    }
    case 'arrow': {
      const a = columnOf(row.from, columns, width);
      let b = columnOf(row.to, columns, width);
      if (row.created) {
        // The head touches the created box's side (v2).
        const box = lifelines[row.created.lifeline].box;
        b = b > a ? box.left : box.left + box.width - 1;
        drawBoxPart(canvas, g, lifelines[row.created.lifeline], row.created.part);
      }
      const left = Math.min(a, b);
      const right = Math.max(a, b);
      const heads = headOf(g, row.arrow);
      canvas.fill(left + 1, right - 1, isDotted(row.arrow) ? g.dotted : g.solid);
      if (b > a) canvas.glyphs(right - heads.right.length, heads.right);
      else canvas.glyphs(left + 1, heads.left);
      const [from, to] = labelEnds(row, columns, width, boxes, b);
      canvas.text(labelStart(from, to, headCells(row.arrow), row.width), numberedText(row));
      // An edge message (v2) passes through the frame and box sides it crosses: they stay drawn.
      if (row.from < 0 || row.to < 0 || row.from >= columns.length || row.to >= columns.length)
        for (const side of edgeSides(row.state, boxes)) if (side > left && side < right) canvas.put(side, g.frame.vertical);
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
      if (row.kind === 'note-top' && row.tag) {
        // A ref frame (v2): `+-[ref]---+`, like a fragment's title.
        canvas.put(left + 2, '[');
        canvas.text(left + 3, { text: row.tag, width: row.tag.length });
        canvas.put(left + 3 + row.tag.length, ']');
      }
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
