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
import { budgets, renderReport } from '../../scripts/bench/report';
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
    assert.ok(s.lifeline.gcMsPerRun !== undefined && Number.isFinite(s.lifeline.gcMsPerRun) && s.lifeline.gcMsPerRun >= 0, 'GC time per run');
    for (const p of PHASES) {
      const stat = s.lifeline.phases[p];
      assert.ok(Number.isFinite(stat.median) && stat.median >= 0, `${p} median`);
      assert.ok(stat.p95 >= stat.median, `${p} p95 ≥ median`);
      assert.ok(stat.runs > 0);
    }
    assert.deepEqual(r.notes, []);
    const report = renderReport(r);
    assert.match(report, /\| messages \| participants \| source \| output lines \| runs \| parse \| check \| layout \| render \| total \| of which GC \(mean\) \|/);
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
