// What the two keystroke-latency e2e tests share: the 1,000-message document, where they type
// and what, the typing loop, and the report they write. previewLatency.test.ts types into
// Lifeline's preview (issue 7's budget); previewLatencyFloor.test.ts types the same keys into the
// same file with an extension that does nothing but echo the edited lines into a webview (the floor
// this harness and machine set for any extension).
import { cpus } from 'node:os';
import { generate } from '../../scripts/bench/generate.js';
import { waitFor } from './harness/index.js';
import {
  loadAverage,
  sampleRecords,
  summarize,
  summarizeShares,
  summarizeStages,
  type KeystrokeProbe,
  type KeystrokeSample,
} from './harness/keystrokes.js';
import { PROCESS_KINDS, type CpuByKind } from './harness/processCpu.js';
import type { Workbench } from './harness/workbench.js';

export const LATENCY_FILE = 'landscape-1000.seq';
/** The benchmark's own 1,000-message document (scripts/bench/generate.ts, 20 participants). */
export const LATENCY_DOC = generate({ messages: 1000, participants: 20 });
/** The workbench as both tests set it up: no secondary side bar, no minimap. */
export const LATENCY_SETTINGS = { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.minimap.enabled': false };

export interface Spot {
  readonly where: 'middle' | 'end';
  /** 0-based line of the message whose label the keys go to the end of. */
  readonly line: number;
  readonly keys: string;
}

/** 0-based lines of the messages (`A -> B: label`), in order. */
export function messageLines(text: string): number[] {
  return text.split('\n').flatMap((l, i) => (/^\s*\w+ -{1,2}(>>?|x) [+-]?\w+: \S/.test(l) ? [i] : []));
}

/** Twenty keys at the end of the middle message's label, twenty at the end of the last one's. */
export function latencySpots(text: string): Spot[] {
  const messages = messageLines(text);
  return [
    { where: 'middle', line: messages[Math.floor(messages.length / 2)], keys: 'ZQXJKVWYPGBFMHLCDNRT' },
    { where: 'end', line: messages[messages.length - 1], keys: 'TRNDCLHMFBGPYWVKJXQZ' },
  ];
}

export type LatencySample = KeystrokeSample & { where: string };

export interface TypingHooks {
  /** After the cursor moved to the spot, before the first key: wait for the page to settle. */
  readonly settle: (spot: Spot) => Promise<unknown>;
  /** After each key was shown: `text` is the document now; fail if the page shows something else. */
  readonly check: (text: string, key: string, sample: KeystrokeSample) => Promise<void>;
}

/**
 * Types each spot's keys one at a time at the end of its line, each timed by the probe from its
 * keydown to the page showing the version it made. Returns the samples, a summary per spot, the
 * document's text after all of it, and the mean CPU time per keystroke of the test's processes
 * (each sample's, from its key to its paint: the checks between keys are left out).
 */
export async function typeAtSpots(wb: Workbench, probe: KeystrokeProbe, text: string, hooks: TypingHooks) {
  const samples: LatencySample[] = [];
  const phases: Record<string, unknown> = {};
  for (const spot of latencySpots(text)) {
    const lines = text.split('\n');
    await wb.goToLine(spot.line + 1, lines[spot.line].length + 1);
    await hooks.settle(spot);
    let version = await probe.version();
    const offset = lines.slice(0, spot.line + 1).join('\n').length;
    const mine: KeystrokeSample[] = [];
    for (const key of spot.keys) {
      text = text.slice(0, offset) + spot.keys.slice(0, mine.length + 1) + text.slice(offset + mine.length);
      const sample = await probe.type(key, ++version);
      await hooks.check(text, key, sample);
      mine.push(sample);
    }
    samples.push(...mine.map((s) => ({ ...s, where: spot.where })));
    phases[spot.where] = { line: spot.line + 1, ...summarize(mine) };
  }
  return { samples, phases, text, cpu: cpuPerKeystroke(samples) };
}

/**
 * CPU milliseconds per keystroke (mean), by kind of process and in all, from the key typed to its
 * paint, beside that window's mean length (the key's way through the test's browser connection included).
 */
export function cpuPerKeystroke(samples: readonly KeystrokeSample[]) {
  const mean = (f: (s: KeystrokeSample) => number) => Math.round((samples.reduce((sum, s) => sum + f(s), 0) / samples.length) * 10) / 10;
  return {
    paintedMs: mean((s) => s.paintedMs),
    totalMs: mean((s) => PROCESS_KINDS.reduce((sum, k) => sum + s.cpu[k], 0)),
    byProcess: Object.fromEntries(PROCESS_KINDS.map((k) => [k, mean((s) => s.cpu[k])])) as CpuByKind,
  };
}

/** Waits until the status bar shows the cursor on this 1-based line (the editor took the move). */
export async function waitForCursorLine(wb: Workbench, line: number): Promise<void> {
  await waitFor(
    `the cursor on line ${line}`,
    () => wb.page.locator('[id="status.editor.selection"]').innerText(),
    (s) => new RegExp(`Ln ${line},`).test(s),
  );
}

/** The results file's content: what was measured, the document, the figures and every sample. */
export function latencyReport(
  measured: string,
  document: Record<string, unknown>,
  run: { samples: readonly LatencySample[]; phases: Record<string, unknown>; cpu: ReturnType<typeof cpuPerKeystroke> },
  loadAtStart: number[],
) {
  const { samples, phases, cpu } = run;
  return {
    measured,
    messages: LATENCY_DOC.messages,
    document: {
      file: LATENCY_FILE,
      messages: LATENCY_DOC.messages,
      participants: LATENCY_DOC.participants,
      lines: LATENCY_DOC.seq.split('\n').length,
      bytes: Buffer.byteLength(LATENCY_DOC.seq),
      ...document,
    },
    ...summarize(samples),
    phases,
    stages: summarizeStages(samples),
    shares: summarizeShares(samples),
    /** CPU time per keystroke of every process the test started (user + system, /proc), from each key to its paint. */
    cpuPerKeystroke: cpu,
    machine: { cpus: cpus().length, loadAverage: { start: loadAtStart, end: loadAverage() } },
    samples: samples.map((s, i) => ({ where: s.where, ...sampleRecords([s])[0], index: i })),
    when: new Date().toISOString(),
  };
}

/** The line both tests print (and give node:test as a diagnostic). */
export function latencyLine(what: string, report: ReturnType<typeof latencyReport>, loadAtStart: number[]): string {
  return `${what}, ${report.messages} messages, ${report.edits} edits: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms (painted: p50 ${report.paintedP50Ms} ms, p95 ${report.paintedP95Ms} ms); load ${loadAtStart.join(' ')}`;
}
