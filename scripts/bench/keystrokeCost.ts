/**
 * What one keystroke costs the server, in process, on the benchmark's 1,000-message diagram:
 * the analysis of the new text, and the preview's render answer (layout, drawing the rows that
 * changed — the others are taken from the drawing before, see core/render/reuse.ts — the row
 * diff against the drawing sent before, source ranges), as `lifeline/render` with `since`
 * computes it. Keystrokes type and delete a letter in a label in the middle (so the
 * label keeps its width, as in the keystroke e2e).
 *
 *   node --import tsx scripts/bench/keystrokeCost.ts [keystrokes=400]
 */
import { renderDocument } from '../../server/src/core/render/index';
import { safeAnalyze } from '../../server/src/features/document';
import { Drawings } from '../../server/src/features/render';
import { generate } from './generate';
import { gcPauses, ms, summarize } from './stats';

export async function keystrokeCost(keystrokes: number): Promise<{ analysis: number[]; answer: number[]; gcMs: number }> {
  let text = generate({ messages: 1000, participants: 20 }).seq;
  const at = text.indexOf(': ', Math.floor(text.length / 2)) + 2;
  const drawings = new Drawings();
  let since: string | undefined;
  const analysis: number[] = [];
  const answer: number[] = [];
  let gc: ReturnType<typeof gcPauses> | undefined;
  const warmup = 50;
  for (let i = 0; i < keystrokes + warmup; i++) {
    if (i === warmup) gc = gcPauses();
    text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t0 = performance.now();
    const doc = { uri: 'file:///keystrokes.seq', version: i + 2, analysis: safeAnalyze(text, {}) };
    const t1 = performance.now();
    since = drawings.answer(doc, { charset: 'ascii', since }, renderDocument).id;
    const t2 = performance.now();
    if (i >= warmup) {
      analysis.push(t1 - t0);
      answer.push(t2 - t1);
    }
  }
  return { analysis, answer, gcMs: gc ? await gc.stop() : 0 };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 400);
  void keystrokeCost(n).then(({ analysis, answer, gcMs }) => {
    const a = summarize(analysis);
    const r = summarize(answer);
    console.log(
      `${n} keystrokes into 1,000 messages (median / p95): analysis ${ms(a.median)} / ${ms(a.p95)}; render answer ${ms(r.median)} / ${ms(r.p95)}; GC ${ms(gcMs / n)} per keystroke (mean)`,
    );
  });
}
