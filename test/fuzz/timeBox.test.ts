// The time box of the fuzz and nothing-lost runs: however slow each input is, the fewest
// inputs asked for are checked, and a failure among them is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkTimeBoxed } from './timeBox';

const slow = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // an input that takes `ms` of CPU, as on a loaded machine
  }
};

test('a time box shorter than one input still checks the fewest inputs asked for', async () => {
  const seen: number[] = [];
  const runs = await checkTimeBoxed(
    fc.nat(),
    async (n) => {
      seen.push(n);
      slow(20);
    },
    { ms: 5, least: 6, seed: 1 },
  );
  assert.ok(runs >= 6, `${runs} inputs`);
  assert.equal(seen.length, runs);
});

test('a time box that runs out before the first input (a loaded machine) still checks the fewest inputs asked for', async () => {
  // fast-check reports "interrupted after 0 tests" as a failure; a box of 0 ms makes it happen every time.
  const runs = await checkTimeBoxed(fc.nat(), async () => slow(1), { ms: 0, least: 3, seed: 1 });
  assert.ok(runs >= 3, `${runs} inputs`);
});

test('a failure inside the time box is reported', async () => {
  await assert.rejects(
    checkTimeBoxed(
      fc.nat(),
      async (n) => {
        if (n >= 0) throw new Error('every input fails');
      },
      { ms: 10_000, least: 1, seed: 1 },
    ),
    /Property failed after 1 tests[\s\S]*every input fails/,
  );
});

test('a failure among the inputs checked after the time box is reported', async () => {
  let calls = 0;
  await assert.rejects(
    checkTimeBoxed(
      fc.nat(),
      async () => {
        calls++;
        slow(20);
        if (calls >= 3) throw new Error('third input fails');
      },
      { ms: 5, least: 6, seed: 1 },
    ),
    /Property failed/,
  );
  assert.ok(calls >= 3, 'the failing input was one checked after the time box');
});
