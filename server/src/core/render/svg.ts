/**
 * The picture (spec section 7, item 4): the layout the text renderers draw, drawn as SVG.
 * Row i of the ASCII drawing is row i of the picture and column c is column c, so every
 * lifeline, arrow, frame and note sits where the ASCII puts it (svgShapes.ts: the grid).
 *
 * Each kind of layout row has one function in `SHAPES`; a shape that spans several rows
 * (a note, a frame, a labelled arrow, a self message) keeps what it needs in `Pen`
 * (svgPen.ts) until its last row and draws itself there. Lifelines and activation bars are
 * runs over the rows' states, drawn apart after the rows, cut where text covers them. Layers keep the text drawing's order: frames under
 * lifelines, bars, then notes and arrows, text on top.
 */
import { headCells, headerRowsFor, labelStart, numberedText, type Frame, type Layout, type LayoutRow, type NoteBox } from '../layout';
import { displayWidth, type MeasuredText } from '../width';
import {
  X,
  Y,
  top,
  bodyClass,
  destroyShape,
  dividerShape,
  frameShape,
  head,
  headKind,
  labelGap,
  lineEnd,
  messageLine,
  noteShape,
  participantShape,
  refShape,
  selfLoop,
  separatorShape,
  tabShape,
  text,
} from './svgShapes';
import { Pen, type KindOf } from './svgPen';
import { CELL_HEIGHT, CELL_WIDTH, svgFile, type SvgTheme } from './svgStyle';
import { TOO_LARGE_NOTICE } from './types';

export interface SvgOptions {
  /** `light` (the default): white background, dark strokes. `vscode`: the editor theme's colours (CSS variables). */
  readonly theme?: SvgTheme;
  /** Each participant's kind (actor figure, database cylinder, queue); a plain box when unknown. */
  readonly kindOf?: KindOf;
  /** The picture's `<title>` (accessibility); default "Sequence diagram". */
  readonly title?: string;
}

/** A diagram drawn in grid units, ready to be placed in an `<svg>`. */
export interface SvgDiagram {
  /** Markup; the centre of cell (c, r) is at (c × CELL_WIDTH, r × CELL_HEIGHT). */
  readonly body: string;
  /** Grid columns and rows taken: the same as the ASCII drawing's. */
  readonly columns: number;
  readonly rows: number;
  /** Rows of the header boxes (the ASCII header's). */
  readonly headerRows: number;
  readonly tooLarge: boolean;
}

/** One sequence's layout as a standalone SVG file. */
export function renderSvg(layout: Layout, options: SvgOptions = {}): string {
  const d = drawSvg(layout, options.kindOf);
  return svgFile({
    columns: d.columns,
    rows: d.rows,
    body: d.body,
    title: options.title ?? 'Sequence diagram',
    theme: options.theme ?? 'light',
  });
}

/** One sequence's layout in grid units (renderSvg wraps it; a document stacks several). */
export function drawSvg(drawn: Layout, kindOf?: SvgOptions['kindOf']): SvgDiagram {
  const layout = asciiRows(drawn);
  const n = layout.lifelines.length;
  // Rows as the ASCII drawing counts them (a layout given up early has only its estimate).
  const headerRows = headerRowsFor('ascii', layout.nameLines, n) + (layout.boxes?.length ? 1 : 0);
  const rowCount = layout.rows.length > 0 ? headerRows + layout.rows.length : layout.rowCount;
  if (pastLimits(rowCount, layout.width, layout.limits)) {
    const notice = TOO_LARGE_NOTICE(rowCount, layout.width, layout.limits);
    const measured = { text: notice, width: displayWidth(notice) };
    return {
      body: text('ll-notice', [{ column: 0, row: 0, text: measured }]),
      columns: measured.width,
      rows: 1,
      headerRows: 0,
      tooLarge: true,
    };
  }
  const pen = new Pen(layout, headerRows, kindOf);
  pen.header();
  layout.rows.forEach((row, i) => (SHAPES[row.kind] as Shape<LayoutRow>)(row, headerRows + i, pen));
  // After the rows: a lifeline stops where text covers its cell.
  pen.lifelines();
  pen.boxes(rowCount - 1);
  return { body: pen.finish(), columns: layout.width, rows: rowCount, headerRows, tooLarge: false };
}

/**
 * The layout's rows on the ASCII grid: a Unicode layout gives a created participant's box (v2)
 * a top and a bottom border row, which the picture (and the ASCII) do not have.
 */
function asciiRows(layout: Layout): Layout {
  if (layout.charset !== 'unicode' || !layout.lifelines.some((l) => l.created)) return layout;
  const rows: LayoutRow[] = [];
  for (const row of layout.rows) {
    const part = row.kind === 'created' ? row : row.kind === 'arrow' ? row.created : undefined;
    if (!part) rows.push(row);
    else if (part.part > 0 && part.part < part.height - 1) {
      const inner = { lifeline: part.lifeline, part: part.part - 1, height: part.height - 2 };
      rows.push(row.kind === 'created' ? { ...row, ...inner } : { ...(row as RowOf<'arrow'>), created: inner });
    }
  }
  return { ...layout, charset: 'ascii', rows };
}

/**
 * The text drawer's test, so that both draw the notice for the same layouts; a cell limit
 * (`maxCells`, when the limits have one) counts too.
 */
function pastLimits(rows: number, columns: number, limits: Layout['limits']): boolean {
  const cells = (limits as { readonly maxCells?: number }).maxCells;
  return rows > limits.maxRows || columns > limits.maxColumns || (cells !== undefined && rows * columns > cells);
}

// ---------------------------------------------------------------------------

/** The row variant(s) whose kind includes K (some variants share two kinds, e.g. `note-top | note-bottom`). */
type RowOf<K extends LayoutRow['kind'], R = LayoutRow> = R extends { readonly kind: infer RK } ? (K extends RK ? R : never) : never;
/** Draws one row (r: its grid row) with the pen. */
type Shape<R extends LayoutRow> = (row: R, r: number, pen: Pen) => void;

/** A shape per row kind: a new kind of row is one more entry (the type demands it). */
const SHAPES: { readonly [K in LayoutRow['kind']]: Shape<RowOf<K>> } = {
  lifelines: () => undefined,
  label: (row, r, pen) => {
    pen.label({
      column: labelStart(...pen.labelEnds(row), headCells(row.arrow), row.width),
      row: r,
      text: numberedText(row),
    });
  },
  arrow: (row, r, pen) => {
    const a = pen.end(row.from);
    let b = pen.end(row.to);
    const direction = b > a ? 1 : -1;
    let end = lineEnd(row.arrow, X(b), direction);
    if (row.created) {
      // The head touches the created box's side (v2), as the text drawing's does.
      const box = pen.layout.lifelines[row.created.lifeline].box;
      b = direction === 1 ? box.left : box.left + box.width - 1;
      end = X(b) - (direction * CELL_WIDTH) / 2;
      SHAPES.created({ kind: 'created', span: row.span, state: row.state, ...row.created }, r, pen);
    }
    const start = labelStart(...pen.labelEnds(row, b), headCells(row.arrow), row.width);
    // An edge (v2) is the drawing's first or last column: the line starts there, or its head's tip is there.
    const x1 = row.from < 0 ? X(0) : row.from >= pen.layout.lifelines.length ? X(pen.layout.width - 1) : X(a);
    if (row.to < 0) end = X(0);
    else if (row.to >= pen.layout.lifelines.length) end = X(pen.layout.width - 1);
    pen.shapes += messageLine(bodyClass(row.arrow), x1, end, Y(r), labelGap(start, row.width));
    pen.shapes += head(headKind(row.arrow), end, Y(r), direction);
    pen.label({ column: start, row: r, text: numberedText(row) });
    pen.flushText('ll-label');
  },
  created: (row, r, pen) => {
    // A created participant's box (v2), drawn on its last row, its name on each row.
    const box = pen.layout.lifelines[row.lifeline].box;
    const t = box.lines[row.part];
    if (t) pen.texts += text('ll-name', [{ column: box.left + 1 + Math.floor((box.width - 2 - t.width) / 2), row: r, text: t }]);
    if (row.part < row.height - 1) return;
    const id = pen.layout.lifelines[row.lifeline].id;
    const right = box.left + box.width - 1;
    pen.shapes += participantShape(
      pen.kindOf?.(id),
      X(box.left) - CELL_WIDTH / 2,
      X(right) + CELL_WIDTH / 2,
      top(r - row.part) - 2,
      top(r + 1) + 2,
    );
  },
  'box-bottom': (_row, r, pen) => {
    pen.boxBottom = r;
  },
  'self-top': (_row, r, pen) => {
    pen.selfTop = r;
  },
  'self-label': (row, r, pen) => {
    pen.label({ column: pen.col(row.lifeline) + 6, row: r, text: numberedText(row) });
  },
  'self-bottom': (row, r, pen) => {
    const c = pen.col(row.lifeline);
    const end = lineEnd(row.arrow, X(c), -1);
    pen.shapes += selfLoop(bodyClass(row.arrow), X(c), X(c + 4), Y(pen.selfTop ?? r), Y(r), end);
    pen.shapes += head(headKind(row.arrow), end, Y(r), -1);
    pen.selfTop = undefined;
    pen.flushText('ll-label');
  },
  destroy: (row, r, pen) => {
    for (const i of row.lifelines) pen.shapes += destroyShape(X(pen.col(i)), Y(r));
  },
  'note-top': (row, r, pen) => {
    pen.noteTop.set(row.note, r);
    if (row.tag) pen.refTag.set(row.note, { text: row.tag, width: displayWidth(row.tag) });
  },
  'note-text': (row, r, pen) => {
    pen.pending.push({ column: row.note.textLeft, row: r, text: row });
  },
  'note-bottom': (row, r, pen) => {
    const note: NoteBox = row.note;
    const first = pen.noteTop.get(note) ?? r;
    const tag = pen.refTag.get(note);
    if (tag === undefined) pen.shapes += noteShape(X(note.left), X(note.right), Y(first), Y(r));
    else {
      // A ref frame (v2): a filled frame with a `ref` tab, as a fragment's title.
      pen.shapes += refShape(X(note.left), X(note.right), top(first), Y(r));
      pen.shapes += tabShape(X(note.left), X(note.left + 3 + tag.width) + CELL_WIDTH / 2, top(first));
      pen.texts += text('ll-frame-title', [{ column: note.left + 3, row: first, text: tag }]);
    }
    pen.noteTop.delete(note);
    pen.refTag.delete(note);
    pen.flushText('ll-note-text');
  },
  'frame-top': (row, r, pen) => {
    pen.frameTop.set(row.frame, { row: r, title: row.title });
  },
  'frame-separator': (row, r, pen) => {
    const { left, right } = row.frame;
    pen.frames += separatorShape(X(left), X(right), top(r));
    // `[else cond]` as the text drawing prints it, from the fifth cell.
    if (row.title && row.title.width > 0)
      pen.texts += text('ll-guard', [pen.cover({ column: left + 5, row: r, text: bracketed(row.title) })]);
  },
  'frame-bottom': (row, r, pen) => {
    const frame: Frame = row.frame;
    const opened = pen.frameTop.get(frame);
    pen.frameTop.delete(frame);
    const first = opened?.row ?? r;
    const title = opened?.title;
    // The title sits where the ASCII prints it (`+-[alt cond]`: from the fourth cell), in a tab.
    const titled = title !== undefined && title.width > 0;
    pen.frames += frameShape(X(frame.left), X(frame.right), top(first), Y(r));
    if (!titled) return;
    // The tab covers the lifelines it crosses, as the ASCII's top border does.
    pen.shapes += tabShape(X(frame.left), X(frame.left + 3 + title.width) + CELL_WIDTH / 2, top(first));
    pen.texts += text('ll-frame-title', [{ column: frame.left + 3, row: first, text: title }]);
  },
  divider: (row, r, pen) => {
    const width = pen.layout.width;
    // The text drawing's `==== text ====`: the text with a blank either side, centred.
    const start = Math.max(0, Math.floor((width - row.width - 2) / 2));
    const gap = row.width > 0 ? { from: X(start), to: X(start + 1 + row.width) } : undefined;
    if (width > 0) pen.shapes += dividerShape(X(0) - CELL_WIDTH / 2, X(width - 1) + CELL_WIDTH / 2, Y(r), gap);
    pen.texts += text('ll-divider-text', [{ column: start + 1, row: r, text: row }]);
  },
  delay: (row, r, pen) => {
    pen.texts += text('ll-delay', [pen.cover({ column: row.column, row: r, text: row })]);
  },
};

function bracketed(t: MeasuredText): MeasuredText {
  return { text: `[${t.text}]`, width: t.width + 2 };
}

export { CELL_HEIGHT, CELL_WIDTH };
