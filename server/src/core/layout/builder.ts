/**
 * The layout's walk over a sequence's items: one row per output line, and the requirements
 * the width solver turns into gaps (see index.ts for the rules).
 */
import type { Span } from '../diagnostics';
import type { FragmentItem, Item, MessageItem, NoteItem, RefItem } from '../model';
import { messageEnd } from './edges';
import { maxWidth, measureLines, type MeasuredText } from '../width';
import { headCells, lifelineOffset, numberCells, selfReach, singleLine } from './geometry';
import type { DelaySpec, FrameSpec, NoteSpec } from './solver';
import { RowStates } from './rowStates';
import type { LayoutRow } from './types';

/** Horizontal extent of drawn content: lifelines lo..hi, plus cells reaching out left of lo / right of hi. */
interface Extent {
  lo: number;
  loReach: number;
  hi: number;
  hiReach: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class LayoutBuilder {
  readonly rows: LayoutRow[] = [];
  /**
   * The requirements, three numbers each in one flat array: the first gap `lo` (gap i lies
   * between lifelines i and i + 1), one past the last gap `hi`, and the cells gaps lo..hi-1 must
   * add up to, `need` (the distance between lifelines lo and hi). One per message, all
   * alive until `solve`, as objects they were tens of thousands of young objects that the
   * scavenges during a layout copied.
   */
  readonly requirements: number[] = [];
  /** Columns needed left of the first lifeline. */
  margin = 0;
  /** Cells right of each lifeline that content occupies (for the drawing's width). */
  readonly rightReach: number[];
  readonly frames: FrameSpec[] = [];
  readonly notes: NoteSpec[] = [];
  readonly delays: { spec: DelaySpec; row: Mutable<LayoutRow & { kind: 'delay' }> }[] = [];
  minWidth = 0;
  /**
   * Edge messages (v2), two numbers each: a lifeline and the cells it needs from the left edge
   * (column 0), or from the nearest side it crosses.
   */
  readonly leftEdge: number[] = [];
  /** The same for the right edge: a lifeline and the cells it needs to its right. */
  readonly rightEdge: number[] = [];

  private readonly states: RowStates;
  private extents: (Extent | undefined)[] = [];
  /** Delays inside each open frame: placed once the frame's lifelines are known. */
  private frameDelays: DelaySpec[][] = [];
  /** With no lifelines at all: the rightmost column used inside each open frame. */
  private bareRight: number[] = [];

  constructor(
    readonly index: ReadonlyMap<string, number>,
    readonly n: number,
    /** Lifelines created by a message (v2), with the rows their box takes (its name lines, + 2 in Unicode). */
    readonly created: ReadonlyMap<number, { readonly height: number; readonly offset: number; readonly width: number }> = new Map(),
  ) {
    this.rightReach = new Array<number>(n).fill(0);
    this.states = new RowStates(index, created.keys());
  }

  // --- requirements ------------------------------------------------------

  /** Lifelines lo and hi (lo < hi) at least `need` columns apart. */
  private span(lo: number, hi: number, need: number): void {
    if (hi > lo && need > 0) this.requirements.push(lo, hi, need);
  }

  /**
   * At least `cells` columns right of lifeline i, and a blank, before the next lifeline that is
   * still drawn (an ended one leaves its column empty); for the last, room in the drawing.
   * Strict (the next lifeline, ended or not) for frames, whose sides must never fall on a
   * lifeline's column, and for anything inside a frame, whose room the frame counts per gap.
   */
  private roomRight(i: number, cells: number, strict = false): void {
    if (i < 0) return;
    if (cells > this.rightReach[i]) this.rightReach[i] = cells;
    let j = i + 1;
    if (!strict && this.states.depth === 0) while (j < this.n && this.states.isEnded(j)) j++;
    if (j < this.n) this.span(i, j, cells + 2);
  }

  /** At least `cells` columns left of lifeline i after the previous drawn lifeline (or, for the first, the margin). */
  private roomLeft(i: number, cells: number, strict = false): void {
    if (i < 0) return;
    if (i === 0) return void (this.margin = Math.max(this.margin, cells));
    let j = i - 1;
    if (!strict && this.states.depth === 0) while (j > 0 && this.states.isEnded(j)) j--;
    if (j === 0 && this.states.isEnded(0)) j = i - 1;
    this.span(j, i, cells + 2);
  }

  private touch(lo: number, loReach: number, hi: number, hiReach: number): void {
    // Length first: reading index -1 of an empty array is a slow property lookup.
    if (this.extents.length === 0 || lo < 0) return;
    const e = this.extents[this.extents.length - 1];
    if (!e) {
      this.extents[this.extents.length - 1] = { lo, loReach, hi, hiReach };
      return;
    }
    if (lo < e.lo) [e.lo, e.loReach] = [lo, loReach];
    else if (lo === e.lo) e.loReach = Math.max(e.loReach, loReach);
    if (hi > e.hi) [e.hi, e.hiReach] = [hi, hiReach];
    else if (hi === e.hi) e.hiReach = Math.max(e.hiReach, hiReach);
  }

  // --- items -------------------------------------------------------------

  walk(items: readonly Item[]): void {
    for (const item of items) {
      switch (item.type) {
        case 'message':
          this.message(item);
          break;
        case 'note':
          this.note(item);
          break;
        case 'fragment':
          this.fragment(item);
          break;
        case 'ref':
          this.ref(item);
          break;
        case 'divider': {
          const text = singleLine(item.text);
          if (text.width > 0) this.minWidth = Math.max(this.minWidth, text.width + 10);
          this.rows.push({ kind: 'divider', span: item.span, state: this.states.state(), text: text.text, width: text.width });
          this.states.apply(item.activations);
          break;
        }
        case 'delay':
          this.delay(item.span, singleLine(item.text));
          this.states.apply(item.activations);
          break;
        case 'destroy': {
          const i = this.index.get(item.participant);
          if (item.immediate && i !== undefined && !this.states.isEnded(i)) {
            this.states.apply(item.activations);
            this.rows.push({ kind: 'destroy', span: item.span, state: this.states.state(), lifelines: [i] });
            this.touch(i, 0, i, 0);
            this.states.end([i]);
          } else {
            this.states.apply(item.activations);
          }
          break;
        }
        case 'activate':
        case 'deactivate':
          this.states.apply(item.activations);
          break;
        default:
          break;
      }
    }
  }

  private message(m: MessageItem): void {
    const from = messageEnd(m, 'from', this.index, this.n) ?? -2;
    const to = messageEnd(m, 'to', this.index, this.n) ?? -2;
    const lines = measureLines(m.label);
    // The first line's width with the number before it.
    const number = m.number;
    const firstWidth = lines[0].width + (number === undefined ? 0 : numberCells(number, !!m.label));
    const widest = Math.max(maxWidth(lines), firstWidth);
    const before = this.states.state();
    const event = this.states.eventState(m.activations);
    const arrow = m.arrow;
    const creates = m.creates !== undefined ? this.index.get(m.creates) : undefined;
    const box = creates !== undefined && creates === to && from !== to ? this.created.get(to) : undefined;
    if (from === -2 || to === -2 || ((from < 0 || from >= this.n) && (to < 0 || to >= this.n))) {
      // Not drawable (no lifeline, or edge to edge): keep the state only.
    } else if (from === to) {
      const reach = selfReach(widest);
      this.roomRight(from, reach);
      this.touch(from, 0, from, reach);
      this.rows.push({ kind: 'self-top', span: m.span, state: before, lifeline: from, arrow });
      for (let k = 0; k < lines.length; k++) {
        const first = k === 0;
        this.rows.push({
          kind: 'self-label',
          span: m.span,
          state: before,
          lifeline: from,
          arrow,
          text: lines[k].text,
          width: first ? firstWidth : lines[k].width,
          number: first ? number : undefined,
        });
      }
      this.rows.push({ kind: 'self-bottom', span: m.span, state: event, lifeline: from, arrow });
    } else {
      const head = headCells(arrow);
      const lo = Math.min(from, to);
      const hi = Math.max(from, to);
      // A created box (v2): the head touches its side, half a box before the lifeline.
      const toBox = box ? (to > from ? box.offset : box.width - 1 - box.offset) : 0;
      const need = head + widest + 4 + toBox;
      // An edge message's label sits next to its lifeline, inside the frames it crosses.
      if (lo < 0) {
        this.leftEdge.push(hi, need);
        if (hi > 0) this.span(hi - 1, hi, need);
        this.touch(hi, need, hi, 0);
      } else if (hi >= this.n) {
        this.rightEdge.push(lo, need);
        this.rightReach[lo] = Math.max(this.rightReach[lo], need);
        if (lo + 1 < this.n) this.span(lo, lo + 1, need);
        this.touch(lo, 0, lo, need);
      } else {
        this.span(lo, hi, need);
        this.touch(lo, 0, hi, 0);
      }
      const n = lines.length;
      for (let k = 0; k < n - 1; k++) {
        const first = k === 0;
        this.rows.push({
          kind: 'label',
          span: m.span,
          state: before,
          from,
          to,
          arrow,
          text: lines[k].text,
          width: first ? firstWidth : lines[k].width,
          number: first ? number : undefined,
        });
      }
      const single = n === 1;
      const arrowRow = {
        kind: 'arrow' as const,
        span: m.span,
        state: event,
        from,
        to,
        arrow,
        text: lines[n - 1].text,
        width: single ? firstWidth : lines[n - 1].width,
        number: single ? number : undefined,
      };
      // A created box (v2) sits inside the frames around its row.
      if (box) this.touch(to, box.offset, to, box.width - 1 - box.offset);
      if (box) this.createdBox(to, box.height, m.span, arrowRow);
      else this.rows.push(arrowRow);
    }
    if (creates !== undefined) this.states.born(creates);
    this.states.apply(m.activations);
    if (m.destroys.length === 0) return;
    const destroyed: number[] = [];
    for (const id of m.destroys) {
      const i = this.index.get(id);
      if (i !== undefined && !this.states.isEnded(i) && !destroyed.includes(i)) destroyed.push(i);
    }
    if (destroyed.length > 0) {
      destroyed.sort((x, y) => x - y);
      this.rows.push({ kind: 'destroy', span: m.span, state: this.states.state(), lifelines: destroyed });
      this.touch(destroyed[0], 0, destroyed[destroyed.length - 1], 0);
      this.states.end(destroyed);
    }
  }

  /**
   * A created participant's box (v2) on the rows of its creating message, the arrow on its middle
   * row: the rows above hold the box's top, those below its bottom; its column is empty above.
   */
  private createdBox(lifeline: number, height: number, span: Span, arrow: LayoutRow & { kind: 'arrow' }): void {
    const middle = Math.floor((height - 1) / 2);
    for (let part = 0; part < height; part++) {
      if (part === middle) this.rows.push({ ...arrow, created: { lifeline, part, height } });
      else this.rows.push({ kind: 'created', span, state: part < middle ? arrow.state : arrow.state, lifeline, part, height });
    }
  }

  /** `ref over …` (v2): a frame labelled `ref` over its lifelines, drawn like a note over them. */
  private ref(item: RefItem): void {
    this.note(
      { type: 'note', position: 'over', participants: item.participants, text: item.text, span: item.span, activations: item.activations },
      true,
    );
  }

  private note(item: NoteItem, ref = false): void {
    const lines = measureLines(item.text);
    // A ref's top border carries its tag: `+-[ref]-+` needs 9 cells.
    const textWidth = Math.max(maxWidth(lines), ref ? 5 : 0);
    const boxWidth = textWidth + 4;
    const targets = [...new Set(item.participants.map((p) => this.index.get(p)).filter((i): i is number => i !== undefined))];
    let lo = targets.length ? Math.min(...targets) : this.n > 0 ? 0 : -1;
    let hi = targets.length ? Math.max(...targets) : lo;
    const position = item.position === 'left of' || item.position === 'right of' ? item.position : 'over';
    if (position !== 'over') hi = lo = position === 'left of' ? lo : hi;
    const spec: NoteSpec = { left: 0, right: boxWidth - 1, textLeft: 2, position, lo, hi, boxWidth, textWidth: maxWidth(lines), ref };
    if (lo >= 0) {
      if (position === 'right of') {
        this.roomRight(lo, boxWidth + 1);
        this.touch(lo, 0, lo, boxWidth + 1);
      } else if (position === 'left of') {
        this.roomLeft(lo, boxWidth + 1);
        this.touch(lo, boxWidth + 1, lo, 0);
      } else if (lo === hi) {
        const l = lifelineOffset(boxWidth);
        const r = boxWidth - 1 - l;
        this.roomLeft(lo, l);
        this.roomRight(lo, r);
        this.touch(lo, l, lo, r);
      } else {
        // Borders two cells outside the outer lifelines; the text must fit between them.
        this.span(lo, hi, boxWidth - 5);
        this.roomLeft(lo, 2);
        this.roomRight(hi, 2);
        this.touch(lo, 2, hi, 2);
      }
    } else {
      spec.left = 2 * this.states.depth;
      spec.right = spec.left + boxWidth - 1;
      this.useBare(spec.right);
    }
    this.notes.push(spec);
    const state = this.states.state();
    this.rows.push({ kind: 'note-top', span: item.span, state, note: spec, ...(ref ? { tag: 'ref' } : {}) });
    for (const { text, width } of lines) this.rows.push({ kind: 'note-text', span: item.span, state, note: spec, text, width });
    this.rows.push({ kind: 'note-bottom', span: item.span, state, note: spec });
    this.states.apply(item.activations);
  }

  private delay(span: Span, text: MeasuredText): void {
    const spec: DelaySpec = { column: 0, gap: -1, after: -1, width: text.width };
    if (this.n === 0) {
      spec.column = 2 * this.states.depth;
      this.useBare(spec.column + text.width - 1);
    } else if (this.frameDelays.length > 0) {
      this.frameDelays[this.frameDelays.length - 1].push(spec);
    } else {
      this.placeDelay(spec, 0, this.n - 1);
    }
    const row = { kind: 'delay' as const, span, state: this.states.state(), text: text.text, width: text.width, column: 0 };
    this.rows.push(row);
    this.delays.push({ spec, row });
  }

  /**
   * A delay's text between lifelines a..b (the sequence's, or its frame's, so that no frame
   * side is in the way): centred in their middle gap, or beside a single lifeline. Returns
   * the cells it takes right of lifeline a in the latter case.
   */
  private placeDelay(spec: DelaySpec, a: number, b: number): number {
    if (b > a) {
      spec.gap = a + Math.floor((b - a - 1) / 2);
      if (spec.width > 0) this.span(spec.gap, spec.gap + 1, spec.width + 3);
      return 0;
    }
    spec.after = a;
    const reach = spec.width > 0 ? spec.width + 1 : 0;
    if (reach > 0) this.roomRight(a, reach);
    return reach;
  }

  /** With no lifelines, content inside frames is indented by depth; frames grow to hold it. */
  private useBare(right: number): void {
    if (this.bareRight.length > 0) this.bareRight[this.bareRight.length - 1] = Math.max(this.bareRight[this.bareRight.length - 1], right);
    this.minWidth = Math.max(this.minWidth, right + 1);
  }

  private fragment(f: FragmentItem): void {
    const frame: FrameSpec = { left: 2 * this.states.depth, right: 0, id: this.frames.length, a: -1, b: -1, L: 2, R: 2, need: 5 };
    this.frames.push(frame);
    this.extents.push(undefined);
    this.frameDelays.push([]);
    this.bareRight.push(frame.left);
    const saved = this.states.lifetimes();
    let first = saved;
    const branches = f.branches;
    const needs: number[] = [5];
    if (branches.length === 0) {
      const title = singleLine(f.kind);
      needs.push(title.width + 6);
      this.rows.push({ kind: 'frame-top', span: f.span, state: this.states.state(), frame, title });
    }
    branches.forEach((branch, k) => {
      // Each branch starts from the block's start: the model says which activations to undo.
      if (k > 0) this.states.apply(branch.activations);
      this.states.restore(saved);
      const condition = branch.condition;
      const keyword = branch.keyword;
      const title = k === 0 || condition ? singleLine(condition ? `${keyword} ${condition}` : keyword) : undefined;
      // `+-[alt …]-+` on top, `+- - [else …] -+` on a separator.
      if (title) needs.push(title.width + (k === 0 ? 6 : 10));
      const state = this.states.state();
      this.rows.push(
        k === 0
          ? { kind: 'frame-top', span: branch.span, state, frame, title }
          : { kind: 'frame-separator', span: branch.span, state, frame, title },
      );
      this.states.pushFrame(frame);
      const before = this.rows.length;
      this.walk(branch.items);
      // An empty branch still shows one row inside its frame.
      if (this.rows.length === before) this.rows.push({ kind: 'lifelines', span: branch.span, state: this.states.state() });
      this.states.popFrame();
      if (k === 0) first = this.states.lifetimes();
    });
    this.states.restore(first);
    this.states.apply(f.activations);
    this.rows.push({ kind: 'frame-bottom', span: f.endSpan ?? f.span, state: this.states.state(), frame });

    // The frame's room: sides in the gaps outside its content, one blank between.
    const e = this.extents.pop();
    const delays = this.frameDelays.pop() ?? [];
    const bareRight = this.bareRight.pop() ?? frame.left;
    frame.need = Math.max(...needs);
    if (this.n === 0) {
      frame.right = Math.max(frame.left + frame.need - 1, bareRight + 2);
      this.useBare(frame.right);
      return;
    }
    const ext = e ?? { lo: 0, loReach: 0, hi: this.n - 1, hiReach: 0 };
    for (const d of delays) {
      const reach = this.placeDelay(d, ext.lo, ext.hi);
      if (ext.hi === ext.lo) ext.hiReach = Math.max(ext.hiReach, reach);
    }
    frame.a = ext.lo;
    frame.b = ext.hi;
    frame.L = ext.loReach + 2;
    frame.R = ext.hiReach + 2;
    if (frame.a === frame.b) frame.R = Math.max(frame.R, frame.need - frame.L - 1);
    else this.span(frame.a, frame.b, frame.need - frame.L - frame.R - 1);
    this.roomLeft(frame.a, frame.L, true);
    this.roomRight(frame.b, frame.R, true);
    this.touch(frame.a, frame.L, frame.b, frame.R);
  }
}
