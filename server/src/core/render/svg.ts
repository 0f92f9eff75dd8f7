/**
 * The picture (spec section 7, item 4): the layout the text renderers draw, drawn as SVG.
 * Row i of the ASCII drawing is row i of the picture and column c is column c, so every
 * lifeline, arrow, frame and note sits where the ASCII puts it (svgShapes.ts: the grid).
 *
 * Each kind of layout row has one function in `SHAPES`; a shape that spans several rows
 * (a note, a frame, a labelled arrow, a self message) keeps what it needs in `Pen` until
 * its last row and draws itself there. Lifelines and activation bars are runs over the
 * rows' states, drawn apart. Layers keep the text drawing's order: frames under
 * lifelines, bars, then notes and arrows, text on top.
 */
import type { ParticipantKindName } from '../diagnostics';
import {
  headCells,
  headerRowsFor,
  labelEnds,
  labelStart,
  numberedText,
  type Frame,
  type Layout,
  type LayoutRow,
  type NoteBox,
  type RowState,
} from '../layout';
import { displayWidth, type MeasuredText } from '../width';
import {
  X,
  Y,
  top,
  activationBar,
  bodyClass,
  destroyShape,
  dividerShape,
  frameShape,
  head,
  headKind,
  labelGap,
  lifelineSegment,
  lineEnd,
  messageLine,
  noteShape,
  participantShape,
  refShape,
  boxFrameShape,
  selfLoop,
  separatorShape,
  tabShape,
  text,
  type PlacedLine,
} from './svgShapes';
import { CELL_HEIGHT, CELL_WIDTH, svgFile, type SvgTheme } from './svgStyle';
import { TOO_LARGE_NOTICE } from './types';

export interface SvgOptions {
  /** `light` (the default): white background, dark strokes. `vscode`: the editor theme's colours (CSS variables). */
  readonly theme?: SvgTheme;
  /** Each participant's kind (actor figure, database cylinder, queue); a plain box when unknown. */
  readonly kindOf?: (id: string) => ParticipantKindName | undefined;
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
  pen.header(kindOf);
  pen.lifelines();
  layout.rows.forEach((row, i) => (SHAPES[row.kind] as Shape<LayoutRow>)(row, headerRows + i, pen));
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
    pen.pending.push({
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
    pen.pending.push({ column: start, row: r, text: numberedText(row) });
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
    pen.pending.push({ column: pen.col(row.lifeline) + 6, row: r, text: numberedText(row) });
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
    if (row.title && row.title.width > 0) pen.texts += text('ll-guard', [{ column: left + 5, row: r, text: bracketed(row.title) }]);
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
    pen.texts += text('ll-delay', [{ column: row.column, row: r, text: row }]);
  },
};

function bracketed(t: MeasuredText): MeasuredText {
  return { text: `[${t.text}]`, width: t.width + 2 };
}

/** What a drawing in progress holds: its layers, and the shapes whose last row is still to come. */
class Pen {
  frames = '';
  lifelineLayer = '';
  bars = '';
  shapes = '';
  texts = '';
  /** Lines of text of the shape being drawn (label rows above an arrow, a note's lines, a self message's label). */
  pending: PlacedLine[] = [];
  selfTop: number | undefined;
  /** The participant boxes' bottom border row (v2), once reached. */
  boxBottom: number | undefined;
  readonly refTag = new Map<NoteBox, MeasuredText>();
  readonly noteTop = new Map<NoteBox, number>();
  readonly frameTop = new Map<Frame, { row: number; title: MeasuredText | undefined }>();
  private readonly columns: readonly number[];

  constructor(
    readonly layout: Layout,
    readonly headerRows: number,
    readonly kindOf?: SvgOptions['kindOf'],
  ) {
    this.columns = layout.lifelines.map((l) => l.column);
  }

  col(lifeline: number): number {
    return this.columns[lifeline] ?? 0;
  }

  /** The columns an arrow's label is centred between, as the text drawing's. */
  labelEnds(row: { readonly from: number; readonly to: number; readonly state: RowState }, target?: number): [number, number] {
    return labelEnds(row, this.columns, this.layout.width, this.layout.boxes ?? [], target);
  }

  /** A message end's column as the text drawing counts it: an edge (v2) is -1 or the width, just outside. */
  end(lifeline: number): number {
    return lifeline < 0 ? -1 : lifeline >= this.columns.length ? this.layout.width : this.col(lifeline);
  }

  flushText(cls: string): void {
    this.texts += text(cls, this.pending);
    this.pending = [];
  }

  /** The header boxes, bottom-aligned over their lifelines, each after its participant's kind. */
  header(kindOf: SvgOptions['kindOf']): void {
    const h = this.headerRows;
    for (const { id, box, created } of this.layout.lifelines) {
      // A created participant's box is drawn on its creating message's rows (v2).
      if (created) continue;
      const k = box.lines.length;
      const right = box.left + box.width - 1;
      const y0 = top(h - k) - 2;
      const y1 = top(h) + 2;
      this.shapes += participantShape(kindOf?.(id), X(box.left) - CELL_WIDTH / 2, X(right) + CELL_WIDTH / 2, y0, y1);
      const lines = box.lines.map((t, i) => ({
        column: box.left + 1 + Math.floor((box.width - 2 - t.width) / 2),
        row: h - k + i,
        text: t,
      }));
      this.texts += text('ll-name', lines);
    }
  }

  /**
   * Lifelines and activation bars: per lifeline, runs of rows with the same look — drawn,
   * dotted (a delay), absent (ended, not created yet, or a divider row, or a box's bottom
   * border inside it, which the text drawing covers).
   * A bar that starts or ends on an arrow row starts or ends at the arrow.
   */
  lifelines(): void {
    const rows = this.layout.rows;
    const n = this.columns.length;
    if (n === 0 || rows.length === 0) return;
    const h = this.headerRows;
    // Per lifeline: the current run's look (0 none, 1 drawn, 2 dotted) and where it started; the bar's start.
    const look = new Array<number>(n).fill(0);
    const from = new Array<number>(n).fill(0);
    const bar = new Array<number | undefined>(n).fill(undefined);
    const close = (i: number, y: number) => {
      if (look[i] !== 0 && y > from[i]) this.lifelineLayer += lifelineSegment(look[i] === 2, X(this.columns[i]), from[i], y);
      look[i] = 0;
    };
    const closeBar = (i: number, y: number) => {
      const b = bar[i];
      if (b !== undefined && y > b) this.bars += activationBar(X(this.columns[i]), b, y);
      bar[i] = undefined;
    };
    // Lifelines inside a participant box (v2): its bottom border covers them.
    const boxed = new Set((this.layout.boxes ?? []).flatMap((b) => Array.from({ length: b.last - b.first + 1 }, (_, k) => b.first + k)));
    let lastArrowRow = false;
    let lastState: RowState | undefined;
    let lastPlain = false;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const r = h + k;
      const { active, ended, unborn } = row.state;
      const arrowRow = row.kind === 'arrow' || row.kind === 'self-bottom';
      // Rows share interned states: with the same state as the row before, and neither row a
      // delay, divider or destruction, no run starts or ends here.
      const plain = row.kind !== 'delay' && row.kind !== 'divider' && row.kind !== 'destroy' && row.kind !== 'box-bottom';
      const same = plain && lastPlain && row.state === lastState;
      lastState = row.state;
      lastPlain = plain;
      if (same) {
        lastArrowRow = arrowRow;
        continue;
      }
      for (let i = 0; i < n; i++) {
        const next =
          ended.has(i) || unborn?.has(i) || row.kind === 'divider' || (row.kind === 'box-bottom' && boxed.has(i))
            ? 0
            : row.kind === 'delay'
              ? 2
              : 1;
        if (next !== look[i]) {
          close(i, top(r));
          if (next !== 0) {
            look[i] = next;
            from[i] = top(r);
          }
        }
        const on = next !== 0 && active.has(i);
        if (on && bar[i] === undefined) bar[i] = arrowRow ? Y(r) : top(r);
        else if (!on && bar[i] !== undefined) closeBar(i, lastArrowRow ? Y(r - 1) : top(r));
      }
      if (row.kind === 'destroy') {
        for (const i of row.lifelines) {
          closeBar(i, Y(r));
          close(i, Y(r));
        }
      }
      lastArrowRow = arrowRow;
    }
    const end = top(h + rows.length);
    for (let i = 0; i < n; i++) {
      close(i, end);
      closeBar(i, lastArrowRow ? Y(h + rows.length - 1) : end);
    }
  }

  /** The participant boxes (v2): from the top row to their bottom border (or the last row), the label on top. */
  boxes(last: number): void {
    const bottom = this.boxBottom ?? last;
    for (const b of this.layout.boxes ?? []) {
      // The label where the text drawing prints `[label]`: from the third cell.
      const gap = b.label.width > 0 ? { from: X(b.left + 2), to: X(b.left + 3 + b.label.width) } : undefined;
      this.frames += boxFrameShape(X(b.left), X(b.right), Y(0), Y(bottom), gap);
      this.texts += text('ll-frame-title', [{ column: b.left + 3, row: 0, text: b.label }]);
    }
  }

  finish(): string {
    // Whatever a cut-off shape left behind (a half-built layout) is still shown.
    if (this.pending.length > 0) this.flushText('ll-label');
    return this.frames + this.lifelineLayer + this.bars + this.shapes + this.texts;
  }
}

export { CELL_HEIGHT, CELL_WIDTH };
