// The traced keystroke run's summary (scripts/bench/keystrokeTrace.ts), on a small made-up trace
// and message log: only the renderer's main thread counts, only inside the keystrokes' windows,
// tasks once; answers are matched to their requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeRenderer, summarizeServer } from '../../scripts/bench/keystrokeTrace';
import type { TraceEvent } from '../../test/e2e/harness/chromeTrace';
import type { LoggedMessage } from '../../server/src/lsp/messageLog';

// Trace clock in µs; the sync mark at ts 1,000,000 is epoch 5,000 ms.
const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const x = (name: string, atMs: number, durMs: number, tid = 1): TraceEvent => ({
  name,
  ph: 'X',
  ts: 1_000_000 + atMs * 1000,
  dur: durMs * 1000,
  pid: 7,
  tid,
});
const trace = {
  syncEpoch: 5000,
  traceEvents: [
    meta(7, 1, 'CrRendererMain'),
    meta(7, 2, 'Compositor'),
    { name: 'lifeline-trace-sync', ph: 'R', ts: 1_000_000, pid: 7, tid: 1 },
    x('ThreadControllerImpl::RunTask', 10, 8), // inside the first window
    x('RunTask', 10, 8), // the same task, as the toplevel category records it
    x('EventDispatch', 10, 5),
    x('ThreadControllerImpl::RunTask', 30, 4), // between the windows
    x('Layout', 30, 4),
    x('ThreadControllerImpl::RunTask', 105, 6), // inside the second window
    x('IntersectionObserverController::computeIntersections', 106, 3),
    x('Paint', 105, 9, 2), // another thread
  ],
};
const windows = [
  { keyAt: 5000 + 5, ms: 20 },
  { keyAt: 5000 + 100, ms: 20 },
];

describe('keystroke trace summary', () => {
  it('sums the renderer main thread inside the windows, by event, tasks apart', () => {
    const r = summarizeRenderer(trace, windows);
    assert.equal(r.busyMs, 14);
    assert.equal(r.windowMs, 40);
    assert.deepEqual(
      [...r.byName],
      [
        ['EventDispatch', 5],
        ['IntersectionObserverController::computeIntersections', 3],
      ],
    );
  });

  it('refuses a trace without the sync mark', () => {
    assert.throws(
      () => summarizeRenderer({ ...trace, traceEvents: trace.traceEvents.filter((e) => e.name !== 'lifeline-trace-sync') }, windows),
      /sync mark/,
    );
  });

  it('counts what the server received by method and times each answer from its request', () => {
    const m = (t: number, dir: 'in' | 'out', method: string | undefined, id?: number, bytes = 10): LoggedMessage => ({
      t,
      dir,
      ...(method ? { method } : {}),
      ...(id !== undefined ? { id } : {}),
      bytes,
    });
    const log = [
      m(4000, 'in', 'textDocument/hover', 1), // before the first keystroke
      m(5006, 'in', 'textDocument/didChange'),
      m(5007, 'in', 'lifeline/render', 2),
      m(5009, 'in', 'textDocument/semanticTokens/full/delta', 3),
      m(5019, 'out', undefined, 2, 400),
      m(5021, 'out', undefined, 3, 100),
      m(5022, 'out', 'textDocument/publishDiagnostics'),
      m(5106, 'in', 'textDocument/didChange'),
      m(5107, 'in', 'lifeline/render', 4),
      m(5110, 'out', undefined, 4, 200),
    ];
    const s = summarizeServer(log, windows);
    assert.deepEqual(
      s.map((e) => [e.method, e.received, e.bytesPerAnswer, e.answerMs]),
      [
        ['lifeline/render', 2, 300, [12, 3]],
        ['textDocument/didChange', 2, 0, []],
        ['textDocument/semanticTokens/full/delta', 1, 100, [12]],
      ],
    );
  });
});
