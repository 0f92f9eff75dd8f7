// LineJoiner (server/src/core/text.ts): the lines and the text it gives back are exactly the
// lines pushed and their `\n` join, however the lines fall into chunks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineJoiner } from '../../server/src/core/text';

function joined(lines: readonly string[]): { text: string; lines: string[]; count: number } {
  const joiner = new LineJoiner();
  for (const line of lines) joiner.push(line);
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
  for (const c of cases) {
    it(c.name, () => {
      const out = joined(c.lines);
      assert.equal(out.count, c.lines.length);
      assert.deepEqual(out.lines, c.lines);
      assert.equal(out.text, c.lines.join('\n'));
    });
  }

  it('gives back any lines as pushed, and their join (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 60_000, maxLength: 90_000 })), { maxLength: 12 }), (lines) => {
        const out = joined(lines);
        assert.deepEqual(out.lines, lines);
        assert.equal(out.text, lines.join('\n'));
      }),
      { numRuns: 60 },
    );
  });
});
