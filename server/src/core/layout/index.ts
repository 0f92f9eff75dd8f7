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
import { type Item, type MessageItem, type Model, type Sequence } from '../model';
import { maxWidth, measureLines } from '../width';
import { LayoutBuilder } from './builder';
import { isEdgeEnd } from './edges';
import { headerRowsFor, lifelineOffset, singleLine } from './geometry';
import { isTooLarge, limitsOf, type Charset } from './limits';
import { placeAnnotations, solveGaps } from './solver';
import type { BoxFrame, Layout, LayoutOptions, LifelineLayout } from './types';

export * from './types';
export * from './geometry';
export * from './limits';

/**
 * Every participant the items draw on, in first-use order. Returns how deep fragments nest and
 * a lower bound of the rows the items take. Iterative: 10,000 nested fragments must not
 * overflow the call stack.
 */
function collectParticipants(items: readonly Item[], into: (id: string) => void, creates: MessageItem[]): { depth: number; rows: number } {
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
        // The diagram's edges (v2) are no lifelines.
        if (!isEdgeEnd(item, 'from')) into(item.from);
        if (!isEdgeEnd(item, 'to')) into(item.to);
        if (item.creates !== undefined) creates.push(item);
        rows++;
        break;
      case 'ref':
        for (const p of item.participants) into(p);
        rows += 3;
        break;
      case 'note':
        for (const p of item.participants) into(p);
        rows += 3;
        break;
      case 'activate':
      case 'deactivate':
      case 'destroy':
        into(item.participant);
        break;
      case 'fragment': {
        const branches = item.branches;
        depth = Math.max(depth, top.depth + 1);
        rows += branches.length + 1;
        for (let b = branches.length - 1; b >= 0; b--) stack.push({ items: branches[b].items, next: 0, depth: top.depth + 1 });
        break;
      }
      default:
        rows++;
        break;
    }
  }
  return { depth, rows };
}

/** The model's boxes over this sequence's lifelines (v2): each its first and last lifeline, left to right. */
function boxGroups(
  model: Model,
  ids: readonly string[],
  index: ReadonlyMap<string, number>,
): { first: number; last: number; label: ReturnType<typeof singleLine> }[] {
  const out: { first: number; last: number; label: ReturnType<typeof singleLine> }[] = [];
  for (const box of model.boxes ?? []) {
    let first = -1;
    let last = -1;
    for (const id of box.participants) {
      const i = index.get(id);
      if (i === undefined || model.participantById.get(ids[i])?.box !== box.id) continue;
      if (first < 0 || i < first) first = i;
      if (i > last) last = i;
    }
    if (first >= 0) out.push({ first, last, label: singleLine(box.label) });
  }
  // Boxes are contiguous and never overlap: a box over another's lifelines (a model built by hand) is dropped.
  out.sort((a, b) => a.first - b.first);
  return out.filter((b, k) => k === 0 || b.first > out[k - 1].last);
}

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
  for (const id of sequence.lifelines) add(id);
  const creates: MessageItem[] = [];
  const least = collectParticipants(sequence.items, add, creates);
  const n = ids.length;

  // Header boxes and the gaps they need: at least 2 blank cells between boxes.
  const names = ids.map((id) => measureLines(model.participantById.get(id)?.displayName ?? id));
  // An empty name still gets one cell, `[ ]`, so the lifeline falls inside its box.
  const widths = names.map((lines) => Math.max(1, maxWidth(lines)) + 2);
  const boxes = boxGroups(model, ids, index);
  const header = sides(widths, boxes);

  // Thousands of lifelines, or frames nested a thousand deep, with the header alone too wide or
  // the frames too wide (each level takes 2 columns on either side), or more cells than the limit
  // even at the header's width: the notice, without walking the items — that costs
  // time with every lifeline an arrow spans, stack with every level, and memory with every row.
  // Its figures are then lower bounds. The header's width counts participant boxes' sides (v2),
  // its rows their top and bottom borders.
  const headerWidth = n > 0 ? header.leftOf[0] + header.gaps.reduce((sum, g) => sum + g, 0) + header.rightOf[n - 1] + 1 : 0;
  const boxRows = boxes.length > 0 ? 1 : 0;
  const leastRows =
    headerRowsFor(
      charset,
      names.reduce((m, lines) => Math.max(m, lines.length), 0),
      n,
    ) +
    (n > 0 ? 1 : 0) +
    least.rows +
    2 * boxRows;
  const tooWide = (n > 1000 && headerWidth > limits.maxColumns) || (least.depth > 1000 && 4 * least.depth > limits.maxColumns);
  if (tooWide || leastRows * headerWidth > limits.maxCells) {
    const headerRows =
      headerRowsFor(
        charset,
        names.reduce((m, lines) => Math.max(m, lines.length), 0),
        n,
      ) + boxRows;
    const width = least.depth > 1000 ? Math.max(headerWidth, 4 * least.depth + 1) : headerWidth;
    return { charset, lifelines: [], width, headerRows, nameLines: 0, rows: [], rowCount: leastRows, limits, tooLarge: true };
  }

  // Created participants (v2): their box is drawn on the rows of the first message that creates them.
  const created = new Map<number, { height: number; offset: number; width: number }>();
  for (const m of creates) {
    const i = index.get(m.creates!);
    if (i !== undefined && !created.has(i))
      created.set(i, { height: headerRowsFor(charset, names[i].length, 1), offset: lifelineOffset(widths[i]), width: widths[i] });
  }
  const builder = new LayoutBuilder(index, n, created);
  if (n > 0)
    builder.rows.push({
      kind: 'lifelines',
      span: undefined,
      state: { active: new Set(), ended: new Set(), frames: [], unborn: new Set(created.keys()) },
    });
  builder.walk(sequence.items);

  const { leftOf, rightOf, gaps } = sides(widths, boxes, builder);
  for (const b of boxes) {
    if (b.last > b.first) builder.requirements.push(b.first, b.last, b.label.width + 5 - leftOf[b.first] - rightOf[b.last]);
    // An edge message's label (v2) next to a box: between the box's side and its lifeline.
    for (let k = 0; k < builder.leftEdge.length; k += 2)
      if (builder.leftEdge[k] === b.last + 1) builder.requirements.push(b.last, b.last + 1, rightOf[b.last] + builder.leftEdge[k + 1]);
    for (let k = 0; k < builder.rightEdge.length; k += 2)
      if (builder.rightEdge[k] === b.first - 1) builder.requirements.push(b.first - 1, b.first, leftOf[b.first] + builder.rightEdge[k + 1]);
    // A fragment just outside a box keeps its side outside the box's, one blank between.
    for (const f of builder.frames) {
      if (f.a === b.last + 1) builder.requirements.push(b.last, f.a, rightOf[b.last] + f.L + 2);
      if (f.b >= 0 && f.b === b.first - 1) builder.requirements.push(f.b, b.first, f.R + leftOf[b.first] + 2);
    }
  }
  solveGaps(builder.requirements, gaps);

  let margin = n > 0 ? Math.max(builder.margin, leftOf[0]) : 0;
  // Messages from or to the left edge (v2): room between column 0 and their lifeline.
  if (builder.leftEdge.length > 0) {
    const before = [0];
    for (const g of gaps) before.push(before[before.length - 1] + g);
    for (let k = 0; k < builder.leftEdge.length; k += 2) margin = Math.max(margin, builder.leftEdge[k + 1] - before[builder.leftEdge[k]]);
  }
  const columnsFrom = (start: number) => {
    const out: number[] = [];
    for (let i = 0, x = start; i < n; x += gaps[i] ?? 0, i++) out.push(x);
    return out;
  };
  let columns = columnsFrom(margin);
  let width = placeAnnotations(builder, columns);
  // A found message (v2) starts at column 0 with body, so no side it crosses may sit on the first two.
  const firstSide = Math.min(...builder.frames.map((f) => f.left), ...boxes.map((b) => columns[b.first] - leftOf[b.first]));
  if (builder.leftEdge.length > 0 && firstSide < 2) {
    margin += 2 - firstSide;
    columns = columnsFrom(margin);
    width = placeAnnotations(builder, columns);
  }
  const lifelines: LifelineLayout[] = ids.map((id, i) => ({
    id,
    column: columns[i],
    box: { left: columns[i] - lifelineOffset(widths[i]), width: widths[i], lines: names[i] },
    ...(created.has(i) ? { created: true } : {}),
  }));
  for (let i = 0; i < n; i++) {
    width = Math.max(width, lifelines[i].box.left + widths[i], columns[i] + 1 + builder.rightReach[i]);
  }
  const frames: BoxFrame[] = boxes.map((b) => ({
    ...b,
    left: columns[b.first] - leftOf[b.first],
    right: columns[b.last] + rightOf[b.last],
  }));
  for (const f of frames) width = Math.max(width, f.right + 1);
  // A message to the right edge (v2) ends past every side it crosses: `-|->`.
  if (builder.rightEdge.length > 0)
    for (const side of [...builder.frames.map((f) => f.right), ...frames.map((f) => f.right)]) width = Math.max(width, side + 3);
  if (frames.length > 0)
    builder.rows.push({
      kind: 'box-bottom',
      span: undefined,
      // Boxes mean lifelines, so the bare lifeline row is there at least.
      state: builder.rows[builder.rows.length - 1].state,
    });

  const maxLines = names.reduce((m, lines) => Math.max(m, lines.length), 0);
  const headerRows = headerRowsFor(charset, maxLines, n) + (frames.length > 0 ? 1 : 0);
  const rowCount = headerRows + builder.rows.length;
  return {
    charset,
    lifelines,
    width,
    headerRows,
    ...(frames.length > 0 ? { boxes: frames } : {}),
    nameLines: maxLines,
    rows: builder.rows,
    rowCount,
    limits,
    tooLarge: isTooLarge(rowCount, width, limits),
  };
}

/**
 * Cells from each lifeline to its box's sides (v2), or to its header box's, and the gaps between
 * lifelines they need. Without the builder (before the walk): the header's, a lower bound.
 */
function sides(
  widths: readonly number[],
  boxes: ReturnType<typeof boxGroups>,
  builder?: LayoutBuilder,
): { leftOf: number[]; rightOf: number[]; gaps: number[] } {
  const leftOf = widths.map((w) => lifelineOffset(w));
  const rightOf = widths.map((w) => w - 1 - lifelineOffset(w));
  for (const b of boxes) {
    leftOf[b.first] += 2;
    rightOf[b.last] += 2;
    // An edge message's label (v2) fits between the box's side and its lifeline.
    if (builder) {
      for (let k = 0; k < builder.leftEdge.length; k += 2)
        if (builder.leftEdge[k] === b.first) leftOf[b.first] = Math.max(leftOf[b.first], builder.leftEdge[k + 1]);
      for (let k = 0; k < builder.rightEdge.length; k += 2)
        if (builder.rightEdge[k] === b.last) rightOf[b.last] = Math.max(rightOf[b.last], builder.rightEdge[k + 1]);
    }
    // A one-lifeline box widens to the right for its label: `+-[label]-+`.
    if (b.first === b.last) rightOf[b.last] = Math.max(rightOf[b.last], b.label.width + 5 - leftOf[b.first]);
  }
  const gaps: number[] = [];
  for (let i = 0; i + 1 < widths.length; i++)
    gaps.push(Math.max(widths[i] - 1 - lifelineOffset(widths[i]) + 3 + lifelineOffset(widths[i + 1]), rightOf[i] + 2 + leftOf[i + 1]));
  return { leftOf, rightOf, gaps };
}
