/**
 * The budgets of issue 19, one entry each, and what the benchmark reports without a budget.
 * Comparisons (with other tools, with the editor's floor) take both figures from the same run
 * or the same minutes, so the shared machine's speed cancels out; the server's are p95 limits.
 * A new budget is one more entry in BUDGETS; `ratioBudget` and `p95Budget` cover the usual shapes.
 */
import { describeDocument } from './e2e';
import { REF_LABELS, type RefName } from './refs';
import type { BenchResults, SizeResult } from './report';
import type { ServerResult } from './server';
import { ms, type Stat } from './stats';
import { SVG_TARGET, svgBudget } from './svg';

export type Verdict = 'met' | 'NOT met' | 'not checked' | 'reported';

export interface Budget {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
  readonly why?: string;
}

/** What a check finds in one run's results. */
export type Outcome = Omit<Budget, 'name' | 'target'>;

export interface BudgetEntry {
  readonly name: string;
  readonly target: string;
  readonly check: (r: BenchResults) => Outcome;
}

/** A figure a budget compares, or why the run has none. */
export type Figure = { readonly label: string; readonly stat: Stat } | { readonly missing: string };

/** Keystroke → preview: Lifeline's median may exceed the floor's by this much. */
export const KEYSTROKE_OVER_FLOOR_MS = 30;
/** The floor counts as "the same minutes" when recorded this close to Lifeline's figure. */
export const SAME_MINUTES_MS = 15 * 60_000;
/** Time per drawn character at 30,000 messages against 3,000: above this the table says so. */
export const PER_CHAR_GROWTH_NOTE = 1.5;

const n = (x: number) => x.toLocaleString('en-US');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const mb = (x: number) => `${x.toFixed(1)} MB`;
export const ratio = (x: number): string => (x >= 100 ? `${Math.round(x)}×` : x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(1)}×`);

export const isServerResult = (s: BenchResults['server']): s is ServerResult => !!s && !('error' in s);
const at = (r: BenchResults, messages: number): SizeResult | undefined => r.sizes.find((s) => s.messages === messages);

/** Lifeline's in-process total (parse, check, layout, ASCII render) at a size. */
export function lifelineTotal(r: BenchResults, messages: number): Figure {
  const s = at(r, messages);
  return s ? { label: 'Lifeline', stat: s.lifeline.phases.total } : { missing: `${n(messages)} messages not run` };
}

/** A reference tool's time at a size, from the same run. */
export function reference(r: BenchResults, name: RefName, messages: number): Figure {
  const s = at(r, messages);
  const x = s?.refs[name];
  if (!s) return { missing: `${n(messages)} messages not run` };
  if (!x) return { missing: `${name} not run` };
  return x.ok ? { label: name, stat: x.stat } : { missing: `${name} ${x.reason}` };
}

/** `ours` median ≤ `atMost` × `theirs` median, both from this run. */
export function ratioBudget(
  name: string,
  target: string,
  atMost: number,
  ours: (r: BenchResults) => Figure,
  theirs: (r: BenchResults) => Figure,
): BudgetEntry {
  return {
    name,
    target,
    check(r) {
      const a = ours(r);
      const b = theirs(r);
      if ('missing' in a) return { measured: a.missing, verdict: 'not checked' };
      if ('missing' in b) return { measured: `reference ${b.missing}`, verdict: 'not checked' };
      const [x, y] = [a.stat.median, b.stat.median];
      const relation = x <= y ? `${a.label} ${ratio(y / x)} faster` : `${a.label} takes ${ratio(x / y)} the time`;
      return {
        measured: `${ms(x)} vs ${ms(y * atMost)} allowed (${b.label} ${ms(y)}; ${relation})`,
        verdict: x <= y * atMost ? 'met' : 'NOT met',
      };
    },
  };
}

/** p95 ≤ `limitMs`. */
export function p95Budget(name: string, target: string, limitMs: number, stat: (r: BenchResults) => Stat | string): BudgetEntry {
  return {
    name,
    target,
    check(r) {
      const s = stat(r);
      if (typeof s === 'string') return { measured: s, verdict: 'not checked' };
      const met = s.p95 <= limitMs;
      return {
        measured: `median ${ms(s.median)}, p95 ${ms(s.p95)}`,
        verdict: met ? 'met' : 'NOT met',
        why: !met && s.median <= limitMs ? 'the median is within the budget, the p95 is not' : undefined,
      };
    },
  };
}

const serverStat = (r: BenchResults, pick: (s: ServerResult) => Stat | undefined): Stat | string => {
  if (!isServerResult(r.server)) return r.server ? r.server.error : 'server not run';
  return pick(r.server) ?? 'not measured';
};

/** Keystroke → preview in real VS Code against the echo extension's floor, recorded in the same minutes. */
export const keystrokeBudget: BudgetEntry = {
  name: 'keystroke → preview',
  target: `median ≤ the floor's + ${KEYSTROKE_OVER_FLOOR_MS} ms (floor: the echo extension, same file and keys, same minutes), 1,000 messages, real VS Code; p95 reported`,
  check(r) {
    const p = r.preview;
    if (!p || !p.measured) return { measured: p ? p.reason : 'not read', verdict: 'not checked' };
    const doc = p.document ? ` on ${describeDocument(p.document)}` : '';
    const lifeline = `Lifeline median ${ms(p.p50)}, p95 ${ms(p.p95)}${doc}`;
    const f = p.floor;
    if (!f) return { measured: `${lifeline}; no floor recorded (test/e2e/previewLatencyFloor.test.ts)`, verdict: 'not checked' };
    const floor = `floor median ${ms(f.p50)}, p95 ${ms(f.p95)}`;
    const gap = f.recordedAt ? Math.abs(Date.parse(f.recordedAt) - Date.parse(p.recordedAt)) : Number.NaN;
    if (!(gap <= SAME_MINUTES_MS)) {
      const when = Number.isFinite(gap) ? `${Math.round(gap / 60_000)} min apart` : 'with no time on the floor';
      return { measured: `${lifeline}; ${floor}, recorded ${when}: run both e2e files together`, verdict: 'not checked' };
    }
    const over = p.p50 - f.p50;
    return {
      measured: `${lifeline}; ${floor}; Lifeline adds ${ms(over)} at the median (allowed ${KEYSTROKE_OVER_FLOOR_MS} ms), ${ms(p.p95 - f.p95)} at p95`,
      verdict: over <= KEYSTROKE_OVER_FLOOR_MS ? 'met' : 'NOT met',
    };
  },
};

/** The budgets, in the order the table shows them. */
export const BUDGETS: readonly BudgetEntry[] = [
  keystrokeBudget,
  ratioBudget(
    'vs mermaid parse()',
    `Lifeline total at 3,000 messages ≤ 1/40 of ${REF_LABELS['mermaid-parse']}, same run`,
    1 / 40,
    (r) => lifelineTotal(r, 3000),
    (r) => reference(r, 'mermaid-parse', 3000),
  ),
  ratioBudget(
    'vs beautiful-mermaid',
    `Lifeline total at 3,000 messages ≤ 1/10 of ${REF_LABELS['beautiful-mermaid']}, same run`,
    1 / 10,
    (r) => lifelineTotal(r, 3000),
    (r) => reference(r, 'beautiful-mermaid', 3000),
  ),
  p95Budget('diagnostics', 'didChange → publishDiagnostics of that version, 1,000 messages: p95 ≤ 30 ms', 30, (r) =>
    serverStat(r, (s) => s.diagnostics.find((d) => d.messages === 1000)?.stat),
  ),
  p95Budget('completion', 'completion sent with a keystroke, 1,000 messages: p95 ≤ 10 ms', 10, (r) =>
    serverStat(r, (s) => s.completion?.afterTyping),
  ),
  { name: 'SVG vs ASCII', target: SVG_TARGET, check: (r) => svgBudget(r.svg) },
];

/** Time per drawn character (total median ÷ the drawing's characters), in nanoseconds. */
export const nsPerChar = (s: SizeResult): number => (s.lifeline.phases.total.median * 1e6) / s.lifeline.outputChars;

/** Figures reported with no budget, one entry each, in the same table. */
export const REPORTED: readonly BudgetEntry[] = [
  {
    name: 'growth per drawn character',
    target: `time per drawn character at 30,000 messages ÷ at 3,000 (no budget; noted above ${PER_CHAR_GROWTH_NOTE}×)`,
    check(r) {
      const [s3, s30] = [at(r, 3000), at(r, 30000)];
      if (!s3 || !s30) return { measured: `${!s3 ? '3,000' : '30,000'} messages not run`, verdict: 'reported' };
      const g = nsPerChar(s30) / nsPerChar(s3);
      const grew = `the messages grew ${(s30.messages / s3.messages).toFixed(1)}×, the drawing ${(s30.lifeline.outputChars / s3.lifeline.outputChars).toFixed(1)}×, the time ${(s30.lifeline.phases.total.median / s3.lifeline.phases.total.median).toFixed(1)}×`;
      const note = g > PER_CHAR_GROWTH_NOTE ? ` — **over ${PER_CHAR_GROWTH_NOTE}×**` : '';
      return {
        measured: `${nsPerChar(s30).toFixed(1)} ns vs ${nsPerChar(s3).toFixed(1)} ns per character: ${g.toFixed(2)}×${note} (${grew})`,
        verdict: 'reported',
      };
    },
  },
  {
    name: 'server memory',
    target: 'VmRSS with a 30,000-message file open (no budget)',
    check(r) {
      const s = r.server;
      if (!isServerResult(s)) return { measured: s ? s.error : 'server not run', verdict: 'reported' };
      const m = s.memory;
      if (!m) return { measured: `idle ${mb(s.idleRssMb)}; no big file opened`, verdict: 'reported' };
      const quick = m.messages === 30000 ? '' : ` (${n(m.messages)} messages: quick run)`;
      return {
        measured: `${mb(m.settledRssMb)} settled, ${mb(m.afterOpenRssMb)} 1 s after the open, peak ${mb(m.peakRssMb)}; idle server ${mb(s.idleRssMb)}${quick}`,
        verdict: 'reported',
      };
    },
  },
  {
    name: 'bundle sizes',
    target: 'minified, `esbuild.mjs --production` (no budget)',
    check(r) {
      const b = r.bundles;
      if (!b) return { measured: 'not built', verdict: 'reported' };
      const sizes = b.sizes.filter((s) => s.bytes !== undefined).map((s) => `${s.name} ${kB(s.bytes!)}`);
      const client = b.languageClientBytes !== undefined ? ` (the language client alone ${kB(b.languageClientBytes)})` : '';
      return { measured: b.ok ? `${sizes.join(', ')}${client}` : `the build failed: ${b.error}`, verdict: 'reported' };
    },
  },
];

export function budgets(r: BenchResults): Budget[] {
  return [...BUDGETS, ...REPORTED].map((b) => ({ name: b.name, target: b.target, ...b.check(r) }));
}
