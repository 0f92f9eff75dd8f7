/**
 * Lifeline in-process, per phase: parse (text → syntax tree), check (syntax tree → model
 * and every diagnostic), layout (every sequence's columns and rows), render (every
 * layout drawn as ASCII text, joined into the document the CLI prints). The phases are the
 * ones `renderDocument` runs, timed one by one; `total` is the whole chain's wall time.
 */
import { buildModel, parse } from '../../server/src/core/index';
import { drawInto, drawLayout, layoutSequence, renderDocument } from '../../server/src/core/render/index';
import { LineJoiner } from '../../server/src/core/text';
import { collectGarbage, gcPauses, nextTurn, summarize, type Stat } from './stats';

export const PHASES = ['parse', 'check', 'layout', 'render', 'total'] as const;
export type Phase = (typeof PHASES)[number];

export interface LifelineResult {
  readonly messages: number;
  readonly bytes: number;
  readonly lines: number;
  /** Output lines of the rendered document. */
  readonly outputLines: number;
  /** Characters of the drawn document (a diagram of more messages may also be wider). */
  readonly outputChars: number;
  readonly diagnostics: number;
  readonly phases: Readonly<Record<Phase, Stat>>;
  /** Milliseconds of garbage collection per timed run (mean; V8's GC pauses as Node reports them). */
  readonly gcMsPerRun?: number;
}

export interface RunCounts {
  readonly warmup: number;
  /**
   * And warm up for at least this long: the optimizing compiler settles on the small sizes only
   * after hundreds of runs (10 warm-up runs of 3,000 messages, ~250 ms, left medians up to 45 %
   * slower than warm ones when 3,000 was the first size measured, which flattered linear growth).
   */
  readonly warmupMs?: number;
  readonly runs: number;
  /** A full GC before each timed run (off by default: see main.ts). */
  readonly gcBetweenRuns?: boolean;
}

/** One pass through every phase: the times and the document text. */
function once(text: string): { times: Record<Phase, number>; output: string; diagnostics: number } {
  const t0 = performance.now();
  const document = parse(text);
  const t1 = performance.now();
  const { model, diagnostics } = buildModel(document);
  const t2 = performance.now();
  const layouts = model.sequences.map((s) => layoutSequence(model, s));
  const t3 = performance.now();
  // The same assembly as renderDocument, from the layouts already made: drawn lines go
  // straight into the document's text.
  const lines = new LineJoiner();
  if (model.title) {
    lines.push(model.title);
    lines.push('');
  }
  model.sequences.forEach((s, k) => {
    if (k > 0) lines.push('');
    if (model.sequences.length > 1 || s.name !== model.title) {
      lines.push(s.name);
      lines.push('');
    }
    drawInto(layouts[k], layouts[k].charset, lines);
  });
  const output = lines.finish().text;
  const t4 = performance.now();
  return {
    times: { parse: t1 - t0, check: t2 - t1, layout: t3 - t2, render: t4 - t3, total: t4 - t0 },
    output,
    diagnostics: document.diagnostics.length + diagnostics.length,
  };
}

export async function measureLifeline(text: string, messages: number, counts: RunCounts): Promise<LifelineResult> {
  const warmupStart = performance.now();
  let last = once(text);
  for (let i = 1; i < counts.warmup || performance.now() - warmupStart < (counts.warmupMs ?? 0); i++) last = once(text);
  const samples: Record<Phase, number[]> = { parse: [], check: [], layout: [], render: [], total: [] };
  // GC pauses of the timed runs only: the warm-up's entries are delivered first.
  await nextTurn();
  const gc = gcPauses();
  for (let i = 0; i < counts.runs; i++) {
    if (counts.gcBetweenRuns) collectGarbage();
    const r = once(text);
    for (const p of PHASES) samples[p].push(r.times[p]);
    last = r;
  }
  const gcMs = await gc.stop();
  const phases = Object.fromEntries(PHASES.map((p) => [p, summarize(samples[p])])) as Record<Phase, Stat>;
  return {
    messages,
    bytes: Buffer.byteLength(text),
    lines: text.split('\n').length - 1,
    outputLines: last.output.split('\n').length,
    outputChars: last.output.length,
    diagnostics: last.diagnostics,
    phases,
    gcMsPerRun: counts.gcBetweenRuns ? undefined : gcMs / counts.runs,
  };
}


/**
 * The diagrams the phases drew are the ones `renderDocument` draws: the split into phases
 * measures the real pipeline, not a shortcut.
 */
export function samePictureAsRenderDocument(text: string): boolean {
  const { model } = buildModel(parse(text));
  const whole = renderDocument(model).text;
  const byPhase = model.sequences.map((s) => drawLayout(layoutSequence(model, s)).lines.join('\n'));
  return byPhase.every((d) => whole.includes(d));
}
