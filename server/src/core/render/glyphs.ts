/**
 * The drawing's vocabulary: one table per charset. The layout reads only the
 * head widths from it; the drawer reads everything else. Every glyph is one cell
 * wide (heads may be two glyphs, e.g. `>>`).
 */
import type { ArrowKind } from '../ast';
import type { Charset } from './types';

export interface ArrowHeads {
  /** Left to right, drawn so that the last cell touches the target lifeline. */
  readonly right: string;
  /** Right to left, drawn so that the first cell touches the target lifeline. */
  readonly left: string;
}

export interface Glyphs {
  readonly charset: Charset;
  // Lifelines.
  readonly lifeline: string;
  readonly active: string;
  readonly delay: string;
  readonly destroyed: string;
  // Arrows.
  readonly solid: string;
  readonly dotted: string;
  readonly heads: { readonly sync: ArrowHeads; readonly async: ArrowHeads; readonly lost: ArrowHeads };
  // Self message loop: `---.` / `   | label` / `<--'`.
  readonly loopTop: string;
  readonly loopBottom: string;
  readonly loopSide: string;
  readonly loopSideDotted: string;
  // Header boxes: ASCII draws `[name]` on one row per line; Unicode draws a box of several rows.
  readonly header: { readonly open: string; readonly close: string } | (BoxGlyphs & { readonly tee: string });
  // Notes and fragment frames.
  readonly note: BoxGlyphs;
  readonly frame: BoxGlyphs & { readonly sepLeft: string; readonly sepRight: string; readonly sepFill: string; readonly sepGap: string };
  readonly divider: string;
}

export interface BoxGlyphs {
  readonly topLeft: string;
  readonly topRight: string;
  readonly bottomLeft: string;
  readonly bottomRight: string;
  readonly horizontal: string;
  readonly vertical: string;
}

export function isBoxHeader(h: Glyphs['header']): h is BoxGlyphs & { readonly tee: string } {
  return 'tee' in h;
}

export function headOf(g: Glyphs, arrow: ArrowKind): ArrowHeads {
  return arrow.endsWith('>>') ? g.heads.async : arrow.endsWith('x') ? g.heads.lost : g.heads.sync;
}

export function isDotted(arrow: ArrowKind): boolean {
  return arrow.startsWith('--');
}
