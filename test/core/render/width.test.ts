// Display width in terminal cells and the terminal-safety rule (spec section 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { displayWidth, graphemes, measureLines, safeText, textLines } from '../../../server/src/core/width';
import { CONTROL, expectedSafe } from './helpers';

test('a tab becomes a space; ESC, BEL, CR, DEL and C1 controls become ?', () => {
  assert.equal(safeText('a\tb'), 'a b');
  assert.equal(safeText('\x1b[31mred\x1b[0m'), '?[31mred?[0m');
  assert.equal(safeText('bell\x07 cr\r nul\0 del\x7f'), 'bell? cr? nul? del?');
  assert.equal(safeText('csi\x9b31m nel\x85'), 'csi?31m nel?');
  assert.equal(safeText('line\nbreak'), 'line?break', 'a line break inside one line is a control character too');
});

test('bidi overrides and isolates, line separators and lone surrogates become ?', () => {
  assert.equal(safeText('abc\u202edef\u202c'), 'abc?def?');
  assert.equal(safeText('\u2066x\u2069'), '?x?');
  assert.equal(safeText('a\u2028b\u2029c'), 'a?b?c');
  assert.equal(safeText('lone \ud800 high, lone \udc00 low'), 'lone ? high, lone ? low');
});

test('ordinary Unicode text is kept as it is', () => {
  for (const s of ['Zahlungsdienst', '用户 👩', '👨‍👩‍👧 family', '🇩🇪', 'e\u0301', 'नमस्ते', 'a\u200bb', '▶ ─ │']) assert.equal(safeText(s), s);
});

test('textLines splits at \\n only and makes each line safe', () => {
  assert.deepEqual(textLines('one\ntwo\tthree'), ['one', 'two three']);
  assert.deepEqual(textLines(''), ['']);
  assert.deepEqual(textLines('a\r\nb'), ['a?', 'b']);
});

test('width in terminal cells: CJK and emoji 2, combining marks 0, ASCII 1', () => {
  const cases: [string, number][] = [
    ['abc', 3],
    ['用户', 4],
    ['😀', 2],
    ['👍🏽', 2],
    ['🇩🇪', 2],
    ['👨‍👩‍👧', 2],
    ['e\u0301', 1],
    ['日本語のメモ 📝', 15],
    ['', 0],
    ['a\u200bb', 2],
    ['─│┄▶◀▷◁×╳┃┆', 11],
  ];
  for (const [s, w] of cases) {
    assert.equal(displayWidth(s), w, JSON.stringify(s));
    assert.equal(displayWidth(s), stringWidth(s), `agrees with string-width: ${JSON.stringify(s)}`);
  }
  assert.deepEqual(measureLines('用户\nab'), [
    { text: '用户', width: 4 },
    { text: 'ab', width: 2 },
  ]);
});

const pool = [
  'a',
  'Z',
  ' ',
  '-',
  '.',
  '|',
  '中',
  '文',
  '😀',
  '👍🏽',
  '🇩🇪',
  'e\u0301',
  '\u0301',
  '\t',
  '\x1b',
  '\x07',
  '\x7f',
  '\x9b',
  '\u202e',
  '\u200b',
  '\ud800',
  'ü',
  '\n',
];
const text = fc.array(fc.constantFrom(...pool), { maxLength: 20 }).map((a) => a.join(''));

test('property: safe text has no control characters and replaces code points one for one', () => {
  fc.assert(
    fc.property(text, (s) => {
      const safe = safeText(s);
      assert.ok(!CONTROL.test(safe));
      assert.equal(safe, expectedSafe(s));
    }),
  );
});

test("property: the width of safe text is string-width's, and its clusters add up to it", () => {
  fc.assert(
    fc.property(text, (s) => {
      const safe = safeText(s);
      assert.equal(displayWidth(safe), stringWidth(safe));
      assert.equal(
        graphemes(safe).reduce((w, g) => w + g.width, 0),
        displayWidth(safe),
      );
      assert.equal(
        graphemes(safe)
          .map((g) => g.text)
          .join(''),
        safe,
      );
    }),
  );
});
