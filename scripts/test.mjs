// Runs every test file under test/ with Node's test runner (TypeScript through tsx).
// Its closing lines ("# pass N", "# fail N", the sums of both phases) are what CI reads.
//   node scripts/test.mjs                 all suites
//   node scripts/test.mjs --only core     only files under test/core (any folder name under test/)
//   node scripts/test.mjs --skip e2e      everything but test/e2e
// Two phases: the suites that run in Node, two files at a time (two cores: 262 s → 162 s
// measured); then the real-VS Code suites one at a time (each drives a code-server and a
// Chromium, and some time keystrokes).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const pick = (flag) => args.flatMap((a, i) => (args[i - 1] === flag ? a.split(',') : []));
const only = pick('--only');
const skip = pick('--skip');
if (process.env.LIFELINE_SKIP_E2E === '1') skip.push('e2e');
/** The suite that starts VS Code: never beside another file. */
const ALONE = ['e2e'];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') return [];
    return statSync(p).isDirectory() ? walk(p) : /\.test\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}
const suiteOf = (f) => f.split(/[\\/]/)[1];
const files = walk('test')
  .filter((f) => (only.length === 0 || only.includes(suiteOf(f))) && !skip.includes(suiteOf(f)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const COUNTS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo', 'duration_ms'];

/** Runs one phase, its output passed through; resolves with its exit status and closing counts. */
function run(phaseFiles, concurrency) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...phaseFiles], {
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk).slice(-4000);
    });
    child.on('close', (code, signal) => {
      const counts = Object.fromEntries(COUNTS.map((k) => [k, Number(new RegExp(`^# ${k} ([\\d.]+)$`, 'm').exec(tail)?.[1] ?? 0)]));
      // A runner that died before its summary still counts as a failure in the sums.
      if (!/^# fail \d+$/m.test(tail) && code !== 0) counts.fail = 1;
      resolve({ status: code ?? (signal ? 1 : 0), counts });
    });
  });
}

const phases = [
  { files: files.filter((f) => !ALONE.includes(suiteOf(f))), concurrency: 2 },
  { files: files.filter((f) => ALONE.includes(suiteOf(f))), concurrency: 1 },
].filter((p) => p.files.length > 0);

const results = [];
for (const p of phases) results.push(await run(p.files, p.concurrency));
const failed = results.some((r) => r.status !== 0);
if (results.length > 1) {
  // One closing summary for the whole run, in the runner's own form.
  console.log(`# all ${results.length} phases`);
  for (const k of COUNTS) {
    const sum = results.reduce((n, r) => n + r.counts[k], 0);
    console.log(`# ${k} ${k === 'duration_ms' ? sum.toFixed(3) : sum}`);
  }
}
process.exit(failed ? 1 : 0);
