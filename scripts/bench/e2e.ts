/**
 * Keystroke → preview latency, as the real-VS-Code e2e (scenario 4) recorded it in
 * test-results/preview-latency.json, timestamps taken inside the webview page. The
 * benchmark reads the file; it does not start an editor itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { summarize } from './stats';

export const E2E_COMMAND = 'npm run test:e2e   (scenario 4 writes test-results/preview-latency.json)';

export type PreviewLatency =
  | {
      readonly measured: true;
      readonly p50: number;
      readonly p95: number;
      /** To the next animation frame after the DOM update, when the e2e recorded it. */
      readonly paintedP50?: number;
      readonly paintedP95?: number;
      readonly samples?: number;
      readonly messages?: number;
      /** What the e2e says it measured. */
      readonly what?: string;
      readonly recordedAt: string;
      readonly file: string;
    }
  | { readonly measured: false; readonly reason: string };

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Accepts `{ p50|median, p95 }` and/or `{ samples|samplesMs|latencies: number[] }`, plus optional `messages`. */
export function readPreviewLatency(file: string): PreviewLatency {
  if (!existsSync(file)) return { measured: false, reason: `not measured in this run (no ${file}); run: ${E2E_COMMAND}` };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Samples as numbers, or as objects with `ms`.
    const list = [raw.samples, raw.samplesMs, raw.latencies, raw.latenciesMs]
      .map((v) => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : num((x as { ms?: unknown } | null)?.ms))) : undefined))
      .find((v): v is number[] => !!v && v.length > 0 && v.every((x) => x !== undefined));
    const fromList = list && list.length > 0 ? summarize(list) : undefined;
    const p50 = num(raw.p50) ?? num(raw.median) ?? num(raw.p50Ms) ?? fromList?.median;
    const p95 = num(raw.p95) ?? num(raw.p95Ms) ?? fromList?.p95;
    if (p50 === undefined || p95 === undefined) return { measured: false, reason: `${file} has no p50/p95 or samples` };
    return {
      measured: true,
      p50,
      p95,
      paintedP50: num(raw.paintedP50Ms) ?? num(raw.paintedP50),
      paintedP95: num(raw.paintedP95Ms) ?? num(raw.paintedP95),
      samples: list?.length ?? num(raw.edits) ?? num(raw.runs) ?? num(raw.count),
      messages: num(raw.messages) ?? num(raw.documentMessages),
      what: typeof raw.measured === 'string' ? raw.measured : undefined,
      recordedAt: typeof raw.when === 'string' ? raw.when : typeof raw.recordedAt === 'string' ? raw.recordedAt : statSync(file).mtime.toISOString(),
      file,
    };
  } catch (e) {
    return { measured: false, reason: `${file} is unreadable (${(e as Error).message})` };
  }
}
