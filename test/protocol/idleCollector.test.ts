import assert from 'node:assert/strict';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { collectionsOnDemand, IdleCollector, type RestartableTimer } from '../../server/src/idleCollector';

const MB = 1024 * 1024;

/** Timers on a clock the test moves: `advance` runs what falls due, in order. */
class FakeClock {
  now = 0;
  private readonly timers: { due: number; ms: number; run: () => void; fired: boolean }[] = [];

  timer = (run: () => void, ms: number): RestartableTimer => {
    const t = { due: this.now + ms, ms, run, fired: false };
    this.timers.push(t);
    return {
      refresh: () => {
        t.due = this.now + t.ms;
        t.fired = false;
      },
    };
  };

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.fired && t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.now = next.due;
      next.fired = true;
      next.run();
    }
    this.now = end;
  }
}

/** What the collector did, step by step: `m` a message, a number the time passing (ms), `heap=N` the heap's size (MB). */
function run(script: readonly (string | number)[]): string[] {
  const clock = new FakeClock();
  let heap = 10 * MB;
  const log: string[] = [];
  const collector = new IdleCollector({
    sealMs: 1000,
    idleMs: 7000,
    growthBytes: 8 * MB,
    heapBytes: () => heap,
    timer: clock.timer,
    collect: {
      minor: () => log.push(`minor@${clock.now}`),
      full: () => {
        log.push(`full@${clock.now}`);
        heap = 12 * MB; // what the collection leaves
      },
    },
  });
  for (const step of script) {
    if (typeof step === 'number') clock.advance(step);
    else if (step === 'm') collector.activity();
    else heap = Number(/^heap=(\d+)$/.exec(step)![1]) * MB;
  }
  assert.equal(collector.collections.length, log.filter((l) => l.startsWith('full')).length);
  return log;
}

describe('IdleCollector', () => {
  const cases: { name: string; script: (string | number)[]; expected: string[] }[] = [
    { name: 'a quiet server whose heap has not grown collects nothing', script: ['m', 60_000], expected: [] },
    { name: 'growth under the threshold collects nothing', script: ['m', 'heap=17', 60_000], expected: [] },
    { name: 'after heavy work: the young generation at 1 s of quiet, everything at 7 s', script: ['heap=50', 'm', 60_000], expected: ['minor@1000', 'full@7000'] },
    { name: 'nothing runs while messages keep coming', script: ['heap=50', ...Array.from({ length: 30 }, () => ['m', 900]).flat()], expected: [] },
    { name: 'a message between the two steps puts the full collection off to the next quiet spell', script: ['heap=50', 'm', 3000, 'm', 60_000], expected: ['minor@1000', 'minor@4000', 'full@10000'] },
    { name: 'one pair per quiet spell: silence after it runs nothing more', script: ['heap=50', 'm', 7000, 120_000], expected: ['minor@1000', 'full@7000'] },
    { name: 'a later spell collects again only if the heap grew again since', script: ['heap=50', 'm', 10_000, 'm', 10_000, 'heap=30', 'm', 10_000], expected: ['minor@1000', 'full@7000', 'minor@21000', 'full@27000'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(run(c.script), c.expected));
});

describe('collectionsOnDemand', () => {
  it('runs V8 collections of the kind asked for, without --expose-gc', async () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this test must run without --expose-gc');
    const collect = collectionsOnDemand();
    assert.ok(collect, 'no collections on demand');
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) if (e.detail?.kind !== undefined) kinds.push(e.detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      collect.minor();
      collect.full();
      // gc entries are delivered asynchronously: poll for them
      for (let i = 0; i < 200 && !(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR) && kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR)); i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      observer.disconnect();
    }
    assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR), `no minor collection seen (kinds ${kinds.join(',')})`);
    assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR), `no major collection seen (kinds ${kinds.join(',')})`);
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc must not be left on the global object');
  });
});
