// The benchmark's Mermaid-import line: it times the import of the benchmark's own Mermaid file
// (which must import without errors) and refuses a file that does not import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from '../../scripts/bench/generate';
import { timeMermaidImport } from '../../scripts/bench/importMermaid';
import { budgets } from '../../scripts/bench/budgets';
import type { BenchResults } from '../../scripts/bench/report';

test('timeMermaidImport: the generated Mermaid file imports; the runs are counted', () => {
  const d = generate({ messages: 300, participants: 12 });
  const stat = timeMermaidImport(d.mermaid, 1, 3);
  assert.equal(stat.runs, 3);
  assert.ok(stat.median > 0 && stat.min <= stat.median);
  assert.throws(() => timeMermaidImport('flowchart LR\nA-->B\n', 0, 1), /does not import/);
});

test('the budget compares the import with mermaid parse() at 3,000 messages', () => {
  const stat = (median: number) => ({ median, p95: median, min: median, runs: 1 });
  const size = {
    messages: 3000,
    participants: 30,
    lifeline: { phases: { total: stat(1) } },
    refs: { 'mermaid-parse': { ok: true, stat: stat(1000) } },
    importMermaid: stat(50),
  };
  const b = budgets({ sizes: [size] } as unknown as BenchResults).find((x) => x.name === 'Mermaid import');
  assert.equal(b?.verdict, 'met');
  const slow = budgets({ sizes: [{ ...size, importMermaid: stat(200) }] } as unknown as BenchResults).find(
    (x) => x.name === 'Mermaid import',
  );
  assert.equal(slow?.verdict, 'NOT met');
});
