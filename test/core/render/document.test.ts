// The whole document as `lifeline render` prints it: title, sequence headings, diagrams, flows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { renderDocument, TOO_LARGE_NOTICE } from '../../../server/src/core/render/index';

const lines = (text: string) => text.split('\n');

const SRC = `title Two ways in
actor User
system Web "Web App"
service Auth

sequence Login
  User -> Web: log in
  Web -> Auth: verify
end

sequence Reset
  User -> Web: forgot
end

flow Sign-in: User -> Web -> Auth
`;

test('title, then each sequence as name, blank line, diagram; one blank line between; flows last', () => {
  const { model } = analyze(SRC);
  const out = renderDocument(model);
  assert.equal(
    out.text,
    [
      'Two ways in',
      '',
      'Login',
      '',
      '[User]   [Web App]    [Auth]',
      '  |          |          |',
      '  |--log in->|          |',
      '  |          |--verify->|',
      '',
      'Reset',
      '',
      '[User]   [Web App]',
      '  |          |',
      '  |--forgot->|',
      '',
      'Sign-in: User -> Web App -> Auth',
      '',
    ].join('\n'),
  );
  assert.deepEqual(out.sequences, ['Login', 'Reset']);
  assert.equal(out.tooLarge, false);
  assert.equal(out.rows.length, lines(out.text).length - 1, 'one source-map entry per line (the text ends with a line break)');
});

test('the source map points each line at its source', () => {
  const { model } = analyze(SRC);
  const out = renderDocument(model);
  const text = lines(out.text);
  const source = (i: number) => (out.rows[i] ? SRC.slice(out.rows[i]!.offset, out.rows[i]!.offset + out.rows[i]!.length) : undefined);
  assert.equal(source(text.indexOf('Login')), 'sequence Login');
  assert.equal(source(text.indexOf('  |--log in->|          |')), 'User -> Web: log in');
  assert.equal(source(text.indexOf('Sign-in: User -> Web App -> Auth')), 'flow Sign-in: User -> Web -> Auth');
  for (const i of [0, 1, 3, 4, 5]) assert.equal(out.rows[i], undefined, `line ${i}: title, blanks, header and bare row map to nothing`);
});

test('Unicode mode draws flows with →', () => {
  const { model } = analyze(SRC);
  const out = lines(renderDocument(model, { charset: 'unicode' }).text);
  assert.ok(out.includes('Sign-in: User → Web App → Auth'));
  assert.ok(out.includes('  │──log in─▶│          │'));
});

test('a single unnamed sequence has no heading; the implicit sequence named by the title is not named twice', () => {
  const plain = renderDocument(analyze('A -> B: hi\n').model);
  assert.equal(plain.text, '[A]    [B]\n |      |\n |--hi->|\n');
  const titled = renderDocument(analyze('title Quick\nA -> B: hi\n').model);
  assert.equal(titled.text, 'Quick\n\n[A]    [B]\n |      |\n |--hi->|\n');
  const named = renderDocument(analyze('sequence Only\n  A -> B: hi\nend\n').model);
  assert.equal(lines(named.text)[0], 'Only');
  assert.equal(lines(named.text)[1], '');
});

test('--sequence NAME draws that sequence only; an unknown name draws nothing', () => {
  const { model } = analyze(SRC);
  const one = renderDocument(model, { sequence: 'Reset' });
  assert.equal(one.text, '[User]   [Web App]\n  |          |\n  |--forgot->|\n');
  assert.deepEqual(one.sequences, ['Reset']);
  const none = renderDocument(model, { sequence: 'Nope' });
  assert.deepEqual([none.text, none.rows, none.sequences], ['', [], []]);
});

test("a title equal to the only sequence's name is printed once; with two sequences each keeps its heading", () => {
  const once = renderDocument(analyze('title User login\nsequence User login\n  A -> B: hi\nend\n').model);
  assert.equal(once.text, 'User login\n\n[A]    [B]\n |      |\n |--hi->|\n');
  const two = renderDocument(analyze('title User login\nsequence User login\n  A -> B: hi\nend\nsequence Other\n  A -> B: x\nend\n').model);
  assert.equal(two.lines.filter((l) => l === 'User login').length, 2);
});

test('an empty document prints nothing; a title with a line break prints two lines', () => {
  assert.equal(renderDocument(analyze('# nothing\n').model).text, '');
  const t = renderDocument(analyze('title One\\nTwo\n').model).text;
  assert.deepEqual(lines(t).slice(0, 3), ['One', 'Two', '']);
});

test('a sequence too large to draw prints the notice in its place', () => {
  const { model } = analyze(SRC);
  // Login takes 4 rows, Reset 3.
  const out = renderDocument(model, { maxRows: 3 });
  assert.equal(out.tooLarge, true);
  const text = lines(out.text);
  assert.equal(text[4], TOO_LARGE_NOTICE(4, 28, { maxRows: 3, maxColumns: 4000, maxCells: 20_000_000 }));
  assert.equal(text[8], '[User]   [Web App]', 'the next sequence still draws');
});

test('names in headings and flows are made terminal-safe', () => {
  const { model } = analyze('sequence Bad\x1bName\n  A -> B\nend\nflow F\x07: A -> B\n');
  const out = renderDocument(model).text;
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(out));
  assert.ok(out.includes('Bad?Name'));
  assert.ok(out.includes('F?: A -> B'));
});
