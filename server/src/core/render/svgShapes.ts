/**
 * The picture's shapes, each a small function from grid positions to SVG markup.
 * Grid units: the centre of cell (column c, row r) is at (X(c), Y(r)); a lifeline at
 * column c is the line x = X(c), and an arrow between lifelines a and b runs from X(a) to X(b).
 */
import type { ArrowKind } from '../ast';
import type { ParticipantKindName } from '../diagnostics';
import type { MeasuredText } from '../width';
import { BASELINE, CELL_HEIGHT, CELL_WIDTH, escapeXml, fmt } from './svgStyle';

export const X = (column: number): number => column * CELL_WIDTH;
export const Y = (row: number): number => row * CELL_HEIGHT;
/** The top edge of a row (the bottom edge is the next row's top). */
export const top = (row: number): number => row * CELL_HEIGHT - CELL_HEIGHT / 2;
const HALF = CELL_WIDTH / 2;

/** One line of text placed on the grid: its first cell and row, fitted to its cells. */
export interface PlacedLine {
  readonly column: number;
  readonly row: number;
  readonly text: MeasuredText;
}

/** Where a line of text goes and how long it is: the cells it takes in the text drawing. */
function placement(line: PlacedLine): string {
  return `x="${fmt(X(line.column) - HALF)}" y="${fmt(Y(line.row) + BASELINE)}" textLength="${line.text.width * CELL_WIDTH}" lengthAdjust="spacingAndGlyphs"`;
}

/**
 * A block of text: one `<text>`, a `<tspan>` per line when it has several. Empty lines are left out.
 * Every element here ends its line of the file: golden files diff element by element.
 */
export function text(cls: string, lines: readonly PlacedLine[]): string {
  const drawn = lines.filter((l) => l.text.width > 0);
  if (drawn.length === 0) return '';
  if (drawn.length === 1) return `<text class="${cls}" ${placement(drawn[0])}>${escapeXml(drawn[0].text.text)}</text>\n`;
  let spans = '';
  for (const line of drawn) spans += `<tspan ${placement(line)}>${escapeXml(line.text.text)}</tspan>`;
  return `<text class="${cls}">${spans}</text>\n`;
}

export type HeadKind = 'sync' | 'async' | 'lost';

export function headKind(arrow: ArrowKind): HeadKind {
  return arrow.endsWith('>>') ? 'async' : arrow.endsWith('x') ? 'lost' : 'sync';
}

/** Replies (`-->`, `-->>`, `--x`) are dashed. */
export const bodyClass = (arrow: ArrowKind): string => (arrow.startsWith('--') ? 'll-reply' : 'll-msg');

/**
 * Where a message's line ends: on the target lifeline, or for a lost message on the cross,
 * one cell before it (the ASCII `x` is the arrow's last cell).
 */
export function lineEnd(arrow: ArrowKind, target: number, direction: 1 | -1): number {
  return headKind(arrow) === 'lost' ? target - direction * CELL_WIDTH : target;
}

/** The head at `tip` (x of the line's end) pointing in `direction`: filled, open or a cross. */
export function head(kind: HeadKind, tip: number, y: number, direction: 1 | -1): string {
  const back = fmt(tip - direction * CELL_WIDTH);
  const t = fmt(tip);
  switch (kind) {
    case 'sync':
      return `<path class="ll-head" d="M${t} ${fmt(y)}L${back} ${fmt(y - 4)}V${fmt(y + 4)}Z"/>\n`;
    case 'async':
      return `<path class="ll-head-open" d="M${back} ${fmt(y - 4.5)}L${t} ${fmt(y)}L${back} ${fmt(y + 4.5)}"/>\n`;
    case 'lost':
      return `<path class="ll-head-lost" d="M${fmt(tip - 4)} ${fmt(y - 4)}l8 8m0 -8l-8 8"/>\n`;
  }
}

/**
 * A message's line from x1 to x2 on row y, open where its label sits (from..to, the label's
 * cells): the first point is the source, the last the end.
 */
export function messageLine(cls: string, x1: number, x2: number, y: number, gap: { from: number; to: number } | undefined): string {
  const yy = fmt(y);
  if (!gap) return `<path class="${cls}" d="M${fmt(x1)} ${yy}H${fmt(x2)}"/>\n`;
  const [near, far] = x1 < x2 ? [gap.from, gap.to] : [gap.to, gap.from];
  return `<path class="${cls}" d="M${fmt(x1)} ${yy}H${fmt(near)}M${fmt(far)} ${yy}H${fmt(x2)}"/>\n`;
}

/** The cells a label takes, widened by a little blank on either side (the gap in its line). */
export function labelGap(start: number, width: number): { from: number; to: number } | undefined {
  if (width <= 0) return undefined;
  return { from: X(start) - HALF - 2, to: X(start + width - 1) + HALF + 2 };
}

/** A self message's loop: right from the lifeline, down its side, back left to `end`. */
export function selfLoop(cls: string, x: number, side: number, y1: number, y2: number, end: number): string {
  return `<path class="${cls}" d="M${fmt(x)} ${fmt(y1)}H${fmt(side)}V${fmt(y2)}H${fmt(end)}"/>\n`;
}

/** A participant's box from x0..x1, y0..y1, drawn after its kind. */
export function participantShape(kind: ParticipantKindName | undefined, x0: number, x1: number, y0: number, y1: number): string {
  const w = x1 - x0;
  const h = y1 - y0;
  switch (kind) {
    case 'database': {
      // A cylinder: the rim's back half, the sides, the bottom's front half, then the rim's front half.
      const rx = fmt(w / 2);
      const ry = 2.5;
      return (
        `<path class="ll-box" d="M${fmt(x0)} ${fmt(y0 + ry)}A${rx} ${ry} 0 0 1 ${fmt(x1)} ${fmt(y0 + ry)}V${fmt(y1 - ry)}` +
        `A${rx} ${ry} 0 0 1 ${fmt(x0)} ${fmt(y1 - ry)}Z"/>\n` +
        `<path class="ll-fold" d="M${fmt(x0)} ${fmt(y0 + ry)}A${rx} ${ry} 0 0 0 ${fmt(x1)} ${fmt(y0 + ry)}"/>\n`
      );
    }
    case 'queue': {
      // A cylinder on its side: rounded ends, the right end's rim drawn in.
      const rx = 3;
      const ry = fmt(h / 2);
      return (
        `<path class="ll-box" d="M${fmt(x0 + rx)} ${fmt(y0)}H${fmt(x1 - rx)}A${rx} ${ry} 0 0 1 ${fmt(x1 - rx)} ${fmt(y1)}` +
        `H${fmt(x0 + rx)}A${rx} ${ry} 0 0 1 ${fmt(x0 + rx)} ${fmt(y0)}Z"/>\n` +
        `<path class="ll-fold" d="M${fmt(x1 - rx)} ${fmt(y0)}A${rx} ${ry} 0 0 0 ${fmt(x1 - rx)} ${fmt(y1)}"/>\n`
      );
    }
    case 'actor': {
      // A small figure in the box's first cell (the text drawing's `[`).
      const box = `<rect class="ll-box" x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(w)}" height="${fmt(h)}" rx="3"/>\n`;
      const cx = x0 + HALF + 0.5;
      const cy = y1 - CELL_HEIGHT / 2 - 1;
      return (
        box +
        `<circle class="ll-actor" cx="${fmt(cx)}" cy="${fmt(cy - 4)}" r="1.8"/>\n` +
        `<path class="ll-actor" d="M${fmt(cx)} ${fmt(cy - 2)}V${fmt(cy + 2.5)}M${fmt(cx - 2.5)} ${fmt(cy - 0.5)}H${fmt(cx + 2.5)}` +
        `M${fmt(cx - 2.5)} ${fmt(cy + 6)}L${fmt(cx)} ${fmt(cy + 2.5)}L${fmt(cx + 2.5)} ${fmt(cy + 6)}"/>\n`
      );
    }
    default:
      return `<rect class="ll-box" x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(w)}" height="${fmt(h)}" rx="3"/>\n`;
  }
}

/** A note: a box with its top-right corner folded. */
export function noteShape(x0: number, x1: number, y0: number, y1: number): string {
  const f = 6;
  return (
    `<path class="ll-note" d="M${fmt(x0)} ${fmt(y0)}H${fmt(x1 - f)}L${fmt(x1)} ${fmt(y0 + f)}V${fmt(y1)}H${fmt(x0)}Z"/>\n` +
    `<path class="ll-fold" d="M${fmt(x1 - f)} ${fmt(y0)}V${fmt(y0 + f)}H${fmt(x1)}"/>\n`
  );
}

/** A fragment's frame. */
export function frameShape(x0: number, x1: number, y0: number, y1: number): string {
  return `<rect class="ll-frame" x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(x1 - x0)}" height="${fmt(y1 - y0)}"/>\n`;
}

/** The tab in a frame's top-left corner that holds its title, one row high, up to x = right. */
export function tabShape(x0: number, right: number, y0: number): string {
  const cut = 5;
  const bottom = y0 + CELL_HEIGHT;
  return `<path class="ll-tab" d="M${fmt(x0)} ${fmt(y0)}H${fmt(right)}V${fmt(bottom - cut)}L${fmt(right - cut)} ${fmt(bottom)}H${fmt(x0)}Z"/>\n`;
}

/** A dashed separator between a fragment's branches. */
export function separatorShape(x0: number, x1: number, y: number): string {
  return `<path class="ll-sep" d="M${fmt(x0)} ${fmt(y)}H${fmt(x1)}"/>\n`;
}

/** A divider: a double rule across the drawing, open where its text is (gap). */
export function dividerShape(x0: number, x1: number, y: number, gap: { from: number; to: number } | undefined): string {
  let d = '';
  for (const yy of [y - 2, y + 2]) {
    d += gap ? `M${fmt(x0)} ${fmt(yy)}H${fmt(gap.from)}M${fmt(gap.to)} ${fmt(yy)}H${fmt(x1)}` : `M${fmt(x0)} ${fmt(yy)}H${fmt(x1)}`;
  }
  return `<path class="ll-divider" d="${d}"/>\n`;
}

/** The cross where a lifeline ends. */
export function destroyShape(x: number, y: number): string {
  return `<path class="ll-destroy" d="M${fmt(x - 5)} ${fmt(y - 5)}l10 10m0 -10l-10 10"/>\n`;
}

/** A lifeline segment from y1 to y2 (dotted through a delay). */
export function lifelineSegment(delay: boolean, x: number, y1: number, y2: number): string {
  return `<path class="${delay ? 'll-life-delay' : 'll-life'}" d="M${fmt(x)} ${fmt(y1)}V${fmt(y2)}"/>\n`;
}

/** An activation bar over y1..y2. */
export function activationBar(x: number, y1: number, y2: number): string {
  return `<rect class="ll-bar" x="${fmt(x - 3)}" y="${fmt(y1)}" width="6" height="${fmt(y2 - y1)}"/>\n`;
}

/**
 * A participant box (v2): a rectangle through the cells of its border, open on the top edge
 * where its label sits (gap: the label's `[…]` cells) and on its sides where text covers them
 * (`sides`: [y1, y2] spans, top to bottom), as the text drawing's characters do.
 */
export function boxFrameShape(
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  gap: { from: number; to: number } | undefined,
  sides: { readonly left: readonly (readonly [number, number])[]; readonly right: readonly (readonly [number, number])[] } = NO_SIDES,
): string {
  if (!gap && sides.left.length === 0 && sides.right.length === 0)
    return `<path class="ll-frame" d="M${fmt(x0)} ${fmt(y0)}H${fmt(x1)}V${fmt(y1)}H${fmt(x0)}Z"/>\n`;
  // Clockwise from the top edge's start, lifting the pen over each gap.
  let d = gap ? `M${fmt(gap.to)} ${fmt(y0)}` : `M${fmt(x0)} ${fmt(y0)}`;
  d += `H${fmt(x1)}`;
  for (const [a, b] of sides.right) d += `V${fmt(a)}M${fmt(x1)} ${fmt(b)}`;
  d += `V${fmt(y1)}H${fmt(x0)}`;
  for (const [a, b] of [...sides.left].reverse()) d += `V${fmt(b)}M${fmt(x0)} ${fmt(a)}`;
  d += `V${fmt(y0)}`;
  if (gap) d += `H${fmt(gap.from)}`;
  return `<path class="ll-frame" d="${d}"/>\n`;
}

const NO_SIDES = { left: [], right: [] } as const;

/** A ref frame (v2): a fragment's frame filled with the background, so the lifelines it spans stop at it. */
export function refShape(x0: number, x1: number, y0: number, y1: number): string {
  const box = `x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(x1 - x0)}" height="${fmt(y1 - y0)}"`;
  return `<rect class="ll-bg" ${box}/>\n<rect class="ll-frame" ${box}/>\n`;
}
