// Language v2 through the built CLI: `render --durations`, refs across files, the new checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliHarness } from './harness';

const { run, file, tmp } = cliHarness('lifeline-cli-v2-');

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

test('check: a cycle of refs through other files (read from disk) is recursive-ref; a chain into a cycle elsewhere is not', () => {
  file('cyc-a.seq', 'actor X\nsequence A\n  ref over X: cyc-b.seq#B\nend\n');
  file('cyc-b.seq', 'actor X\nsequence B\n  ref over X: Local\nend\nsequence Local\n  ref over X: cyc-c.seq#C\nend\n');
  file('cyc-c.seq', 'actor X\nsequence C\n  ref over X: cyc-a.seq#A\nend\n');
  const into = file('cyc-into.seq', 'actor X\nsequence Into\n  ref over X: cyc-b.seq#B\nend\n');
  const r = run(['check', join(tmp, 'cyc-a.seq')]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /cyc-a\.seq:3:15: error recursive-ref: .*cyc-b\.seq#B → cyc-b\.seq#Local → cyc-c\.seq#C → cyc-a\.seq#A/);
  const outside = run(['check', into]);
  assert.equal(outside.code, 0, outside.out);
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
