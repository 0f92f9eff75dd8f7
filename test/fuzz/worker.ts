/**
 * The fuzzers' worker thread: checks inputs away from the thread that keeps time, so a hang
 * or a memory blow-up in the product is caught by the watchdog instead of stalling the run.
 *
 * Two kinds of request:
 * - `check`: one input, sent by the caller (the bounded run in `npm test`);
 * - `campaign`: generate and check `count` inputs from a seed (`npm run fuzz`). Before each
 *   input the worker writes it to shared memory and bumps a counter, so that on a hang the
 *   watchdog can still say which input it was.
 */
import { parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import { checkInput, type CheckResult, type FuzzInput, type InputKind } from './checks';
import { kinds, type KindName } from './kinds';

export type WorkerRequest =
  | { readonly type: 'check'; readonly id: number; readonly input: FuzzInput }
  | { readonly type: 'campaign'; readonly id: number; readonly seed: number; readonly count: number; readonly mix: readonly KindName[]; readonly shared: SharedArrayBuffer };

export interface KindStats {
  inputs: number;
  failures: number;
  bytes: number;
  analyzeMs: number;
  renderMs: number;
  exportMs: number;
  /** The slowest input's time per 10 KB, among inputs of at least 1 KB. */
  worstPer10KB: number;
  worstSize: number;
}

export interface CampaignFailure {
  readonly kind: KindName;
  readonly seed: number;
  /** The input as generated, and shrunk by fast-check. */
  readonly text: string;
  readonly shrunk: string;
  readonly violations: readonly string[];
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'checked'; readonly id: number; readonly result: CheckResult }
  | { readonly type: 'progress'; readonly id: number; readonly stats: Record<string, KindStats>; readonly failures: readonly CampaignFailure[]; readonly done: boolean };

/** Header of the shared buffer: [counter, byte length of the current input, kind index, seed]. */
export const SHARED_HEADER = 16;

/** A test hook for the watchdog's own test: this exact input loops forever in the worker. */
export const HANG_PROBE = '\u0000lifeline-fuzz: hang here\u0000';

function check(input: FuzzInput): CheckResult {
  if (input.text === HANG_PROBE) for (;;);
  return checkInput(input);
}

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    if (req.type === 'check') {
      port.postMessage({ type: 'checked', id: req.id, result: check(req.input) } satisfies WorkerReply);
      return;
    }
    campaign(req, (reply) => port.postMessage(reply));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

const emptyStats = (): KindStats => ({ inputs: 0, failures: 0, bytes: 0, analyzeMs: 0, renderMs: 0, exportMs: 0, worstPer10KB: 0, worstSize: 0 });

function campaign(req: Extract<WorkerRequest, { type: 'campaign' }>, post: (r: WorkerReply) => void): void {
  const header = new Int32Array(req.shared, 0, SHARED_HEADER / 4);
  const body = new Uint8Array(req.shared, SHARED_HEADER);
  const encoder = new TextEncoder();
  const stats: Record<string, KindStats> = {};
  const failures: CampaignFailure[] = [];
  let lastPost = Date.now();
  for (let i = 0; i < req.count; i++) {
    const kindIndex = (req.seed + i) % req.mix.length;
    const name = req.mix[kindIndex];
    const kind = kinds[name];
    const seed = (req.seed + i) | 0;
    const input = fc.sample(kind.arbitrary, { seed, numRuns: 1 })[0];
    // Leave the input where the watchdog can read it if this one never finishes.
    const { written } = encoder.encodeInto(input.text, body);
    Atomics.store(header, 1, written ?? 0);
    Atomics.store(header, 2, kinds[name].index);
    Atomics.store(header, 3, seed);
    Atomics.add(header, 0, 1);
    const r = checkInput(input);
    const s = (stats[name] ??= emptyStats());
    const bytes = Buffer.byteLength(input.text, 'utf8');
    s.inputs++;
    s.bytes += bytes;
    s.analyzeMs += r.phases.analyze;
    s.renderMs += r.phases.render;
    s.exportMs += r.phases.export;
    if (bytes >= 1024) {
      const per = ((r.phases.analyze + r.phases.render) / bytes) * 10240;
      if (per > s.worstPer10KB) {
        s.worstPer10KB = per;
        s.worstSize = bytes;
      }
    }
    if (r.violations.length > 0) {
      s.failures++;
      if (failures.length < 20) failures.push({ kind: name, seed, text: input.text, shrunk: shrink(name, seed), violations: r.violations });
    }
    if (Date.now() - lastPost > 2000 || i === req.count - 1) {
      post({ type: 'progress', id: req.id, stats, failures: failures.splice(0), done: i === req.count - 1 });
      for (const k of Object.keys(stats)) delete stats[k];
      lastPost = Date.now();
    }
  }
  if (req.count === 0) post({ type: 'progress', id: req.id, stats, failures, done: true });
}

/** The failing input of (kind, seed), shrunk by fast-check to a small one that still fails. */
function shrink(name: KindName, seed: number): string {
  const kind = kinds[name];
  const details = fc.check(
    fc.property(kind.arbitrary, (input) => checkInput(input).violations.length === 0),
    { seed, numRuns: 1, interruptAfterTimeLimit: 60_000 },
  );
  const ce = details.counterexample?.[0];
  return ce === undefined ? '' : ce.text;
}

export type { InputKind };
