// Drawing from an earlier drawing (`renderDocument(model, { since })`, render/reuse.ts): the
// result is exactly the drawing made from scratch, and the rows that did not change are taken
// from the earlier one (how many: `reusedRows`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/index';
import { renderDocument, type Charset, type LayoutRow, type RenderedDocument, type RowState } from '../../../server/src/core/render/index';
import { sameRow } from '../../../server/src/core/render/reuse';
import { applyEdit, editArb, validDocument, type Edit } from '../../fuzz/gen';

const drawn = (text: string, options: { charset?: Charset; sequence?: string; since?: RenderedDocument } = {}) =>
  renderDocument(analyze(text).model, options);

/**
 * A drawing made since another is the fresh one: same text, lines, source spans, sequences and
 * flag. Says where they part (a deep-equal's diff of two whole drawings takes minutes while
 * fast-check shrinks).
 */
function assertSameDrawing(actual: RenderedDocument, expected: RenderedDocument): void {
  const span = (s: RenderedDocument['rows'][number]) => (s ? `${s.offset}+${s.length}` : '-');
  assert.equal(actual.lines.length, expected.lines.length, 'line count');
  for (let i = 0; i < expected.lines.length; i++) {
    assert.equal(actual.lines[i], expected.lines[i], `line ${i}`);
    assert.equal(span(actual.rows[i]), span(expected.rows[i]), `source span of line ${i}`);
  }
  assert.equal(actual.rows.length, expected.rows.length, 'row count');
  assert.ok(actual.text === expected.text, 'the joined text');
  assert.deepEqual([actual.sequences, actual.tooLarge], [expected.sequences, expected.tooLarge]);
}

const rowsOf = (d: RenderedDocument) => d.diagrams.reduce((n, x) => n + x.layout.rows.length, 0);

describe('drawing since an earlier drawing: which rows are reused', () => {
  const SRC = 'actor A\nactor B\nactor C\nA -> B: one\nB -> C: two\nC -> A: three\n';
  // Rows: the bare lifelines, then one per message.
  const cases: { name: string; after: string; since?: string; charset?: Charset; reused: number }[] = [
    { name: 'nothing changed', after: SRC, reused: 4 },
    { name: 'one letter of a label, same width', after: SRC.replace('two', 'twx'), reused: 3 },
    { name: 'a message added at the end', after: `${SRC}A -> B: one\n`, reused: 4 },
    { name: 'a message inserted in the middle', after: SRC.replace('B -> C: two\n', 'A -> B: one\nB -> C: two\n'), reused: 4 },
    { name: 'a message removed from the middle', since: SRC.replace('B -> C: two\n', 'B -> C: two\nA -> B: one\n'), after: SRC, reused: 4 },
    { name: 'a message removed that set a gap: the columns move', after: SRC.replace('A -> B: one\n', ''), reused: 0 },
    { name: 'a label that outgrows its gap: the columns move', after: SRC.replace('two', 'two, and a much longer label'), reused: 0 },
    { name: 'a comment added: the same rows', after: `// about\n${SRC}`, reused: 4 },
    { name: 'an activation: the bar changes every row after it', after: SRC.replace('A -> B: one', 'A ->+ B: one'), reused: 1 },
    { name: 'drawn before in the other charset', since: SRC, after: SRC, charset: 'unicode', reused: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = drawn(c.since ?? SRC);
      const after = drawn(c.after, { charset: c.charset, since: before });
      assertSameDrawing(after, drawn(c.after, { charset: c.charset }));
      assert.equal(after.reusedRows, c.reused);
    });
  }

  // One row of each kind whose content changes; the other rows are reused.
  const KINDS =
    'actor A\nactor B\nA -> B: go\nA -> A: self\nnote over A: a note\nalt when\n  B -> A: back\nelse otherwise\n  B -> A: no\nend\n== phase ==\n... later ...\nB -> A: last\n';
  const kinds: { name: string; edit: [string, string] }[] = [
    { name: 'an arrow label', edit: ['go', 'gx'] },
    { name: 'a self-message label', edit: ['self', 'selx'] },
    { name: 'a note', edit: ['a note', 'a notx'] },
    { name: 'a fragment title', edit: ['when', 'whex'] },
    { name: 'a branch title', edit: ['otherwise', 'otherwisx'] },
    { name: 'a divider', edit: ['phase', 'phasx'] },
    { name: 'a delay', edit: ['later', 'latex'] },
  ];
  for (const k of kinds) {
    it(`${k.name} changed, as wide as before: that row is drawn, the others reused`, () => {
      const before = drawn(KINDS);
      const edited = KINDS.replace(...k.edit);
      assert.notEqual(edited, KINDS);
      const after = drawn(edited, { since: before });
      assertSameDrawing(after, drawn(edited));
      assert.equal(after.reusedRows, rowsOf(after) - 1);
    });
  }

  it('a sequence being renamed reuses the rows of the one drawn at its place', () => {
    const src = (name: string) => `sequence ${name}\n  A -> B: one\n  B -> A: two\nend\n`;
    const after = drawn(src('Logix'), { since: drawn(src('Login')) });
    assertSameDrawing(after, drawn(src('Logix')));
    assert.equal(after.reusedRows, rowsOf(after));
  });

  it('one sequence drawn alone, since the whole document', () => {
    const src = 'sequence S\n  A -> B: one\nend\nsequence T\n  B -> A: two\nend\n';
    const after = drawn(src, { sequence: 'T', since: drawn(src) });
    assertSameDrawing(after, drawn(src, { sequence: 'T' }));
    assert.equal(after.reusedRows, 2);
  });

  it('blank rows at the end of the document (not printed) come back as blank rows', () => {
    // A destroyed lifeline's bare row after the last arrow draws nothing at the end.
    const src = 'A -> B: go\ndestroy A\ndestroy B\nnote over A: n\n';
    const edited = src.replace('go', 'gx');
    const after = drawn(edited, { since: drawn(src) });
    assertSameDrawing(after, drawn(edited));
    assert.ok(after.reusedRows > 0);
  });
});

describe('sameRow: rows that draw the same line', () => {
  const state = (active: number[] = [], ended: number[] = [], frames: [number, number][] = []): RowState => ({
    active: new Set(active),
    ended: new Set(ended),
    frames: frames.map(([left, right]) => ({ left, right })),
  });
  const s = state([1], [], [[0, 30]]);
  const span = { offset: 0, length: 1 };
  const note = { left: 2, right: 12, textLeft: 4 };
  const text = (t: string) => ({ text: t, width: t.length });
  // A label line; numbered, its width counts `N. ` (`N.` for an empty label).
  const line = (t: string, number?: number) => ({
    text: t,
    width: t.length + (number === undefined ? 0 : `${number}.`.length + (t ? 1 : 0)),
    number,
  });
  // Each row, and rows that differ from it in one thing that is drawn.
  const cases: { row: LayoutRow; differ: LayoutRow[] }[] = [
    {
      row: { kind: 'lifelines', span, state: s },
      differ: [
        { kind: 'lifelines', span, state: state() },
        { kind: 'lifelines', span, state: state([1], [2], [[0, 30]]) },
        { kind: 'lifelines', span, state: state([1], [], [[0, 29]]) },
        {
          kind: 'lifelines',
          span,
          state: state(
            [1],
            [],
            [
              [0, 30],
              [2, 20],
            ],
          ),
        },
      ],
    },
    {
      row: { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('go') },
      differ: [
        { kind: 'arrow', span, state: s, from: 1, to: 0, arrow: '->', ...line('go') },
        { kind: 'arrow', span, state: s, from: 0, to: 2, arrow: '->', ...line('go') },
        { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '-->', ...line('go') },
        { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('gx') },
        { kind: 'label', span, state: s, from: 0, to: 1, arrow: '->', ...line('go') },
        { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('go', 1) },
      ],
    },
    {
      row: { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('go', 7) },
      differ: [
        { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('go', 8) },
        { kind: 'arrow', span, state: s, from: 0, to: 1, arrow: '->', ...line('go') },
      ],
    },
    // The first line of `\nrest` numbered (`7. `) and of no label (`7.`): the same text and number, one cell apart.
    {
      row: { kind: 'self-label', span, state: s, lifeline: 1, arrow: '->', text: '', width: 3, number: 7 },
      differ: [{ kind: 'self-label', span, state: s, lifeline: 1, arrow: '->', text: '', width: 2, number: 7 }],
    },
    {
      row: { kind: 'self-top', span, state: s, lifeline: 1, arrow: '->' },
      differ: [
        { kind: 'self-top', span, state: s, lifeline: 2, arrow: '->' },
        { kind: 'self-top', span, state: s, lifeline: 1, arrow: '-->' },
        { kind: 'self-bottom', span, state: s, lifeline: 1, arrow: '->' },
      ],
    },
    {
      row: { kind: 'self-label', span, state: s, lifeline: 1, arrow: '->', ...line('me') },
      differ: [
        { kind: 'self-label', span, state: s, lifeline: 0, arrow: '->', ...line('me') },
        { kind: 'self-label', span, state: s, lifeline: 1, arrow: '->', ...line('mx') },
        { kind: 'self-label', span, state: s, lifeline: 1, arrow: '->', ...line('me', 2) },
      ],
    },
    {
      row: { kind: 'destroy', span, state: s, lifelines: [1] },
      differ: [
        { kind: 'destroy', span, state: s, lifelines: [2] },
        { kind: 'destroy', span, state: s, lifelines: [1, 2] },
      ],
    },
    {
      row: { kind: 'note-top', span, state: s, note },
      differ: [
        { kind: 'note-top', span, state: s, note: { ...note, left: 3 } },
        { kind: 'note-top', span, state: s, note: { ...note, right: 13 } },
        { kind: 'note-bottom', span, state: s, note },
      ],
    },
    {
      row: { kind: 'note-text', span, state: s, note, ...text('n') },
      differ: [
        { kind: 'note-text', span, state: s, note: { ...note, textLeft: 5 }, ...text('n') },
        { kind: 'note-text', span, state: s, note, ...text('m') },
      ],
    },
    {
      row: { kind: 'frame-top', span, state: s, frame: { left: 0, right: 30 }, title: text('alt x') },
      differ: [
        { kind: 'frame-top', span, state: s, frame: { left: 1, right: 30 }, title: text('alt x') },
        { kind: 'frame-top', span, state: s, frame: { left: 0, right: 30 }, title: text('alt y') },
        { kind: 'frame-top', span, state: s, frame: { left: 0, right: 30 }, title: undefined },
        { kind: 'frame-separator', span, state: s, frame: { left: 0, right: 30 }, title: text('alt x') },
      ],
    },
    {
      row: { kind: 'frame-bottom', span, state: s, frame: { left: 0, right: 30 } },
      differ: [{ kind: 'frame-bottom', span, state: s, frame: { left: 0, right: 31 } }],
    },
    { row: { kind: 'divider', span, state: s, ...text('phase') }, differ: [{ kind: 'divider', span, state: s, ...text('phasx') }] },
    {
      row: { kind: 'delay', span, state: s, column: 4, ...text('later') },
      differ: [
        { kind: 'delay', span, state: s, column: 5, ...text('later') },
        { kind: 'delay', span, state: s, column: 4, ...text('latex') },
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.row.kind}: the same as an equal copy (another span, another state object), not as ${c.differ.length} others`, () => {
      const copy = { ...c.row, span: { offset: 99, length: 3 }, state: state([1], [], [[0, 30]]) } as LayoutRow;
      assert.equal(sameRow(c.row, copy), true);
      c.differ.forEach((other, i) => assert.equal(sameRow(c.row, other), false, `differs in #${i}`));
    });
  }
});

/** Typing: a letter inserted into, or deleted from, the k-th label. */
type Typing = { op: 'type'; label: number; letter: string } | { op: 'erase'; label: number };

function applyTyping(text: string, t: Typing): string {
  const labels = [...text.matchAll(/: /g)].map((m) => (m.index ?? 0) + 2);
  if (labels.length === 0) return text;
  const at = labels[t.label % labels.length];
  return t.op === 'type' ? text.slice(0, at) + t.letter + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
}

const typingArb: fc.Arbitrary<Typing> = fc.oneof(
  fc.record({
    op: fc.constant('type' as const),
    label: fc.nat(),
    letter: fc.constantFrom('x', 'W', ' ', '中', '😀', 'e\u0301', '"', '\\n'),
  }),
  fc.record({ op: fc.constant('erase' as const), label: fc.nat() }),
);

describe('drawing since an earlier drawing is the drawing from scratch (property)', () => {
  it('over valid documents typed into and edited, both charsets, all sequences or one', () => {
    let reused = 0;
    const step = fc.oneof({ weight: 3, arbitrary: typingArb }, { weight: 1, arbitrary: editArb });
    fc.assert(
      fc.property(
        validDocument,
        fc.array(step, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<Charset>('ascii', 'unicode'),
        fc.boolean(),
        (doc, steps, charset, one) => {
          const sequence = one ? analyze(doc.text).model.sequences[0]?.name : undefined;
          const options = { charset, sequence };
          let text = doc.text;
          let before = drawn(text, options);
          // Each drawing is made since the one before it, as the preview's are.
          for (const s of steps) {
            text = s.op === 'type' || s.op === 'erase' ? applyTyping(text, s) : applyEdit(text, s as Edit);
            const after = drawn(text, { ...options, since: before });
            assertSameDrawing(after, drawn(text, options));
            reused += after.reusedRows;
            before = after;
          }
        },
      ),
      // Shrinking a failing document can take many minutes (a mutant of sameRow found at once
      // shrank for over ten): a minute bounds it, and the failure is still reported, with the
      // smallest counterexample found by then. 150 inputs take a few seconds.
      { numRuns: 150, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
    );
    assert.ok(reused > 0, 'the property never reused a row: it checked nothing');
  });
});
