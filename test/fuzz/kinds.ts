/**
 * The kinds of input the fuzzers draw, each an arbitrary and a way to turn its value into
 * a checkable input. Shared by the bounded run, the long run and its worker.
 */
import fc from 'fast-check';
import type { FuzzInput } from './checks';
import { mutantDocument } from './corpus';
import { HOSTILE, nearValidDocument, soupDocument, validDocument, type GeneratedDocument } from './gen';
import { mermaidInput, nearValidV2Document, plantumlInput, v2Document, type BridgeInput } from './genV2';

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

const bridge =
  (kind: 'mermaid' | 'plantuml') =>
  ({ text, format, asGenerated }: BridgeInput): FuzzInput => ({ text, kind, bridge: { format, asGenerated } });

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
  v2: { index: 6, arbitrary: as('v2', v2Document) },
  'v2-near': { index: 7, arbitrary: as('v2-near', nearValidV2Document) },
  mermaid: { index: 8, arbitrary: mermaidInput.map(bridge('mermaid')) },
  plantuml: { index: 9, arbitrary: plantumlInput.map(bridge('plantuml')) },
} as const satisfies Record<string, Kind>;

export type KindName = keyof typeof kinds;
export const kindNames = Object.keys(kinds) as KindName[];
