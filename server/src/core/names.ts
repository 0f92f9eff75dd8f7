/** Name heuristics for quick fixes: the kind a name suggests, and the declared names it may be a typo of. */
import damerauLevenshtein from 'damerau-levenshtein';
import type { ParticipantKindName } from './diagnostics';

const ACTOR_NAMES = new Set(['user', 'customer', 'admin', 'person', 'operator', 'shopper', 'buyer', 'owner', 'actor']);

/** Spec section 6: the kind guessed from a name, case-insensitively. */
export function guessKind(name: string): ParticipantKindName {
  const n = name.toLowerCase();
  if (/(db|database|store)$/.test(n)) return 'database';
  if (/(queue|topic|bus)$/.test(n)) return 'queue';
  if (/(service|api)$/.test(n)) return 'service';
  if (ACTOR_NAMES.has(n)) return 'actor';
  return 'participant';
}

/**
 * Up to three declared names within Damerau–Levenshtein distance 2 (case-insensitive) and at most
 * a third of the name's length, nearest first (ties keep declaration order).
 * Uses the `damerau-levenshtein` package rather than a hand-written distance.
 */
export function nearestNames(name: string, declared: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const limit = Math.min(2, Math.floor([...name].length / 3));
  const scored: { name: string; d: number; i: number }[] = [];
  declared.forEach((candidate, i) => {
    if (candidate === name) return;
    if (Math.abs([...candidate].length - [...name].length) > limit) return;
    const d = damerauLevenshtein(lower, candidate.toLowerCase()).steps;
    if (d <= limit) scored.push({ name: candidate, d, i });
  });
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  return scored.slice(0, 3).map((s) => s.name);
}

const BARE_NAME = /^[\p{ID_Start}_][\p{ID_Continue}._]*$/u;
const RESERVED = new Set([
  'title',
  'actor',
  'system',
  'service',
  'database',
  'queue',
  'participant',
  'sequence',
  'end',
  'alt',
  'else',
  'opt',
  'loop',
  'par',
  'and',
  'critical',
  'option',
  'break',
  'group',
  'note',
  'activate',
  'deactivate',
  'destroy',
  'takes',
  'timeout',
  'autonumber',
  'flow',
  'internal',
  'external',
  'within',
]);

/** A name as it must be written in source: bare when it is a plain identifier and no keyword, else quoted with escapes. */
export function formatName(name: string): string {
  return isIdentifier(name) && !RESERVED.has(name) ? name : quoteName(name);
}

/** A name quoted, with its escapes (always valid where a name stands). */
export function quoteName(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** True when `name` has the shape of a bare name (it may still be a keyword, which `formatName` quotes). */
export function isIdentifier(name: string): boolean {
  return BARE_NAME.test(name);
}

/** True when `name` can stand as a participant id (bare or quoted): not empty, no line break in its source form. */
export function isValidName(name: string): boolean {
  return name.length > 0 && !/[\r\n]/.test(name);
}
