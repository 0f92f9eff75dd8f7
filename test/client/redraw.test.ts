// A splice applied to a list of elements (client/src/preview/webview/redraw.ts): the elements then
// show the spliced items in order; the elements of replaced items are kept and drawn again, new
// ones are made only for items beyond them, and elements are removed only for items that went.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applySplice, type Splice } from '../../server/src/core/splice';
import { redrawSplice, type ElementList } from '../../client/src/preview/webview/redraw';

interface El {
  readonly id: number;
  text: string;
}

/** An array-backed list that counts what was made and removed. */
function listOf(texts: readonly string[]) {
  let made = 0;
  let removed = 0;
  const els: El[] = texts.map((text, id) => ({ id, text }));
  let next = els.length;
  const list: ElementList<El> = {
    at: (i) => els[i],
    splice(start, deleteCount, added) {
      removed += deleteCount;
      els.splice(start, deleteCount, ...added);
    },
  };
  return {
    list,
    els,
    make: (): El => {
      made++;
      return { id: next++, text: '' };
    },
    get made() {
      return made;
    },
    get removed() {
      return removed;
    },
  };
}

function run(before: readonly string[], s: Splice<string>) {
  const after = applySplice(before, s);
  const l = listOf(before);
  const ids = l.els.map((e) => e.id);
  redrawSplice(l.list, s, l.make, (el, i) => (el.text = after[i]));
  return { after, l, ids };
}

describe('redrawSplice', () => {
  const cases: { name: string; before: string[]; splice: Splice<string>; made: number; removed: number; keptIds: number[] }[] = [
    {
      name: 'one item replaced: its element redrawn, nothing made or removed',
      before: ['a', 'b', 'c'],
      splice: { start: 1, deleteCount: 1, items: ['B'] },
      made: 0,
      removed: 0,
      keptIds: [0, 1, 2],
    },
    {
      name: 'items inserted: elements made for them only',
      before: ['a', 'c'],
      splice: { start: 1, deleteCount: 0, items: ['b', 'b2'] },
      made: 2,
      removed: 0,
      keptIds: [0, 2, 3, 1],
    },
    {
      name: 'items removed: their elements go',
      before: ['a', 'b', 'c', 'd'],
      splice: { start: 1, deleteCount: 2, items: [] },
      made: 0,
      removed: 2,
      keptIds: [0, 3],
    },
    {
      name: 'two replaced by three: two redrawn, one made',
      before: ['a', 'b', 'c'],
      splice: { start: 0, deleteCount: 2, items: ['x', 'y', 'z'] },
      made: 1,
      removed: 0,
      keptIds: [0, 1, 3, 2],
    },
    {
      name: 'three replaced by one: one redrawn, two removed',
      before: ['a', 'b', 'c', 'd'],
      splice: { start: 1, deleteCount: 3, items: ['q'] },
      made: 0,
      removed: 2,
      keptIds: [0, 1],
    },
    {
      name: 'an empty list filled',
      before: [],
      splice: { start: 0, deleteCount: 0, items: ['a', 'b'] },
      made: 2,
      removed: 0,
      keptIds: [0, 1],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { after, l } = run(c.before, c.splice);
      assert.deepEqual(
        l.els.map((e) => e.text),
        after,
      );
      assert.equal(l.made, c.made);
      assert.equal(l.removed, c.removed);
      assert.deepEqual(
        l.els.map((e) => e.id),
        c.keptIds,
      );
    });
  }

  it('shows the spliced items, making and removing only what the lengths require (property)', () => {
    const arb = fc.array(fc.string({ maxLength: 3 }), { maxLength: 12 }).chain((before) =>
      fc.record({
        before: fc.constant(before),
        start: fc.nat({ max: before.length }),
        deleteCount: fc.nat({ max: 12 }),
        items: fc.array(fc.string({ maxLength: 3 }), { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ before, start, deleteCount, items }) => {
        const s = { start, deleteCount: Math.min(deleteCount, before.length - start), items };
        const { after, l, ids } = run(before, s);
        assert.deepEqual(
          l.els.map((e) => e.text),
          after,
        );
        assert.equal(l.made, Math.max(0, s.items.length - s.deleteCount));
        assert.equal(l.removed, Math.max(0, s.deleteCount - s.items.length));
        // Elements before and after the splice are the same ones, unmoved relative to each other.
        assert.deepEqual(
          l.els.slice(0, start).map((e) => e.id),
          ids.slice(0, start),
        );
        assert.deepEqual(
          l.els.slice(start + items.length).map((e) => e.id),
          ids.slice(start + s.deleteCount),
        );
      }),
      { numRuns: 300 },
    );
  });
});
