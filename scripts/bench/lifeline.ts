/**
 * Lifeline in-process, per phase: parse (text → syntax tree), check (syntax tree → model
 * and every diagnostic), layout (every sequence's columns and rows), render (every
 * layout drawn as ASCII text, joined into the document the CLI prints). The phases are the
 * ones `renderDocument` runs, timed one by one; `total` is the whole chain's wall time.
 */
import { buildModel, parse } from '../../server/src/core/index';
import { drawInto, drawLayout, layoutSequence, renderDocument } from '../../server/src/core/render/index';
import { LineJoiner } from '../../server/src/core/text';
import { summarize, type Stat } from './stats';

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
}

export interface RunCounts {
  readonly warmup: number;
  /**
   * And warm up for at least this long: the optimizing compiler settles on the small sizes only
   * after hundreds of runs (10 warm-up runs of 3,000 messages left medians up to 45 % slow).
   */
  readonly warmupMs?: number;
  readonly runs: number;
}

/** The pipeline `renderDocument` runs, phase by phase: `at` is called before each phase and once at the end. */
export function runPhases(text: string, at: (phase: Exclude<Phase, 'total'> | 'end') => void): { output: string; diagnostics: number } {
  at('parse');
  const document = parse(text);
  at('check');
  const { model, diagnostics } = buildModel(document);
  at('layout');
  const layouts = model.sequences.map((s) => layoutSequence(model, s));
  at('render');
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
  at('end');
  return { output, diagnostics: document.diagnostics.length + diagnostics.length };
}

/** One pass through every phase: the times and the document text. */
function once(text: string): { times: Record<Phase, number>; output: string; diagnostics: number } {
  const t: Record<string, number> = {};
  const { output, diagnostics } = runPhases(text, (phase) => (t[phase] = performance.now()));
  return {
    times: {
      parse: t.check - t.parse,
      check: t.layout - t.check,
      layout: t.render - t.layout,
      render: t.end - t.render,
      total: t.end - t.parse,
    },
    output,
    diagnostics,
  };
}

/** One size to measure: its source, and how many runs. */
export interface LifelineSize {
  readonly text: string;
  readonly messages: number;
  readonly counts: RunCounts;
}

/**
 * Lifeline at every size, in `rounds` rounds: each round warms up and times every size in turn
 * (a round's share of its runs), and a size's figures are over all its runs. This machine's
 * speed drifts by a third within minutes; in rounds, every size samples the same stretches of
 * time, so figures compared across sizes (time per drawn character) saw the same machine.
 */
export function measureLifeline(
  sizes: readonly LifelineSize[],
  rounds = 1,
  onBlock?: (size: LifelineSize, round: number) => void,
): LifelineResult[] {
  const acc = sizes.map(() => ({
    samples: { parse: [], check: [], layout: [], render: [], total: [] } as Record<Phase, number[]>,
    last: undefined as ReturnType<typeof once> | undefined,
  }));
  for (let round = 0; round < rounds; round++) {
    for (const [k, size] of sizes.entries()) {
      onBlock?.(size, round);
      const { text, counts } = size;
      const a = acc[k];
      const warmupStart = performance.now();
      a.last = once(text);
      for (let i = 1; i < counts.warmup || performance.now() - warmupStart < (counts.warmupMs ?? 0); i++) a.last = once(text);
      for (let i = 0; i < Math.ceil(counts.runs / rounds); i++) {
        const r = once(text);
        for (const p of PHASES) a.samples[p].push(r.times[p]);
        a.last = r;
      }
    }
  }
  return sizes.map(({ text, messages }, k) => {
    const { samples, last } = acc[k];
    const drawn = last ?? once(text);
    return {
      messages,
      bytes: Buffer.byteLength(text),
      lines: text.split('\n').length - 1,
      outputLines: drawn.output.split('\n').length,
      outputChars: drawn.output.length,
      diagnostics: drawn.diagnostics,
      phases: Object.fromEntries(PHASES.map((p) => [p, summarize(samples[p])])) as Record<Phase, Stat>,
    };
  });
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
