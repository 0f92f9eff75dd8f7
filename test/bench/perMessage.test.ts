// perMessage: the per-message table of one configuration, and the growth line of its largest size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perMessageTable, type SizeCost } from '../../scripts/bench/perMessage';

const cost = (messages: number, totalMs: number, outputChars: number): SizeCost => ({
  messages,
  phases: { parse: totalMs * 0.2, check: totalMs * 0.1, layout: totalMs * 0.2, render: totalMs * 0.5, total: totalMs },
  outputChars,
});

test('prints microseconds per message by phase, and the largest size\'s growth over the reference size', () => {
  const table = perMessageTable([cost(3000, 30, 3_000_000), cost(30000, 330, 36_000_000)], 3000);
  const rows = table.split('\n');
  assert.equal(rows[2], '| 3000 | 2.00 | 1.00 | 2.00 | 5.00 | 10.00 | 1000 |');
  assert.equal(rows[3], '| 30000 | 2.20 | 1.10 | 2.20 | 5.50 | 11.00 | 1200 |');
  assert.equal(rows[rows.length - 1], '30000 against 3000 messages: total 11.0×, messages 10.0×, drawing 12.0×.');
});

test('without the reference size there is no growth line', () => {
  const table = perMessageTable([cost(1000, 10, 1_000_000), cost(30000, 330, 36_000_000)], 3000);
  assert.ok(!table.includes('against'), table);
});
