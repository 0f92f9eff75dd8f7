/**
 * A picture in progress (svg.ts draws with it): its layers, the shapes whose last row is still
 * to come, the cells text covers, and the runs drawn over the rows' states — lifelines, bars,
 * participant boxes.
 */
import type { ParticipantKindName } from '../diagnostics';
import { labelEnds, type Frame, type Layout, type NoteBox, type RowState } from '../layout';
import type { MeasuredText } from '../width';
import { X, Y, top, activationBar, boxFrameShape, lifelineSegment, participantShape, text, type PlacedLine } from './svgShapes';
import { CELL_WIDTH } from './svgStyle';

/** Each participant's kind (actor figure, database cylinder, queue); a plain box when unknown. */
export type KindOf = (id: string) => ParticipantKindName | undefined;

const NONE: readonly number[] = [];

/** What a drawing in progress holds: its layers, and the shapes whose last row is still to come. */
export class Pen {
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
  /** Per grid row, the cells text covers ([first, end) columns): the text drawing's characters replace the lifelines there. */
  private readonly covered = new Map<number, [number, number][]>();

  constructor(
    readonly layout: Layout,
    readonly headerRows: number,
    readonly kindOf?: KindOf,
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

  /** Text over the diagram's body: the lifelines it crosses stop under it, as in the text drawing. */
  cover(line: PlacedLine): PlacedLine {
    if (line.text.width > 0) {
      const spans = this.covered.get(line.row);
      const span: [number, number] = [line.column, line.column + line.text.width];
      if (spans) spans.push(span);
      else this.covered.set(line.row, [span]);
    }
    return line;
  }

  /** A line of a message's label, drawn when its shape is. */
  label(line: PlacedLine): void {
    this.pending.push(this.cover(line));
  }

  /** The cells of a column text covers above row `last`, top to bottom, as [top, bottom] in y. */
  private coveredCells(column: number, last: number): [number, number][] {
    const rows: number[] = [];
    for (const [r, spans] of this.covered)
      if (r > 0 && r < last && spans.some(([from, end]) => from <= column && column < end)) rows.push(r);
    return rows.sort((p, q) => p - q).map((r) => [top(r), top(r + 1)]);
  }

  /** The lifelines whose column text covers on grid row r (columns are in increasing order). */
  private coveredLifelines(r: number): readonly number[] {
    const spans = this.covered.get(r);
    if (!spans) return NONE;
    const found: number[] = [];
    for (const [from, end] of spans) {
      let lo = 0;
      let hi = this.columns.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.columns[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.columns.length && this.columns[i] < end; i++) found.push(i);
    }
    return found;
  }

  flushText(cls: string): void {
    this.texts += text(cls, this.pending);
    this.pending = [];
  }

  /** The header boxes, bottom-aligned over their lifelines, each after its participant's kind. */
  header(): void {
    const h = this.headerRows;
    for (const { id, box, created } of this.layout.lifelines) {
      // A created participant's box is drawn on its creating message's rows (v2).
      if (created) continue;
      const k = box.lines.length;
      const right = box.left + box.width - 1;
      const y0 = top(h - k) - 2;
      const y1 = top(h) + 2;
      this.shapes += participantShape(this.kindOf?.(id), X(box.left) - CELL_WIDTH / 2, X(right) + CELL_WIDTH / 2, y0, y1);
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
    // Lifelines text covers on the row being drawn; bars so cut go on from the next cell's top.
    const gap = new Uint8Array(n);
    const cut = new Uint8Array(n);
    let lastGaps: readonly number[] = NONE;
    let lastArrowRow = false;
    let lastState: RowState | undefined;
    let lastPlain = false;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const r = h + k;
      const { active, ended, unborn } = row.state;
      const arrowRow = row.kind === 'arrow' || row.kind === 'self-bottom';
      const gaps = this.coveredLifelines(r);
      // Rows share interned states: with the same state as the row before, neither row a delay,
      // divider or destruction, and no text over a lifeline on either, no run starts or ends here.
      const plain = row.kind !== 'delay' && row.kind !== 'divider' && row.kind !== 'destroy' && row.kind !== 'box-bottom';
      const same = plain && lastPlain && row.state === lastState && gaps.length === 0 && lastGaps.length === 0;
      lastState = row.state;
      lastPlain = plain;
      for (const i of lastGaps) gap[i] = 0;
      for (const i of gaps) gap[i] = 1;
      lastGaps = gaps;
      if (same) {
        lastArrowRow = arrowRow;
        continue;
      }
      for (let i = 0; i < n; i++) {
        const hidden = ended.has(i) || unborn?.has(i) || row.kind === 'divider' || (row.kind === 'box-bottom' && boxed.has(i));
        const next = hidden || gap[i] ? 0 : row.kind === 'delay' ? 2 : 1;
        if (next !== look[i]) {
          close(i, top(r));
          if (next !== 0) {
            look[i] = next;
            from[i] = top(r);
          }
        }
        const on = !hidden && active.has(i);
        if (on && gap[i]) {
          if (bar[i] !== undefined) closeBar(i, top(r));
          cut[i] = 1;
        } else if (on && bar[i] === undefined) {
          bar[i] = cut[i] || !arrowRow ? top(r) : Y(r);
          cut[i] = 0;
        } else if (!on) {
          if (bar[i] !== undefined) closeBar(i, lastArrowRow ? Y(r - 1) : top(r));
          cut[i] = 0;
        }
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
      const sides = { left: this.coveredCells(b.left, bottom), right: this.coveredCells(b.right, bottom) };
      this.frames += boxFrameShape(X(b.left), X(b.right), Y(0), Y(bottom), gap, sides);
      this.texts += text('ll-frame-title', [{ column: b.left + 3, row: 0, text: b.label }]);
    }
  }

  finish(): string {
    // Whatever a cut-off shape left behind (a half-built layout) is still shown.
    if (this.pending.length > 0) this.flushText('ll-label');
    return this.frames + this.lifelineLayer + this.bars + this.shapes + this.texts;
  }
}
