/**
 * `npm run stress`: the built CLI, as whole processes, on pathological files (inputs.ts), each
 * against a plain file of the same length in the same run. Budgets (issue 23): at most 3× the
 * plain file's time — the child's CPU time, which a busy machine disturbs far less than the wall
 * clock (both are printed) — and at most 400 MB peak memory; render inputs under the size limits are drawn,
 * those over a limit print the notice. Prints a table; exits 1 when a budget is missed.
 *   npm run stress                 20,000 of each construct
 *   npm run stress -- --small      2,000 (well under a minute; CI runs it)
 *   npm run stress -- --only NAME  the inputs whose name contains NAME
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainFile, STRESS_INPUTS, type StressInput } from './inputs';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const PEAK = join(__dirname, 'peak.cjs');
export const MAX_RATIO = 3;
export const MAX_PEAK_MB = 400;
const NOTICE = /^Diagram too large to draw: /m;

export interface Run {
  /** Wall-clock time of the whole process. */
  readonly ms: number;
  /** CPU time of the child (user + system), as it reports it on exit. */
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdoutBytes: number;
  /** The output's first 64 KB (enough to see a notice or a header). */
  readonly head: string;
  readonly stderr: string;
}

export interface StressRow {
  readonly input: StressInput;
  readonly lines: number;
  readonly run: Run;
  readonly plain: Run;
  readonly ratio: number;
  /** What is wrong, empty when every budget is kept. */
  readonly problems: readonly string[];
}

/** Runs the CLI on a file in a child process; its peak memory comes from the child itself (peak.cjs). */
export function runCli(command: string, file: string, timeoutMs = 300_000): Promise<Run> {
  const peakFile = `${file}.peak`;
  const outFile = `${file}.out`;
  rmSync(peakFile, { force: true });
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', PEAK, CLI, command, file], {
      env: { ...process.env, LIFELINE_PEAK_FILE: peakFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes < 65_536) out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      const head = Buffer.concat(out).toString('utf8').slice(0, 65_536);
      writeFileSync(outFile, head);
      const usage = existsSync(peakFile)
        ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRSS: number; cpu: number })
        : { maxRSS: Number.NaN, cpu: Number.NaN };
      resolve({ ms, cpuMs: usage.cpu / 1000, peakMb: usage.maxRSS / 1024, code, signal, stdoutBytes: outBytes, head, stderr: err });
    });
  });
}

function problemsOf(input: StressInput, run: Run, plain: Run, ratio: number): string[] {
  const problems: string[] = [];
  if (run.signal) problems.push(`killed by ${run.signal}`);
  else if (run.code !== 0 && run.code !== 1) problems.push(`exit ${run.code}`);
  if (/internal error|\n\s+at /.test(run.stderr)) problems.push('stderr: ' + run.stderr.split('\n')[0].slice(0, 120));
  if (!(ratio <= MAX_RATIO)) problems.push(`CPU time ${ratio.toFixed(2)}x the plain file's (budget ${MAX_RATIO}x)`);
  if (!(run.peakMb <= MAX_PEAK_MB)) problems.push(`peak ${run.peakMb.toFixed(0)} MB (budget ${MAX_PEAK_MB} MB)`);
  if (input.command === 'render') {
    const notice = NOTICE.test(run.head);
    if (input.expect === 'drawn' && notice) problems.push('printed the notice: the input should be under the limits');
    if (input.expect === 'drawn' && run.stdoutBytes === 0) problems.push('printed nothing');
    if (input.expect === 'notice' && !notice) problems.push('drew the diagram: the input should be over a limit');
  }
  if (plain.code !== 0) problems.push(`the plain file exits ${plain.code}`);
  if (input.command === 'render' && NOTICE.test(plain.head))
    problems.push('the plain file printed the notice: it would not be a fair comparison');
  return problems;
}

/** Runs every input (or those whose name contains `only`) at `size`, the plain file right after each. */
export async function runStress(size: number, only?: string, log: (line: string) => void = () => {}): Promise<StressRow[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-stress-'));
  const rows: StressRow[] = [];
  try {
    let k = 0;
    for (const input of STRESS_INPUTS) {
      if (only && !input.name.includes(only)) continue;
      const text = input.text(size);
      const file = join(dir, `input-${k}.${input.ext ?? 'seq'}`);
      const plainPath = join(dir, `plain-${k++}.seq`);
      writeFileSync(file, text);
      writeFileSync(plainPath, plainFile(text));
      const run = await runCli(input.command, file);
      const plain = await runCli(input.command, plainPath);
      const ratio = run.cpuMs / plain.cpuMs;
      const row: StressRow = {
        input,
        lines: text.split('\n').length - 1,
        run,
        plain,
        ratio,
        problems: problemsOf(input, run, plain, ratio),
      };
      rows.push(row);
      log(rowLine(row));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export const TABLE_HEADER = [
  '| input | command | lines | CPU | plain CPU | ratio | wall | plain wall | peak MB | plain MB | output | verdict |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
];

export function rowLine(r: StressRow): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const output =
    r.input.command === 'check'
      ? `exit ${r.run.code}`
      : NOTICE.test(r.run.head)
        ? 'notice'
        : `${(r.run.stdoutBytes / 1024).toFixed(0)} KB drawn`;
  const verdict = r.problems.length === 0 ? 'ok' : `MISSED: ${r.problems.join('; ')}`;
  return `| ${r.input.name} | ${r.input.command} | ${r.lines} | ${s(r.run.cpuMs)} | ${s(r.plain.cpuMs)} | ${r.ratio.toFixed(2)}x | ${s(r.run.ms)} | ${s(r.plain.ms)} | ${r.run.peakMb.toFixed(0)} | ${r.plain.peakMb.toFixed(0)} | ${output} | ${verdict} |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = args.includes('--small') ? 2_000 : 20_000;
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  console.log(
    `lifeline stress: ${size.toLocaleString('en')} of each construct, budgets ${MAX_RATIO}x a plain file of the same length and ${MAX_PEAK_MB} MB`,
  );
  for (const line of TABLE_HEADER) console.log(line);
  const rows = await runStress(size, only, (line) => console.log(line));
  const missed = rows.filter((r) => r.problems.length > 0).length;
  console.log(missed === 0 ? `all ${rows.length} within budget` : `${missed} of ${rows.length} missed a budget`);
  process.exitCode = missed === 0 ? 0 : 1;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  });
}
