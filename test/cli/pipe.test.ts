// The built CLI in a real pipe whose reader goes away early (`lifeline render big.seq | head -1`):
// render and export stop writing and exit 0 with nothing on stderr; check keeps its exit code.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliHarness } from './harness';

const { tmp } = cliHarness('lifeline-pipe-');

/** Messages enough for a drawing of megabytes (far past a pipe's 64 KB buffer). */
const messages = (n: number) =>
  [
    'participant A',
    'participant B',
    'participant C',
    ...Array.from({ length: n }, (_, i) => `${'ABC'[i % 3]} -> ${'ABC'[(i + 1) % 3]}: message number ${i} of a long diagram`),
  ].join('\n') + '\n';
const FILES = {
  big: messages(20_000),
  /** The same with one error at the end: a full render exits 1 and says so on stderr. */
  bigWithError: messages(20_000) + 'A -> : no target\n',
  /** Thousands of errors: `check` prints a line for each. */
  manyErrors: Array.from({ length: 20_000 }, (_, i) => `A -> : no target ${i}`).join('\n') + '\n',
  small: 'A -> B: hi\nA -> : no target\n',
};
const path = (name: keyof typeof FILES) => join(tmp, `${name}.seq`);

before(() => {
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path(name as keyof typeof FILES), text);
});

/** Runs the CLI with its stdout on a pipe we close after the first chunk; resolves with its exit and stderr. */
function readFirstChunkThenClose(
  args: string[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.stdout.once('data', (b: Buffer) => {
      first = b.toString('utf8');
      child.stdout.destroy(); // the reader goes away: the CLI's next write meets a closed pipe
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
  });
}

const CASES: { name: string; args: string[]; code: number; startsWith: string }[] = [
  { name: 'render of a large diagram', args: ['render', path('big')], code: 0, startsWith: '[A]' },
  {
    name: 'render of a large diagram with an error (a full render exits 1)',
    args: ['render', path('bigWithError')],
    code: 0,
    startsWith: '[A]',
  },
  { name: 'render --charset unicode', args: ['render', path('big'), '--charset', 'unicode'], code: 0, startsWith: '┌' },
  { name: 'export --format markdown', args: ['export', path('bigWithError'), '--format', 'markdown'], code: 0, startsWith: '#' },
  { name: 'export --format txt', args: ['export', path('big'), '--format', 'txt'], code: 0, startsWith: '[A]' },
  { name: 'check of a file with errors keeps exit 1', args: ['check', path('manyErrors')], code: 1, startsWith: 'manyErrors.seq:1:' },
  {
    name: 'check --format json of a file with errors keeps exit 1',
    args: ['check', path('manyErrors'), '--format', 'json'],
    code: 1,
    startsWith: '[',
  },
];

for (const c of CASES) {
  test(`reader gone: ${c.name} → exit ${c.code}, nothing on stderr`, async () => {
    const r = await readFirstChunkThenClose(c.args);
    assert.equal(r.signal, null);
    assert.equal(r.stderr, '', 'no EPIPE stack trace, no message');
    assert.equal(r.code, c.code);
    assert.ok(
      r.first.replace(/^.*\//, '').startsWith(c.startsWith) || r.first.startsWith(c.startsWith),
      JSON.stringify(r.first.slice(0, 80)),
    );
  });
}

test(
  'in a shell pipeline: `lifeline render big.seq | head -1` prints one line and the CLI exits 0',
  { skip: !existsSync('/bin/bash') },
  () => {
    const r = spawnSync(
      '/bin/bash',
      ['-c', `"${process.execPath}" "${CLI}" render "${path('bigWithError')}" | head -1; echo "status \${PIPESTATUS[0]}"`],
      { encoding: 'utf8' },
    );
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\[A\]/);
    assert.equal(lines[1], 'status 0');
  },
);

test('a reader that reads everything still gets the exit code and the message (the control case)', () => {
  const r = spawnSync(process.execPath, [CLI, 'render', path('small')], { cwd: tmp, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /1 error/);
  assert.match(r.stdout, /hi/);
});
