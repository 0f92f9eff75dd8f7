/** The cell buffer a row is drawn on, and runs of one glyph. */
import { trimEnd } from '../text';
import { graphemes, type MeasuredText } from '../width';
import type { BaseRow } from './baseRows';

export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A row being drawn. Rows start from a base (bare lifelines and frame sides, as text) and
 * overlay a little content. While every cell is one UTF-16 unit — glyphs and printable
 * ASCII text — the row stays its base text plus a list of pieces painted over it, composed
 * once at the end, so a row costs a few string slices, not a loop over the drawing's width
 * (a 3,000-message diagram is ~1,000 columns wide). Text with wide characters or combining
 * marks turns the row into cells (one string per terminal cell; a wide character takes its
 * cell and leaves '' in the next), drawn as before.
 */
export class Canvas {
  /** The base text, while in text mode. */
  private line: string | undefined = '';
  /** Text mode: the pieces painted over the base, in order (a later one covers an earlier one). */
  private pieces: { readonly at: number; readonly text: string }[] = [];
  /** The row as cells, once in cell mode. */
  private cells: string[] = [];
  private readonly runs = new Runs();

  constructor(readonly width: number) {}

  start(base: BaseRow): void {
    this.pieces = [];
    if (base.text !== undefined) this.line = base.text;
    else {
      this.line = undefined;
      this.cells = base.cells.slice();
    }
  }

  blank(): void {
    this.pieces = [];
    this.line = this.runs.of(' ', this.width);
  }

  /**
   * Text mode: `text` (one cell per UTF-16 unit) over columns c.. (the row grows with blanks
   * to hold it). Past a few pieces (a dashed separator is one piece per cell) the row turns
   * into cells, where each piece costs its length.
   */
  private splice(c: number, text: string): void {
    if (this.pieces.length < 8) this.pieces.push({ at: c, text });
    else paint(this.toCells(), c, text);
  }

  /**
   * The text-mode row without trailing blanks: the base with the pieces over it, the last
   * piece on top. Built from slices of the base and the pieces and trimmed piece by piece, so
   * that the row is never copied whole (the document's text copies it once, when joined).
   */
  private compose(): string {
    const base = this.line as string;
    const pieces = this.pieces;
    if (pieces.length === 0) return trimEnd(base);
    const cuts = [0, base.length];
    for (const p of pieces) cuts.push(p.at, p.at + p.text.length);
    cuts.sort((x, y) => x - y);
    const parts: string[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i];
      const b = cuts[i + 1];
      if (a === b) continue;
      let k = pieces.length - 1;
      while (k >= 0 && !(pieces[k].at <= a && b <= pieces[k].at + pieces[k].text.length)) k--;
      if (k >= 0) parts.push(pieces[k].text.slice(a - pieces[k].at, b - pieces[k].at));
      else
        parts.push(
          a < base.length
            ? base.slice(a, Math.min(b, base.length)) + this.runs.of(' ', b - Math.max(a, base.length))
            : this.runs.of(' ', b - a),
        );
    }
    // Trailing blanks: drop the parts that are all blank, trim the last one left.
    while (parts.length > 0) {
      const last = trimEnd(parts[parts.length - 1]);
      if (last.length > 0) {
        parts[parts.length - 1] = last;
        break;
      }
      parts.pop();
    }
    let out = '';
    for (const part of parts) out += part;
    return out;
  }

  /** Leaves text mode: the row as cells from here on. */
  private toCells(): string[] {
    if (this.line !== undefined) {
      const cells = this.line.split('');
      for (const p of this.pieces) paint(cells, p.at, p.text);
      this.cells = cells;
      this.line = undefined;
      this.pieces = [];
    }
    return this.cells;
  }

  /** Before overwriting cell c: blank whatever is left of a wide character that covers it. */
  private release(c: number): void {
    const cells = this.cells;
    if (cells[c] === '') {
      let k = c - 1;
      while (k >= 0 && cells[k] === '') cells[k--] = ' ';
      if (k >= 0) cells[k] = ' ';
    }
    for (let k = c + 1; k < cells.length && cells[k] === ''; k++) cells[k] = ' ';
  }

  /** One glyph (or grapheme) of `width` cells at column c. */
  put(c: number, s: string, width = 1): void {
    if (c < 0) return;
    if (this.line !== undefined && width === 1 && s.length === 1) return this.splice(c, s);
    const cells = this.toCells();
    while (cells.length < c + width) cells.push(' ');
    for (let k = 0; k < width; k++) this.release(c + k);
    cells[c] = s;
    for (let k = 1; k < width; k++) cells[c + k] = '';
  }

  /** The same glyph on columns from..to (inclusive). */
  fill(from: number, to: number, s: string): void {
    const start = Math.max(0, from);
    if (this.line !== undefined && s.length === 1) {
      if (to >= start) this.splice(start, this.runs.of(s, to - start + 1));
      return;
    }
    for (let c = start; c <= to; c++) this.put(c, s);
  }

  /** A glyph string (e.g. a two-cell arrow head), one cell per UTF-16 unit (all glyphs are BMP). */
  glyphs(c: number, s: string): void {
    if (this.line !== undefined && c >= 0) return this.splice(c, s);
    for (let k = 0; k < s.length; k++) this.put(c + k, s[k]);
  }

  /** User text starting at column c; zero-width clusters stay with their neighbour. */
  text(c: number, t: MeasuredText): void {
    if (c < 0) return;
    if (PRINTABLE_ASCII.test(t.text)) {
      if (this.line !== undefined) return this.splice(c, t.text);
      for (let k = 0; k < t.text.length; k++) this.put(c + k, t.text[k]);
      return;
    }
    const cells = this.toCells();
    let col = c;
    let last = -1;
    let pending = '';
    for (const g of graphemes(t.text)) {
      if (g.width === 0) {
        if (last >= 0) cells[last] += g.text;
        else pending += g.text;
        continue;
      }
      this.put(col, pending + g.text, g.width);
      pending = '';
      last = col;
      col += g.width;
    }
    if (pending && last < 0 && c < cells.length && cells[c] !== '') cells[c] = pending + cells[c];
  }

  finish(): string {
    return this.line !== undefined ? this.compose() : this.cells.join('').trimEnd();
  }
}

/** Writes `text` (one cell per UTF-16 unit) into cells from column c, growing them with blanks. */
function paint(cells: string[], c: number, text: string): void {
  while (cells.length < c + text.length) cells.push(' ');
  for (let k = 0; k < text.length; k++) cells[c + k] = text[k];
}

/** Runs of one glyph, flat strings cut to length (`repeat` builds a rope, slow to print). */
export class Runs {
  private readonly cache = new Map<string, string>();

  of(glyph: string, n: number): string {
    if (n <= 0) return '';
    let run = this.cache.get(glyph);
    if (run === undefined || run.length < n * glyph.length) {
      run = new Array<string>(Math.max(n, 256) + 1).join(glyph);
      this.cache.set(glyph, run);
    }
    return run.slice(0, n * glyph.length);
  }
}
