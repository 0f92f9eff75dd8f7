// A Chromium trace of the workbench's renderer (the workbench and the preview share it: code-server
// serves the webview from the same site), taken over CDP while a test runs. Events carry
// Chromium's monotonic clock; `syncEpoch` is the epoch time of the `lifeline-trace-sync` mark
// in the trace, so that events line up with timestamps taken in the pages and the server's
// message log (scripts/bench/keystrokeTrace.ts reads all three).
import type { CDPSession, Page } from 'playwright-core';

/** One trace event (the fields the summary reads). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: Record<string, unknown> };
}

export interface ChromeTrace {
  readonly syncEpoch: number;
  readonly traceEvents: readonly TraceEvent[];
}

export const SYNC_MARK = 'lifeline-trace-sync';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'blink.user_timing',
  'blink',
  'v8',
  'loading',
];

export class ChromeTracer {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly events: TraceEvent[],
    private readonly syncEpoch: number,
  ) {}

  static async start(page: Page): Promise<ChromeTracer> {
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      for (const v of e.value) events.push(v as unknown as TraceEvent);
    });
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    const syncEpoch = await page.evaluate((mark) => performance.timeOrigin + performance.mark(mark).startTime, SYNC_MARK);
    return new ChromeTracer(cdp, events, syncEpoch);
  }

  async stop(): Promise<ChromeTrace> {
    const complete = new Promise<void>((resolve) => this.cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.cdp.send('Tracing.end');
    await complete;
    await this.cdp.detach();
    return { syncEpoch: this.syncEpoch, traceEvents: this.events };
  }
}
