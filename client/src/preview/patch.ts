/**
 * A diagram as the change from the one the page already shows. A keystroke changes one row of a
 * 1,000-message drawing (~1,100 rows × ~600 columns, ~700 kB), or, when a label outgrows the gap
 * between two lifelines, shifts every row by a column; sending the whole drawing each time cost
 * more than everything else on the way from the keystroke to the screen. So the extension sends
 * the rows that changed, and a changed row as the edit of an old one when that is shorter.
 *
 * Imported by both sides (the extension computes patches, the page applies them): no `vscode`
 * or Node import here.
 */
import type { Diagram, SourceRange } from './messages';

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

export interface DiagramPatch {
  /** The id of the diagram this patch applies to (the page asks for the whole one when it has another). */
  readonly base: number;
  readonly id: number;
  readonly version: number;
  readonly charset: Diagram['charset'];
  readonly tooLarge: boolean;
  /** Absent: that list did not change. */
  readonly lines?: Splice<RowChange>;
  readonly rows?: Splice<SourceRange | null>;
  readonly steps?: Splice<string>;
}

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

export function sameRange(a: SourceRange | null, b: SourceRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.startLine === b.startLine && a.startCharacter === b.startCharacter && a.endLine === b.endLine && a.endCharacter === b.endCharacter;
}

const same = (a: string, b: string) => a === b;

/** What the page needs to turn `before` into `after`. */
export function diagramPatch(before: Diagram, after: Diagram): DiagramPatch {
  const lines = diffLists(before.lines, after.lines, same);
  const rows = diffLists(before.rows, after.rows, sameRange);
  const steps = diffLists(before.steps, after.steps, same);
  return {
    base: before.id,
    id: after.id,
    version: after.version,
    charset: after.charset,
    tooLarge: after.tooLarge,
    ...(lines ? { lines: { ...lines, items: rowChanges(before.lines, lines) } } : {}),
    ...(rows ? { rows } : {}),
    ...(steps ? { steps } : {}),
  };
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

/** The texts of the rows a lines splice puts in place, given the rows it replaces. */
export function rowTexts(before: readonly string[], s: Splice<RowChange>): string[] {
  return s.items.map((c) => (typeof c === 'string' ? c : editRow(before[c[0]] ?? '', c)));
}

function editRow(old: string, [, at, remove, insert]: readonly [number, number, number, string]): string {
  return old.slice(0, at) + insert + old.slice(at + remove);
}

/** The diagram a patch makes of `before` (which must be the diagram with id `patch.base`). */
export function applyPatch(before: Diagram, patch: DiagramPatch): Diagram {
  return {
    id: patch.id,
    version: patch.version,
    charset: patch.charset,
    tooLarge: patch.tooLarge,
    lines: patch.lines ? applySplice(before.lines, { ...patch.lines, items: rowTexts(before.lines, patch.lines) }) : before.lines,
    rows: patch.rows ? applySplice(before.rows, patch.rows) : before.rows,
    steps: patch.steps ? applySplice(before.steps, patch.steps) : before.steps,
  };
}
