/**
 * `npm run bench` — Lifeline against beautiful-mermaid, mermaid and PlantUML on the same
 * generated diagrams; the language server through the protocol; the bundle sizes; the
 * e2e's keystroke → preview latency; every budget of issue 19 (budgets.ts), met or not.
 *
 *   npm run bench                  full run (300 / 3,000 / 30,000 messages); writes docs/performance.md
 *   npm run bench -- --quick       smoke run (300 / 3,000, few repetitions); writes .bench/performance-quick.md
 *   options: --lifeline-only  --no-refs  --no-server  --no-bundles  --no-install  --sizes 300,3000  --out FILE
 *
 * Results also go to .bench/results.json. Unit tests never assert timings: test/bench only
 * checks the shape of what this produces.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildProduction } from './bundles';
import { readPreviewLatency } from './e2e';
import { generate, type GeneratedDiagram } from './generate';
import { measureLifeline, samePictureAsRenderDocument, type RunCounts } from './lifeline';
import { currentLoad, machineInfo } from './machine';
import { ensureNpmRefs, ensurePlantUml, runNodeRef, runPlantUml, type RefName, type RefResult, type RefStatus } from './refs';
import { budgets } from './budgets';
import { renderReport, type BenchResults, type SizeResult } from './report';
import { measureServer } from './server';
import { measureSvg } from './svg';
import { timeMermaidImport } from './importMermaid';

export const ROOT = resolve(__dirname, '..', '..');
const BENCH_DIR = join(ROOT, '.bench');
const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

export interface BenchOptions {
  readonly quick: boolean;
  readonly lifelineOnly: boolean;
  readonly refs: boolean;
  readonly server: boolean;
  readonly bundles: boolean;
  readonly install: boolean;
  /** Sizes in messages; default 300/3,000/30,000 (quick: 300/3,000). */
  readonly sizes?: readonly number[];
  /** Where the Markdown goes; undefined: docs/performance.md (full) or .bench/performance-quick.md (quick); null: nowhere. */
  readonly out?: string | null;
  readonly log?: (s: string) => void;
}

/** Participants per size: 12 for 300 messages, 20 for 1,000, 30 from 3,000 on (so 3,000 → 30,000 grows the messages alone). */
export const participantsFor = (messages: number): number => (messages <= 300 ? 12 : messages <= 1000 ? 20 : 30);

interface Plan {
  readonly lifeline: RunCounts;
  readonly node: RunCounts;
  readonly plantumlRuns: number;
  readonly timeoutMs: number;
}

/** Warm-up time per size: see RunCounts.warmupMs. */
const WARMUP_MS = 2000;
/** Lifeline is timed in this many rounds over all sizes (see measureLifeline in lifeline.ts). */
const LIFELINE_ROUNDS = 3;

function planFor(messages: number, quick: boolean): Plan {
  if (quick)
    return { lifeline: { warmup: 3, runs: messages <= 300 ? 10 : 5 }, node: { warmup: 1, runs: 3 }, plantumlRuns: 1, timeoutMs: 120_000 };
  if (messages <= 300)
    return { lifeline: { warmup: 20, warmupMs: WARMUP_MS, runs: 100 }, node: { warmup: 5, runs: 20 }, plantumlRuns: 3, timeoutMs: 300_000 };
  if (messages <= 3000)
    return { lifeline: { warmup: 10, warmupMs: WARMUP_MS, runs: 40 }, node: { warmup: 3, runs: 5 }, plantumlRuns: 3, timeoutMs: 300_000 };
  // 30,000 messages: whether an old-generation collection falls in a run moves its time by a quarter; 20 runs steady the median.
  return { lifeline: { warmup: 5, warmupMs: WARMUP_MS, runs: 20 }, node: { warmup: 3, runs: 3 }, plantumlRuns: 1, timeoutMs: 600_000 };
}

/**
 * Whether a reference is worth running at this size: not when it already failed at a
 * smaller one, nor when its growth so far says the runs would not end within the time limit.
 */
function skipReason(tool: RefName, messages: number, done: readonly SizeResult[], runs: number, timeoutMs: number): string | undefined {
  const earlier = done.filter((s) => s.messages < messages && s.refs[tool] !== undefined);
  const last = earlier[earlier.length - 1]?.refs[tool];
  if (!last) return undefined;
  if (!last.ok)
    return `not run: at ${earlier[earlier.length - 1].messages.toLocaleString('en-US')} messages it already ${last.reason.replace(/^not run: /, '')}`;
  const [a, b] = earlier.slice(-2);
  const ra = a?.refs[tool];
  const rb = b?.refs[tool];
  if (!a || !b || !ra?.ok || !rb?.ok) return undefined;
  const exponent = Math.log(rb.stat.median / ra.stat.median) / Math.log(b.messages / a.messages);
  const estimate = rb.stat.median * (messages / b.messages) ** Math.max(1, exponent);
  if (estimate * runs <= timeoutMs) return undefined;
  const f = (x: number) => (x >= 60_000 ? `${(x / 60_000).toFixed(0)} min` : `${(x / 1000).toFixed(0)} s`);
  return `not run: from ${a.messages.toLocaleString('en-US')} to ${b.messages.toLocaleString('en-US')} messages its time grew as n^${exponent.toFixed(1)}, so one run here would take ~${f(estimate)} (limit ${f(timeoutMs)} for ${runs})`;
}

const cache = new Map<string, GeneratedDiagram>();
export function diagram(messages: number, participants = participantsFor(messages)): GeneratedDiagram {
  const key = `${messages}/${participants}`;
  let d = cache.get(key);
  if (!d) cache.set(key, (d = generate({ messages, participants })));
  return d;
}

/** Writes the three sources of a size under .bench/diagrams (the files the reference tools read). */
function writeSources(d: GeneratedDiagram): { seq: string; mermaid: string; plantuml: string } {
  const dir = join(BENCH_DIR, 'diagrams');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `bench-${d.messages}`);
  const files = { seq: `${base}.seq`, mermaid: `${base}.mmd`, plantuml: `${base}.puml` };
  writeFileSync(files.seq, d.seq);
  writeFileSync(files.mermaid, d.mermaid);
  writeFileSync(files.plantuml, d.plantuml);
  return files;
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const log = o.log ?? ((s: string) => process.stderr.write(`[bench] ${s}\n`));
  const machine = machineInfo();
  const sizes = o.sizes ?? (o.quick ? [300, 3000] : [300, 3000, 30000]);
  const notes: string[] = [];
  const withRefs = o.refs && !o.lifelineOnly;

  let refStatus: Record<RefName, RefStatus> | undefined;
  if (withRefs) {
    const npmRefs = ensureNpmRefs(join(BENCH_DIR, 'refs'), o.install);
    refStatus = { ...npmRefs, plantuml: ensurePlantUml(o.install) };
  }

  // Lifeline at every size first, in rounds (see measureLifeline), then the references: their
  // runs take minutes of full load (beautiful-mermaid ~36 s a run at 3,000 messages), after
  // which this machine runs slower for a while; measured between them, 30,000 messages came
  // after that load and 3,000 before it.
  const lifelineSizes = sizes.map((messages) => {
    const d = diagram(messages);
    if (!samePictureAsRenderDocument(d.seq))
      notes.push(`At ${messages} messages the per-phase drawing differs from renderDocument's: the phase split is off.`);
    const counts = planFor(messages, o.quick).lifeline;
    return { text: d.seq, messages: d.messages, counts };
  });
  const rounds = o.quick ? 1 : LIFELINE_ROUNDS;
  const lifelines = measureLifeline(lifelineSizes, rounds, (size, round) => {
    const { warmup, runs } = size.counts;
    log(
      `Lifeline, ${size.messages} messages, round ${round + 1} of ${rounds}: warm-up (${warmup} runs and ${(size.counts.warmupMs ?? 0) / 1000} s at least) + ${Math.ceil(runs / rounds)} runs`,
    );
  });
  // The picture against the text on the 3,000-message diagram, right after (issue 22's budget).
  let svg: BenchResults['svg'];
  if (sizes.includes(3000)) {
    log('SVG vs ASCII, 3,000 messages: alternate runs');
    svg = measureSvg(diagram(3000).seq, 3000, o.quick ? { warmupMs: 500, runs: 10 } : { warmupMs: 2000, runs: 40 });
  }
  for (const lifeline of lifelines) {
    if (lifeline.diagnostics > 0)
      notes.push(`The generated ${lifeline.messages}-message document has ${lifeline.diagnostics} diagnostics (it should have none).`);
  }

  const results: SizeResult[] = [];
  for (const [k, messages] of sizes.entries()) {
    const d = diagram(messages);
    const plan = planFor(messages, o.quick);
    const lifeline = lifelines[k];
    const refs: Partial<Record<RefName, RefResult>> = {};
    if (withRefs && refStatus && (!o.quick || messages <= 300)) {
      const files = writeSources(d);
      const warm = writeSources(diagram(300));
      for (const tool of ['beautiful-mermaid', 'mermaid-parse'] as const) {
        if (!refStatus[tool].available) {
          refs[tool] = { ok: false, reason: `missing (${refStatus[tool].detail})` };
          continue;
        }
        const skip = skipReason(tool, messages, results, plan.node.runs + (messages > 300 ? 0 : plan.node.warmup), plan.timeoutMs);
        if (skip) {
          refs[tool] = { ok: false, reason: skip };
          continue;
        }
        log(`${tool}, ${messages} messages: ${plan.node.warmup} warm-up + ${plan.node.runs} runs`);
        // Past 300 messages the warm-up runs on the 300-message diagram: the big runs take long enough.
        const warmupFile = messages > 300 ? warm.mermaid : files.mermaid;
        refs[tool] = runNodeRef(tool, {
          refsDir: join(BENCH_DIR, 'refs'),
          file: files.mermaid,
          warmupFile,
          warmup: plan.node.warmup,
          runs: plan.node.runs,
          timeoutMs: plan.timeoutMs,
        });
      }
      if (!refStatus.plantuml.available) refs.plantuml = { ok: false, reason: `missing (${refStatus.plantuml.detail})` };
      else {
        const skip = skipReason('plantuml', messages, results, plan.plantumlRuns, plan.timeoutMs);
        if (skip) refs.plantuml = { ok: false, reason: skip };
        else {
          log(`PlantUML, ${messages} messages: ${plan.plantumlRuns} runs (whole process)`);
          refs.plantuml = runPlantUml(files.plantuml, warm.plantuml, messages === sizes[0] ? 1 : 0, plan.plantumlRuns, plan.timeoutMs);
        }
      }
    }
    const importMermaid = refs['mermaid-parse']?.ok ? timeMermaidImport(d.mermaid, plan.lifeline.warmup, plan.lifeline.runs) : undefined;
    results.push({ messages: d.messages, participants: d.participants, lifeline, refs, importMermaid });
  }

  let bundles: BenchResults['bundles'];
  let serverJs: string | undefined;
  let cleanup = () => {};
  if (!o.lifelineOnly && (o.bundles || o.server)) {
    log('production build into a temporary folder (dist/ is left alone)');
    const b = buildProduction(ROOT);
    cleanup = b.cleanup;
    if (o.bundles) bundles = { ok: b.ok, error: b.error, sizes: b.sizes, languageClientBytes: b.languageClientBytes };
    if (existsSync(join(b.outDir, 'server.js'))) serverJs = join(b.outDir, 'server.js');
  }

  let server: BenchResults['server'];
  try {
    if (!o.lifelineOnly && o.server) {
      if (!serverJs) server = { error: 'no server bundle: the production build made no server.js' };
      else {
        log('language server through the protocol');
        const edit = o.quick ? [1000] : [1000, 10000];
        const memory = o.quick ? undefined : 30000;
        try {
          server = await measureServer({
            serverJs,
            editDocs: edit.map((m) => ({ messages: m, text: diagram(m).seq })),
            completionDoc: { messages: 1000, text: diagram(1000).seq },
            memoryDoc: memory ? { messages: memory, text: diagram(memory).seq } : { messages: 3000, text: diagram(3000).seq },
            warmup: o.quick ? 3 : 10,
            runs: o.quick ? 10 : 60,
          });
        } catch (e) {
          server = { error: `failed: ${(e as Error).message}` };
        }
      }
    }
  } finally {
    cleanup();
  }

  const preview = o.lifelineOnly ? undefined : readPreviewLatency(join(ROOT, 'test-results', 'preview-latency.json'));
  machine.loadEnd = currentLoad();
  const args = process.argv.slice(2).filter((a) => a !== '--');
  return {
    quick: o.quick,
    lifelineRounds: rounds,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine,
    sizes: results,
    svg,
    refStatus,
    server,
    bundles,
    preview,
    notes,
  };
}

/** Puts the generated part between the markers, keeping whatever is written around them. */
export function spliceIntoDoc(existing: string | undefined, generated: string): string {
  const block = `${BEGIN}\n\n${generated}\n${END}`;
  if (existing && existing.includes(BEGIN) && existing.includes(END)) {
    return existing.slice(0, existing.indexOf(BEGIN)) + block + existing.slice(existing.indexOf(END) + END.length);
  }
  return `# Performance\n\nWhat \`npm run bench\` measures, and the budgets of issue 19. Run it on a quiet machine: other work on the same cores moves every figure.\n\n${block}\n`;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const has = (f: string) => argv.includes(f);
  const value = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set([
    '--quick',
    '--lifeline-only',
    '--no-refs',
    '--no-server',
    '--no-bundles',
    '--no-install',
    '--out',
    '--sizes',
    '--',
  ]);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' || argv[i] === '--sizes') i++;
    else if (!known.has(argv[i])) throw new Error(`unknown option ${argv[i]} (options: ${[...known].filter((k) => k !== '--').join(' ')})`);
  }
  const sizes = value('--sizes')?.split(',').map(Number);
  if (sizes && sizes.some((s) => !Number.isInteger(s) || s < 10)) throw new Error('--sizes takes message counts like 300,3000');
  return {
    quick: has('--quick'),
    lifelineOnly: has('--lifeline-only'),
    refs: !has('--no-refs'),
    server: !has('--no-server'),
    bundles: !has('--no-bundles'),
    install: !has('--no-install'),
    sizes,
    out: value('--out'),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results = await runBench(options);
  const report = renderReport(results);
  process.stdout.write(`\n${report}`);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const out =
    options.out === undefined
      ? options.quick
        ? join(BENCH_DIR, 'performance-quick.md')
        : join(ROOT, 'docs', 'performance.md')
      : options.out;
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, spliceIntoDoc(existsSync(out) ? readFileSync(out, 'utf8') : undefined, report));
    process.stderr.write(`[bench] wrote ${out}\n`);
  }
  const verdicts = budgets(results).filter((b) => b.verdict !== 'reported');
  const checked = verdicts.filter((b) => b.verdict !== 'not checked').length;
  const failed = verdicts.filter((b) => b.verdict === 'NOT met').length;
  process.stderr.write(`[bench] ${checked} of ${verdicts.length} budgets checked, ${failed} NOT met\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`[bench] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
