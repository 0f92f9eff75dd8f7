// gcByPhase: the --trace-gc-nvp lines of a marked run, summed per phase and kind of collection, per timed run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gcByPhase } from '../../scripts/bench/gcByPhase';

const gc = (kind: string, pause: number, survived: number, promoted: number) =>
  `[1:0x1]  10 ms: pause=${pause} mutator=1.0 gc=${kind} reduce_memory=0 scavenge=${pause} new_space_survived=${survived} promoted=${promoted} promotion_ratio=4.2%`;

test('sums each phase\'s collections per timed run; the warm-up (before the first mark) and the time after `end` are left out', () => {
  const output = [
    gc('s', 99, 9e6, 9e6), // warm-up: no phase yet
    'PHASE parse',
    gc('s', 1, 0, 2e6),
    gc('mc', 8, 0, 0),
    'PHASE model',
    gc('s', 7, 4e6, 1e6),
    'PHASE end',
    gc('s', 50, 1e6, 1e6), // between runs
    'PHASE parse',
    gc('s', 3, 0, 4e6),
    'PHASE model',
    'PHASE end',
  ].join('\n');
  assert.deepEqual(gcByPhase(output, 2), [
    { phase: 'parse', kind: 's', count: 1, pauseMs: 2, survivedBytes: 0, promotedBytes: 3e6 },
    { phase: 'parse', kind: 'mc', count: 0.5, pauseMs: 4, survivedBytes: 0, promotedBytes: 0 },
    { phase: 'model', kind: 's', count: 0.5, pauseMs: 3.5, survivedBytes: 2e6, promotedBytes: 0.5e6 },
  ]);
});

test('lines that are not collections are ignored', () => {
  assert.deepEqual(gcByPhase('PHASE layout\nsome other output\n\n', 1), []);
});
