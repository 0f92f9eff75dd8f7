// Child process of linearTime.test.ts: times the tokenization of each adversarial line at
// two lengths and prints one JSON line per event, so that the parent can stop a hang.
//   node --import tsx test/grammar/support/measureLinear.ts            every adversarial case
//   node --import tsx test/grammar/support/measureLinear.ts --selftest [--sizes 1000,10000]
//     the deliberately quadratic fixture grammar, to prove the measurement can fail
//   node --import tsx test/grammar/support/measureLinear.ts --only 'run of -'   one case
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { join } from 'node:path';
import { adversarialCases, type AdversarialCase } from './adversarial';
import { REPO_ROOT, createRegistry, loadGrammar, loadMarkdownWithInjection, loadSeqGrammar } from './textmate';

/** The long line may take this many times the short one (linear: about 10), plus SLACK_MS. */
export const MAX_RATIO = 20;
export const SLACK_MS = 50;
/** Measurements per case before it counts as non-linear: a loaded machine gets second chances. */
const ATTEMPTS = 3;

export const SELFTEST_CASE = 'self-test: quadratic fixture grammar';

export interface Measurement {
  event: 'done';
  name: string;
  smallLength: number;
  largeLength: number;
  smallMs: number;
  largeMs: number;
  ok: boolean;
}
export type Event = { event: 'start'; name: string } | Measurement;

function emit(e: Event): void {
  process.stdout.write(JSON.stringify(e) + '\n');
}

function stateBefore(grammar: IGrammar, lines: readonly string[]): StateStack {
  let state = INITIAL;
  for (const line of lines) state = grammar.tokenizeLine(line, state).ruleStack;
  return state;
}

/**
 * CPU milliseconds to tokenize `line` the way VS Code's editor does (binary tokens). CPU
 * time, not wall time: on a loaded machine other processes take the CPU away in the
 * middle of a run, and the wall clock would count their time as ours.
 */
function time(grammar: IGrammar, state: StateStack, line: string): number {
  const before = process.cpuUsage();
  grammar.tokenizeLine2(line, state);
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/**
 * The fastest of several runs at each length (the minimum filters out GC pauses and cache
 * effects), short and long runs interleaved so that a burst of load hits both.
 */
function measure(grammar: IGrammar, c: AdversarialCase, sizes: [number, number], attempts: number): Measurement {
  const state = stateBefore(grammar, c.before ?? []);
  const small = c.make(sizes[0]);
  const large = c.make(sizes[1]);
  // Warm up at both lengths: compile the scanners, let the JIT settle, grow the WASM heap.
  time(grammar, state, small);
  time(grammar, state, large);
  time(grammar, state, small);
  let last: Measurement | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    let smallMs = Infinity;
    let largeMs = Infinity;
    for (let run = 0; run < 5; run++) {
      smallMs = Math.min(smallMs, time(grammar, state, small));
      if (run < 3) largeMs = Math.min(largeMs, time(grammar, state, large));
    }
    const ok = largeMs <= MAX_RATIO * smallMs + SLACK_MS;
    last = { event: 'done', name: c.name, smallLength: small.length, largeLength: large.length, smallMs, largeMs, ok };
    if (ok) break;
  }
  return last!;
}

async function main(args: string[]): Promise<void> {
  const sizesArg = args[args.indexOf('--sizes') + 1];
  if (args.includes('--selftest')) {
    const sizes = (args.includes('--sizes') ? sizesArg.split(',').map(Number) : [1_000, 10_000]) as [number, number];
    const file = join(REPO_ROOT, 'test/grammar/fixtures/quadratic.tmLanguage.json');
    const grammar = await loadGrammar(createRegistry([file]), 'source.quadratic-selftest');
    const c: AdversarialCase = { name: SELFTEST_CASE, grammar: 'seq', make: (n) => ' '.repeat(n) + 'yx' };
    emit({ event: 'start', name: c.name });
    emit(measure(grammar, c, sizes, 1));
    return;
  }
  const grammars = { seq: await loadSeqGrammar(), markdown: await loadMarkdownWithInjection() };
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  for (const c of adversarialCases.filter((x) => only === undefined || x.name === only)) {
    emit({ event: 'start', name: c.name });
    emit(measure(grammars[c.grammar], c, [10_000, 100_000], ATTEMPTS));
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
