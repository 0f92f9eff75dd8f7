/** Lifeline's Mermaid import (`lifeline import`) timed on the benchmark's Mermaid file, in this process. */
import { performance } from 'node:perf_hooks';
import { importMermaid } from '../../server/src/core/import/mermaid';
import { summarize, type Stat } from './stats';

/** Median of `runs` imports after `warmup` untimed ones; fails if the import reports errors. */
export function timeMermaidImport(text: string, warmup: number, runs: number): Stat {
  const first = importMermaid(text);
  if (first.errors.length > 0) throw new Error(`the benchmark's Mermaid file does not import: ${first.errors[0].message}`);
  for (let i = 0; i < warmup; i++) importMermaid(text);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    importMermaid(text);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}
