// Issue 8: every grammar pattern tokenizes adversarial 100 KB lines in linear time.
// A child process times each adversarial line at 10 KB and 100 KB (support/measureLinear.ts);
// the 100 KB line may take at most MAX_RATIO times the 10 KB one plus SLACK_MS — a ratio,
// so a slow machine does not fail it, while a quadratic pattern (ratio ~100) does. Times
// are the process's CPU time (the minimum of several runs), which other processes on a
// loaded machine do not inflate the way they inflate the wall clock. A
// watchdog kills the child when one case runs past its deadline, so a hang fails instead
// of stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { adversarialCases } from './support/adversarial';
import { MAX_RATIO, SELFTEST_CASE, SLACK_MS, type Event, type Measurement } from './support/measureLinear';
import { REPO_ROOT } from './support/textmate';

const SCRIPT = join(REPO_ROOT, 'test/grammar/support/measureLinear.ts');
/** Loading the grammars and tsx before the first case. */
const STARTUP_DEADLINE_MS = 60_000;
/** One case: 2 warm-up + up to 3 × (5 short + 3 long) tokenizations, each a few ms when linear. */
const CASE_DEADLINE_MS = 30_000;

interface Run {
  results: Map<string, Measurement>;
  /** The case that ran past its deadline, when the watchdog stopped the child. */
  hung?: string;
  exitCode: number | null;
  stderr: string;
}

function runMeasurements(args: string[], caseDeadlineMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { results: new Map(), exitCode: null, stderr: '' };
    let current = '(startup)';
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        run.hung = current;
        child.kill('SIGKILL');
      }, ms);
    };
    arm(STARTUP_DEADLINE_MS);
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const e = JSON.parse(line) as Event;
      if (e.event === 'start') {
        current = e.name;
        arm(caseDeadlineMs);
      } else {
        run.results.set(e.name, e);
        arm(caseDeadlineMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      run.exitCode = code;
      resolve(run);
    });
  });
}

function summary(m: Measurement): string {
  return (
    `${m.largeLength} chars took ${m.largeMs.toFixed(1)} ms, ${m.smallLength} chars ${m.smallMs.toFixed(1)} ms ` +
    `(ratio ${(m.largeMs / m.smallMs).toFixed(1)}; allowed ${MAX_RATIO}× + ${SLACK_MS} ms)`
  );
}

test('every adversarial line tokenizes in linear time', async (t) => {
  const run = await runMeasurements([], CASE_DEADLINE_MS);
  for (const c of adversarialCases) {
    await t.test(c.name, () => {
      if (run.hung === c.name) assert.fail(`did not finish within ${CASE_DEADLINE_MS} ms: the watchdog stopped it`);
      const m = run.results.get(c.name);
      if (!m) assert.fail(`not measured (child exit ${run.exitCode}, stopped at ${run.hung ?? 'nothing'}):\n${run.stderr}`);
      assert.ok(m.ok, `non-linear: ${summary(m)}`);
    });
  }
});

test('self-test: the measurement flags a quadratic pattern', async () => {
  const run = await runMeasurements(['--selftest'], CASE_DEADLINE_MS);
  const m = run.results.get(SELFTEST_CASE);
  assert.ok(m, `the self-test did not run (exit ${run.exitCode}):\n${run.stderr}`);
  assert.equal(m.ok, false, `a quadratic grammar passed as linear: ${summary(m)}`);
});

test('self-test: the watchdog stops a line that does not finish', async () => {
  // 300,000 blanks under the quadratic fixture take minutes; the deadline is 2 s.
  const run = await runMeasurements(['--selftest', '--sizes', '1000,300000'], 2_000);
  assert.equal(run.hung, SELFTEST_CASE);
  assert.equal(run.results.size, 0);
});
