/**
 * The long fuzz run (not part of CI): `npm run fuzz [-- options]`.
 *
 *   --runs N         inputs to check (default 1,000,000)
 *   --seed S         base seed (default: random, printed); input i has seed S + i
 *   --jobs J         child processes (default: available parallelism)
 *   --timeout-ms T   an input that takes longer is a hang (default 60,000)
 *   --kinds a,b      only these kinds (valid, near-valid, mutant, soup, hostile, large, v2, v2-near, mermaid, plantuml)
 *   --out DIR        where failing inputs and report.json go (default: a new temp dir)
 *
 * Every input goes through the invariants of test/fuzz/checks.ts. Each child writes the index
 * of the input it is checking to a status file; the parent kills a child whose index has
 * not moved for the timeout (a hang) or notices its death (a crash), records that input,
 * and starts a fresh child after it. It reports the counts (inputs, by kind, failures) and
 * the time per 10 KB of input, in CPU time of the children (a loaded machine would inflate
 * wall time): analysis plus rendering in both charsets — what the preview and the CLI do —
 * with the target of 50 ms, and the Markdown export beside it.
 * Exit status: 0 no failure, 1 failures (each written to --out), 2 usage.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addStats,
  emptyStats,
  inputOf,
  runChunk,
  type CampaignFailure,
  type ChildReply,
  type Chunk,
  type KindStats,
} from '../test/fuzz/campaign';
import { kindNames, type KindName } from '../test/fuzz/kinds';

const CHUNK = 2_000;
/** How often each kind is drawn, per 1,000 inputs. The cheap kinds get more; `large` (tens of kilobytes each) few. */
const WEIGHTS: Readonly<Record<KindName, number>> = {
  valid: 60,
  'near-valid': 80,
  mutant: 200,
  soup: 200,
  hostile: 255,
  large: 5,
  v2: 60,
  'v2-near': 60,
  mermaid: 40,
  plantuml: 40,
};

interface Options {
  runs: number;
  seed: number;
  jobs: number;
  timeoutMs: number;
  kinds: KindName[];
  out: string;
}

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\n(see the comment at the top of scripts/fuzz.ts)\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    runs: 1_000_000,
    seed: Math.floor(Math.random() * 2 ** 31),
    jobs: Math.max(1, availableParallelism()),
    timeoutMs: 60_000,
    kinds: kindNames,
    out: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    const int = (v: string) =>
      /^\d+$/.test(v.replace(/_/g, '')) ? Number(v.replace(/_/g, '')) : usage(`${a} needs a whole number, not ${JSON.stringify(v)}`);
    if (a === '--runs') o.runs = int(value());
    else if (a === '--seed') o.seed = int(value());
    else if (a === '--jobs') o.jobs = Math.max(1, int(value()));
    else if (a === '--timeout-ms') o.timeoutMs = Math.max(100, int(value()));
    else if (a === '--out') o.out = value();
    else if (a === '--kinds') {
      o.kinds = value().split(',') as KindName[];
      for (const k of o.kinds) if (!kindNames.includes(k)) usage(`unknown kind ${JSON.stringify(k)} (kinds: ${kindNames.join(', ')})`);
    } else usage(`unknown option ${JSON.stringify(a)}`);
  }
  return o;
}

/** The kinds in a fixed interleaved order that follows the weights. */
function mixOf(chosen: readonly KindName[]): KindName[] {
  const mix: KindName[] = [];
  const total = chosen.reduce((n, k) => n + WEIGHTS[k], 0);
  const credit = new Map(chosen.map((k) => [k, 0]));
  for (let i = 0; i < total; i++) {
    let best = chosen[0];
    for (const k of chosen) {
      credit.set(k, credit.get(k)! + WEIGHTS[k]);
      if (credit.get(k)! > credit.get(best)!) best = k;
    }
    credit.set(best, credit.get(best)! - total);
    mix.push(best);
  }
  return mix;
}

// ---------------------------------------------------------------------------
// The child: runs the chunks it is sent.

function child(): void {
  const statusFile = process.env.LIFELINE_FUZZ_STATUS!;
  const fd = openSync(statusFile, 'r+');
  process.on('message', (chunk: Chunk) => {
    runChunk(chunk, fd, (reply) => process.send!(reply));
  });
  process.send!({ type: 'ready' });
}

// ---------------------------------------------------------------------------
// The parent.

interface Job {
  proc: ChildProcess;
  statusFile: string;
  ready: boolean;
  /** The chunk being run and how far its progress reports got. */
  chunk: Chunk | undefined;
  lastIndex: string;
  lastMove: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const out = o.out || mkdtempSync(join(tmpdir(), 'lifeline-fuzz-'));
  mkdirSync(out, { recursive: true });
  const mix = mixOf(o.kinds);
  const stats = new Map<string, KindStats>(o.kinds.map((k) => [k, emptyStats()]));
  const failures: CampaignFailure[] = [];
  const pending: Chunk[] = [];
  for (let start = 0; start < o.runs; start += CHUNK)
    pending.push({ start, count: Math.min(CHUNK, o.runs - start), baseSeed: o.seed, mix });
  const t0 = Date.now();
  let done = 0;
  let restarts = 0;
  process.stderr.write(
    `fuzz: ${o.runs.toLocaleString('en')} inputs, seed ${o.seed}, ${o.jobs} job(s), kinds ${o.kinds.join(', ')}; failures go to ${out}\n`,
  );

  const record = (f: CampaignFailure) => {
    failures.push(f);
    const n = failures.length;
    writeFileSync(join(out, `failure-${n}-${f.kind}-${f.seed}.seq`), f.text);
    if (f.shrunk) writeFileSync(join(out, `failure-${n}-${f.kind}-${f.seed}.shrunk.seq`), f.shrunk);
    writeFileSync(
      join(out, `failure-${n}-${f.kind}-${f.seed}.txt`),
      `${f.reason}: kind ${f.kind}, seed ${f.seed}\n\n${f.violations.join('\n\n')}\n`,
    );
    process.stderr.write(`fuzz: FAILURE ${n} (${f.reason}, ${f.kind}, seed ${f.seed}): ${f.violations[0]?.split('\n')[0] ?? ''}\n`);
  };

  await new Promise<void>((resolveAll) => {
    const jobs: Job[] = [];
    let finished = false;
    const finishIfIdle = () => {
      if (pending.length === 0 && jobs.every((j) => !j.chunk)) {
        finished = true;
        clearInterval(monitor);
        for (const j of jobs) j.proc.kill();
        resolveAll();
      }
    };
    const feed = (job: Job) => {
      job.chunk = pending.shift();
      job.lastIndex = '';
      job.lastMove = Date.now();
      if (job.chunk) job.proc.send(job.chunk);
      else finishIfIdle();
    };
    const start = (slot: number): Job => {
      const statusFile = join(out, `status-${slot}`);
      writeFileSync(statusFile, ' '.repeat(13));
      const proc = fork(__filename, ['--child'], {
        execArgv: ['--import', 'tsx', '--max-old-space-size=2048', '--stack-size=4000'],
        env: { ...process.env, LIFELINE_FUZZ_STATUS: statusFile },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      const job: Job = { proc, statusFile, ready: false, chunk: undefined, lastIndex: '', lastMove: Date.now() };
      proc.on('message', (m: ChildReply | { type: 'ready' }) => {
        if (m.type === 'ready') {
          job.ready = true;
          feed(job);
          return;
        }
        for (const [k, s] of Object.entries(m.stats)) {
          addStats(stats.get(k)!, s);
          done += s.inputs;
        }
        for (const f of m.failures) record(f);
        if (m.done) feed(job);
      });
      proc.on('exit', (code, signal) => {
        if (finished || jobs[slot] !== job) return; // the run is over, or the child was replaced after a hang
        // A crash (out of memory, a native stack overflow): the input in the status file killed it.
        const chunk = job.chunk;
        if (chunk) lostInput(job, chunk, 'crash', `the child exited (code ${code}, signal ${signal})`);
        jobs[slot] = start(slot);
      });
      return job;
    };
    /** The input a dead or hung child was on: record it, and requeue the rest of its chunk. */
    const lostInput = (job: Job, chunk: Chunk, reason: 'hang' | 'crash', why: string) => {
      restarts++;
      const i = Number(readFileSync(job.statusFile, 'utf8').trim());
      const index = Number.isInteger(i) && i >= chunk.start && i < chunk.start + chunk.count ? i : chunk.start;
      const { kind, seed, input } = inputOf(chunk, index);
      const s = stats.get(kind)!;
      s.inputs++;
      s.failures++;
      done++;
      record({
        kind,
        seed,
        reason,
        text: input.text,
        shrunk: '',
        violations: [`${why} on input ${index} (${input.text.length} characters)`],
      });
      // The inputs of the chunk before `index` were reported or will not be: count from the next one.
      const rest = chunk.start + chunk.count - (index + 1);
      if (rest > 0) pending.unshift({ ...chunk, start: index + 1, count: rest });
      job.chunk = undefined;
    };
    const monitor = setInterval(() => {
      jobs.forEach((job, slot) => {
        if (!job.chunk) return;
        const now = Date.now();
        const index = readFileSync(job.statusFile, 'utf8');
        if (index !== job.lastIndex) {
          job.lastIndex = index;
          job.lastMove = now;
        } else if (now - job.lastMove > o.timeoutMs) {
          lostInput(job, job.chunk, 'hang', `no progress for ${o.timeoutMs} ms`);
          jobs[slot] = start(slot);
          job.proc.kill('SIGKILL');
        }
      });
    }, 1000);
    let lastReport = 0;
    const progress = setInterval(() => {
      if (done === lastReport) return;
      lastReport = done;
      const s = (Date.now() - t0) / 1000;
      process.stderr.write(
        `fuzz: ${done.toLocaleString('en')} / ${o.runs.toLocaleString('en')} inputs, ${(done / s).toFixed(0)}/s, ${failures.length} failure(s), ${formatDuration(s)}\n`,
      );
    }, 30_000);
    progress.unref();
    for (let slot = 0; slot < o.jobs; slot++) jobs.push(start(slot));
  });

  const seconds = (Date.now() - t0) / 1000;
  const report = summarise(o, stats, failures.length, restarts, seconds, out);
  process.stdout.write(report.text);
  writeFileSync(join(out, 'report.json'), JSON.stringify(report.json, null, 2));
  process.exitCode = failures.length > 0 ? 1 : 0;
}

function formatDuration(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`
      : `${s.toFixed(1)}s`;
}

function summarise(o: Options, stats: Map<string, KindStats>, failures: number, restarts: number, seconds: number, out: string) {
  const all = emptyStats();
  for (const s of stats.values()) addStats(all, s);
  const per10 = (ms: number, bytes: number) => (bytes > 0 ? (ms / bytes) * 10240 : 0);
  const row = (name: string, s: KindStats) =>
    [
      name.padEnd(11),
      s.inputs.toLocaleString('en').padStart(10),
      String(s.failures).padStart(8),
      (s.bytes / 1e6).toFixed(1).padStart(8),
      per10(s.analyzeMs, s.bytes).toFixed(1).padStart(9),
      per10(s.renderMs, s.bytes).toFixed(1).padStart(9),
      per10(s.analyzeMs + s.renderMs, s.bytes)
        .toFixed(1)
        .padStart(10),
      per10(s.exportMs, s.bytes).toFixed(1).padStart(9),
      s.worstBytes ? `${s.worstPer10KB.toFixed(0)} (${(s.worstBytes / 1024).toFixed(1)} KB, seed ${s.worstSeed})` : '—',
    ].join(' ');
  const lines = [
    `lifeline fuzz: ${all.inputs.toLocaleString('en')} inputs in ${formatDuration(seconds)} (seed ${o.seed}, ${o.jobs} job(s), ${restarts} child restart(s))`,
    '',
    'CPU milliseconds per 10 KB of input: analyze; render (ASCII + Unicode); both (the target: <= 50); export (Markdown, one charset)',
    `${'kind'.padEnd(11)} ${'inputs'.padStart(10)} ${'failures'.padStart(8)} ${'MB'.padStart(8)} ${'analyze'.padStart(9)} ${'render'.padStart(9)} ${'an.+rend.'.padStart(10)} ${'export'.padStart(9)} worst an.+rend. per 10 KB (input >= 1 KB)`,
    ...[...stats].map(([k, s]) => row(k, s)),
    row('total', all),
    '',
    `time per 10 KB (analyze + render, CPU): ${per10(all.analyzeMs + all.renderMs, all.bytes).toFixed(1)} ms — target <= 50 ms: ${per10(all.analyzeMs + all.renderMs, all.bytes) <= 50 ? 'met' : 'NOT met'}`,
    `failures: ${failures}${failures > 0 ? ` (inputs and reasons in ${out})` : ''}`,
    '',
  ];
  return {
    text: lines.join('\n'),
    json: {
      seed: o.seed,
      runs: o.runs,
      jobs: o.jobs,
      seconds,
      restarts,
      failures,
      kinds: Object.fromEntries(stats),
      total: all,
      per10KB: { analyze: per10(all.analyzeMs, all.bytes), render: per10(all.renderMs, all.bytes), export: per10(all.exportMs, all.bytes) },
    },
  };
}

if (process.argv.includes('--child')) child();
else
  main().catch((e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  });
