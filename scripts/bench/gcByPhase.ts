/**
 * Where the garbage collector's time goes in the core, phase by phase: runs the benchmark's
 * phases (parse, check, layout, render: lifeline.ts runPhases) on its diagram of N messages, R times after 5 warm-up runs, in a
 * child Node started with `--trace-gc-nvp`, and prints per timed run and phase the collections'
 * count, pause, and what they kept (survived in the young generation, promoted to the old). Its
 * figures move far less from run to run than the linear-growth ratio does: use it to compare
 * two builds (docs/performance.md, sixth round).
 *
 *   node --import tsx scripts/bench/gcByPhase.ts [messages=30000] [runs=10]
 */
import { spawnSync } from 'node:child_process';
import { runPhases as drawByPhase } from './lifeline';
import { diagram } from './main';

const PHASE = 'PHASE ';

export interface PhaseGc {
  readonly phase: string;
  /** s: scavenge (young generation); mc: mark-compact (whole heap); others as V8 names them. */
  readonly kind: string;
  readonly count: number;
  readonly pauseMs: number;
  readonly survivedBytes: number;
  readonly promotedBytes: number;
}

/** Sums the `--trace-gc-nvp` lines of a run that printed `PHASE <name>` before each phase, per timed run (`runs`). */
export function gcByPhase(output: string, runs: number): PhaseGc[] {
  const acc = new Map<string, { -readonly [K in keyof PhaseGc]: PhaseGc[K] }>();
  let phase: string | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(PHASE)) {
      phase = line.slice(PHASE.length).trim();
      continue;
    }
    const kind = / gc=(\w+) /.exec(line)?.[1];
    if (phase === undefined || phase === 'end' || kind === undefined) continue;
    const field = (name: string) => Number(new RegExp(` ${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    const key = `${phase} ${kind}`;
    const a = acc.get(key) ?? { phase, kind, count: 0, pauseMs: 0, survivedBytes: 0, promotedBytes: 0 };
    a.count++;
    a.pauseMs += field('pause');
    a.survivedBytes += field('new_space_survived');
    a.promotedBytes += field('promoted');
    acc.set(key, a);
  }
  return [...acc.values()].map((a) => ({ ...a, count: a.count / runs, pauseMs: a.pauseMs / runs, survivedBytes: a.survivedBytes / runs, promotedBytes: a.promotedBytes / runs }));
}

/** The child: the core's phases, marked. */
function runMarked(messages: number, runs: number): void {
  const text = diagram(messages).seq;
  let marking = false;
  const mark = (name: string) => {
    if (marking) process.stdout.write(`${PHASE}${name}\n`);
  };
  const kept: unknown[] = [];
  const once = () => drawByPhase(text, mark);
  for (let i = 0; i < 5; i++) kept[0] = once();
  marking = true;
  for (let i = 0; i < runs; i++) kept[0] = once();
}

function main(): void {
  const child = process.argv[2] === '--child';
  const args = process.argv.slice(child ? 3 : 2);
  const [messages, runs] = [Number(args[0] ?? 30000), Number(args[1] ?? 10)];
  if (child) return runMarked(messages, runs);
  report(messages, runs);
}

function report(messages: number, runs: number): void {
  const self = __filename;
  const run = spawnSync(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', self, '--child', String(messages), String(runs)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(run.status ?? 1);
  }
  const mb = (b: number) => (b / 1e6).toFixed(1);
  console.log(`GC per timed run, ${messages} messages, ${runs} runs (after 5 warm-up runs):`);
  console.log('| phase | collection | count | pause ms | survived MB | promoted MB |\n| :--- | :--- | ---: | ---: | ---: | ---: |');
  for (const g of gcByPhase(run.stdout, runs)) {
    console.log(`| ${g.phase} | ${g.kind} | ${g.count.toFixed(1)} | ${g.pauseMs.toFixed(1)} | ${mb(g.survivedBytes)} | ${mb(g.promotedBytes)} |`);
  }
}

if (require.main === module) main();
