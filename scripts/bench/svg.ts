/**
 * The picture's cost against the text's (issue 22: SVG of the 3,000-message diagram ≤ 2× the
 * ASCII render time, same run). Both start from the same model and do what the CLI does for
 * each format: lay out every sequence and draw the whole document (renderDocument for the
 * text, renderSvgDocument for the picture). The two are timed alternately, run for run, so
 * that both sample the same stretches of this machine's drifting speed.
 *
 *   node --import tsx scripts/bench/svg.ts [messages=3000]
 */
import { analyze, renderDocument, renderSvgDocument, type Model } from '../../server/src/core/index';
import { ms, summarize, type Stat } from './stats';
import { diagram } from './main';
import type { Outcome } from './budgets';

export interface SvgResult {
  readonly messages: number;
  /** Whole-document render from the model: ASCII text, and the SVG picture. */
  readonly ascii: Stat;
  readonly svg: Stat;
  /** svg median / ascii median. */
  readonly ratio: number;
  /** Characters of each output. */
  readonly asciiChars: number;
  readonly svgChars: number;
}

export interface SvgCounts {
  readonly warmupMs: number;
  readonly runs: number;
}

export function measureSvg(text: string, messages: number, counts: SvgCounts): SvgResult {
  const model: Model = analyze(text).model;
  const time = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const ascii = () => renderDocument(model).text;
  const svg = () => renderSvgDocument(model);
  const start = performance.now();
  while (performance.now() - start < counts.warmupMs) {
    ascii();
    svg();
  }
  const a: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < counts.runs; i++) {
    // Alternate which goes first: a collection left by one falls on the other as often.
    if (i % 2 === 0) {
      a.push(time(ascii));
      s.push(time(svg));
    } else {
      s.push(time(svg));
      a.push(time(ascii));
    }
  }
  const asciiStat = summarize(a);
  const svgStat = summarize(s);
  return { messages, ascii: asciiStat, svg: svgStat, ratio: svgStat.median / asciiStat.median, asciiChars: ascii().length, svgChars: svg().length };
}

/** The budget's line in the report. */
export const SVG_TARGET = 'SVG of the 3,000-message diagram ≤ 2× the ASCII render, same run';

export function svgBudget(r: SvgResult | undefined): Outcome {
  if (!r) return { measured: '3,000 not run', verdict: 'not checked' };
  const measured = `${ms(r.svg.median)} vs ${ms(r.ascii.median)} = ${r.ratio.toFixed(2)}× (whole document from the model, alternate runs)`;
  return { measured, verdict: r.ratio <= 2 ? 'met' : 'NOT met' };
}

if (require.main === module) {
  const messages = Number(process.argv[2] ?? 3000);
  const r = measureSvg(diagram(messages).seq, messages, { warmupMs: 2000, runs: 40 });
  process.stdout.write(
    `${messages.toLocaleString('en-US')} messages: ASCII ${r.ascii.median.toFixed(1)} ms (p95 ${r.ascii.p95.toFixed(1)}), ` +
      `SVG ${r.svg.median.toFixed(1)} ms (p95 ${r.svg.p95.toFixed(1)}): ${r.ratio.toFixed(2)}× ` +
      `(${(r.asciiChars / 1000).toFixed(0)} k vs ${(r.svgChars / 1000).toFixed(0)} k chars)\n`,
  );
}
