/**
 * A list as the change from another: one splice, and changed rows of text as edits of old
 * rows when that is shorter. The language server sends the preview's drawing this way
 * (`lifeline/render` with `since`, protocol.ts) and the extension passes it on to the page
 * translated, not diffed again (client/src/preview/translate.ts): a keystroke changes one row of a 1,000-message
 * drawing (~1,100 rows × ~600 columns, ~700 kB), or, when a label outgrows the gap between two
 * lifelines, shifts every row by a column.
 *
 * Imported by the server (its core too: which rows of a drawing to draw again, core/render/reuse.ts),
 * the extension and the page: no import here.
 */

/** Items [start, start + deleteCount) of the old list are replaced by `items`. */
export interface Splice<T> {
  readonly start: number;
  readonly deleteCount: number;
  readonly items: readonly T[];
}

/**
 * A new row: its text, or the text of old row `from` with the characters [at, at + remove)
 * replaced by `insert` (a tuple: a thousand of them travel in one message).
 */
export type RowChange = string | readonly [from: number, at: number, remove: number, insert: string];

/** The one splice that turns `before` into `after`: everything between their common start and end. */
export function diffLists<T>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): Splice<T> | undefined {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && same(before[start], after[start])) start++;
  if (start === before.length && start === after.length) return undefined;
  let end = 0;
  while (end < shorter - start && same(before[before.length - 1 - end], after[after.length - 1 - end])) end++;
  return { start, deleteCount: before.length - start - end, items: after.slice(start, after.length - end) };
}

/** `list` with the splice applied (a new array; `list` is left alone). */
export function applySplice<T>(list: readonly T[], s: Splice<T>): T[] {
  const out = list.slice(0, s.start);
  for (const item of s.items) out.push(item);
  for (let i = s.start + s.deleteCount; i < list.length; i++) out.push(list[i]);
  return out;
}

const sameText = (a: string, b: string) => a === b;

/** The splice of rows of text that turns `before` into `after`, changed rows as edits where shorter. */
export function diffRows(before: readonly string[], after: readonly string[]): Splice<RowChange> | undefined {
  const s = diffLists(before, after, sameText);
  return s && { ...s, items: rowChanges(before, s) };
}

/** The rows of text a splice from `diffRows` makes of `before`. */
export function applyRows(before: readonly string[], s: Splice<RowChange>): string[] {
  return applySplice(before, { ...s, items: rowTexts(before, s) });
}

/**
 * The replaced rows, each as the shortest of: its text, an edit of the old row at the same place
 * counted from the start of the splice, or one counted from its end (rows inserted above shift the
 * others down: a new message renumbers everything after it).
 */
function rowChanges(before: readonly string[], s: Splice<string>): RowChange[] {
  const oldEnd = s.start + s.deleteCount;
  return s.items.map((text, i) => {
    let best: RowChange = text;
    let cost = text.length;
    const fromStart = s.start + i;
    const fromEnd = oldEnd - (s.items.length - i);
    for (const from of fromStart === fromEnd ? [fromStart] : [fromStart, fromEnd]) {
      if (from < s.start || from >= oldEnd) continue;
      const edit = rowEdit(before[from], text, from);
      // An edit costs its inserted text and its three numbers.
      if (edit[3].length + 12 < cost) {
        best = edit;
        cost = edit[3].length + 12;
      }
    }
    return best;
  });
}

function rowEdit(old: string, text: string, from: number): readonly [number, number, number, string] {
  const shorter = Math.min(old.length, text.length);
  let at = 0;
  while (at < shorter && old.charCodeAt(at) === text.charCodeAt(at)) at++;
  let end = 0;
  while (end < shorter - at && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  return [from, at, old.length - at - end, text.slice(at, text.length - end)];
}

/** The texts of the rows a splice of row changes puts in place, given the rows it replaces. */
export function rowTexts(before: readonly string[], s: Splice<RowChange>): string[] {
  return s.items.map((c) => (typeof c === 'string' ? c : editRow(before[c[0]] ?? '', c)));
}

function editRow(old: string, [, at, remove, insert]: readonly [number, number, number, string]): string {
  return old.slice(0, at) + insert + old.slice(at + remove);
}
