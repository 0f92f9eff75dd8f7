/**
 * Geometry shared by the layout and the drawer: where lifelines, labels and arrow heads sit.
 * It lives below both, so the layout never imports the drawer.
 */
import type { ArrowKind } from '../ast';
import { measure, textLines, type MeasuredText } from '../width';
import type { Charset } from './limits';
import type { BoxFrame, LabelLine, RowState } from './types';

/**
 * Cells an arrow head takes: the ASCII head's width (`>>` is two). Both charsets
 * use these widths, so a layout draws in either (Unicode's `▷` fills the second
 * cell with body).
 */
export function headCells(arrow: ArrowKind): number {
  return arrow.endsWith('>>') ? 2 : 1;
}

/** Header rows for a charset: ASCII one per line of the tallest name, Unicode two more for the box. */
export function headerRowsFor(charset: Charset, maxLines: number, lifelines: number): number {
  return lifelines === 0 ? 0 : charset === 'unicode' ? maxLines + 2 : maxLines;
}

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
export function numberCells(n: number, label: boolean): number {
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

/** Text drawn on one row (a frame title, a divider, a delay, a box label): its lines joined with a space. */
export function singleLine(text: string): MeasuredText {
  return measure(textLines(text).join(' '));
}

/**
 * The frame and box sides an edge message (v2) crosses on its way from or to the diagram's edge:
 * they stay drawn (docs/language.md, "Edge messages").
 */
export function edgeSides(state: RowState, boxes: readonly BoxFrame[]): number[] {
  const sides: number[] = [];
  for (const f of state.frames) sides.push(f.left, f.right);
  for (const b of boxes) sides.push(b.left, b.right);
  return sides;
}

/**
 * The two columns an arrow's label is centred between (from, to). A message between lifelines
 * uses its ends; an edge message (v2) the stretch next to its lifeline, up to the nearest frame
 * side, box side or lifeline it crosses, so the label never covers a side that stays drawn.
 */
export function labelEnds(
  row: { readonly from: number; readonly to: number; readonly state: RowState },
  columns: readonly number[],
  width: number,
  boxes: readonly BoxFrame[],
  /** Where the head is when it is not on the target's lifeline: a created participant's box side. */
  target?: number,
): [number, number] {
  const n = columns.length;
  const col = (i: number) => (i < 0 ? -1 : i >= n ? width : columns[i]);
  const to = target ?? col(row.to);
  const fromEdge = row.from < 0 || row.from >= n;
  const toEdge = row.to < 0 || row.to >= n;
  if (fromEdge === toEdge) return [col(row.from), to];
  const edge = fromEdge ? col(row.from) : to;
  const c = fromEdge ? to : col(row.from);
  let near = edge;
  for (const x of [...edgeSides(row.state, boxes), ...columns]) if (edge < c ? x < c && x > near : x > c && x < near) near = x;
  return fromEdge ? [near, c] : [c, near];
}
