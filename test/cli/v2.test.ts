// Language v2 through the built CLI: `render --durations`, refs across files, the new checks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'lifeline-cli-v2-'));

before(() => {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const file = (name: string, content: string) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

const LOGIN = `actor User
service Auth
sequence Login within 500ms
  User -> Auth: POST
  takes 120ms
  par
    Auth -> Auth: hash
    takes 300ms
  and
    Auth -> User: ping
    takes 10ms
  end
  ref over User, Auth: Pay
end
sequence Pay
  User -> Auth: pay
  takes 140ms
end
`;

test('render --durations: each takes on its row, the critical path marked, the closing line', () => {
  const r = run(['render', '--durations', file('login.seq', LOGIN)]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  const post = lines.find((l) => l.includes('--POST->'))!;
  assert.match(post, /\* 120ms$/);
  assert.match(
    lines.find((l) => l.includes('<-ping--'))!,
    /[^*] {2}10ms$/,
  );
  assert.match(
    lines.find((l) => l.includes('[ref]'))!,
    /\* 140ms$/,
  );
  assert.ok(lines.includes('critical path 560ms of 500ms, over budget by 60ms'), r.out);
  assert.ok(lines.includes('critical path 140ms'));
  // The margin starts at one column for the whole diagram.
  const at = (l: string) => l.lastIndexOf('ms') - 4;
  assert.equal(at(post), at(lines.find((l) => l.includes('[ref]'))!));
});

test('without --durations nothing is added', () => {
  const r = run(['render', file('plain.seq', LOGIN)]);
  assert.doesNotMatch(r.out, /critical path|ms$/m);
});

test('check: a ref to another file reads it from disk; a missing file or sequence is missing-related', () => {
  file('pay.seq', 'actor A\nsequence Pay by card\n  A -> A\n  takes 2s\nend\n');
  const main = file(
    'main.seq',
    'actor A\nsequence Main within 1s\n  ref over A: pay.seq#Pay by card\n  ref over A: pay.seq#Pay by cash\n  ref over A: gone.seq#X\nend\n',
  );
  const r = run(['check', main]);
  assert.equal(r.code, 0, r.err);
  const codes = r.out
    .trim()
    .split('\n')
    .map((l) => /(\d+:\d+): \w+ ([\w-]+)/.exec(l)?.slice(1).join(' '));
  assert.deepEqual(codes, ['2:22 budget-exceeded', '4:23 missing-related', '5:15 missing-related']);
});

test('check: a ref naming a symlink to /dev/zero is refused at once, as if missing', () => {
  const zero = join(tmp, 'zero.seq');
  if (!existsSync(zero)) symlinkSync('/dev/zero', zero);
  const r = spawnSync(process.execPath, [CLI, 'check', file('endless.seq', 'actor A\nsequence S\n  ref over A: zero.seq#X\nend\n')], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.error, undefined, 'check ended');
  assert.match(r.stdout, /:3:15: warning missing-related:/);
});

test('check: the v2 errors at their lines', () => {
  const src = 'box B\n  actor A\n  box C\n  end\nend\nsequence S\n  A -> N: early\n  create N\n  A -> N: new\n  ref over A: S\nend\n';
  const r = run(['check', file('bad.seq', src)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /:3:3: error nested-box:/);
  assert.match(r.out, /:7:8: error not-yet-created:/);
  assert.match(r.out, /:10:15: error recursive-ref:/);
});
