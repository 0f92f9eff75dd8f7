/**
 * What each phase costs per message as diagrams grow, with and without the garbage collector in
 * the way: runs the benchmark's phases (lifeline.ts runPhases) on its diagrams of each size (20
 * participants at 1,000 messages, 30 from 3,000 on), in a child Node with V8's default young
 * generation and in one with a 512 MB young generation, where a run of 30,000 messages (~170 MB
 * allocated) rarely meets a collection and the medians have none. Code that is linear in its input
 * costs the same per message at every size; what a phase gains per message from 3,000 to 30,000
 * messages without collections is its own growth (a wider drawing, data that no longer fits the
 * processor's caches), and what it gains on top with the default young generation is the
 * collector's (docs/performance.md, seventh round).
 *
 *   node --import tsx scripts/bench/perMessage.ts [sizes=1000,3000,10000,30000]
 */
import { spawnSync } from 'node:child_process';
import { measureLifeline, PHASES, type Phase } from './lifeline';
import { diagram } from './main';

/** One size's medians, in milliseconds per run, and the drawing's characters. */
export interface SizeCost {
  readonly messages: number;
  readonly phases: Readonly<Record<Phase, number>>;
  readonly outputChars: number;
}

export const CONFIGURATIONS = [
  { name: 'default young generation', flags: [] as string[] },
  { name: '512 MB young generation (runs without collections)', flags: ['--max-semi-space-size=512', '--min-semi-space-size=512'] },
] as const;

/** The child: the benchmark's own measurement (two rounds, each size after 1.5 s of warm-up). */
async function measure(sizes: readonly number[]): Promise<SizeCost[]> {
  const results = await measureLifeline(
    sizes.map((messages) => ({ text: diagram(messages).seq, messages, counts: { warmup: 5, warmupMs: 1500, runs: Math.max(8, Math.round(300_000 / messages)) } })),
    2,
  );
  return results.map((r) => ({ messages: r.messages, phases: Object.fromEntries(PHASES.map((p) => [p, r.phases[p].median])) as Record<Phase, number>, outputChars: r.outputChars }));
}

/**
 * The table of one configuration: microseconds per message by phase and size, and for the
 * largest size its total's growth over `reference` messages' (the linear-growth ratio) beside the
 * drawing's and the message count's growth.
 */
export function perMessageTable(costs: readonly SizeCost[], reference: number): string {
  const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(2);
  const lines = [`| messages | ${PHASES.join(' | ')} (µs per message) | drawing (chars per message) |`, `| ---: | ${PHASES.map(() => '---:').join(' | ')} | ---: |`];
  for (const c of costs) lines.push(`| ${c.messages} | ${PHASES.map((p) => us(c.phases[p], c.messages)).join(' | ')} | ${Math.round(c.outputChars / c.messages)} |`);
  const ref = costs.find((c) => c.messages === reference);
  const last = costs[costs.length - 1];
  if (ref && last && last !== ref) {
    const grew = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
    lines.push('', `${last.messages} against ${ref.messages} messages: total ${grew(last.phases.total, ref.phases.total)}, messages ${grew(last.messages, ref.messages)}, drawing ${grew(last.outputChars, ref.outputChars)}.`);
  }
  return lines.join('\n');
}

function main(): void {
  const child = process.argv[2] === '--child';
  const args = process.argv.slice(child ? 3 : 2);
  const sizes = (args[0] ?? '1000,3000,10000,30000').split(',').map(Number);
  if (child) {
    void measure(sizes).then((costs) => process.stdout.write(JSON.stringify(costs)));
    return;
  }
  for (const { name, flags } of CONFIGURATIONS) {
    const run = spawnSync(process.execPath, [...flags, '--import', 'tsx', __filename, '--child', sizes.join(',')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      process.exit(run.status ?? 1);
    }
    console.log(`\n${name} (${flags.join(' ') || 'no flags'}), medians:\n`);
    console.log(perMessageTable(JSON.parse(run.stdout) as SizeCost[], sizes.includes(3000) ? 3000 : sizes[0]));
  }
}

if (require.main === module) main();
