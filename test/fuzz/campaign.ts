/**
 * One child process of the long fuzz run (`npm run fuzz`): generates and checks a range of
 * inputs, each reproducible from its kind and seed. Before each input it writes the input's
 * index to a status file, so that when it hangs or crashes the parent can tell which input
 * it was. Time is measured in CPU time of this process, so that a loaded machine does not
 * inflate the figures.
 */
import { writeSync } from 'node:fs';
import fc from 'fast-check';
import { checkInput, type CheckResult } from './checks';
import { kinds, type KindName } from './kinds';

export interface KindStats {
  inputs: number;
  failures: number;
  bytes: number;
  /** CPU milliseconds by phase (see CheckResult). */
  analyzeMs: number;
  renderMs: number;
  exportMs: number;
  /** Markdown exports done (one charset per input). */
  exports: number;
  /** The slowest input (analyze + render in both charsets) per 10 KB, among inputs of 1 KB or more. */
  worstPer10KB: number;
  worstBytes: number;
  worstSeed: number;
}

export const emptyStats = (): KindStats => ({
  inputs: 0,
  failures: 0,
  bytes: 0,
  analyzeMs: 0,
  renderMs: 0,
  exportMs: 0,
  exports: 0,
  worstPer10KB: 0,
  worstBytes: 0,
  worstSeed: 0,
});

export function addStats(into: KindStats, s: KindStats): void {
  into.inputs += s.inputs;
  into.failures += s.failures;
  into.bytes += s.bytes;
  into.analyzeMs += s.analyzeMs;
  into.renderMs += s.renderMs;
  into.exportMs += s.exportMs;
  into.exports += s.exports;
  if (s.worstPer10KB > into.worstPer10KB) {
    into.worstPer10KB = s.worstPer10KB;
    into.worstBytes = s.worstBytes;
    into.worstSeed = s.worstSeed;
  }
}

export interface CampaignFailure {
  readonly kind: KindName;
  readonly seed: number;
  readonly reason: 'violation' | 'hang' | 'crash';
  readonly text: string;
  /** The input shrunk by fast-check to a small one that still fails ('' when not shrunk). */
  readonly shrunk: string;
  readonly violations: readonly string[];
}

export interface Chunk {
  /** Index of the first input; input i has seed baseSeed + i and kind mix[i % mix.length]. */
  readonly start: number;
  readonly count: number;
  readonly baseSeed: number;
  readonly mix: readonly KindName[];
}

export type ChildReply = { type: 'progress'; stats: Record<string, KindStats>; failures: CampaignFailure[]; done: boolean };

export const inputOf = (chunk: Pick<Chunk, 'baseSeed' | 'mix'>, i: number) => {
  const kind = chunk.mix[i % chunk.mix.length];
  const seed = (chunk.baseSeed + i) | 0;
  return { kind, seed, input: fc.sample(kinds[kind].arbitrary, { seed, numRuns: 1 })[0] };
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs a chunk; `statusFd` receives the index of the input being checked. */
export function runChunk(chunk: Chunk, statusFd: number, post: (r: ChildReply) => void): void {
  const stats: Record<string, KindStats> = {};
  const failures: CampaignFailure[] = [];
  let lastPost = Date.now();
  for (let j = 0; j < chunk.count; j++) {
    const i = chunk.start + j;
    writeSync(statusFd, `${String(i).padStart(12, ' ')}\n`, 0);
    const { kind, seed, input } = inputOf(chunk, i);
    const charset = (i & 1) === 0 ? 'ascii' : 'unicode';
    const r: CheckResult = checkInput(input, { clock: cpuMs, exportCharsets: [charset], extras: (i & 15) === 0 });
    const s = (stats[kind] ??= emptyStats());
    const bytes = Buffer.byteLength(input.text, 'utf8');
    s.inputs++;
    s.bytes += bytes;
    s.analyzeMs += r.phases.analyze;
    s.renderMs += r.phases.render;
    s.exportMs += r.phases.export;
    s.exports++;
    if (bytes >= 1024) {
      const per = ((r.phases.analyze + r.phases.render) / bytes) * 10240;
      if (per > s.worstPer10KB) Object.assign(s, { worstPer10KB: per, worstBytes: bytes, worstSeed: seed });
    }
    if (r.violations.length > 0) {
      s.failures++;
      if (failures.length < 20)
        failures.push({ kind, seed, reason: 'violation', text: input.text, shrunk: shrink(kind, seed), violations: r.violations });
    }
    const last = j === chunk.count - 1;
    if (last || Date.now() - lastPost > 2000) {
      post({ type: 'progress', stats: { ...stats }, failures: failures.splice(0), done: last });
      for (const k of Object.keys(stats)) delete stats[k];
      lastPost = Date.now();
    }
  }
  if (chunk.count === 0) post({ type: 'progress', stats, failures, done: true });
}

/** The failing input of (kind, seed), shrunk by fast-check; '' when the replay does not fail. */
export function shrink(kind: KindName, seed: number): string {
  try {
    const details = fc.check(
      fc.property(kinds[kind].arbitrary, (input) => checkInput(input).violations.length === 0),
      { seed, numRuns: 1, interruptAfterTimeLimit: 60_000 },
    );
    return details.counterexample?.[0].text ?? '';
  } catch {
    return '';
  }
}
