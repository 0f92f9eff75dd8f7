/**
 * The mutation fuzzer's seed corpus: every `.seq` file of `examples/` and `test/fixtures/`,
 * and the mutations applied to them (character edits, bit and byte flips, line deletion,
 * duplication and swaps, lines spliced in from other files, hostile characters).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyEdit, editArb, splitLines, type Edit } from './gen';

const ROOT = join(__dirname, '../..');

function seqFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return seqFiles(p);
    return name.endsWith('.seq') ? [p] : [];
  });
}

export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

export const corpus: readonly CorpusFile[] = [...seqFiles(join(ROOT, 'examples')), ...seqFiles(join(ROOT, 'test/fixtures'))]
  .sort()
  .map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

/** Every line of the corpus (with its line break): material to splice into another file. */
export const corpusLines: readonly string[] = corpus.flatMap((f) => splitLines(f.text));

type Mutation =
  | Edit
  | { op: 'splice'; line: number; from: number }
  | { op: 'byte-flip'; at: number; bit: number }
  | { op: 'repeat-line'; line: number; times: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: editArb },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('splice' as const), line: fc.nat(), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('byte-flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('repeat-line' as const), line: fc.nat(), times: fc.integer({ min: 10, max: 400 }) }),
  },
);

function mutate(text: string, m: Mutation): string {
  switch (m.op) {
    case 'splice':
      return applyEdit(text, { op: 'insert-line', line: m.line, piece: m.from }, corpusLines);
    case 'byte-flip': {
      // The file as bytes, one bit flipped, decoded again as an editor would (invalid UTF-8 becomes U+FFFD).
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      bytes[m.at % bytes.length] ^= 1 << m.bit;
      return new TextDecoder('utf-8').decode(bytes);
    }
    case 'repeat-line':
      return applyEdit(text, { op: 'duplicate-line', line: m.line, times: m.times });
    default:
      return applyEdit(text, m);
  }
}

/** A corpus file after one to eight mutations. */
export const mutantDocument: fc.Arbitrary<string> = fc
  .tuple(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 8 }))
  .map(([file, mutations]) => mutations.reduce(mutate, corpus[file % corpus.length].text));
