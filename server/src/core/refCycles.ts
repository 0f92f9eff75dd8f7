/**
 * Cycles of `file.seq#Sequence` refs through other files (v2): another file's sequences are read
 * with the refs they make, and a ref is `recursive-ref` when following refs from its target
 * comes back to the sequence that makes it. Paths are relative to the document's folder.
 */

/** A ref another file's sequence makes: to a sequence of the same file, or to `file` (relative to that file). */
export interface ForeignRef {
  readonly file?: string;
  readonly sequence: string;
}

/** `rel` read from the folder `dir` ('' for the document's own), `.` and `..` resolved; absolute paths kept. */
export function joinPath(dir: string, rel: string): string {
  const absolute = /^([a-zA-Z]:)?[\\/]/.test(rel);
  const parts: string[] = [];
  for (const part of (absolute ? rel : `${dir}/${rel}`).split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (absolute && !/^[a-zA-Z]:/.test(rel) ? '/' : '') + parts.join('/');
}

function folderOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

/** Files and sequences visited per document: the walk stays bounded whatever the files hold. */
export const CROSS_FILE_BUDGET = 10_000;

/**
 * The chain of `file#sequence` steps from `start` back to `self` (this document's file name and
 * the sequence making the ref), or undefined when there is none within the budget.
 */
export function chainBack(
  start: { file: string; sequence: string },
  self: { file: string; sequence: string },
  refsOf: (file: string, sequence: string) => readonly ForeignRef[] | undefined,
  budget: { left: number },
): string[] | undefined {
  const selfFile = joinPath('', self.file);
  const seen = new Set<string>();
  const stack: { file: string; sequence: string; chain: string[] }[] = [
    { file: joinPath('', start.file), sequence: start.sequence, chain: [] },
  ];
  while (stack.length > 0 && budget.left > 0) {
    const { file, sequence, chain } = stack.pop()!;
    const here = [...chain, `${file}#${sequence}`];
    if (file === selfFile && sequence === self.sequence) return here;
    const key = `${file}\u0000${sequence}`;
    if (seen.has(key) || file === selfFile) continue;
    seen.add(key);
    budget.left--;
    for (const r of refsOf(file, sequence) ?? []) {
      stack.push({ file: r.file === undefined ? file : joinPath(folderOf(file), r.file), sequence: r.sequence, chain: here });
    }
  }
  return undefined;
}
