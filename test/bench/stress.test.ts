// `npm run stress -- --small` as CI runs it: every pathological input within 3x a plain file's
// time and 400 MB, drawn when under the limits, the notice when over one.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { plainFile, STRESS_INPUTS } from '../../scripts/stress/inputs';
import { rowLine, runStress, TABLE_HEADER } from '../../scripts/stress/main';

const ROOT = join(__dirname, '../..');

before(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
});

test('the plain file has as many lines as its input and at least as many bytes', () => {
  for (const input of STRESS_INPUTS) {
    const text = input.text(2_000);
    const plain = plainFile(text);
    assert.equal(plain.split('\n').length, text.split('\n').length, input.name);
    assert.ok(plain.length >= text.length, input.name);
  }
});

test('every input is covered: 20,000-scale constructs, and one over each limit', () => {
  const names = new Set(STRESS_INPUTS.map((i) => `${i.name}/${i.command}`));
  for (const n of [
    'activations',
    'destroys',
    'nested fragments',
    'created in fragments',
    'activated in nested first branches',
    'boxes 10,000',
    'creates 10,000',
    'note over 3,000',
  ]) {
    assert.ok(names.has(`${n}/check`) && names.has(`${n}/render`), n);
  }
  for (const n of [
    'ref chain 10,000',
    'ref cycle 10,000',
    'import mermaid nested',
    'import plantuml nested',
    'import mermaid long line',
    'import plantuml long line',
  ])
    assert.ok(names.has(`${n}/check`), n);
  for (const n of ['import mermaid participants', 'import plantuml participants']) assert.ok(names.has(`${n}/render`), n);
  for (const limit of ['row', 'column', 'cell'])
    assert.ok(
      STRESS_INPUTS.some((i) => i.name === `over the ${limit} limit` && i.expect === 'notice'),
      limit,
    );
});

test('npm run stress -- --small: every budget kept', { timeout: 15 * 60_000 }, async () => {
  const rows = await runStress(2_000);
  const table = [...TABLE_HEADER, ...rows.map(rowLine)].join('\n');
  assert.equal(rows.length, STRESS_INPUTS.length);
  assert.deepEqual(rows.filter((r) => r.problems.length > 0).map(rowLine), [], table);
});
