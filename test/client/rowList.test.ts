// The preview's rows in chunks (client/src/preview/webview/rowList.ts), on a small stand-in for
// the DOM: after any sequence of splices the page shows the rows in order, no chunk is empty or
// holds more than twice its size, each chunk's --rows is its row count, and an edit inside a
// chunk touches only that chunk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { RowList, type RowBox } from '../../client/src/preview/webview/rowList.js';

/** A DOM element's tree operations, and a count of the operations each box took part in. */
class Box implements RowBox<Box> {
  parent: Box | null = null;
  children: Box[] = [];
  readonly props = new Map<string, string>();
  readonly style = { setProperty: (p: string, v: string) => void this.props.set(p, v) };
  touched = 0;
  constructor(readonly name: string) {}

  insertBefore(node: Box, child: Box | null): Box {
    if (child && child.parent !== this) throw new Error(`${child.name} is not a child of ${this.name}`);
    node.remove();
    const at = child ? this.children.indexOf(child) : this.children.length;
    this.children.splice(at, 0, node);
    node.parent = this;
    this.touched++;
    return node;
  }

  append(...nodes: Box[]): void {
    for (const n of nodes) this.insertBefore(n, null);
  }

  remove(): void {
    if (!this.parent) return;
    this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent.touched++;
    this.parent = null;
  }
}

let made = 0;
function list(size: number): { page: Box; rows: RowList<Box> } {
  const page = new Box('pre');
  return { page, rows: new RowList(page, () => new Box(`chunk${made++}`), size) };
}
const rowsNamed = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => new Box(`${prefix}${i}`));
const shown = (page: Box) => page.children.flatMap((c) => c.children.map((r) => r.name));

function checkInvariants(page: Box, rows: RowList<Box>, expected: readonly Box[]): void {
  assert.deepEqual(
    shown(page),
    expected.map((r) => r.name),
    'the page shows the rows in order',
  );
  assert.equal(rows.length, expected.length);
  expected.forEach((r, i) => assert.equal(rows.at(i), r));
  for (const chunk of page.children) {
    assert.ok(chunk.children.length >= 1 && chunk.children.length <= 2 * rows.size, `${chunk.name} holds ${chunk.children.length} rows`);
    assert.equal(chunk.props.get('--rows'), String(chunk.children.length), `${chunk.name}'s --rows`);
  }
  assert.deepEqual(
    rows.chunkSizes(),
    page.children.map((c) => c.children.length),
  );
}

describe('the preview rows in chunks', () => {
  const cases: { name: string; splices: [start: number, deleteCount: number, added: number][]; size: number; chunks: number[] }[] = [
    { name: 'a first drawing fills chunks of `size` rows', size: 4, splices: [[0, 0, 10]], chunks: [4, 4, 2] },
    {
      name: 'rows added inside a chunk stay in it while it has room',
      size: 4,
      splices: [
        [0, 0, 10],
        [5, 0, 3],
      ],
      chunks: [4, 7, 2],
    },
    {
      name: 'a chunk that would pass twice its size is split where the rows go in',
      size: 4,
      splices: [
        [0, 0, 10],
        [5, 0, 5],
      ],
      chunks: [4, 4, 2, 3, 2],
    },
    {
      name: 'rows appended at the end go into the last chunk',
      size: 4,
      splices: [
        [0, 0, 10],
        [10, 0, 1],
      ],
      chunks: [4, 4, 3],
    },
    {
      name: 'a chunk emptied by a deletion is removed',
      size: 4,
      splices: [
        [0, 0, 10],
        [4, 4, 0],
      ],
      chunks: [4, 2],
    },
    {
      name: 'a deletion across chunks keeps what is left of each',
      size: 4,
      splices: [
        [0, 0, 10],
        [2, 5, 0],
      ],
      chunks: [2, 1, 2],
    },
    {
      name: 'everything replaced',
      size: 4,
      splices: [
        [0, 0, 10],
        [0, 10, 3],
      ],
      chunks: [3],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { page, rows } = list(c.size);
      let expected: Box[] = [];
      c.splices.forEach(([start, deleteCount, n], k) => {
        const added = rowsNamed(`s${k}r`, n);
        rows.splice(start, deleteCount, added);
        expected = [...expected.slice(0, start), ...added, ...expected.slice(start + deleteCount)];
      });
      checkInvariants(page, rows, expected);
      assert.deepEqual(rows.chunkSizes(), c.chunks);
    });
  }

  it('a one-row edit in a long diagram touches one chunk, not the page', () => {
    const { page, rows } = list(64);
    rows.splice(0, 0, rowsNamed('r', 1100));
    for (const b of [page, ...page.children]) b.touched = 0;
    rows.splice(600, 1, rowsNamed('new', 1));
    assert.equal(page.touched, 0, 'no chunk added or removed');
    assert.deepEqual(page.children.filter((c) => c.touched > 0).map((c) => c.name).length, 1);
  });

  it('any sequence of splices keeps the rows in order and the chunks within bounds', () => {
    const splice = fc.record({ start: fc.nat(300), deleteCount: fc.nat(150), added: fc.nat(150) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(splice, { maxLength: 12 }), (size, splices) => {
        const { page, rows } = list(size);
        let expected: Box[] = [];
        splices.forEach(({ start, deleteCount, added: n }, k) => {
          const added = rowsNamed(`s${k}r`, n);
          rows.splice(start, deleteCount, added);
          const s = Math.min(start, expected.length);
          expected = [...expected.slice(0, s), ...added, ...expected.slice(s + deleteCount)];
          checkInvariants(page, rows, expected);
        });
        expected.forEach((r) => assert.equal(rows.indexOf(r), expected.indexOf(r)));
      }),
      { numRuns: 300 },
    );
  });
});

// Chromium watches every `content-visibility: auto` element on every frame: on the chunk, never on
// each row (at 1,100 rows that watching cost a third of the page's rendering while typing).
describe('the preview stylesheet', () => {
  const css = readFileSync(join(__dirname, '../../media/preview.css'), 'utf8');
  const rule = (selector: string) => new RegExp(`^${selector.replace(/\./g, '\\.')}\\s*\\{([^}]*)\\}`, 'm').exec(css)?.[1] ?? '';
  it('skips off-screen chunks of rows, sized by their row count', () => {
    assert.match(rule('.diagram .rows'), /content-visibility:\s*auto/);
    assert.match(rule('.diagram .rows'), /var\(--rows/);
  });
  it('does not put content-visibility on the rows themselves', () => {
    assert.notEqual(rule('.diagram .row'), '');
    assert.doesNotMatch(rule('.diagram .row'), /content-visibility/);
  });
});
