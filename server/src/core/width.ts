/**
 * Display width in terminal cells, and the terminal-safety rule for user text
 * (spec section 7). Everything the renderers draw from user input goes through
 * `textLines` / `safeText` first, and is measured with `measure`.
 *
 * Width comes from `string-width` (East Asian wide characters and emoji count 2,
 * combining marks and zero-width characters 0, ambiguous characters 1), applied
 * per grapheme cluster so that a drawer can put each cluster into its own cells.
 */
import stringWidth from 'string-width';

/** Printable ASCII: one character is one cell, nothing to replace (the fast path). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * What a terminal must not receive from user text:
 * - C0 controls (tab handled separately), DEL and C1 controls: ESC would start an
 *   escape sequence, CR/BS would move the cursor;
 * - U+2028/U+2029: line and paragraph separators (some viewers break the line);
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
 *   reorder what is shown and would move arrows and lifelines (the "Trojan Source" trick);
 * - lone surrogates: not text at all (they become U+FFFD of unknown width on output).
 */
const UNSAFE =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line of user text made terminal-safe: tab → space, other control characters → `?`. */
export function safeText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(/\t/g, ' ').replace(UNSAFE, '?');
}

/** User text split at its `\n` line breaks, each line terminal-safe. Always at least one line. */
export function textLines(text: string): string[] {
  return text.indexOf('\n') < 0 ? [safeText(text)] : text.split('\n').map(safeText);
}

/** A terminal-safe line of text and its width in cells. */
export interface MeasuredText {
  readonly text: string;
  readonly width: number;
}

/** One grapheme cluster and the cells it takes (0 for combining marks and zero-width characters). */
export interface Grapheme {
  readonly text: string;
  readonly width: number;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Text whose every code point is a cluster of its own: scripts and symbols without combining
 * marks, joiners, variation selectors or surrogates (Latin, Greek, Cyrillic, CJK ideographs,
 * kana, Hangul syllables, fullwidth forms, punctuation, arrows, box drawing). Splitting it needs
 * no Intl.Segmenter, which is slow. (U+302A–302F and U+3099–309A combine, so they are left out.)
 */
const ONE_CLUSTER_PER_CODE_POINT =
  /^[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u25ff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60]*$/;

/** The grapheme clusters of a terminal-safe line with their widths. */
export function graphemes(text: string): Grapheme[] {
  if (PRINTABLE_ASCII.test(text)) return Array.from(text, (c) => ({ text: c, width: 1 }));
  if (ONE_CLUSTER_PER_CODE_POINT.test(text)) return Array.from(text, (c) => ({ text: c, width: clusterWidth(c) }));
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: Grapheme[] = [];
  for (const { segment } of segmenter.segment(text)) out.push({ text: segment, width: clusterWidth(segment) });
  return out;
}

/** string-width per cluster, remembered: clusters repeat (CJK, emoji) and its emoji test is costly. */
const clusterWidths = new Map<string, number>();

function clusterWidth(cluster: string): number {
  let w = clusterWidths.get(cluster);
  if (w === undefined) {
    const measured = stringWidth(cluster);
    w = Number.isFinite(measured) && measured > 0 ? Math.floor(measured) : 0;
    if (clusterWidths.size >= 8192) clusterWidths.clear();
    clusterWidths.set(cluster, w);
  }
  return w;
}

/** Width in terminal cells of a terminal-safe line (the sum over its grapheme clusters). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = 0;
  for (const g of graphemes(text)) w += g.width;
  return w;
}

/** A terminal-safe line with its width. */
export function measure(line: string): MeasuredText {
  return { text: line, width: displayWidth(line) };
}

/** User text as drawn: terminal-safe lines (split at `\n`), each with its width. */
export function measureLines(text: string): MeasuredText[] {
  return textLines(text).map(measure);
}

/** The widest of several measured lines (0 when there are none). */
export function maxWidth(lines: readonly MeasuredText[]): number {
  let w = 0;
  for (const l of lines) if (l.width > w) w = l.width;
  return w;
}
