// The fuzzers' section-7 checkers can fail: a correct drawing passes, and each broken copy of
// it (a cut label, a broken lifeline, swapped boxes, a misplaced head, a message drawn
// twice, trailing blanks, an ESC, non-ASCII outside user text) is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { renderSequence, type RenderedDiagram } from '../../server/src/core/render/index';
import { checkDocumentText, checkSequence, type Charset } from './renderRules';

const text = 'participant A\nparticipant B "Bee"\nA -> B: hello\nB --> A: back\nA -> A: self\n';
const { model } = analyze(text);
const sequence = model.sequences[0];
const expected = { name: '', implicit: true, lifelines: ['A', 'B'], messages: [] };
const display = new Map([
  ['A', 'A'],
  ['B', 'Bee'],
]);

/** Checks the drawing, changed by `change` (its lines and their source rows, edited in place). */
function check(charset: Charset, change?: (lines: string[], rows: RenderedDiagram['rows'][number][]) => void): string[] {
  const d = renderSequence(model, sequence, { charset });
  const lines = [...d.lines];
  const rows = [...d.rows];
  change?.(lines, rows);
  const diagram: RenderedDiagram = { ...d, lines, rows };
  return checkSequence({ model, sequence, expected, display, diagram, charset });
}

for (const charset of ['ascii', 'unicode'] as Charset[]) {
  test(`${charset}: a correct drawing passes`, () => {
    assert.deepEqual(check(charset), []);
  });

  test(`${charset}: broken drawings are reported`, () => {
    const row = (lines: string[], s: string) => lines.findIndex((l) => l.includes(s));
    const each = (f: (line: string, i: number) => string) => (l: string[]) => l.forEach((x, i) => (l[i] = f(x, i)));
    const cases: [string, (lines: string[], rows: RenderedDiagram['rows'][number][]) => void, RegExp][] = [
      ['a cut label', each((x) => x.replace('hello', 'hell-')), /arrow rows/],
      [
        'a broken lifeline',
        (l) => {
          const i = row(l, 'back') + 1;
          l[i] = l[i].replace(/[|│](\s*)$/, ' $1');
        },
        /lifeline 2/,
      ],
      ['a moved head', each((x) => x.replace(/[-─](>|▶)([|│])/, '$1-$2')), /arrow rows/],
      [
        'a message drawn twice',
        (l, r) => {
          const i = row(l, 'hello');
          l.splice(i, 0, l[i]);
          r.splice(i, 0, r[i]);
        },
        /2 arrow rows/,
      ],
      [
        'boxes in the wrong order',
        each((x, i) => (i < (charset === 'unicode' ? 3 : 1) ? x.replace(/(\S+)(\s+)(\S+)/, '$3$2$1') : x)),
        /header box/,
      ],
      ['a self message without its label', each((x) => x.replace('self', '    ')), /label line/],
    ];
    for (const [what, change, pattern] of cases) assert.match(check(charset, change).join('\n'), pattern, what);
  });
}

test('document-wide rules: trailing blanks, control characters, non-ASCII outside user text', () => {
  assert.deepEqual(checkDocumentText('[A]\n |\n', 'ascii', ['A'], 'x'), []);
  assert.match(checkDocumentText('[A] \n', 'ascii', ['A'], 'x').join(), /ends in a blank/);
  assert.match(checkDocumentText('[A\u001b[31m]\n', 'ascii', ['A'], 'x').join(), /unsafe character U\+001b/);
  assert.match(checkDocumentText('[A]\n │\n', 'ascii', ['A'], 'x').join(), /non-ASCII "│" outside user text/);
  assert.deepEqual(checkDocumentText('[Bé]\n |\n', 'ascii', ['Bé'], 'x'), []);
  assert.match(checkDocumentText('[Bé]\n ü\n', 'ascii', ['Bé', 'ü x'], 'x').join(), /non-ASCII "ü"/);
});
