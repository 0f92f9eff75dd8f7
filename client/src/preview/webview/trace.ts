/**
 * One `performance` measure per update, from the edit that asked for it to the frame that showed
 * it, with where the time went in its detail (the extension host's side, the page's receipt, the
 * DOM update, the paint). The e2e reads them; DevTools shows them in the Performance panel.
 */
import { UPDATE_TRACE_MEASURE, type UpdateTrace } from '../messages';

/** Epoch milliseconds, the clock of `UpdateTrace` on both sides. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** The measures kept at most (a long session must not grow the timeline without end). */
const MAX_TRACES = 200;
let traces = 0;

/** Records the update received at `receivedAt` and applied now, once its frame is painted. */
export function traceUpdate(trace: UpdateTrace, receivedAt: number, version: number | undefined): void {
  const appliedAt = now();
  afterNextPaint(() => {
    if (++traces > MAX_TRACES) {
      performance.clearMeasures(UPDATE_TRACE_MEASURE);
      traces = 1;
    }
    const paintedAt = now();
    const start = Math.max(0, trace.askedAt - performance.timeOrigin);
    performance.measure(UPDATE_TRACE_MEASURE, {
      start,
      end: paintedAt - performance.timeOrigin,
      detail: { ...trace, receivedAt, appliedAt, paintedAt, version },
    });
  });
}

/** Runs `f` once the next frame has been painted: a task queued from inside its animation frame. */
function afterNextPaint(f: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      f();
    };
    channel.port2.postMessage(null);
  });
}
