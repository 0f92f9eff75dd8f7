// Cycles of refs through other files: paths joined as the resolver reads them, and the walk
// that finds the way back to the sequence making the ref (or not, or not within its budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainBack, joinPath, type ForeignRef } from '../../server/src/core/refCycles';

const JOINS: [string, string, string][] = [
  ['', 'a.seq', 'a.seq'],
  ['', './a.seq', 'a.seq'],
  ['sub', '../a.seq', 'a.seq'],
  ['sub/deep', '../b.seq', 'sub/b.seq'],
  ['', '../up.seq', '../up.seq'],
  ['sub', '/abs/x.seq', '/abs/x.seq'],
  ['sub', 'C:\\x\\y.seq', 'C:/x/y.seq'],
];

for (const [dir, rel, expected] of JOINS)
  test(`joinPath(${JSON.stringify(dir)}, ${JSON.stringify(rel)})`, () => assert.equal(joinPath(dir, rel), expected));

/** Files as maps from sequence name to the refs it makes. */
const FILES: Record<string, Record<string, ForeignRef[]>> = {
  'b.seq': { B: [{ sequence: 'Local' }], Local: [{ file: 'sub/c.seq', sequence: 'C' }] },
  'sub/c.seq': { C: [{ file: '../me.seq', sequence: 'Me' }] },
  'loop.seq': { L: [{ sequence: 'L' }] },
};
const refsOf = (file: string, sequence: string) => FILES[file]?.[sequence];

test('chainBack: through a local ref and a sub-folder back to the document', () => {
  assert.deepEqual(chainBack({ file: 'b.seq', sequence: 'B' }, { file: 'me.seq', sequence: 'Me' }, refsOf, { left: 100 }), [
    'b.seq#B',
    'b.seq#Local',
    'sub/c.seq#C',
    'me.seq#Me',
  ]);
});

test('chainBack: back to another sequence of the document, or around a cycle elsewhere, is no chain', () => {
  assert.equal(chainBack({ file: 'b.seq', sequence: 'B' }, { file: 'me.seq', sequence: 'Other' }, refsOf, { left: 100 }), undefined);
  assert.equal(chainBack({ file: 'loop.seq', sequence: 'L' }, { file: 'me.seq', sequence: 'Me' }, refsOf, { left: 100 }), undefined);
});

test('chainBack: the budget bounds the walk', () => {
  const budget = { left: 2 };
  assert.equal(chainBack({ file: 'b.seq', sequence: 'B' }, { file: 'me.seq', sequence: 'Me' }, refsOf, budget), undefined);
  assert.equal(budget.left, 0);
});
