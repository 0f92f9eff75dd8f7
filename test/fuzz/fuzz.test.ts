// The bounded fuzz run of `npm test` (about 30 s): every kind of generated input goes through
// the worker behind a watchdog, so a hang fails the test instead of stalling the run.
// FUZZ_SEED=n replays a run (fast-check prints the seed and path of a failure);
// FUZZ_SCALE=k runs k times longer. The long run is `npm run fuzz`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { kinds, type KindName } from './kinds';
import { HangError, Watchdog } from './watchdog';
import { checkTimeBoxed } from './timeBox';
import { HANG_PROBE } from './worker';

/** Generous: an input of a few kilobytes takes milliseconds; a loaded CI machine gets 100× slack and more. */
const TIMEOUT_MS = 20_000;
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const dog = new Watchdog(TIMEOUT_MS);
after(() => dog.close());

/** Time for each kind, and the fewest inputs that make the run count even on a slow machine. */
const plan: [KindName, number, number][] = [
  ['valid', 9_000, 10],
  ['near-valid', 4_000, 20],
  ['mutant', 4_000, 20],
  ['soup', 1_500, 20],
  ['hostile', 1_500, 20],
  ['large', 2_000, 1],
  ['v2', 2_000, 20],
  ['v2-near', 1_500, 20],
  ['mermaid', 1_500, 20],
  ['plantuml', 1_500, 20],
];

test('the fuzz worker starts', async () => {
  await dog.ready();
});

for (const [name, ms, least] of plan) {
  test(`fuzz: ${name} inputs never throw, keep ranges inside the document and the section-7 rules`, async () => {
    const runs = await checkTimeBoxed(
      kinds[name].arbitrary,
      async (input) => {
        const r = await dog.run(input);
        if (r.violations.length > 0) throw new Error(r.violations.join('\n'));
      },
      { ms: ms * scale, least, seed },
    );
    console.log(`# fuzz ${name}: ${runs} inputs`);
  });
}

// Last, on the same watchdog: a hang is caught and named, and a fresh worker checks the next input.
test('the watchdog catches a hang, names the input, and the next input is checked by a fresh worker', async () => {
  const restarts = dog.restarts;
  await assert.rejects(
    dog.run({ text: HANG_PROBE, kind: 'hostile' }, 2_000),
    (e: unknown) => e instanceof HangError && /no answer within 2000 ms/.test(e.message),
  );
  assert.equal(dog.restarts, restarts + 1);
  const r = await dog.run({ text: 'A -> B: hi\n', kind: 'near-valid' });
  assert.deepEqual(r.violations, []);
});
