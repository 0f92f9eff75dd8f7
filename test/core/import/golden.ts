// Goldens for the bridges: each fixture's output beside it (regenerate with UPDATE_GOLDEN=1 and
// review by eye). A missing golden fails.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../../server/src/core/index';
import type { ImportResult } from '../../../server/src/core/import/index';

export const FIXTURES = join(__dirname, '../../fixtures/bridges');
const update = process.env.UPDATE_GOLDEN === '1';

export function assertGolden(path: string, actual: string): void {
  if (update) writeFileSync(path, actual);
  assert.ok(existsSync(path), `missing golden ${path}: run with UPDATE_GOLDEN=1 and review it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (UPDATE_GOLDEN=1 regenerates it)`);
}

/** What `lifeline import` prints on stderr for a result: notices, then errors. */
export function stderrOf(r: ImportResult): string {
  return [...r.notices.map((n) => `${n.line}: ${n.message}`), ...r.errors.map((e) => `error ${e.line}:${e.column}: ${e.message}`)]
    .map((l) => `${l}\n`)
    .join('');
}

/** True once the parser reads language v2 (box, create, ref, edges, autonumber arguments; branch v2core). */
export const PARSER_HAS_V2 = parse('autonumber 10 5\n').diagnostics.length === 0;

/** `.seq` lines that only language v2 reads: before v2 lands, errors are allowed on these lines alone. */
export function isV2Line(line: string): boolean {
  return /^\s*(box\b|create\b|ref over\b|autonumber\s+\S|\[|end\s*$)|-(>>?|x)\s*[+-]?[[\]]/.test(line);
}
