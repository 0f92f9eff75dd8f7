/**
 * The width solver: the requirements (spans of gaps that must add up to some cells) widen
 * the header's gaps, shortest span first; then frames, notes and delays get their columns.
 */
import type { NoteItem } from '../model';
import { lifelineOffset } from './geometry';
import type { LayoutRow } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface FrameSpec {
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

export interface NoteSpec {
  left: number;
  right: number;
  textLeft: number;
  readonly position: NoteItem['position'];
  readonly lo: number;
  readonly hi: number;
  readonly boxWidth: number;
  readonly textWidth: number;
}

export interface DelaySpec {
  column: number;
  /** The gap the text is centred in, or -1. */
  gap: number;
  /** Or the lifeline it follows (a frame or a sequence with one lifeline), or -1. */
  after: number;
  readonly width: number;
}

/** What the walk placed relative to lifelines, resolved once the columns are known. */
export interface Annotations {
  readonly minWidth: number;
  readonly frames: readonly FrameSpec[];
  readonly notes: readonly NoteSpec[];
  readonly delays: readonly { readonly spec: DelaySpec; readonly row: Mutable<LayoutRow & { kind: 'delay' }> }[];
}

/** Applies the requirements to the header's gaps, shortest span first. */
export function solveGaps(r: readonly number[], gaps: number[]): void {
  // Bucket by span length: a stable sort in linear time (each bucket holds indices into `requirements`).
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
export function placeAnnotations(placed: Annotations, columns: readonly number[]): number {
  let width = placed.minWidth;
  for (const f of placed.frames) {
    if (f.a >= 0) {
      f.left = columns[f.a] - f.L;
      f.right = columns[f.b] + f.R;
    }
    width = Math.max(width, f.right + 1);
  }
  for (const note of placed.notes) {
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
  for (const { spec, row } of placed.delays) {
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
