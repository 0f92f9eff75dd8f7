/**
 * Time drawn on the diagram (v2, `render --durations`): a right-hand margin with each `takes`
 * on its message's row (a ref's on its frame), the critical path's steps marked `*`, and a
 * closing line `critical path 442ms of 1.5s` (or `…, over budget by 60ms`).
 */
import type { Item, Sequence, TimedItem } from '../model';
import type { Layout } from '../layout';
import { displayWidth } from '../width';

/** A duration as one compact word: `120ms`, `1.5s`, `3min`, `1.25h`. */
export function compactDuration(ms: number): string {
  const round = (n: number) => String(Math.round(n * 100) / 100);
  if (ms < 1000) return `${round(ms)}ms`;
  if (ms < 60_000) return `${round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${round(ms / 60_000)}min`;
  return `${round(ms / 3_600_000)}h`;
}

export interface DurationMargin {
  /** Text for layout row i (the row's index in `layout.rows`). */
  readonly rows: ReadonlyMap<number, string>;
  /** The column the margin starts at. */
  readonly column: number;
  /** The closing line, or undefined when the sequence has no timing at all. */
  readonly closing: string | undefined;
}

export function durationMargin(sequence: Sequence, layout: Layout): DurationMargin {
  const timed = new Map<number, TimedItem>();
  const pending: (readonly Item[])[] = [sequence.items];
  while (pending.length > 0) {
    for (const item of pending.pop()!) {
      if ((item.type === 'message' || item.type === 'ref') && item.takes) timed.set(item.span.offset, item);
      else if (item.type === 'fragment') for (const b of item.branches) pending.push(b.items);
    }
  }
  const onPath = new Set<TimedItem>(sequence.criticalPath.path);
  const rows = new Map<number, string>();
  layout.rows.forEach((row, i) => {
    if (row.span === undefined || (row.kind !== 'arrow' && row.kind !== 'self-top' && row.kind !== 'note-top')) return;
    const item = timed.get(row.span.offset);
    if (!item || (row.kind === 'note-top') !== (item.type === 'ref')) return;
    timed.delete(row.span.offset);
    rows.set(i, `${onPath.has(item) ? '*' : ' '} ${compactDuration(item.takes!.ms)}`);
  });
  return { rows, column: layout.width + 2, closing: closingLine(sequence) };
}

function closingLine(sequence: Sequence): string | undefined {
  const ms = sequence.criticalPath.ms;
  const within = sequence.within;
  if (ms === 0 && !within) return undefined;
  const path = `critical path ${compactDuration(ms)}`;
  if (!within) return path;
  const over = ms - within.ms;
  return over > 0 ? `${path} of ${within.text}, over budget by ${compactDuration(over)}` : `${path} of ${within.text}`;
}

/** Columns the margin adds right of the drawing (its texts, and the closing line if wider): the size limits count them. */
export function marginColumns(margin: DurationMargin, drawingWidth: number): number {
  let widest = 0;
  for (const text of margin.rows.values()) widest = Math.max(widest, margin.column + displayWidth(text));
  if (margin.closing !== undefined) widest = Math.max(widest, displayWidth(margin.closing));
  return Math.max(0, widest - drawingWidth);
}
