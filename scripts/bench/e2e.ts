/**
 * Keystroke → preview latency, as the real-VS-Code e2e recorded it, timestamps taken inside the
 * pages: test/e2e/previewLatency.test.ts types into a 1,000-message file (the budget's figure,
 * test-results/preview-latency.json) and scenario 4 of test/e2e/preview.test.ts into a small one
 * (preview-latency-small.json, beside it), and test/e2e/previewLatencyFloor.test.ts types the same
 * keys into the same file with no Lifeline, into a webview that only echoes the edited lines (the
 * floor, preview-latency-floor.json beside it). The benchmark reads the files; it does not start
 * an editor itself.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { summarize } from './stats';

export const E2E_COMMAND =
  'npm run build && node --import tsx --test test/e2e/previewLatency.test.ts test/e2e/previewLatencyFloor.test.ts   (writes test-results/preview-latency.json and preview-latency-floor.json)';

/** The document the keystrokes went into. */
export interface LatencyDocument {
  readonly messages: number;
  readonly lines?: number;
  readonly bytes?: number;
  /** The drawing's size: rows and bytes of the diagram the preview shows. */
  readonly diagramRows?: number;
  readonly diagramBytes?: number;
}

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
      readonly document?: LatencyDocument;
      /** What the e2e says it measured, with the document's size. */
      readonly what?: string;
      /** The 1-minute load average when the e2e started and ended (two shared cores). */
      readonly loadAverage?: { readonly start: number; readonly end: number };
      /** Median and p95 of each step between the keydown and the painted frame. */
      readonly stages?: readonly { readonly stage: string; readonly p50: number; readonly p95: number }[];
      /**
       * Whose time it was, per keystroke: Lifeline's (request, server, patch, DOM update), VS
       * Code's (keystroke → extension host, extension host → page), the browser's frame.
       */
      readonly shares?: { readonly lifeline: Figure; readonly vscode: Figure; readonly frame: Figure };
      /** The same measurement on a small file (e2e scenario 4), when recorded. */
      readonly smallFile?: { readonly p50: number; readonly p95: number; readonly messages?: number; readonly recordedAt?: string };
      /** The same keys into the same file with no Lifeline, into a webview that only echoes them, when recorded. */
      readonly floor?: Floor;
      /** CPU time per keystroke of every process the e2e started, from the key to its painted frame. */
      readonly cpu?: KeystrokeCpu;
      readonly recordedAt: string;
      readonly file: string;
    }
  | { readonly measured: false; readonly reason: string };

interface Figure {
  readonly p50: number;
  readonly p95: number;
}

/** What VS Code, code-server and Chromium take with no extension work (test/e2e/previewLatencyFloor.test.ts). */
export interface Floor extends Figure {
  /** VS Code's two steps: keystroke → extension host, extension host → page (median / p95). */
  readonly toExtension?: Figure;
  readonly transfer?: Figure;
  readonly cpu?: KeystrokeCpu;
  readonly loadAverage?: { readonly start: number; readonly end: number };
  readonly recordedAt?: string;
}

/** Mean CPU milliseconds per keystroke (user + system, /proc), by kind of process, and the window they fell in. */
export interface KeystrokeCpu {
  /** The mean time from the key to its painted frame. */
  readonly windowMs: number;
  readonly totalMs: number;
  readonly byProcess: readonly { readonly process: string; readonly ms: number }[];
}

/** `cpuPerKeystroke` as the e2e writes it (test/e2e/latencyRun.ts). */
function cpuOf(raw: Record<string, unknown>): KeystrokeCpu | undefined {
  const c = obj(raw.cpuPerKeystroke);
  const windowMs = num(c?.paintedMs);
  const totalMs = num(c?.totalMs);
  const by = obj(c?.byProcess);
  if (windowMs === undefined || totalMs === undefined || !by) return undefined;
  return {
    windowMs,
    totalMs,
    byProcess: Object.entries(by).flatMap(([process, ms]) => (num(ms) === undefined ? [] : [{ process, ms: ms as number }])),
  };
}

/** "143.5 ms of CPU in a 90.8 ms window: Chromium renderers 68.0, …" (processes that used none left out). */
export function describeCpu(c: KeystrokeCpu): string {
  const parts = c.byProcess.filter((p) => p.ms > 0).map((p) => `${p.process} ${p.ms.toFixed(1)}`);
  return `${ms(c.totalMs)} of CPU in a ${ms(c.windowMs)} window (${parts.join(', ')})`;
}

/** The floor's results file, beside the 1,000-message one. */
export const FLOOR_FILE = 'preview-latency-floor.json';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** What each stage of the e2e's breakdown stands for, in the order they happen. */
export const STAGES: Readonly<Record<string, string>> = {
  inputDelay: "keydown → the workbench's main thread gets to it",
  toExtension: '→ the extension host hears of the edit',
  toRequest: '→ render request sent',
  server: "→ the server's answer (edit, analysis, drawing, JSON over IPC)",
  toPost: '→ update posted to the page',
  transfer: '→ the page receives it',
  dom: '→ the diagram DOM updated',
  paint: '→ the next frame painted',
};

/** `{ p50Ms, p95Ms }` (a stage or a share as the e2e writes it) as a figure. */
function figureOf(v: unknown): Figure | undefined {
  const p50 = num(obj(v)?.p50Ms);
  const p95 = num(obj(v)?.p95Ms);
  return p50 === undefined || p95 === undefined ? undefined : { p50, p95 };
}

/** The 1-minute load average when the e2e started and ended (`machine.loadAverage`: numbers or [1, 5, 15] triples). */
function loadAverageOf(raw: Record<string, unknown>): { start: number; end: number } | undefined {
  const load = obj(obj(raw.machine)?.loadAverage);
  const first = (v: unknown) => (Array.isArray(v) ? num(v[0]) : num(v));
  const [start, end] = [first(load?.start), first(load?.end)];
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * Accepts `{ p50|median|p50Ms, p95|p95Ms }` and/or `{ samples|samplesMs|latencies: number[] | {ms}[] }`,
 * plus optional `messages` or `document: { messages, lines, bytes, diagramRows, diagramBytes }`,
 * `machine.loadAverage`, `stages`, and the small file's figures in `preview-latency-small.json` beside it.
 */
export function readPreviewLatency(file: string): PreviewLatency {
  if (!existsSync(file)) return { measured: false, reason: `not measured in this run (no ${file}); run: ${E2E_COMMAND}` };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const figures = latencyFigures(raw);
    if (!figures) return { measured: false, reason: `${file} has no p50/p95 or samples` };
    const doc = obj(raw.document);
    const messages = num(raw.messages) ?? num(raw.documentMessages) ?? num(doc?.messages);
    const document: LatencyDocument | undefined =
      messages === undefined
        ? undefined
        : {
            messages,
            lines: num(doc?.lines),
            bytes: num(doc?.bytes),
            diagramRows: num(doc?.diagramRows),
            diagramBytes: num(doc?.diagramBytes),
          };
    const stages = obj(raw.stages);
    const shares = obj(raw.shares);
    const share = (k: string) => figureOf(shares?.[k]);
    const [lifeline, vscode, frame] = [share('lifeline'), share('vscode'), share('frame')];
    const what = typeof raw.measured === 'string' ? raw.measured : undefined;
    return {
      measured: true,
      ...figures,
      messages,
      document,
      what: what && document ? `${what}, typing into a document of ${describeDocument(document)}` : what,
      loadAverage: loadAverageOf(raw),
      stages: stages
        ? Object.keys(STAGES).flatMap((stage) => {
            const f = figureOf(stages[stage]);
            return f ? [{ stage, ...f }] : [];
          })
        : undefined,
      shares: lifeline && vscode && frame ? { lifeline, vscode, frame } : undefined,
      smallFile: readSmallFile(join(dirname(file), 'preview-latency-small.json')),
      floor: readFloor(join(dirname(file), FLOOR_FILE)),
      cpu: cpuOf(raw),
      recordedAt:
        typeof raw.when === 'string' ? raw.when : typeof raw.recordedAt === 'string' ? raw.recordedAt : statSync(file).mtime.toISOString(),
      file,
    };
  } catch (e) {
    return { measured: false, reason: `${file} is unreadable (${(e as Error).message})` };
  }
}

function latencyFigures(raw: Record<string, unknown>) {
  // Samples as numbers, or as objects with `ms`.
  const list = [raw.samples, raw.samplesMs, raw.latencies, raw.latenciesMs]
    .map((v) => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : num((x as { ms?: unknown } | null)?.ms))) : undefined))
    .find((v): v is number[] => !!v && v.length > 0 && v.every((x) => x !== undefined));
  const fromList = list && list.length > 0 ? summarize(list) : undefined;
  const p50 = num(raw.p50) ?? num(raw.median) ?? num(raw.p50Ms) ?? fromList?.median;
  const p95 = num(raw.p95) ?? num(raw.p95Ms) ?? fromList?.p95;
  if (p50 === undefined || p95 === undefined) return undefined;
  return {
    p50,
    p95,
    paintedP50: num(raw.paintedP50Ms) ?? num(raw.paintedP50),
    paintedP95: num(raw.paintedP95Ms) ?? num(raw.paintedP95),
    samples: list?.length ?? num(raw.edits) ?? num(raw.runs) ?? num(raw.count),
  };
}

/** An optional results file beside the main one, with its p50/p95: undefined when missing, unreadable or without them. */
function readBeside(file: string): { raw: Record<string, unknown>; figures: NonNullable<ReturnType<typeof latencyFigures>> } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const figures = latencyFigures(raw);
    return figures ? { raw, figures } : undefined;
  } catch {
    return undefined;
  }
}

function readSmallFile(file: string): { p50: number; p95: number; messages?: number; recordedAt?: string } | undefined {
  const r = readBeside(file);
  if (!r) return undefined;
  const { raw, figures: f } = r;
  return { p50: f.p50, p95: f.p95, messages: num(raw.messages), recordedAt: typeof raw.when === 'string' ? raw.when : undefined };
}

/** The floor's figures, or undefined when the file is missing or unreadable (it is optional). */
export function readFloor(file: string): Floor | undefined {
  const r = readBeside(file);
  if (!r) return undefined;
  const { raw, figures: f } = r;
  const stage = (k: string) => figureOf(obj(raw.stages)?.[k]);
  return {
    p50: f.p50,
    p95: f.p95,
    toExtension: stage('toExtension'),
    transfer: stage('transfer'),
    cpu: cpuOf(raw),
    loadAverage: loadAverageOf(raw),
    recordedAt: typeof raw.when === 'string' ? raw.when : undefined,
  };
}

const thousands = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** "1,002 messages (1,184 lines, 40.8 kB; its diagram 1,133 rows, 663.5 kB)". */
export function describeDocument(d: LatencyDocument): string {
  const kB = (b: number) => `${(b / 1000).toFixed(1)} kB`;
  const source = [d.lines !== undefined ? `${thousands(d.lines)} lines` : '', d.bytes !== undefined ? kB(d.bytes) : '']
    .filter(Boolean)
    .join(', ');
  const drawing =
    d.diagramRows !== undefined && d.diagramBytes !== undefined
      ? `its diagram ${thousands(d.diagramRows)} rows, ${kB(d.diagramBytes)}`
      : '';
  const detail = [source, drawing].filter(Boolean).join('; ');
  return `${thousands(d.messages)} messages${detail ? ` (${detail})` : ''}`;
}

/** Lines for the report beyond p50/p95: the load, where the time went, the small file's figures. */
export function describePreviewLatency(p: PreviewLatency): string[] {
  if (!p.measured) return [];
  const out: string[] = [];
  if (p.loadAverage) out.push(`1-minute load average ${p.loadAverage.start} when the e2e started, ${p.loadAverage.end} when it ended.`);
  if (p.stages && p.stages.length > 0) {
    out.push(
      `Where the time went (median / p95 of each step): ${p.stages.map((s) => `${STAGES[s.stage] ?? s.stage} ${ms(s.p50)} / ${ms(s.p95)}`).join('; ')}.`,
    );
  }
  if (p.shares) {
    const f = (x: Figure) => `${ms(x.p50)} / ${ms(x.p95)}`;
    out.push(
      `Whose time (median / p95 per keystroke): Lifeline's (render request, server, patch, DOM update) ${f(p.shares.lifeline)}; VS Code's (keystroke → extension host, extension host → page) ${f(p.shares.vscode)}; the browser's next frame ${f(p.shares.frame)}.`,
    );
  }
  if (p.floor) {
    const f = p.floor;
    const step = (name: string, x: Figure | undefined) => (x ? `; ${name} ${ms(x.p50)} / ${ms(x.p95)}` : '');
    const load = f.loadAverage ? `, load ${f.loadAverage.start} → ${f.loadAverage.end}` : '';
    out.push(
      `The floor, with no Lifeline at all (\`test/e2e/previewLatencyFloor.test.ts\`: the same file and keys, typed into an extension that only posts each edited line to a webview): p50 ${ms(f.p50)}, p95 ${ms(f.p95)}${step('keystroke → extension host', f.toExtension)}${step('→ the page', f.transfer)}${f.recordedAt ? ` (recorded ${f.recordedAt}${load})` : ''}. Lifeline's preview adds p50 ${ms(p.p50 - f.p50)}, p95 ${ms(p.p95 - f.p95)} to it.`,
    );
  }
  if (p.cpu) {
    out.push(
      `CPU per keystroke (mean, from the key to its painted frame, every process the e2e started, user + system time from /proc; two cores): ${describeCpu(p.cpu)}${p.floor?.cpu ? `; with no Lifeline ${describeCpu(p.floor.cpu)}` : ''}.`,
    );
  }
  if (p.smallFile) {
    out.push(
      `On a small file (${p.smallFile.messages !== undefined ? `${p.smallFile.messages} messages, ` : ''}e2e scenario 4): p50 ${ms(p.smallFile.p50)}, p95 ${ms(p.smallFile.p95)}.`,
    );
  }
  return out;
}
