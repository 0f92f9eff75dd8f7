/**
 * Where a keystroke's time went, from a traced run of the keystroke e2e:
 *
 *   LIFELINE_TRACE_DIR=.bench/trace node --import tsx --test test/e2e/previewLatency.test.ts
 *   node --import tsx scripts/bench/keystrokeTrace.ts .bench/trace
 *
 * Reads the Chromium trace of the workbench's renderer (chrome-trace.json), the server's message
 * log (server-messages.jsonl) and the samples (preview-latency.json), and prints: the renderer's
 * main-thread time inside the keystrokes' windows (keydown → the preview showing the edit), by
 * event name; and what the editor asked the server meanwhile, by method (count, size, time to
 * answer).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChromeTrace } from '../../test/e2e/harness/chromeTrace';
import type { LoggedMessage } from '../../server/src/lsp/messageLog';

/** A keystroke's window, in epoch milliseconds. */
export interface KeystrokeWindow {
  readonly keyAt: number;
  readonly ms: number;
}

export interface RendererSummary {
  readonly keystrokes: number;
  /** Sum of the main thread's tasks that started inside a window. */
  readonly busyMs: number;
  /** Sum of the windows' lengths. */
  readonly windowMs: number;
  /** Event name → total duration of its events that started inside a window (nested events overlap). */
  readonly byName: ReadonlyMap<string, number>;
}

/** The task event each turn of Chromium's main-thread loop records (one per task, not nested). */
const TASK = 'ThreadControllerImpl::RunTask';
/** The same task as seen by the `toplevel` category: not counted twice. */
const TASK_ALIASES = new Set(['RunTask']);

export function summarizeRenderer(trace: ChromeTrace, windows: readonly KeystrokeWindow[]): RendererSummary {
  const events = trace.traceEvents;
  const sync = events.find((e) => e.name === 'lifeline-trace-sync');
  if (!sync) throw new Error('the trace has no lifeline-trace-sync mark: was it taken by ChromeTracer?');
  const toEpoch = (ts: number) => trace.syncEpoch + (ts - sync.ts) / 1000;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const sorted = [...windows].sort((a, b) => a.keyAt - b.keyAt);
  const inside = (t: number) => {
    // the last window starting at or before t
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].keyAt <= t) lo = mid + 1;
      else hi = mid;
    }
    const w = sorted[lo - 1];
    return w !== undefined && t <= w.keyAt + w.ms;
  };
  let busyMs = 0;
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(`${e.pid}:${e.tid}`) || !inside(toEpoch(e.ts))) continue;
    const ms = e.dur / 1000;
    if (e.name === TASK) busyMs += ms;
    else if (!TASK_ALIASES.has(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + ms);
  }
  return { keystrokes: windows.length, busyMs, windowMs: windows.reduce((n, w) => n + w.ms, 0), byName };
}

export interface MethodSummary {
  readonly method: string;
  readonly received: number;
  readonly bytesPerAnswer: number;
  /** Received → answered (requests only), ms. */
  readonly answerMs: readonly number[];
}

/** What the server received between the first keystroke and a second after the last, by method. */
export function summarizeServer(messages: readonly LoggedMessage[], windows: readonly KeystrokeWindow[]): MethodSummary[] {
  if (windows.length === 0) return [];
  const from = Math.min(...windows.map((w) => w.keyAt));
  const to = Math.max(...windows.map((w) => w.keyAt + w.ms)) + 1000;
  const requests = new Map<number | string, LoggedMessage>();
  const out = new Map<string, { received: number; bytes: number; answers: number; answerMs: number[] }>();
  const entry = (method: string) => out.get(method) ?? out.set(method, { received: 0, bytes: 0, answers: 0, answerMs: [] }).get(method)!;
  for (const m of messages) {
    if (m.t < from || m.t > to) continue;
    if (m.dir === 'in' && m.method) {
      entry(m.method).received++;
      if (m.id !== undefined) requests.set(m.id, m);
    } else if (m.dir === 'out' && !m.method && m.id !== undefined) {
      const request = requests.get(m.id);
      if (!request?.method) continue;
      const e = entry(request.method);
      e.answers++;
      e.bytes += m.bytes;
      e.answerMs.push(m.t - request.t);
    }
  }
  return [...out]
    .map(([method, e]) => ({ method, received: e.received, bytesPerAnswer: e.answers ? e.bytes / e.answers : 0, answerMs: e.answerMs }))
    .sort((a, b) => b.received - a.received || a.method.localeCompare(b.method));
}

const median = (xs: readonly number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);

function main(dir: string): void {
  const latency = JSON.parse(readFileSync(join(dir, 'preview-latency.json'), 'utf8')) as { samples: KeystrokeWindow[] };
  const windows = latency.samples;
  const trace = JSON.parse(readFileSync(join(dir, 'chrome-trace.json'), 'utf8')) as ChromeTrace;
  const r = summarizeRenderer(trace, windows);
  console.log(
    `Renderer main thread (workbench + preview), ${r.keystrokes} keystrokes: busy ${r.busyMs.toFixed(0)} ms of ${r.windowMs.toFixed(0)} ms of windows (${(r.busyMs / r.keystrokes).toFixed(1)} ms per keystroke)`,
  );
  console.log('  by event (nested events overlap):');
  for (const [name, ms] of [...r.byName].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${ms.toFixed(1).padStart(9)} ms  ${name}`);
  const log = join(dir, 'server-messages.jsonl');
  if (!existsSync(log)) {
    console.log('No server message log (server-messages.jsonl).');
    return;
  }
  const messages = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LoggedMessage);
  console.log('Server, from the first keystroke to 1 s after the last:');
  for (const m of summarizeServer(messages, windows)) {
    const answers = m.answerMs.length ? `answer ${Math.round(m.bytesPerAnswer)} B, ${median(m.answerMs).toFixed(1)} ms median` : '';
    console.log(`  ${String(m.received).padStart(5)} × ${m.method.padEnd(40)} ${answers}`);
  }
}

if (require.main === module) main(process.argv[2] ?? '.bench/trace');
