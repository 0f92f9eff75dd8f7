// The immutable vector under FlowState: old versions stay as they were, and the difference
// between two versions names exactly the indices that differ, across growth of the trie.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyVector, forEachDifference, getAt, setAt, type PersistentVector } from '../../server/src/core/persistentVector';

const differences = (a: PersistentVector<string>, b: PersistentVector<string>) => {
  const out: [number, string | undefined, string | undefined][] = [];
  forEachDifference(a, b, (i, x, y) => out.push([i, x, y]));
  return out;
};

const CASES: { name: string; indices: number[] }[] = [
  { name: 'one leaf level', indices: [0, 5, 31] },
  { name: 'grows to two levels', indices: [3, 32, 1023] },
  { name: 'grows to three levels and more', indices: [1, 1024, 40_000, 2_000_000] },
];

for (const c of CASES) {
  test(`persistent vector: ${c.name}`, () => {
    let v = emptyVector<string>();
    const versions = [v];
    for (const i of c.indices) {
      v = setAt(v, i, `v${i}`);
      versions.push(v);
    }
    // Every earlier version still holds only what was set before it.
    versions.forEach((version, k) => {
      c.indices.forEach((i, j) => assert.equal(getAt(version, i), j < k ? `v${i}` : undefined));
    });
    assert.deepEqual(
      differences(versions[0], v),
      [...c.indices].sort((x, y) => x - y).map((i) => [i, undefined, `v${i}`]),
    );
    assert.deepEqual(differences(v, v), []);
    const changed = setAt(v, c.indices[0], 'other');
    assert.deepEqual(differences(v, changed), [[c.indices[0], `v${c.indices[0]}`, 'other']]);
  });
}
