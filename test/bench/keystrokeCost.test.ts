// scripts/bench/keystrokeCost.ts: one figure per keystroke for each step (no timing asserted).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { keystrokeCost } from '../../scripts/bench/keystrokeCost';

it('times the analysis and the render answer of every keystroke after the warm-up', async () => {
  const { analysis, answer, gcMs } = await keystrokeCost(6);
  assert.equal(analysis.length, 6);
  assert.equal(answer.length, 6);
  assert.ok([...analysis, ...answer, gcMs].every((x) => Number.isFinite(x) && x >= 0));
});
