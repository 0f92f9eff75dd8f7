// The preview's request: the core renderer's text with each row mapped to a source range, the sequence names, the problem summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDocument } from '../../server/src/core/render/index';
import { Drawings, render, standaloneSvg, type Renderer } from '../../server/src/features/render';
import { isRenderDelta } from '../../server/src/lsp/protocol';
import { applyRows, applySplice } from '../../server/src/core/splice';
import { dedent, docOf, rangeText } from './helpers';

const SRC = dedent(`
  actor User
  system Shop
  sequence Buy
    User -> Shop: order
    Shop --> User: ok
  end
  sequence Refund
    User -> Shop: refund
  end
`);

test('render: text from the core renderer, rows mapped to source ranges, every sequence name', () => {
  const doc = docOf(SRC, {}, 'file:///w/a.seq', 4);
  const out = render(doc, { charset: 'ascii' }, renderDocument);
  const lines = out.text.split('\n');
  assert.equal(out.version, 4);
  assert.deepEqual(out.sequences, ['Buy', 'Refund']);
  assert.equal(out.tooLarge, false);
  assert.equal(out.rows.length, lines.length - 1, 'one row per line (the text ends with a line break)');
  const orderRow = lines.findIndex((l) => l.includes('order'));
  assert.ok(orderRow >= 0);
  assert.equal(rangeText(doc, out.rows[orderRow]!), 'User -> Shop: order');
  assert.ok(
    out.rows.some((r) => r === null),
    'header rows map to nothing',
  );
});

test('render: one sequence by name, in Unicode', () => {
  const doc = docOf(SRC);
  const out = render(doc, { charset: 'unicode', sequence: 'Refund' }, renderDocument);
  assert.ok(out.text.includes('refund'));
  assert.ok(!out.text.includes('order'));
  assert.ok(/[─┄▶]/.test(out.text), out.text);
  assert.deepEqual(out.sequences, ['Buy', 'Refund']);
});

test('render: an unknown charset falls back to ASCII', () => {
  const out = render(docOf(SRC), { charset: 'klingon' as 'ascii' }, renderDocument);
  assert.ok(/^[\x00-\x7f]*$/.test(out.text));
});

test('render: the problem summary counts by severity and lists the first errors, then warnings', () => {
  const doc = docOf('actor A\nactor Unused\nA -> B\nbad line\n-> x\nA -> C\nA -> D\nA -> E\nA -> F');
  const out = render(doc, { charset: 'ascii' }, renderDocument);
  assert.deepEqual([out.problems.errors, out.problems.warnings, out.problems.infos, out.problems.hints], [2, 5, 0, 1]);
  assert.equal(out.problems.first.length, 5);
  assert.deepEqual(
    out.problems.first.map((p) => p.code),
    ['syntax', 'syntax', 'undeclared-participant', 'undeclared-participant', 'undeclared-participant'],
  );
  assert.equal(rangeText(doc, out.problems.first[0].range), 'bad');
});

test('render: the too-large flag passes through', () => {
  const fake: Renderer = () => ({
    text: 'Diagram too large to draw\n',
    lines: ['Diagram too large to draw'],
    rows: [undefined],
    sequences: [''],
    tooLarge: true,
    diagrams: [],
    reusedRows: 0,
  });
  const out = render(docOf('A -> B'), { charset: 'ascii' }, fake);
  assert.equal(out.tooLarge, true);
  assert.deepEqual(out.rows, [null]);
});

test('Drawings: a change from the drawing the client names, while newer ones were drawn (a preview keeps its last good diagram)', () => {
  const drawings = new Drawings();
  const uri = 'file:///w/d.seq';
  const at = (text: string, version: number) => docOf(text, {}, uri, version);
  const good = drawings.answer(at('A -> B: one\nB -> A: two', 1), { charset: 'ascii' }, renderDocument);
  assert.ok(!isRenderDelta(good), 'no since: the whole drawing');
  // Two versions with a broken line: the client keeps `good` on screen and names it each time.
  for (const [version, text] of [
    [2, 'A -> B: one\nB -> A: two\nA ->'],
    [3, 'A -> B: one\nB -> A: two\nA -> B:'],
  ] as const) {
    const broken = drawings.answer(at(text, version), { charset: 'ascii', since: good.id }, renderDocument);
    assert.ok(isRenderDelta(broken) && broken.base === good.id, `version ${version}: a change from the good one`);
  }
  const fixed = drawings.answer(at('A -> B: one\nB -> A: two\nA -> B: three', 4), { charset: 'ascii', since: good.id }, renderDocument);
  assert.ok(isRenderDelta(fixed) && fixed.base === good.id);
  const whole = render(at('A -> B: one\nB -> A: two\nA -> B: three', 4), { charset: 'ascii' }, renderDocument);
  const goodLines = good.text.split('\n').slice(0, -1);
  assert.deepEqual(fixed.lines ? applyRows(goodLines, fixed.lines) : goodLines, whole.text.split('\n').slice(0, -1));
  assert.deepEqual(fixed.rows ? applySplice(good.rows, fixed.rows) : good.rows, whole.rows);
  // Another charset is another drawing: no change from this one.
  assert.ok(!isRenderDelta(drawings.answer(at('A -> B', 5), { charset: 'unicode', since: fixed.id }, renderDocument)));
  // A base unused for three answers is gone; a closed document forgets all of them.
  const doc = at('A -> B: x', 6);
  for (let i = 0; i < 3; i++) drawings.answer(doc, { charset: 'ascii' }, renderDocument);
  assert.ok(!isRenderDelta(drawings.answer(doc, { charset: 'ascii', since: good.id }, renderDocument)));
  const last = drawings.answer(doc, { charset: 'ascii' }, renderDocument);
  drawings.forget(uri);
  assert.ok(!isRenderDelta(drawings.answer(doc, { charset: 'ascii', since: last.id }, renderDocument)));
});

test('the picture: drawn on the ASCII grid (one picture row per text line), with the theme variables; as a change only when it changed', () => {
  const drawings = new Drawings();
  const uri = 'file:///w/p.seq';
  const at = (text: string, version: number) => docOf(text, {}, uri, version);
  const src = 'participant A "two\\nlines"\nparticipant B\nA -> B: hello\ntakes 20ms';
  const first = drawings.answer(at(src, 1), { charset: 'unicode', picture: true }, renderDocument);
  assert.ok(!isRenderDelta(first));
  assert.equal(first.text, renderDocument(docOf(src).analysis.model, { charset: 'ascii' }).text, 'the text is ASCII, the picture grid');
  const svg = first.svg ?? '';
  assert.match(svg, /class="lifeline-svg ll-vscode"/);
  assert.match(svg, /var\(--vscode-editor-background/);
  const lines = first.text.split('\n').length - 1;
  assert.equal(Number(/height="(\d+)"/.exec(svg)?.[1]), lines * 18 + 24);
  // A change elsewhere than the picture (the same text again): no picture in the change.
  const same = drawings.answer(at(src, 2), { charset: 'unicode', picture: true, since: first.id }, renderDocument);
  assert.ok(isRenderDelta(same) && same.svg === undefined);
  const edited = drawings.answer(
    at(src.replace('hello', 'howdy'), 3),
    { charset: 'unicode', picture: true, since: same.id },
    renderDocument,
  );
  assert.ok(isRenderDelta(edited) && edited.svg?.includes('howdy'));
  // Text and picture are other drawings: no change from one to the other; text has no picture.
  const text = drawings.answer(at(src, 4), { charset: 'ascii', since: edited.id }, renderDocument);
  assert.ok(!isRenderDelta(text) && text.svg === undefined);
});

test('durations: the margin and the critical path line in the text and the picture', () => {
  const src = 'participant A\nparticipant B\nA -> B: ask\ntakes 20ms\nB --> A: answer\ntakes 1.5s';
  const out = render(docOf(src), { charset: 'ascii', durations: true, picture: true }, renderDocument);
  assert.match(out.text, /\* 20ms\n/);
  assert.match(out.text, /^critical path 1\.52s$/m);
  assert.equal(out.rows.length, out.text.split('\n').length - 1);
  assert.match(out.svg ?? '', /class="ll-duration"[^>]*>critical path 1\.52s</);
  assert.doesNotMatch(render(docOf(src), { charset: 'ascii' }, renderDocument).text, /critical path/);
});

test('standaloneSvg: the light palette, one sequence when named', () => {
  const doc = docOf('participant A\nparticipant B\nsequence One\n  A -> B: first\nend\nsequence Two\n  B -> A: second\nend');
  const all = standaloneSvg(doc, {});
  assert.match(all, /class="lifeline-svg ll-light"/);
  assert.doesNotMatch(all, /var\(--vscode/);
  assert.ok(all.includes('first') && all.includes('second'));
  const two = standaloneSvg(doc, { sequence: 'Two' });
  assert.ok(!two.includes('first') && two.includes('second'));
});
