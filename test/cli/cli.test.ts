// The `lifeline` CLI as a user runs it: the built dist/cli.js, real files, real exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cliHarness, ROOT } from './harness';
import { analyze } from '../../server/src/core/index';
import { renderDocument } from '../../server/src/core/render/index';

const { run, file, tmp } = cliHarness('lifeline-cli-');

const login = join(ROOT, 'examples/login.seq');

test('render prints what the core renders, exit 0', () => {
  const r = run(['render', login]);
  assert.equal(r.code, 0, r.err);
  const expected = renderDocument(analyze(readFileSync(login, 'utf8')).model, { charset: 'ascii' }).text;
  assert.equal(r.out.trimEnd(), expected.trimEnd());
  assert.match(r.out, /\[[^\]]+\]/);
});

test('render --charset unicode draws box characters', () => {
  const r = run(['render', login, '--charset', 'unicode']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /[│─┄▶◀]/);
});

test('render of several sequences prints each under its name; --sequence picks one', () => {
  const f = file('two.seq', 'actor A\nactor B\nsequence First\nA -> B: one\nend\nsequence Second\nB -> A: two\nend\n');
  const all = run(['render', f]);
  assert.equal(all.code, 0, all.err);
  const lines = all.out.split('\n');
  assert.equal(lines[0], 'First');
  assert.equal(lines[1], '');
  assert.ok(lines.includes('Second'));
  assert.ok(lines[lines.indexOf('Second') - 1] === '', 'one blank line between sequences');
  const one = run(['render', f, '--sequence', 'Second']);
  assert.equal(one.code, 0, one.err);
  assert.doesNotMatch(one.out, /one/);
  assert.match(one.out, /two/);
  const none = run(['render', f, '--sequence', 'Third']);
  assert.equal(none.code, 2);
  assert.match(none.err, /no sequence named "Third"/);
});

test('render of a file with errors still prints the valid part, exit 1', () => {
  const f = file('broken.seq', 'actor A\nactor B\nA -> B: fine\nthis is wrong\n');
  const r = run(['render', f]);
  assert.equal(r.code, 1);
  assert.match(r.out, /fine/);
  assert.match(r.err, /1 error/);
});

test('render - reads standard input', () => {
  const r = run(['render', '-'], 'A -> B: from stdin\n');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /from stdin/);
});

test('render --timings prints per-phase times to stderr', () => {
  const r = run(['render', login, '--timings']);
  assert.equal(r.code, 0);
  assert.match(r.err, /analyze [\d.]+ ms, layout [\d.]+ ms, render [\d.]+ ms, total [\d.]+ ms/);
});

test('check: text lines FILE:LINE:COL: SEVERITY CODE: MESSAGE, columns in code points', () => {
  const f = file('check.seq', 'actor 用户\n用户 -> Auth: 登录\n');
  const r = run(['check', f]);
  assert.equal(r.code, 0, 'warnings only');
  const [first] = r.out.trim().split('\n');
  assert.match(
    first,
    new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:7: warning undeclared-participant: "Auth" is not declared`),
  );
});

test('check: errors exit 1; several files; clean file exit 0', () => {
  const bad = file('bad.seq', 'actor A\nalt x\n  A -> A\n');
  const good = file('good.seq', 'actor A\nA -> A: ok\n');
  const r = run(['check', bad, good]);
  assert.equal(r.code, 1);
  assert.match(r.out, /bad\.seq:2:1: error unclosed-block: /);
  assert.doesNotMatch(r.out, /good\.seq/);
  assert.equal(run(['check', good]).code, 0);
});

test('check --format json: 0-based LSP positions', () => {
  const f = file('json.seq', 'actor A\nA -> 🙂B\n');
  const r = run(['check', f, '--format', 'json']);
  const parsed = JSON.parse(r.out) as {
    file: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity: string;
    code: string;
    message: string;
  }[];
  assert.equal(r.code, 1);
  assert.deepEqual(
    parsed.map((d) => d.code),
    ['unused-participant', 'syntax'],
    'the bad line leaves A unused',
  );
  parsed.shift();
  assert.deepEqual(parsed[0].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 8 } });
  assert.equal(parsed[0].severity, 'error');
  assert.equal(parsed[0].code, 'syntax');
  assert.equal(parsed[0].file, f);
});

test('check reports missing related files relative to the checked file', () => {
  mkdirSync(join(tmp, 'sub'), { recursive: true });
  file('sub/other.seq', 'actor A\n');
  const f = file('sub/main.seq', 'related: other.seq\nrelated: missing.seq\n');
  const r = run(['check', f]);
  assert.match(r.out, /main\.seq:2:10: warning missing-related: /);
  assert.doesNotMatch(r.out, /other\.seq" does not exist/);
});

const ioErrors: [string, () => string[], RegExp][] = [
  ['a missing file', () => ['render', join(tmp, 'nope.seq')], /no such file/],
  ['a directory', () => ['render', tmp], /is a directory/],
  ['a binary file (NUL byte)', () => ['render', file('bin.seq', Buffer.from([65, 0, 66]))], /binary file/],
  ['invalid UTF-8', () => ['check', file('latin1.seq', Buffer.from([0x41, 0x20, 0xe9, 0x0a]))], /not valid UTF-8/],
  ['an unknown flag', () => ['render', login, '--colour'], /unknown option "--colour"/],
  ['an unknown command', () => ['draw', login], /unknown command "draw"/],
  ['a bad charset', () => ['render', login, '--charset', 'ebcdic'], /--charset must be ascii or unicode/],
  ['a bad format', () => ['check', login, '--format', 'xml'], /--format must be text or json/],
  ['render without a file', () => ['render'], /render takes one FILE/],
];

for (const [name, args, message] of ioErrors) {
  test(`usage/I-O error: ${name} → one clear line, exit 2`, () => {
    const r = run(args());
    assert.equal(r.code, 2);
    assert.match(r.err, message);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });
}

test('--help and --version', () => {
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /lifeline render FILE/);
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.out.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('the CLI never prints a raw ESC, even from labels and names', () => {
  const f = file('esc.seq', 'actor A\nA -> \u001b[31mB: \u001b]0;pwned\u0007red\u001b[0m\n');
  for (const args of [
    ['render', f],
    ['check', f],
    ['check', f, '--format', 'json'],
    ['export', f, '--format', 'markdown'],
  ]) {
    const r = run(args);
    assert.ok(!r.out.includes('\u001b') && !r.err.includes('\u001b'), `${args.join(' ')} printed ESC`);
    assert.ok(!r.out.includes('\u0007'), `${args.join(' ')} printed BEL`);
  }
});

test('export --format markdown|txt, -o writes a file', () => {
  const md = run(['export', login, '--format', 'markdown']);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^# /m);
  assert.match(md.out, /## Key Actors and Systems/);
  const txt = run(['export', login, '--format', 'txt']);
  assert.equal(txt.code, 0, txt.err);
  assert.equal(txt.out.trimEnd(), run(['render', login]).out.trimEnd());
  const out = join(tmp, 'out.md');
  const o = run(['export', login, '--format', 'markdown', '-o', out]);
  assert.equal(o.code, 0, o.err);
  assert.equal(readFileSync(out, 'utf8'), md.out);
  const bad = run(['export', login, '--format', 'pdf']);
  assert.equal(bad.code, 2);
});
