/**
 * A property checked for a stretch of wall time, and on a fewest number of inputs however
 * slow the machine is: first the time-boxed run, then — only when a loaded machine ran fewer
 * inputs than `least` — the missing ones without a time limit. (A bare time box made the
 * count depend on the machine's load: two inputs in 2.25 s on a busy CI machine failed.)
 */
import fc from 'fast-check';

export interface TimeBox {
  readonly ms: number;
  readonly least: number;
  readonly seed?: number;
}

/** Returns how many inputs were checked. */
export async function checkTimeBoxed<T>(arbitrary: fc.Arbitrary<T>, check: (input: T) => Promise<void>, box: TimeBox): Promise<number> {
  let runs = 0;
  const property = () =>
    fc.asyncProperty(arbitrary, async (input) => {
      runs++;
      await check(input);
    });
  const timed = await fc.check(property(), {
    numRuns: 1_000_000,
    interruptAfterTimeLimit: box.ms,
    markInterruptAsFailure: false,
    seed: box.seed,
    includeErrorInReport: true,
  });
  // fast-check counts a run interrupted before its first input as failed, whatever
  // markInterruptAsFailure says: on a loaded machine the box can run out before the first input
  // starts. Nothing was checked then, and the inputs asked for are checked below.
  if (timed.failed && !(timed.interrupted && timed.numRuns === 0)) throw new Error(fc.defaultReportMessage(timed));
  if (runs < box.least) {
    await fc.assert(property(), {
      numRuns: box.least - runs,
      seed: box.seed === undefined ? undefined : box.seed + 1,
      includeErrorInReport: true,
    });
  }
  return runs;
}
