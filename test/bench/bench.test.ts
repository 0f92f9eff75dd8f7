/**
 * The benchmark's quick mode, Lifeline part only, on the 300-message diagram: checks the
 * shape of what it produces. No timing is asserted (unit tests never assert timings).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index';
import { generate } from '../../scripts/bench/generate';
import { PHASES } from '../../scripts/bench/lifeline';
import { budgets, BUDGETS, REPORTED } from '../../scripts/bench/budgets';
import { runBench, spliceIntoDoc } from '../../scripts/bench/main';
import { renderReport, type BenchResults, type SizeResult } from '../../scripts/bench/report';
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
    for (const re of [
      /^\s*(alt|opt|loop|par|critical|break) /m,
      /^\s*note (over|left of|right of) /m,
      /^\s*takes \d+ms$/m,
      /^\s*timeout \d+s: /m,
      / within \d+min$/m,
    ])
      assert.match(a.seq, re);
  });

  it('produces a .seq document without diagnostics', () => {
    const d = generate({ messages: 300, participants: 12 });
    assert.deepEqual(
      analyze(d.seq).diagnostics.map((x) => `${x.code}: ${x.message}`),
      [],
    );
  });
});

describe('bench: quick mode, Lifeline only, 300 messages', () => {
  it('reports every phase with median and p95, and a table', async () => {
    const r = await runBench({
      quick: true,
      lifelineOnly: true,
      refs: false,
      server: false,
      bundles: false,
      install: false,
      sizes: [300],
      out: null,
      log: () => {},
    });
    assert.equal(r.quick, true);
    assert.equal(r.sizes.length, 1);
    const s = r.sizes[0];
    assert.equal(s.messages, 300);
    assert.equal(s.lifeline.diagnostics, 0);
    assert.ok(s.lifeline.outputLines > 300);
    assert.ok(s.lifeline.outputChars > s.lifeline.outputLines * 20, "the drawing's characters");
    for (const p of PHASES) {
      const stat = s.lifeline.phases[p];
      assert.ok(Number.isFinite(stat.median) && stat.median >= 0, `${p} median`);
      assert.ok(stat.p95 >= stat.median, `${p} p95 ≥ median`);
      assert.ok(stat.runs > 0);
    }
    assert.deepEqual(r.notes, []);
    const report = renderReport(r);
    assert.match(
      report,
      /\| messages \| participants \| source \| output lines \| output \| runs \| parse \| check \| layout \| render \| total \| total per drawn char \|/,
    );
    assert.match(report, /\n\| 300 \| 12 \|( [^|]+ \|){9} \d+\.\d ns \|/);
    assert.match(report, /### Budgets \(issue 19\)/);
    // Nothing measured here beyond Lifeline: every budget says so instead of guessing, and the reported figures say what is missing.
    assert.deepEqual(
      budgets(r).map((b) => [b.name, b.verdict]),
      [...BUDGETS.map((b) => [b.name, 'not checked']), ...REPORTED.map((b) => [b.name, 'reported'])],
    );
    assert.equal(budgets(r).find((b) => b.name === 'growth per drawn character')?.measured, '3,000 messages not run');
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

describe('bench: the budget table', () => {
  const stat = (median: number, p95 = median) => ({ median, p95, min: median, runs: 10 });
  const size = (messages: number, total: number, outputChars: number, refs: SizeResult['refs'] = {}): SizeResult => ({
    messages,
    participants: 30,
    refs,
    lifeline: {
      messages,
      bytes: messages * 40,
      lines: messages,
      outputLines: messages,
      outputChars,
      diagnostics: 0,
      phases: { parse: stat(total / 4), check: stat(total / 4), layout: stat(total / 4), render: stat(total / 4), total: stat(total) },
    },
  });
  const results = (sizes: SizeResult[], server?: BenchResults['server']): BenchResults => ({
    quick: false,
    command: 'npm run bench',
    date: '2026-12-03T00:00:00Z',
    machine: { cpu: 'test', cores: 2, memoryGiB: 1, os: 'test', node: process.version, loadStart: 0 },
    sizes,
    server,
  });
  const find = (r: BenchResults, name: string) => budgets(r).find((b) => b.name === name);

  const growth = [
    { total30: 360, verdict: '360.0 ns vs 300.0 ns per character: 1.20× (the messages grew 10.0×, the drawing 10.0×, the time 12.0×)' },
    {
      total30: 480,
      verdict: '480.0 ns vs 300.0 ns per character: 1.60× — **over 1.5×** (the messages grew 10.0×, the drawing 10.0×, the time 16.0×)',
    },
  ];
  for (const c of growth) {
    it(`time per drawn character, 30,000 against 3,000 messages: ${c.total30} ms for 10× the drawing`, () => {
      const b = find(results([size(3000, 30, 100_000), size(30000, c.total30, 1_000_000)]), 'growth per drawn character');
      assert.equal(b?.verdict, 'reported');
      assert.equal(b?.measured, c.verdict);
    });
  }

  const refs = (bm: number, mp: number): SizeResult['refs'] => ({
    'beautiful-mermaid': { ok: true, stat: stat(bm) },
    'mermaid-parse': { ok: true, stat: stat(mp) },
  });
  const ratios = [
    {
      name: 'vs mermaid parse()',
      mp: 1600,
      verdict: 'met',
      measured: '40.0 ms vs 40.0 ms allowed (mermaid-parse 1.60 s; Lifeline 40× faster)',
    },
    {
      name: 'vs mermaid parse()',
      mp: 1000,
      verdict: 'NOT met',
      measured: '40.0 ms vs 25.0 ms allowed (mermaid-parse 1.00 s; Lifeline 25× faster)',
    },
    {
      name: 'vs beautiful-mermaid',
      mp: 1000,
      verdict: 'NOT met',
      measured: '40.0 ms vs 30.0 ms allowed (beautiful-mermaid 300.0 ms; Lifeline 7.5× faster)',
    },
  ];
  for (const c of ratios) {
    it(`${c.name}: ${c.verdict} with Lifeline at 40 ms`, () => {
      const b = find(results([size(3000, 40, 100_000, refs(300, c.mp))]), c.name);
      assert.equal(b?.verdict, c.verdict);
      assert.equal(b?.measured, c.measured);
    });
  }

  it('a reference that did not run leaves its budget not checked, with the reason', () => {
    const r = results([size(3000, 40, 100_000, { 'mermaid-parse': { ok: false, reason: 'timed out after 300 s' } })]);
    assert.deepEqual(find(r, 'vs mermaid parse()'), {
      name: 'vs mermaid parse()',
      target: BUDGETS[1].target,
      measured: 'reference mermaid-parse timed out after 300 s',
      verdict: 'not checked',
    });
    assert.equal(find(r, 'vs beautiful-mermaid')?.measured, 'reference beautiful-mermaid not run');
  });

  it('server budgets judge the p95, and say when only the median is within', () => {
    const server = {
      serverJs: 'server.js',
      diagnostics: [{ messages: 1000, stat: stat(12, 31) }],
      completion: { messages: 1000, afterTyping: stat(4, 9.5), sameVersion: stat(1), items: 20 },
      idleRssMb: 50,
      memory: { messages: 30000, openMs: 300, afterOpenRssMb: 90, settledRssMb: 75, settledAfterS: 12, peakRssMb: 120 },
    };
    const r = results([], server);
    assert.deepEqual(find(r, 'diagnostics'), {
      name: 'diagnostics',
      target: BUDGETS[3].target,
      measured: 'median 12.0 ms, p95 31.0 ms',
      verdict: 'NOT met',
      why: 'the median is within the budget, the p95 is not',
    });
    assert.equal(find(r, 'completion')?.verdict, 'met');
    assert.equal(find(r, 'server memory')?.measured, '75.0 MB settled, 90.0 MB 1 s after the open, peak 120.0 MB; idle server 50.0 MB');
    assert.equal(find(results([], { error: 'no server bundle' }), 'completion')?.measured, 'no server bundle');
  });
});
