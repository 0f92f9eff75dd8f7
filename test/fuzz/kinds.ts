/**
 * The kinds of input the fuzzers draw, each an arbitrary and a way to turn its value into
 * a checkable input. Shared by the bounded run, the long run and its worker.
 */
import fc from 'fast-check';
import type { FuzzInput } from './checks';
import { mutantDocument } from './corpus';
import { HOSTILE, nearValidDocument, soupDocument, validDocument, type GeneratedDocument } from './gen';

export interface Kind {
  readonly index: number;
  readonly arbitrary: fc.Arbitrary<FuzzInput>;
}

/** Random UTF-16 (lone surrogates included) interleaved with hostile pieces and line breaks. */
const hostileDocument: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...HOSTILE), fc.constantFrom('\n', '\r\n', '\r')), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

/** Several valid documents one after another: tens of kilobytes, for the time per 10 KB. */
const largeDocument: fc.Arbitrary<string> = fc
  .array(validDocument, { minLength: 8, maxLength: 40 })
  .map((docs) => docs.map((d) => d.text).join('\n'));

const as = (kind: FuzzInput['kind'], arb: fc.Arbitrary<string>): fc.Arbitrary<FuzzInput> => arb.map((text) => ({ text, kind }));

export const kinds = {
  valid: {
    index: 0,
    arbitrary: validDocument.map((d: GeneratedDocument): FuzzInput => ({ text: d.text, kind: 'valid', expect: d.expect })),
  },
  'near-valid': { index: 1, arbitrary: as('near-valid', nearValidDocument) },
  mutant: { index: 2, arbitrary: as('mutant', mutantDocument) },
  soup: { index: 3, arbitrary: as('soup', soupDocument) },
  hostile: { index: 4, arbitrary: as('hostile', hostileDocument) },
  large: { index: 5, arbitrary: as('large', largeDocument) },
} as const satisfies Record<string, Kind>;

export type KindName = keyof typeof kinds;
export const kindNames = Object.keys(kinds) as KindName[];
