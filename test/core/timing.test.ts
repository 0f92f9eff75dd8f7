import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration } from '../../server/src/core/index';

const cases: [number, string][] = [
  [0, '0 ms'],
  [442, '442 ms'],
  [999, '999 ms'],
  [1000, '1 s'],
  [1500, '1.5 s'],
  [59_990, '59.99 s'],
  [60_000, '1 min'],
  [307_200, '5 min 7 s'],
  [119_999, '2 min'],
  [3_600_000, '1 h'],
  [5_400_000, '1 h 30 min'],
];
for (const [ms, text] of cases) test(`formatDuration(${ms}) = ${text}`, () => assert.equal(formatDuration(ms), text));
