/**
 * An immutable vector of values by small integer index (a 32-way trie with path copying):
 * `set` returns a new vector sharing all but one path with the old, so keeping a version is
 * free and going back to one costs nothing (FlowState's branches, v2).
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node<T> = readonly (Node<T> | T | undefined)[];

export interface PersistentVector<T> {
  readonly root: Node<T> | undefined;
  /** Levels of the trie: it holds indices below 32 ** depth. */
  readonly depth: number;
}

export function emptyVector<T>(): PersistentVector<T> {
  return { root: undefined, depth: 1 };
}

export function getAt<T>(v: PersistentVector<T>, index: number): T | undefined {
  if (index >= WIDTH ** v.depth) return undefined;
  let node: Node<T> | T | undefined = v.root;
  for (let level = v.depth - 1; level >= 0 && node !== undefined; level--) node = (node as Node<T>)[(index >>> (level * BITS)) & MASK];
  return node as T | undefined;
}

export function setAt<T>(v: PersistentVector<T>, index: number, value: T | undefined): PersistentVector<T> {
  let { root, depth } = v;
  while (index >= WIDTH ** depth) {
    root = root === undefined ? undefined : [root];
    depth++;
  }
  const put = (node: Node<T> | undefined, level: number): Node<T> => {
    const copy = node ? node.slice() : [];
    const slot = (index >>> (level * BITS)) & MASK;
    copy[slot] = level === 0 ? value : put(copy[slot] as Node<T> | undefined, level - 1);
    return copy;
  };
  return { root: put(root, depth - 1), depth };
}

/** Calls `visit` for each index whose value differs between `a` and `b`, skipping the paths they share. */
export function forEachDifference<T>(
  a: PersistentVector<T>,
  b: PersistentVector<T>,
  visit: (index: number, before: T | undefined, after: T | undefined) => void,
): void {
  // Lift the shallower trie to the other's depth: its contents are the first child at each new level.
  const lift = (v: PersistentVector<T>, depth: number): Node<T> | undefined => {
    let root = v.root;
    for (let d = v.depth; d < depth && root !== undefined; d++) root = [root];
    return root;
  };
  const depth = Math.max(a.depth, b.depth);
  const walk = (x: Node<T> | T | undefined, y: Node<T> | T | undefined, level: number, base: number): void => {
    if (x === y) return;
    if (level < 0) {
      visit(base, x as T | undefined, y as T | undefined);
      return;
    }
    for (let slot = 0; slot < WIDTH; slot++) {
      const cx = x === undefined ? undefined : (x as Node<T>)[slot];
      const cy = y === undefined ? undefined : (y as Node<T>)[slot];
      walk(cx, cy, level - 1, base + slot * WIDTH ** level);
    }
  };
  walk(lift(a, depth), lift(b, depth), depth - 1, 0);
}
