// LineJoiner (server/src/core/text.ts): the lines and the text it gives back are exactly the
// lines pushed (or kept) and their `\n` join, however the lines fall into chunks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineJoiner } from '../../server/src/core/text';

/** `keep(i)`: line i is given with `keep` (a line of an earlier drawing), not `push`. */
function joined(lines: readonly string[], keep: (i: number) => boolean = () => false): { text: string; lines: string[]; count: number } {
  const joiner = new LineJoiner();
  lines.forEach((line, i) => (keep(i) ? joiner.keep(line) : joiner.push(line)));
  const count = joiner.count;
  const out = joiner.finish();
  return { text: out.text, lines: out.lines, count };
}

describe('LineJoiner', () => {
  const big = 'x'.repeat(200 * 1024); // one line longer than a chunk
  const cases: { name: string; lines: string[] }[] = [
    { name: 'no lines', lines: [] },
    { name: 'one empty line', lines: [''] },
    { name: 'blank lines around text', lines: ['', 'a', '', '', 'b', ''] },
    { name: 'a line longer than a chunk, between others', lines: ['before', big, 'after'] },
    { name: 'lines that fill several chunks', lines: Array.from({ length: 3000 }, (_, i) => `${'-'.repeat(i % 200)}|${i}`) },
    { name: 'non-ASCII: box drawing, astral, combining', lines: ['┌─┐ 𝄞', 'e\u0301', '│ │'] },
  ];
  const ways: { name: string; keep: (i: number) => boolean }[] = [
    { name: 'pushed', keep: () => false },
    { name: 'every other one kept', keep: (i) => i % 2 === 1 },
    { name: 'all kept', keep: () => true },
  ];
  for (const c of cases) {
    for (const way of ways) {
      it(`${c.name}, ${way.name}`, () => {
        const out = joined(c.lines, way.keep);
        assert.equal(out.count, c.lines.length);
        assert.deepEqual(out.lines, c.lines);
        assert.equal(out.text, c.lines.join('\n'));
      });
    }
  }

  it('gives back any lines as pushed or kept, and their join (property)', () => {
    const line = fc.record({ text: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 60_000, maxLength: 90_000 })), kept: fc.boolean() });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (given) => {
        const lines = given.map((l) => l.text);
        const out = joined(lines, (i) => given[i].kept);
        assert.deepEqual(out.lines, lines);
        assert.equal(out.text, lines.join('\n'));
      }),
      { numRuns: 60 },
    );
  });
});
