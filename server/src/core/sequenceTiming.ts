/**
 * Timing across sequences: what each `ref` names (v2), cycles of refs, and each sequence's
 * critical path with a ref counting its sequence's path as one step; then the budgets.
 * Runs once every sequence's items are built.
 */
import damerauLevenshtein from 'damerau-levenshtein';
import type { Diagnostic, Span } from './diagnostics';
import type { CriticalPath, Duration, Item, MessageItem, RefItem, RefTargetInfo, Sequence, TimedItem } from './model';
import { formatDuration } from './timing';
import { chainBack, CROSS_FILE_BUDGET, type ForeignRef } from './refCycles';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A sequence still being finished: its critical path is set here. */
export type PendingSequence = Mutable<Sequence>;

/** A sequence of another file, as a `file.seq#Name` ref sees it. */
export interface ForeignSequence {
  readonly name: string;
  readonly criticalPathMs: number;
  readonly within?: Duration;
  readonly purpose?: string;
  readonly nameSpan?: Span;
  /** The refs it makes (for cycles through files). */
  readonly refs?: readonly ForeignRef[];
  readonly nameRange?: RefTargetInfo['nameRange'];
}

export interface TimingContext {
  report(code: Diagnostic['code'], span: Span, message: string, extra?: Pick<Diagnostic, 'data' | 'related'>): void;
  /** The sequences of another file (relative path), undefined when it does not exist; absent where files are unknown. */
  readonly sequencesOf?: (file: string) => readonly ForeignSequence[] | undefined;
  /** The document's own file name (relative to its folder), to see a cycle of refs through other files come back. */
  readonly fileName?: string;
}

/** Ref texts compared against sequence names for `unknown-sequence`, per document. */
const SUGGESTION_COMPARISONS = 200_000;

/** Resolves refs, reports `recursive-ref`, `unknown-sequence`, `missing-related` and `budget-exceeded`, and sets every critical path. */
export function finishTiming(sequences: readonly PendingSequence[], ctx: TimingContext): void {
  const byName = new Map<string, number>();
  sequences.forEach((s, i) => {
    if (s.name !== '' && !byName.has(s.name)) byName.set(s.name, i);
  });
  const refsOf = sequences.map((s) => refItems(s.items));
  // Same-file edges: the sequence each ref names, by index (undefined for a label or a foreign file).
  const targetOf = new Map<RefItem, number>();
  let comparisons = SUGGESTION_COMPARISONS;
  const names = [...byName.keys()];
  const budget = { left: CROSS_FILE_BUDGET };
  for (const [v, refs] of refsOf.entries()) {
    for (const ref of refs) {
      const t = ref.statement.target;
      if (t.file) {
        if (resolveForeign(ref, t.file.value, t.sequence.value, t.file.span, t.sequence.span, ctx))
          reportCrossFileCycle(ref, { file: t.file.value, sequence: t.sequence.value }, sequences[v].name, budget, ctx);
        continue;
      }
      const i = byName.get(ref.text);
      if (i !== undefined) {
        targetOf.set(ref, i);
        continue;
      }
      if (comparisons >= names.length) {
        comparisons -= names.length;
        const near = nearestSequence(ref.text, names);
        if (near !== undefined) {
          ctx.report(
            'unknown-sequence',
            ref.statement.text.span,
            `No sequence is named "${ref.text}": did you mean "${near}"? (Other text is drawn as a plain label.)`,
            {
              data: {
                kind: 'unknown-sequence',
                textSpan: { offset: ref.statement.text.span.offset, length: ref.statement.text.span.length },
                replacement: near,
              },
            },
          );
        }
      }
    }
  }
  const components = stronglyConnected(sequences.length, (v) =>
    refsOf[v].map((r) => targetOf.get(r)).filter((t): t is number => t !== undefined),
  );
  // Tarjan's order: every component comes after those it refers to, so their paths are known.
  for (const component of components) {
    const inCycle = new Set(component.length > 1 ? component : []);
    for (const v of component) {
      for (const ref of refsOf[v]) {
        const t = targetOf.get(ref);
        if (t === undefined) continue;
        const target = sequences[t];
        const cyclic = t === v || inCycle.has(t);
        if (cyclic) {
          ctx.report(
            'recursive-ref',
            ref.statement.text.span,
            `This ref leads back to "${sequences[v].name}" itself (${t === v ? 'it names its own sequence' : 'through the sequences it names'}): refer to another sequence, or write the steps out.`,
          );
        }
        const ms = cyclic ? 0 : target.criticalPath.ms;
        setTarget(ref, {
          name: target.name,
          criticalPathMs: ms,
          within: target.within,
          purpose: target.purpose,
          nameSpan: target.statement?.name?.span,
        });
      }
    }
    for (const v of component) {
      const s = sequences[v];
      s.criticalPath = criticalPathOf(s.items);
      checkBudget(s, ctx);
    }
  }
}

/** A `file.seq#name` ref whose refs, through other files, lead back to the sequence making it. */
function reportCrossFileCycle(
  ref: RefItem,
  target: { file: string; sequence: string },
  self: string,
  budget: { left: number },
  ctx: TimingContext,
): void {
  const { sequencesOf, fileName } = ctx;
  if (!sequencesOf || fileName === undefined || self === '') return;
  const refsOf = (file: string, sequence: string) => {
    try {
      return sequencesOf(file)?.find((s) => s.name === sequence)?.refs;
    } catch {
      return undefined;
    }
  };
  const chain = chainBack(target, { file: fileName, sequence: self }, refsOf, budget);
  if (!chain) return;
  ctx.report(
    'recursive-ref',
    ref.statement.text.span,
    `This ref leads back to "${self}" itself (through ${chain.join(' → ')}): refer to another sequence, or write the steps out.`,
  );
}

/** Resolves a `file.seq#name` ref; true when the file has that sequence. */
function resolveForeign(ref: RefItem, file: string, name: string, fileSpan: Span, nameSpan: Span, ctx: TimingContext): boolean {
  if (!ctx.sequencesOf) return false;
  let found: readonly ForeignSequence[] | undefined;
  try {
    found = ctx.sequencesOf(file);
  } catch {
    found = undefined;
  }
  if (!found) {
    ctx.report('missing-related', fileSpan, `The file "${file}" does not exist: fix the path (it is relative to this file).`);
    return false;
  }
  const seq = found.find((s) => s.name === name);
  if (!seq) {
    ctx.report(
      'missing-related',
      nameSpan,
      `"${file}" has no sequence named "${name}": fix the name${
        found.length
          ? ` (it has ${found
              .slice(0, 5)
              .map((s) => `"${s.name}"`)
              .join(', ')})`
          : ''
      }.`,
    );
    return false;
  }
  setTarget(ref, {
    name: seq.name,
    file,
    criticalPathMs: seq.criticalPathMs,
    within: seq.within,
    purpose: seq.purpose,
    nameSpan: seq.nameSpan,
    nameRange: seq.nameRange,
  });
  return true;
}

function setTarget(ref: RefItem, target: RefTargetInfo): void {
  const r = ref as Mutable<RefItem>;
  r.target = target;
  r.takes = target.criticalPathMs > 0 ? { ms: target.criticalPathMs, text: formatDuration(target.criticalPathMs) } : undefined;
}

/** The sequence name within Damerau–Levenshtein distance 2 of `text` (case-insensitive equality counts), nearest first. */
function nearestSequence(text: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  const lower = text.toLowerCase();
  for (const name of names) {
    if (Math.abs(name.length - text.length) > 2) continue;
    const d = lower === name.toLowerCase() ? 0 : damerauLevenshtein(text, name).steps;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

/** Every ref item of a sequence, nested ones included, in source order. */
export function refItems(items: readonly Item[]): RefItem[] {
  const out: RefItem[] = [];
  const pending: (readonly Item[])[] = [items];
  const lists: (readonly Item[])[] = [];
  while (pending.length > 0) {
    const list = pending.pop()!;
    lists.push(list);
    for (const item of list) {
      if (item.type === 'ref') out.push(item);
      else if (item.type === 'fragment') for (let b = item.branches.length - 1; b >= 0; b--) pending.push(item.branches[b].items);
    }
  }
  return lists.length === 1 ? out : out.sort((a, b) => a.span.offset - b.span.offset);
}

/**
 * Tarjan's strongly connected components, without recursion (10,000 chained refs must not
 * overflow the stack). Components come out after every component they reach.
 */
function stronglyConnected(n: number, edgesOf: (v: number) => readonly number[]): number[][] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    const work: { v: number; edges: readonly number[]; i: number }[] = [];
    const enter = (v: number) => {
      index[v] = low[v] = next++;
      stack.push(v);
      onStack[v] = true;
      work.push({ v, edges: edgesOf(v), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const w = frame.edges[frame.i++];
        if (index[w] < 0) enter(w);
        else if (onStack[w]) low[frame.v] = Math.min(low[frame.v], index[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1].v] = Math.min(low[work[work.length - 1].v], low[frame.v]);
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== frame.v);
        out.push(component);
      }
    }
  }
  return out;
}

function checkBudget(s: PendingSequence, ctx: TimingContext): void {
  const st = s.statement;
  const within = s.within;
  if (!st?.within || !within || s.criticalPath.ms <= within.ms) return;
  const steps = s.criticalPath.path.map(describeStep).join(', ');
  ctx.report(
    'budget-exceeded',
    st.within.span,
    `The critical path takes ${formatDuration(s.criticalPath.ms)}, over the budget of ${formatDuration(within.ms)} (within ${within.text}): ${steps}. Shorten a step or raise the budget.`,
  );
}

function describeStep(step: TimedItem): string {
  if (step.type === 'ref') return `ref "${step.text}" (${step.takes!.text})`;
  return `${step.from} → ${step.to}${step.label ? ` "${step.label.split('\n')[0]}"` : ''} (${step.takes!.text})`;
}

/**
 * Sum of `takes`; `par` counts its longest branch, `alt`/`critical` their longest case, the
 * others their body once; a ref its sequence's path (v2). Computed bottom-up over an explicit
 * post-order walk (no recursion).
 */
export function criticalPathOf(items: readonly Item[]): CriticalPath {
  // Post-order list of item lists: children before parents.
  const order: (readonly Item[])[] = [];
  const pending: (readonly Item[])[] = [items];
  while (pending.length > 0) {
    const list = pending.pop()!;
    order.push(list);
    for (const item of list) if (item.type === 'fragment') for (const b of item.branches) pending.push(b.items);
  }
  const pathOf = new Map<readonly Item[], CriticalPath>();
  for (let k = order.length - 1; k >= 0; k--) {
    const list = order[k];
    let ms = 0;
    const path: TimedItem[] = [];
    for (const item of list) {
      if (item.type === 'message' || item.type === 'ref') {
        if (item.takes) {
          ms += item.takes.ms;
          path.push(item);
        }
      } else if (item.type === 'fragment') {
        const longestOnly = item.kind === 'par' || item.kind === 'alt' || item.kind === 'critical';
        let best: CriticalPath | undefined;
        for (const b of item.branches) {
          const p = pathOf.get(b.items)!;
          if (longestOnly) {
            if (!best || p.ms > best.ms) best = p;
          } else {
            ms += p.ms;
            for (const step of p.path) path.push(step);
          }
        }
        if (best) {
          ms += best.ms;
          for (const step of best.path) path.push(step);
        }
      }
    }
    // Only the whole list's path is read for its messages alone.
    pathOf.set(list, { ms, path, steps: k === 0 ? path.filter((s): s is MessageItem => s.type === 'message') : [] });
  }
  return pathOf.get(items)!;
}
