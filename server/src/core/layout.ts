/**
 * Layout: where every lifeline sits and what each output row holds (spec section 7).
 *
 * Widths are the narrowest that keep the rules: every gap between two lifelines
 * starts at what the header boxes need; then every other requirement — arrows,
 * self messages, notes, fragment frames, delays — is a "span" of consecutive gaps
 * that must add up to some number of cells. Requirements are taken from the
 * shortest span to the longest (source order among equal lengths); a span that is
 * too narrow is widened, the missing cells spread evenly over its gaps, any
 * remainder to the rightmost ones. Room left of the first lifeline (notes, frames)
 * is the margin; room right of the last one is free.
 *
 * Rows refer to lifelines by index; the drawer turns them into text. The layout is
 * total (any model lays out) and linear in the number of items and rows.
 */
import type { ArrowKind } from './ast';
import type { Span } from './diagnostics';
import type { FragmentItem, Item, MessageItem, Model, NoteItem, Sequence } from './model';
import { asciiGlyphs } from './render/ascii';
import { headOf, type Glyphs } from './render/glyphs';
import { limitsOf, type Charset, type RenderLimits, type RenderOptions } from './render/types';
import { unicodeGlyphs } from './render/unicode';
import { maxWidth, measure, measureLines, textLines, type MeasuredText } from './width';

export function glyphsFor(charset: Charset | undefined): Glyphs {
  return charset === 'unicode' ? unicodeGlyphs : asciiGlyphs;
}

/**
 * Cells an arrow head takes: the ASCII head's width (`>>` is two). Both charsets
 * use these widths, so a layout draws in either (Unicode's `▷` fills the second
 * cell with body).
 */
export function headCells(arrow: ArrowKind): number {
  return headOf(asciiGlyphs, arrow).right.length;
}

/** Header rows for a charset: ASCII one per line of the tallest name, Unicode two more for the box. */
export function headerRowsFor(charset: Charset, maxLines: number, lifelines: number): number {
  return lifelines === 0 ? 0 : charset === 'unicode' ? maxLines + 2 : maxLines;
}

export interface HeaderBox {
  /** The box's first column. */
  readonly left: number;
  /** Its width in cells: the widest line of the display name (at least 1) + 2. */
  readonly width: number;
  /** The display name's lines, terminal-safe. */
  readonly lines: readonly MeasuredText[];
}

export interface LifelineLayout {
  readonly id: string;
  /** The lifeline's column: box.left + floor((box.width - 1) / 2). */
  readonly column: number;
  readonly box: HeaderBox;
}

/** A fragment frame: its sides' columns (resolved once the widths are known). */
export interface Frame {
  readonly left: number;
  readonly right: number;
}

/** A note's box: border columns and where its text block starts. */
export interface NoteBox {
  readonly left: number;
  readonly right: number;
  readonly textLeft: number;
}

/** What the lifelines look like on a row. Interned: rows with equal state share one object. */
export interface RowState {
  /** Indices of active lifelines (`#`). */
  readonly active: ReadonlySet<number>;
  /** Indices of lifelines that have ended (destroyed): blank from here on. */
  readonly ended: ReadonlySet<number>;
  /** The frames around the row, outermost first (their sides are drawn on it). */
  readonly frames: readonly Frame[];
}

interface RowBase {
  /** The source the row came from (undefined for the bare lifeline row). */
  readonly span: Span | undefined;
  readonly state: RowState;
}

/**
 * A line of a message's label. With `autonumber` the first line carries the message's `number`,
 * drawn before its text (`numberedText`): `width` counts it, `text` is the line as written. The
 * layout does not join the two into a string of its own: at 30,000 numbered messages those
 * strings were 30,000 young objects that every scavenge until the end of the drawing copied
 * (docs/performance.md, seventh round).
 */
export type LabelLine = MeasuredText & { readonly number: number | undefined };

/** Rows with a line of text carry it inline (`text`, `width`): no object of its own per row. */
export type LayoutRow = RowBase &
  (
    | { readonly kind: 'lifelines' }
    /** A line of a multi-line label, above its arrow row. */
    | ({ readonly kind: 'label'; readonly from: number; readonly to: number; readonly arrow: ArrowKind } & LabelLine)
    | ({ readonly kind: 'arrow'; readonly from: number; readonly to: number; readonly arrow: ArrowKind } & LabelLine)
    | { readonly kind: 'self-top' | 'self-bottom'; readonly lifeline: number; readonly arrow: ArrowKind }
    | ({ readonly kind: 'self-label'; readonly lifeline: number; readonly arrow: ArrowKind } & LabelLine)
    | { readonly kind: 'destroy'; readonly lifelines: readonly number[] }
    | { readonly kind: 'note-top' | 'note-bottom'; readonly note: NoteBox }
    | ({ readonly kind: 'note-text'; readonly note: NoteBox } & MeasuredText)
    | { readonly kind: 'frame-top' | 'frame-separator'; readonly frame: Frame; readonly title: MeasuredText | undefined }
    | { readonly kind: 'frame-bottom'; readonly frame: Frame }
    | ({ readonly kind: 'divider' } & MeasuredText)
    | ({ readonly kind: 'delay'; readonly column: number } & MeasuredText)
  );

export interface Layout {
  /** The charset to draw with by default (widths are the same for both; only the header's height differs). */
  readonly charset: Charset;
  readonly lifelines: readonly LifelineLayout[];
  /** Columns of the whole drawing (header, rows, dividers). */
  readonly width: number;
  /** Rows taken by the header boxes in `charset` (ASCII: the most lines of a display name; Unicode: two more). */
  readonly headerRows: number;
  /** The most lines of a display name. */
  readonly nameLines: number;
  /** The rows below the header: the bare lifeline row first, then the items'. */
  readonly rows: readonly LayoutRow[];
  /** headerRows + rows.length (for a layout given up as certainly too large: a lower bound). */
  readonly rowCount: number;
  readonly limits: RenderLimits;
  /** rowCount or width past the limits: the drawer prints the notice instead. */
  readonly tooLarge: boolean;
}

// ---------------------------------------------------------------------------
// Geometry shared with the drawer.

/** The lifeline under a box of width w starting at column left. */
export const lifelineOffset = (width: number): number => Math.floor((width - 1) / 2);

/** Cells a self message takes right of its lifeline: `---.` then, with a label, a blank and the label. */
export const selfReach = (labelWidth: number): number => (labelWidth > 0 ? 5 + labelWidth : 4);

/**
 * A label line as drawn: with a number, `N. ` and the text (`N.` alone when the message has no
 * label: its one line is empty and its width is the number's).
 */
export function numberedText(line: LabelLine): MeasuredText {
  if (line.number === undefined) return line;
  const number = `${line.number}.`;
  return { text: line.width > number.length ? `${number} ${line.text}` : number, width: line.width };
}

/** Cells `N. ` takes before a label's first line (`N.` when there is no label). */
function numberCells(n: number, label: boolean): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  return digits + (label ? 2 : 1);
}

/**
 * Where a label starts on an arrow between lifeline columns a and b: centred in the
 * cells the head leaves, an odd spare cell to the source side.
 */
export function labelStart(fromCol: number, toCol: number, headWidth: number, labelWidth: number): number {
  const left = Math.min(fromCol, toCol);
  const right = Math.max(fromCol, toCol);
  const spare = Math.max(0, right - left - 1 - headWidth - labelWidth);
  const targetSide = Math.floor(spare / 2);
  const sourceSide = spare - targetSide;
  return toCol > fromCol ? left + 1 + sourceSide : left + 1 + headWidth + targetSide;
}

// ---------------------------------------------------------------------------

/** Horizontal extent of drawn content: lifelines lo..hi, plus cells reaching out left of lo / right of hi. */
interface Extent {
  lo: number;
  loReach: number;
  hi: number;
  hiReach: number;
}

interface FrameSpec {
  left: number;
  right: number;
  readonly id: number;
  /** Lifelines enclosed (-1 when the frame holds nothing drawn on a lifeline). */
  a: number;
  b: number;
  /** Cells from lifeline a to the left side, from lifeline b to the right side. */
  L: number;
  R: number;
  /** Width the frame needs for its titles: `+-[title]-+`. */
  need: number;
}

interface NoteSpec {
  left: number;
  right: number;
  textLeft: number;
  readonly position: NoteItem['position'];
  readonly lo: number;
  readonly hi: number;
  readonly boxWidth: number;
  readonly textWidth: number;
}

interface DelaySpec {
  column: number;
  /** The gap the text is centred in, or -1. */
  gap: number;
  /** Or the lifeline it follows (a frame or a sequence with one lifeline), or -1. */
  after: number;
  readonly width: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY: readonly string[] = [];

class LayoutBuilder {
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

  private active: readonly string[] = EMPTY;
  private ended: number[] = [];
  private frameStack: FrameSpec[] = [];
  private extents: (Extent | undefined)[] = [];
  /** Delays inside each open frame: placed once the frame's lifelines are known. */
  private frameDelays: DelaySpec[][] = [];
  /** With no lifelines at all: the rightmost column used inside each open frame. */
  private bareRight: number[] = [];
  private stateCache = new Map<string, RowState>();
  private current: RowState | undefined;

  constructor(
    readonly index: ReadonlyMap<string, number>,
    readonly n: number,
  ) {
    this.rightReach = new Array<number>(n).fill(0);
  }

  // --- state -------------------------------------------------------------

  private intern(active: readonly string[], ended: readonly number[], frames: readonly FrameSpec[]): RowState {
    const idx: number[] = [];
    for (const id of active) {
      const i = this.index.get(id);
      if (i !== undefined) idx.push(i);
    }
    idx.sort((x, y) => x - y);
    const key = `${idx.join(',')};${ended.join(',')};${frames.map((f) => f.id).join(',')}`;
    let s = this.stateCache.get(key);
    if (!s) {
      s = { active: new Set(idx), ended: new Set(ended), frames: frames.slice() };
      this.stateCache.set(key, s);
    }
    return s;
  }

  private state(): RowState {
    return (this.current ??= this.intern(this.active, this.ended, this.frameStack));
  }

  private setActive(active: readonly string[] | undefined): void {
    const next = active ?? EMPTY;
    if (!sameList(next, this.active)) {
      this.active = next;
      this.current = undefined;
    }
  }

  /** The state of a row where an item happens: active before or after it. */
  private eventState(after: readonly string[] | undefined): RowState {
    const next = after ?? EMPTY;
    if (sameList(next, this.active)) return this.state();
    const union = [...new Set([...this.active, ...next])];
    return this.intern(union, this.ended, this.frameStack);
  }

  private end(lifelines: readonly number[]): void {
    const set = new Set(this.ended);
    for (const i of lifelines) set.add(i);
    this.ended = [...set].sort((x, y) => x - y);
    this.current = undefined;
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
    if (!strict && this.frameStack.length === 0) while (j < this.n && this.ended.includes(j)) j++;
    if (j < this.n) this.span(i, j, cells + 2);
  }

  /** At least `cells` columns left of lifeline i after the previous drawn lifeline (or, for the first, the margin). */
  private roomLeft(i: number, cells: number, strict = false): void {
    if (i < 0) return;
    if (i === 0) return void (this.margin = Math.max(this.margin, cells));
    let j = i - 1;
    if (!strict && this.frameStack.length === 0) while (j > 0 && this.ended.includes(j)) j--;
    if (j === 0 && this.ended.includes(0)) j = i - 1;
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
        case 'divider': {
          const text = singleLine(item.text);
          if (text.width > 0) this.minWidth = Math.max(this.minWidth, text.width + 10);
          this.rows.push({ kind: 'divider', span: item.span, state: this.state(), text: text.text, width: text.width });
          this.setActive(item.activeAfter);
          break;
        }
        case 'delay':
          this.delay(item.span, singleLine(item.text));
          this.setActive(item.activeAfter);
          break;
        case 'destroy': {
          const i = this.index.get(item.participant);
          if (item.immediate && i !== undefined && !this.ended.includes(i)) {
            this.setActive(item.activeAfter);
            this.rows.push({ kind: 'destroy', span: item.span, state: this.state(), lifelines: [i] });
            this.touch(i, 0, i, 0);
            this.end([i]);
          } else {
            this.setActive(item.activeAfter);
          }
          break;
        }
        case 'activate':
        case 'deactivate':
          this.setActive(item.activeAfter);
          break;
        default:
          break;
      }
    }
  }

  private message(m: MessageItem): void {
    const from = this.index.get(m.from) ?? -1;
    const to = this.index.get(m.to) ?? -1;
    const lines = measureLines(m.label ?? '');
    // The first line's width with the number before it.
    const number = m.number;
    const firstWidth = lines[0].width + (number === undefined ? 0 : numberCells(number, !!m.label));
    const widest = Math.max(maxWidth(lines), firstWidth);
    const before = this.state();
    const event = this.eventState(m.activeAfter);
    const arrow: ArrowKind = m.arrow ?? '->';
    if (from < 0 || to < 0) {
      // Not drawable (no lifeline): keep the state only.
    } else if (from === to) {
      const reach = selfReach(widest);
      this.roomRight(from, reach);
      this.touch(from, 0, from, reach);
      this.rows.push({ kind: 'self-top', span: m.span, state: before, lifeline: from, arrow });
      for (let k = 0; k < lines.length; k++) {
        const first = k === 0;
        this.rows.push({ kind: 'self-label', span: m.span, state: before, lifeline: from, arrow, text: lines[k].text, width: first ? firstWidth : lines[k].width, number: first ? number : undefined });
      }
      this.rows.push({ kind: 'self-bottom', span: m.span, state: event, lifeline: from, arrow });
    } else {
      const head = headCells(arrow);
      const lo = Math.min(from, to);
      const hi = Math.max(from, to);
      this.span(lo, hi, head + widest + 4);
      this.touch(lo, 0, hi, 0);
      const n = lines.length;
      for (let k = 0; k < n - 1; k++) {
        const first = k === 0;
        this.rows.push({ kind: 'label', span: m.span, state: before, from, to, arrow, text: lines[k].text, width: first ? firstWidth : lines[k].width, number: first ? number : undefined });
      }
      const single = n === 1;
      this.rows.push({ kind: 'arrow', span: m.span, state: event, from, to, arrow, text: lines[n - 1].text, width: single ? firstWidth : lines[n - 1].width, number: single ? number : undefined });
    }
    this.setActive(m.activeAfter);
    if (!m.destroys?.length) return;
    const destroyed: number[] = [];
    for (const id of m.destroys) {
      const i = this.index.get(id);
      if (i !== undefined && !this.ended.includes(i) && !destroyed.includes(i)) destroyed.push(i);
    }
    if (destroyed.length > 0) {
      destroyed.sort((x, y) => x - y);
      this.rows.push({ kind: 'destroy', span: m.span, state: this.state(), lifelines: destroyed });
      this.touch(destroyed[0], 0, destroyed[destroyed.length - 1], 0);
      this.end(destroyed);
    }
  }

  private note(item: NoteItem): void {
    const lines = measureLines(item.text ?? '');
    const textWidth = maxWidth(lines);
    const boxWidth = textWidth + 4;
    const targets = [...new Set((item.participants ?? EMPTY).map((p) => this.index.get(p)).filter((i): i is number => i !== undefined))];
    let lo = targets.length ? Math.min(...targets) : this.n > 0 ? 0 : -1;
    let hi = targets.length ? Math.max(...targets) : lo;
    const position = item.position === 'left of' || item.position === 'right of' ? item.position : 'over';
    if (position !== 'over') hi = lo = position === 'left of' ? lo : hi;
    const spec: NoteSpec = { left: 0, right: boxWidth - 1, textLeft: 2, position, lo, hi, boxWidth, textWidth };
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
      spec.left = 2 * this.frameStack.length;
      spec.right = spec.left + boxWidth - 1;
      this.useBare(spec.right);
    }
    this.notes.push(spec);
    const state = this.state();
    this.rows.push({ kind: 'note-top', span: item.span, state, note: spec });
    for (const { text, width } of lines) this.rows.push({ kind: 'note-text', span: item.span, state, note: spec, text, width });
    this.rows.push({ kind: 'note-bottom', span: item.span, state, note: spec });
    this.setActive(item.activeAfter);
  }

  private delay(span: Span, text: MeasuredText): void {
    const spec: DelaySpec = { column: 0, gap: -1, after: -1, width: text.width };
    if (this.n === 0) {
      spec.column = 2 * this.frameStack.length;
      this.useBare(spec.column + text.width - 1);
    } else if (this.frameDelays.length > 0) {
      this.frameDelays[this.frameDelays.length - 1].push(spec);
    } else {
      this.placeDelay(spec, 0, this.n - 1);
    }
    const row = { kind: 'delay' as const, span, state: this.state(), text: text.text, width: text.width, column: 0 };
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
    const frame: FrameSpec = { left: 2 * this.frameStack.length, right: 0, id: this.frames.length, a: -1, b: -1, L: 2, R: 2, need: 5 };
    this.frames.push(frame);
    this.extents.push(undefined);
    this.frameDelays.push([]);
    this.bareRight.push(frame.left);
    const savedActive = this.active;
    const savedEnded = this.ended;
    let firstEnded = savedEnded;
    const branches = f.branches ?? [];
    const needs: number[] = [5];
    if (branches.length === 0) {
      const title = singleLine(f.kind);
      needs.push(title.width + 6);
      this.rows.push({ kind: 'frame-top', span: f.span, state: this.state(), frame, title });
    }
    branches.forEach((branch, k) => {
      this.setActive(savedActive);
      this.ended = savedEnded;
      this.current = undefined;
      const condition = branch.condition ?? '';
      const keyword = branch.keyword ?? f.kind;
      const title = k === 0 || condition ? singleLine(condition ? `${keyword} ${condition}` : keyword) : undefined;
      // `+-[alt …]-+` on top, `+- - [else …] -+` on a separator.
      if (title) needs.push(title.width + (k === 0 ? 6 : 10));
      const state = this.state();
      this.rows.push(k === 0 ? { kind: 'frame-top', span: branch.span, state, frame, title } : { kind: 'frame-separator', span: branch.span, state, frame, title });
      this.frameStack.push(frame);
      this.current = undefined;
      const before = this.rows.length;
      this.walk(branch.items ?? []);
      // An empty branch still shows one row inside its frame.
      if (this.rows.length === before) this.rows.push({ kind: 'lifelines', span: branch.span, state: this.state() });
      this.frameStack.pop();
      this.current = undefined;
      if (k === 0) firstEnded = this.ended;
    });
    this.ended = firstEnded;
    this.current = undefined;
    this.setActive(f.activeAfter);
    this.rows.push({ kind: 'frame-bottom', span: f.endSpan ?? f.span, state: this.state(), frame });

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

  // --- widths --------------------------------------------------------------

  /** Applies the requirements to the header's gaps, shortest span first. */
  solve(gaps: number[]): void {
    // Bucket by span length: a stable sort in linear time (each bucket holds indices into `requirements`).
    const r = this.requirements;
    const buckets: number[][] = [];
    for (let i = 0; i < r.length; i += 3) {
      const k = r[i + 1] - r[i];
      while (buckets.length <= k) buckets.push([]);
      buckets[k].push(i);
    }
    for (const bucket of buckets) {
      for (const i of bucket) {
        const lo = r[i];
        const hi = r[i + 1];
        const need = r[i + 2];
        let have = 0;
        for (let g = lo; g < hi; g++) have += gaps[g];
        if (have >= need) continue;
        const missing = need - have;
        const k = hi - lo;
        const each = Math.floor(missing / k);
        const extra = missing - each * k;
        for (let g = lo; g < hi; g++) gaps[g] += each + (g >= hi - extra ? 1 : 0);
      }
    }
  }

  /** Puts frames, notes and delays at their columns; returns the width they need. */
  resolve(columns: readonly number[]): number {
    let width = this.minWidth;
    for (const f of this.frames) {
      if (f.a >= 0) {
        f.left = columns[f.a] - f.L;
        f.right = columns[f.b] + f.R;
      }
      width = Math.max(width, f.right + 1);
    }
    for (const note of this.notes) {
      if (note.lo < 0) {
        // Placed while walking (no lifelines).
      } else if (note.position === 'right of') {
        note.left = columns[note.lo] + 2;
        note.right = note.left + note.boxWidth - 1;
      } else if (note.position === 'left of') {
        note.right = columns[note.lo] - 2;
        note.left = note.right - note.boxWidth + 1;
      } else if (note.lo === note.hi) {
        note.left = columns[note.lo] - lifelineOffset(note.boxWidth);
        note.right = note.left + note.boxWidth - 1;
      } else {
        note.left = columns[note.lo] - 2;
        note.right = columns[note.hi] + 2;
      }
      const inner = note.right - note.left - 3;
      note.textLeft = note.left + 2 + Math.max(0, Math.floor((inner - note.textWidth) / 2));
      width = Math.max(width, note.right + 1);
    }
    for (const { spec, row } of this.delays) {
      if (spec.gap >= 0) {
        const a = columns[spec.gap];
        const b = columns[spec.gap + 1];
        spec.column = a + 1 + Math.floor((b - a - 1 - spec.width) / 2);
      } else if (spec.after >= 0) {
        spec.column = columns[spec.after] + 2;
      }
      row.column = spec.column;
      width = Math.max(width, spec.column + spec.width);
    }
    return width;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Text drawn on one row (a frame title, a divider, a delay): its lines joined with a space. */
function singleLine(text: string | undefined): MeasuredText {
  return measure(textLines(text ?? '').join(' '));
}

/**
 * Every participant the items draw on, in first-use order. Returns how deep fragments nest and
 * a lower bound of the rows the items take. Iterative: 10,000 nested fragments must not
 * overflow the call stack.
 */
function collectParticipants(items: readonly Item[], into: (id: string) => void): { depth: number; rows: number } {
  let depth = 0;
  let rows = 0;
  const stack: { items: readonly Item[]; next: number; depth: number }[] = [{ items, next: 0, depth: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.next++];
    switch (item.type) {
      case 'message':
        into(item.from);
        into(item.to);
        rows++;
        break;
      case 'note':
        for (const p of item.participants ?? EMPTY) into(p);
        rows += 3;
        break;
      case 'activate':
      case 'deactivate':
      case 'destroy':
        into(item.participant);
        break;
      case 'fragment': {
        const branches = item.branches ?? [];
        depth = Math.max(depth, top.depth + 1);
        rows += branches.length + 1;
        for (let b = branches.length - 1; b >= 0; b--) stack.push({ items: branches[b].items ?? [], next: 0, depth: top.depth + 1 });
        break;
      }
      default:
        rows++;
        break;
    }
  }
  return { depth, rows };
}

export type LayoutOptions = RenderOptions;

/** Lays out one sequence: lifeline columns, the header, and one entry per output row. */
export function layoutSequence(model: Model, sequence: Sequence, options: LayoutOptions = {}): Layout {
  const charset: Charset = options.charset === 'unicode' ? 'unicode' : 'ascii';
  const limits = limitsOf(options);

  // Lifelines: the sequence's, then (for a model that forgot some) any other name it draws on.
  const ids: string[] = [];
  const index = new Map<string, number>();
  const add = (id: string) => {
    if (typeof id === 'string' && !index.has(id)) {
      index.set(id, ids.length);
      ids.push(id);
    }
  };
  for (const id of sequence.lifelines ?? EMPTY) add(id);
  const least = collectParticipants(sequence.items ?? [], add);
  const n = ids.length;

  // Header boxes and the gaps they need: at least 2 blank cells between boxes.
  const names = ids.map((id) => measureLines(model.participantById?.get(id)?.displayName ?? id));
  // An empty name still gets one cell, `[ ]`, so the lifeline falls inside its box.
  const widths = names.map((lines) => Math.max(1, maxWidth(lines)) + 2);
  const gaps: number[] = [];
  for (let i = 0; i + 1 < n; i++) gaps.push(widths[i] - 1 - lifelineOffset(widths[i]) + 3 + lifelineOffset(widths[i + 1]));

  // Thousands of lifelines, or frames nested a thousand deep, with the header alone too wide or
  // the frames too wide (each level takes 2 columns on either side): the notice, without walking
  // the items — that costs time with every lifeline an arrow spans, and stack with every level.
  // Its figures are then lower bounds.
  const headerWidth = widths.reduce((sum, w) => sum + w, 0) + 2 * Math.max(0, n - 1);
  if ((n > 1000 && headerWidth > limits.maxColumns) || (least.depth > 1000 && 4 * least.depth > limits.maxColumns)) {
    const headerRows = headerRowsFor(charset, names.reduce((m, lines) => Math.max(m, lines.length), 0), n);
    const rowCount = headerRows + (n > 0 ? 1 : 0) + least.rows;
    return { charset, lifelines: [], width: Math.max(headerWidth, 4 * least.depth + 1), headerRows, nameLines: 0, rows: [], rowCount, limits, tooLarge: true };
  }

  const builder = new LayoutBuilder(index, n);
  if (n > 0) builder.rows.push({ kind: 'lifelines', span: undefined, state: { active: new Set(), ended: new Set(), frames: [] } });
  builder.walk(sequence.items ?? []);
  builder.solve(gaps);

  const margin = n > 0 ? Math.max(builder.margin, lifelineOffset(widths[0])) : 0;
  const columns: number[] = [];
  for (let i = 0, x = margin; i < n; x += gaps[i] ?? 0, i++) columns.push(x);
  const lifelines: LifelineLayout[] = ids.map((id, i) => ({
    id,
    column: columns[i],
    box: { left: columns[i] - lifelineOffset(widths[i]), width: widths[i], lines: names[i] },
  }));

  let width = builder.resolve(columns);
  for (let i = 0; i < n; i++) {
    width = Math.max(width, lifelines[i].box.left + widths[i], columns[i] + 1 + builder.rightReach[i]);
  }

  const maxLines = names.reduce((m, lines) => Math.max(m, lines.length), 0);
  const headerRows = headerRowsFor(charset, maxLines, n);
  const rowCount = headerRows + builder.rows.length;
  return {
    charset,
    lifelines,
    width,
    headerRows,
    nameLines: maxLines,
    rows: builder.rows,
    rowCount,
    limits,
    tooLarge: rowCount > limits.maxRows || width > limits.maxColumns,
  };
}
