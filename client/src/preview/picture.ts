/**
 * The picture's grid on the page (pure: the page and the tests share it). One cell of the text
 * drawing is a fixed box of the SVG's coordinate space, so a point of the picture is a (row,
 * column) of the text, whose row the text's source map names.
 *
 * Imported by the browser bundle: no `vscode` or Node import here.
 */
import { CELL_HEIGHT, CELL_WIDTH, PADDING } from '../../../server/src/core/render/svgStyle';

export { CELL_HEIGHT, CELL_WIDTH, PADDING };

export interface Cell {
  readonly row: number;
  readonly column: number;
}

/** The cell under a point of the picture in SVG user units, or undefined in the padding around the grid. */
export function cellAt(x: number, y: number, rows: number, columns: number): Cell | undefined {
  const row = Math.floor((y - PADDING) / CELL_HEIGHT);
  const column = Math.floor((x - PADDING) / CELL_WIDTH);
  if (!(row >= 0 && row < rows && column >= 0 && column < columns)) return undefined;
  return { row, column };
}

/** A row's top and bottom in SVG user units. */
export function rowSpan(row: number): { readonly top: number; readonly bottom: number } {
  return { top: PADDING + row * CELL_HEIGHT, bottom: PADDING + (row + 1) * CELL_HEIGHT };
}

/** Rows as runs of consecutive rows, [first, last] each: one highlight per run. */
export function runsOf(rows: readonly number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** The zoom that makes content `natural` units wide fill `available` pixels (Fit width), within sane bounds. */
export function fitZoom(available: number, natural: number): number {
  if (!(natural > 0) || !(available > 0)) return 1;
  // Rounded down: a fitted diagram never needs the horizontal scroll bar.
  return Math.floor(Math.min(3, Math.max(0.1, available / natural)) * 100) / 100;
}

/**
 * The renderer's `<style>` cut out of an SVG string. Parsing a `<style>` with DOMParser already
 * counts as an inline style under the page's CSP (Chromium reports a violation), so the page
 * parses the rest and adds the sheet itself, with its nonce. User text is escaped (`&lt;`), so
 * the first `<style>` is the renderer's.
 */
export function splitStyle(svg: string): { readonly svg: string; readonly css: string } {
  const m = /<style>([^<]*)<\/style>\n?/.exec(svg);
  return m ? { svg: svg.slice(0, m.index) + svg.slice(m.index + m[0].length), css: m[1] } : { svg, css: '' };
}
