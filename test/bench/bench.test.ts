/**
 * The benchmark's quick mode, Lifeline part only, on the 300-message diagram: checks the
 * shape of what it produces. No timing is asserted (unit tests never assert timings).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index';
import { generate } from '../../scripts/bench/generate';
import { PHASES } from '../../scripts/bench/lifeline';
import { runBench, spliceIntoDoc } from '../../scripts/bench/main';
import { budgets, renderReport, type BenchResults, type SizeResult } from '../../scripts/bench/report';
import { summarize } from '../../scripts/bench/stats';

describe('bench: generator', () => {
  it('is deterministic and writes the same diagram three ways', () => {
    const a = generate({ messages: 300, participants: 12 });
    const b = generate({ messages: 300, participants: 12 });
    assert.equal(a.seq, b.seq);
    assert.equal(a.mermaid, b.mermaid);
    assert.equal(a.plantuml, b.plantuml);
    assert.equal(a.messages, 300);
    assert.equal(a.participants, 12);
    assert.match(a.mermaid, /^sequenceDiagram\n/);
    assert.match(a.plantuml, /^@startuml\n[\s\S]*@enduml\n$/);
    // Every construct the issue names appears.
    for (const re of [/^\s*(alt|opt|loop|par|critical|break) /m, /^\s*note (over|left of|right of) /m, /^\s*takes \d+ms$/m, /^\s*timeout \d+s: /m, / within \d+min$/m]) assert.match(a.seq, re);
  });

  it('produces a .seq document without diagnostics', () => {
    const d = generate({ messages: 300, participants: 12 });
    assert.deepEqual(analyze(d.seq).diagnostics.map((x) => `${x.code}: ${x.message}`), []);
  });
});

describe('bench: quick mode, Lifeline only, 300 messages', () => {
  it('reports every phase with median and p95, and a table', async () => {
    const r = await runBench({ quick: true, lifelineOnly: true, refs: false, server: false, bundles: false, install: false, sizes: [300], out: null, log: () => {} });
    assert.equal(r.quick, true);
    assert.equal(r.sizes.length, 1);
    const s = r.sizes[0];
    assert.equal(s.messages, 300);
    assert.equal(s.lifeline.diagnostics, 0);
    assert.ok(s.lifeline.outputLines > 300);
    assert.ok(s.lifeline.outputChars > s.lifeline.outputLines * 20, 'the drawing\'s characters');
    assert.ok(s.lifeline.gcMsPerRun !== undefined && Number.isFinite(s.lifeline.gcMsPerRun) && s.lifeline.gcMsPerRun >= 0, 'GC time per run');
    for (const p of PHASES) {
      const stat = s.lifeline.phases[p];
      assert.ok(Number.isFinite(stat.median) && stat.median >= 0, `${p} median`);
      assert.ok(stat.p95 >= stat.median, `${p} p95 ≥ median`);
      assert.ok(stat.runs > 0);
    }
    assert.deepEqual(r.notes, []);
    const report = renderReport(r);
    assert.match(report, /\| messages \| participants \| source \| output lines \| output \| runs \| parse \| check \| layout \| render \| total \| of which GC \(mean\) \|/);
    assert.match(report, /\n\| 300 \| 12 \|/);
    assert.match(report, /### Budgets/);
    // Nothing measured here beyond Lifeline: those budgets say so instead of guessing.
    assert.ok(budgets(r).every((b) => ['met', 'NOT met', 'not checked', 'reported'].includes(b.verdict)));
    assert.equal(budgets(r).find((b) => b.name === 'extension bundle')?.verdict, 'reported');
    assert.equal(budgets(r).find((b) => b.name === 'linear growth')?.verdict, 'not checked');
  });

  it('keeps hand-written text around the generated block', () => {
    const first = spliceIntoDoc(undefined, 'TABLE 1\n');
    const edited = first.replace('# Performance', '# Performance\n\nNotes by hand.') + '\n## Analysis by hand\n';
    const second = spliceIntoDoc(edited, 'TABLE 2\n');
    assert.match(second, /Notes by hand\./);
    assert.match(second, /## Analysis by hand/);
    assert.match(second, /TABLE 2/);
    assert.doesNotMatch(second, /TABLE 1/);
  });

  it('summarizes samples by nearest rank', () => {
    const s = summarize([5, 1, 4, 2, 3, 6, 7, 8, 9, 10]);
    assert.equal(s.median, 5.5);
    assert.equal(s.p95, 10);
    assert.equal(s.min, 1);
  });
});

describe('bench: the linear-growth budget', () => {
  const stat = (median: number) => ({ median, p95: median, min: median, runs: 10 });
  const size = (messages: number, total: number, gc: number, bytes: number, outputChars: number): SizeResult => ({
    messages,
    participants: 30,
    refs: {},
    lifeline: {
      messages,
      bytes,
      lines: messages,
      outputLines: messages,
      outputChars,
      diagnostics: 0,
      gcMsPerRun: gc,
      phases: { parse: stat(total / 4), check: stat(total / 4), layout: stat(total / 4), render: stat(total / 4), total: stat(total) },
    },
  });
  const results = (total30: number): BenchResults => ({
    quick: false,
    command: 'npm run bench',
    date: '2026-12-03T00:00:00Z',
    machine: { cpu: 'test', cores: 2, memoryGiB: 1, os: 'test', node: process.version, loadStart: 0 },
    sizes: [size(3000, 20, 2, 100_000, 3_000_000), size(30000, total30, 60, 1_000_000, 36_000_000)],
  });
  const cases = [
    { total30: 240, verdict: 'met', measured: '240.0 ms = 12.0× 20.0 ms; without GC 10.0× (GC 60.0 ms vs 2.00 ms per run); the source grew 10.0×, the drawing 12.0×' },
    { total30: 300, verdict: 'NOT met', measured: '300.0 ms = 15.0× 20.0 ms; without GC 13.3× (GC 60.0 ms vs 2.00 ms per run); the source grew 10.0×, the drawing 12.0×' },
  ];
  for (const c of cases) {
    it(`${c.total30} ms at 30,000 against 20 ms at 3,000: ${c.verdict}, with GC and the diagrams' growth beside it`, () => {
      const b = budgets(results(c.total30)).find((x) => x.name === 'linear growth');
      assert.equal(b?.verdict, c.verdict);
      assert.equal(b?.measured, c.measured);
    });
  }
});
