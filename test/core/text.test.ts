// LineJoiner (server/src/core/text.ts): the lines and the text it gives back are exactly the
// lines pushed (or kept) and their `\n` join, however the lines fall into chunks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineJoiner } from '../../server/src/core/text';

/**
 * `keep(i)`: line i is given with `keep` (a line of an earlier drawing), not `push`. Both are
 * made when first read, so `linesFirst` reads them the other way round.
 */
function joined(
  lines: readonly string[],
  keep: (i: number) => boolean = () => false,
  linesFirst = false,
): { text: string; lines: string[]; count: number } {
  const joiner = new LineJoiner();
  lines.forEach((line, i) => (keep(i) ? joiner.keep(line) : joiner.push(line)));
  const count = joiner.count;
  const out = joiner.finish();
  assert.equal(out.count, count);
  if (linesFirst) {
    const got = out.lines;
    return { lines: got, text: out.text, count };
  }
  const text = out.text;
  return { text, lines: out.lines, count };
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
      for (const linesFirst of [false, true]) {
        it(`${c.name}, ${way.name}, ${linesFirst ? 'lines' : 'text'} read first`, () => {
          const out = joined(c.lines, way.keep, linesFirst);
          assert.equal(out.count, c.lines.length);
          assert.deepEqual(out.lines, c.lines);
          assert.equal(out.text, c.lines.join('\n'));
        });
      }
    }
  }

  it('gives back any lines as pushed or kept, and their join (property)', () => {
    // A long line is a short string padded to 60,000–90,000 characters: shrinking works on the
    // short string and the length, not character by character through 90,000 of them (which
    // took longer than ten minutes to report a failure).
    const long = fc.tuple(fc.string({ maxLength: 40 }), fc.integer({ min: 60_000, max: 90_000 })).map(([s, n]) => s.padEnd(n, '-'));
    const line = fc.record({ text: fc.oneof(fc.string({ maxLength: 40 }), long), kept: fc.boolean() });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (given) => {
        const lines = given.map((l) => l.text);
        const out = joined(lines, (i) => given[i].kept, lines.length % 2 === 1);
        // Compared without assert's diff of 90,000-character lines at every shrinking step.
        const wrong = out.lines.length !== lines.length ? -1 : lines.findIndex((l, i) => out.lines[i] !== l);
        if (out.lines.length !== lines.length || wrong >= 0)
          throw new Error(`lines differ (${out.lines.length} lines for ${lines.length}; first wrong: ${wrong})`);
        if (out.text !== lines.join('\n')) throw new Error('the text is not the lines joined');
      }),
      { numRuns: 60 },
    );
  });
});
