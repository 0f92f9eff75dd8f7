// Keystroke → preview latency, timed inside the pages. The workbench page notes each keydown
// (the event's own time stamp: when the browser took the key, before any script ran); the preview
// page notes each change of its diagram (a MutationObserver: the page's update task is over) and
// the frame painted after it. The probes keep timestamps and the document version only: reading a
// 700 kB <pre> on every mutation would cost more than what we measure. The diagram's text is
// compared after each keystroke has been shown, outside the timed path.
import { loadavg } from 'node:os';
import { UPDATE_TRACE_MEASURE, type UpdateTrace } from '../../../client/src/preview/messages.js';
import type { Preview } from './lifeline.js';
import { cpuOfDescendants, cpuSince, type CpuByKind } from './processCpu.js';
import { DEFAULT_TIMEOUT_MS } from './poll.js';
import type { Workbench } from './workbench.js';

/** What the page's probe keeps of one change of the diagram (epoch milliseconds). */
interface Change {
  t: number;
  version: number;
  /** How many rows of the diagram the change touched (text changed, added or removed). */
  rows: number;
  painted?: number;
  /** The whole diagram text: only when the probe was asked to keep it (small files). */
  text?: string;
}

interface KeyDown {
  key: string;
  /** The event's time stamp: when the browser took the key. */
  t: number;
  /** When the page's first keydown listener ran (the main thread was free). */
  handled: number;
}

/** One keystroke: from its keydown to the diagram showing it, and to the frame painted after that. */
export interface KeystrokeSample {
  key: string;
  /** The document version the keystroke made. */
  version: number;
  /** How many rows of the diagram the page touched to show it. */
  rowsTouched: number;
  /** When the workbench took the key (epoch ms), and when its main thread got to it. */
  keyAt: number;
  handledAt: number;
  ms: number;
  paintedMs: number;
  /**
   * CPU time the test's processes spent (ms, by kind) from just before the key was typed until the
   * page had painted it: what the keystroke's path competed with on the machine's cores.
   */
  cpu: CpuByKind;
  /** Where the time went, from the extension's trace of the update that showed it (when found). */
  stages?: Stages;
}

/** Milliseconds spent in each step between the keydown and the painted frame. */
export interface Stages {
  /** keydown → the workbench's main thread runs its first keydown listener (it was busy before). */
  inputDelay: number;
  /**
   * → the extension host hears of the edit: the editor types it (VS Code's editor takes text
   * through EditContext, no `input` event to time), VS Code's RPC to the extension host, its queue.
   */
  toExtension: number;
  /** → the render request leaves for the server. */
  toRequest: number;
  /** → the server's answer is back (the edit reaching the server, analysis, drawing, JSON over IPC). */
  server: number;
  /** → the extension posts the update to the page. */
  toPost: number;
  /** → the page receives it (extension host → workbench → webview). */
  transfer: number;
  /** → the page's DOM shows it. */
  dom: number;
  /** → the next frame is painted (style, layout, paint). */
  paint: number;
}

type Trace = UpdateTrace & { receivedAt: number; appliedAt: number; paintedAt: number; version?: number };

const PAGE_KEYS = '__lifelineKeys';
const PAGE_CHANGES = '__lifelineChanges';
/** The page's pending waits: each is called with every painted change, and dropped once it returns true. */
const PAGE_WAITS = '__lifelineWaits';

export class KeystrokeProbe {
  private constructor(
    private readonly wb: Workbench,
    private readonly preview: Preview,
  ) {}

  /** Installs the probes in the workbench page and the preview page (once per page load). */
  static async install(wb: Workbench, preview: Preview, options: { keepText?: boolean } = {}): Promise<KeystrokeProbe> {
    await wb.page.evaluate((name) => {
      const w = window as unknown as Record<string, KeyDown[]>;
      if (w[name]) return;
      const keys: KeyDown[] = (w[name] = []);
      window.addEventListener(
        'keydown',
        (e) => keys.push({ key: e.key, t: performance.timeOrigin + e.timeStamp, handled: performance.timeOrigin + performance.now() }),
        true,
      );
    }, PAGE_KEYS);
    await preview.evaluate(
      (body, [name, keepText, waitsName]) => {
        const w = window as unknown as Record<string, Change[]>;
        if (w[name]) return;
        const changes: Change[] = (w[name] = []);
        (window as unknown as Record<string, unknown[]>)[waitsName] = [];
        const pre = body.querySelector('#diagram') as HTMLElement;
        new MutationObserver((records) => {
          const t = performance.timeOrigin + performance.now();
          // Rows touched: rows whose text changed, rows added or removed (a chunk of rows added or
          // removed counts its rows; rows live in chunks, rowList.ts).
          const touched = new Set<Node>();
          // (No named functions in here: tsx would wrap them in a helper the page does not have.)
          for (const r of records) {
            if (r.type === 'childList' && (r.target === pre || (r.target instanceof HTMLElement && r.target.classList.contains('rows')))) {
              for (const n of [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)]) {
                if (!(n instanceof HTMLElement)) continue;
                if (n.classList.contains('row')) touched.add(n);
                else n.querySelectorAll('.row').forEach((row) => touched.add(row));
              }
              continue;
            }
            let node: Node | null = r.target;
            while (node && !(node instanceof HTMLElement && node.classList.contains('row'))) node = node.parentNode;
            if (node) touched.add(node);
          }
          const change: Change = { t, version: Number(body.dataset.version ?? -1), rows: touched.size };
          if (keepText) change.text = pre.textContent ?? '';
          changes.push(change);
          // Painted: a task queued from the next animation frame runs after that frame's paint.
          requestAnimationFrame(() => {
            const c = new MessageChannel();
            c.port1.onmessage = () => {
              change.painted = performance.timeOrigin + performance.now();
              c.port1.close();
              // Wake the waits this paint satisfies (KeystrokeProbe.type); keep the others.
              const waits = (window as unknown as Record<string, ((c: Change) => boolean)[]>)[waitsName];
              waits.splice(0, waits.length, ...waits.filter((satisfied) => !satisfied(change)));
            };
            c.port2.postMessage(null);
          });
        }).observe(pre, { childList: true, subtree: true, characterData: true });
      },
      [PAGE_CHANGES, options.keepText === true, PAGE_WAITS] as const,
    );
    return new KeystrokeProbe(wb, preview);
  }

  /** The document version the preview shows. */
  version(): Promise<number> {
    return this.preview.evaluate((body) => Number(body.dataset.version ?? -1));
  }

  /**
   * Types one character and waits until the preview has drawn the version it made (`version`) and
   * painted the frame after it. The wait happens inside the page: a promise the probe resolves
   * when that paint comes, asked for before the key is typed, so nothing crosses from the test to
   * the browser while the keystroke is on its way (polling the page did, once per keystroke: each
   * look is several messages through the browser into two renderers, on the same two cores the
   * keystroke needs). Never sleeps; fails after `timeoutMs` with the changes the page saw.
   */
  async type(key: string, version: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<KeystrokeSample> {
    const changesBefore = await this.changeCount();
    const wait = await this.preview.evaluateHandle(
      (_body, [waitsName, name, from, wanted]) => {
        const changes = (window as unknown as Record<string, Change[]>)[name];
        return {
          shown: new Promise<void>((resolve) => {
            // (No named functions in here: tsx would wrap them in a helper the page does not have.)
            (window as unknown as Record<string, ((c: Change) => boolean)[]>)[waitsName].push(
              (c) => c.version >= wanted && c.painted !== undefined && (resolve(), true),
            );
            if (changes.slice(from).some((c) => c.version >= wanted && c.painted !== undefined)) resolve();
          }),
        };
      },
      [PAGE_WAITS, PAGE_CHANGES, changesBefore, version] as const,
    );
    let cpu: CpuByKind;
    try {
      // Sent before the key: one call that the page answers when the paint comes.
      const shown = wait.evaluate((w) => w.shown);
      const cpuBefore = cpuOfDescendants();
      await this.wb.type(key);
      await deadline(
        shown,
        timeoutMs,
        async () =>
          `the preview to draw version ${version} (after typing "${key}") and paint it; changes seen: ${JSON.stringify(await this.changesSince(changesBefore))}`,
      );
      cpu = cpuSince(cpuBefore, cpuOfDescendants());
    } finally {
      await wait.dispose();
    }
    const changes = await this.changesSince(changesBefore);
    const change = changes.find((c) => c.version >= version && c.painted !== undefined) as Change;
    const keys = await this.wb.page.evaluate((name) => (window as unknown as Record<string, KeyDown[]>)[name].slice(-8), PAGE_KEYS);
    const down = keys.filter((k) => k.key === key).at(-1);
    if (!down) throw new Error(`the workbench saw no keydown of "${key}"`);
    return {
      key,
      version,
      rowsTouched: change.rows,
      keyAt: down.t,
      handledAt: down.handled,
      ms: change.t - down.t,
      paintedMs: (change.painted as number) - down.t,
      cpu,
    };
  }

  /** The diagram text the preview shows now. */
  text(): Promise<string> {
    return this.preview.evaluate((body) => body.querySelector('#diagram')?.textContent ?? '');
  }

  /** Every diagram text the probe kept (installed with `keepText`), in order. */
  texts(): Promise<string[]> {
    return this.preview.evaluate(
      (_body, name) => (window as unknown as Record<string, Change[]>)[name].map((c) => c.text ?? ''),
      PAGE_CHANGES,
    );
  }

  /** Adds the extension's breakdown of each update to the samples that it showed (matched by version). */
  async addStages(samples: KeystrokeSample[]): Promise<void> {
    const traces = await this.preview.evaluate(
      (_body, name) => performance.getEntriesByName(name, 'measure').map((e) => (e as PerformanceMeasure).detail as Trace),
      UPDATE_TRACE_MEASURE,
    );
    for (const s of samples) {
      // The update that first showed this keystroke: the lowest version drawn at or after it.
      const trace = traces
        .filter((t) => t.version !== undefined && t.version >= s.version)
        .sort((a, b) => (a.version as number) - (b.version as number))[0];
      if (!trace) continue;
      s.stages = {
        inputDelay: s.handledAt - s.keyAt,
        toExtension: trace.askedAt - s.handledAt,
        toRequest: trace.requestedAt - trace.askedAt,
        server: trace.answeredAt - trace.requestedAt,
        toPost: trace.postedAt - trace.answeredAt,
        transfer: trace.receivedAt - trace.postedAt,
        dom: trace.appliedAt - trace.receivedAt,
        paint: trace.paintedAt - trace.appliedAt,
      };
    }
  }

  private changeCount(): Promise<number> {
    return this.preview.evaluate((_body, name) => (window as unknown as Record<string, Change[]>)[name].length, PAGE_CHANGES);
  }

  private changesSince(index: number): Promise<Change[]> {
    return this.preview.evaluate(
      (_body, [name, from]) =>
        (window as unknown as Record<string, Change[]>)[name]
          .slice(from)
          .map((c) => ({ t: c.t, version: c.version, rows: c.rows, painted: c.painted })),
      [PAGE_CHANGES, index] as const,
    );
  }
}

/** `promise`, or an error naming what it waited for once `timeoutMs` have passed. */
async function deadline<T>(promise: Promise<T>, timeoutMs: number, what: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  try {
    const first = await Promise.race([promise, expired]);
    if (first === 'expired') throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${await what()}`);
    return first as T;
  } finally {
    clearTimeout(timer);
  }
}

/** Percentile of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** p50, p95, min and max of the samples, to the keystroke's DOM update and to its painted frame. */
export function summarize(samples: readonly KeystrokeSample[]) {
  const dom = samples.map((s) => s.ms);
  const painted = samples.map((s) => s.paintedMs);
  return {
    edits: samples.length,
    p50Ms: round(percentile(dom, 50)),
    p95Ms: round(percentile(dom, 95)),
    paintedP50Ms: round(percentile(painted, 50)),
    paintedP95Ms: round(percentile(painted, 95)),
    minMs: round(Math.min(...dom)),
    maxMs: round(Math.max(...dom)),
  };
}

type Figure = { p50Ms: number; p95Ms: number };

function figure(values: readonly number[]): Figure {
  return { p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)) };
}

/** The median and p95 of each stage, over the samples that have a breakdown. */
export function summarizeStages(samples: readonly KeystrokeSample[]): Record<keyof Stages, Figure> | undefined {
  const withStages = samples.flatMap((s) => (s.stages ? [s.stages] : []));
  if (withStages.length === 0) return undefined;
  const keys = Object.keys(withStages[0]) as (keyof Stages)[];
  return Object.fromEntries(keys.map((k) => [k, figure(withStages.map((s) => s[k]))])) as Record<keyof Stages, Figure>;
}

/**
 * Whose time each keystroke spent, summed per keystroke: Lifeline's (the render request, the
 * server, the patch, the page's DOM update), VS Code's (the keystroke reaching the extension
 * host, the update reaching the page), and the browser's frame (waiting for it, layout, paint).
 */
export function summarizeShares(samples: readonly KeystrokeSample[]): { lifeline: Figure; vscode: Figure; frame: Figure } | undefined {
  const st = samples.flatMap((s) => (s.stages ? [s.stages] : []));
  if (st.length === 0) return undefined;
  return {
    lifeline: figure(st.map((s) => s.toRequest + s.server + s.toPost + s.dom)),
    vscode: figure(st.map((s) => s.inputDelay + s.toExtension + s.transfer)),
    frame: figure(st.map((s) => s.paint)),
  };
}

/** The samples as the results file keeps them (rounded). */
export function sampleRecords(samples: readonly KeystrokeSample[]) {
  return samples.map((s) => ({
    key: s.key,
    version: s.version,
    rowsTouched: s.rowsTouched,
    keyAt: s.keyAt,
    ms: round(s.ms),
    paintedMs: round(s.paintedMs),
    ...(s.stages ? { stages: Object.fromEntries(Object.entries(s.stages).map(([k, v]) => [k, round(v)])) } : {}),
  }));
}

/** The machine's 1, 5 and 15-minute load averages (the figures move with it: two shared cores). */
export function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}
