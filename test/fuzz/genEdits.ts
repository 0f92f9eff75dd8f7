/** Edits of a document (characters and lines deleted, inserted, duplicated), and near-valid documents made with them. */
import fc from 'fast-check';
import { validDocument } from './genDocument';
import { pick } from './genPools';

/** Characters a hostile or clumsy edit inserts. */
export const HOSTILE: readonly string[] = [
  '\0',
  '\x1b',
  '\x1b[2J',
  '\x1b]0;pwned\x07',
  '\x9b31m',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\v',
  '\f',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud800',
  '\udfff',
  '\u0301',
  '\u0308\u0308\u0308',
  '"',
  '\\',
  '\\n',
  ':',
  '#',
  '//',
  '-',
  '->',
  '-->>',
  '--x',
  '+',
  '==',
  '...',
  '…',
  '→',
  'end',
  'else',
  'and',
  'option',
  'alt',
  'par',
  'sequence',
  'note over',
  'takes 1s',
  'timeout 2s:',
  'within 1ms',
  'as',
  'actor',
  '用',
  '👩‍💻',
  '🇩🇪',
  '\u0600',
  'ﷺ',
  '𒐫',
  'A',
  ' ',
];

export type Edit =
  | { op: 'delete-char'; at: number; len: number }
  | { op: 'insert'; at: number; piece: number }
  | { op: 'insert-char'; at: number; code: number }
  | { op: 'delete-line'; line: number }
  | { op: 'duplicate-line'; line: number; times: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'insert-line'; line: number; piece: number }
  | { op: 'flip-bit'; at: number; bit: number }
  | { op: 'truncate'; at: number };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete-char' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat() }),
  fc.record({ op: fc.constant('insert-char' as const), at: fc.nat(), code: fc.nat({ max: 0xffff }) }),
  fc.record({ op: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert-line' as const), line: fc.nat(), piece: fc.nat() }),
  fc.record({ op: fc.constant('flip-bit' as const), at: fc.nat(), bit: fc.nat({ max: 15 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Splits a text into lines keeping each line's break. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Applies one edit; positions wrap around the text's length. */
export function applyEdit(text: string, e: Edit, extraLines: readonly string[] = []): string {
  switch (e.op) {
    case 'delete-char': {
      if (text.length === 0) return text;
      const at = e.at % text.length;
      return text.slice(0, at) + text.slice(at + e.len);
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + pick(HOSTILE, e.piece) + text.slice(at);
    }
    case 'flip-bit': {
      if (text.length === 0) return text;
      const at = e.at % text.length;
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << e.bit)) + text.slice(at + 1);
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'insert-char': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + String.fromCharCode(e.code) + text.slice(at);
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines':
    case 'insert-line': {
      const lines = splitLines(text);
      if (e.op === 'insert-line') {
        const pool = extraLines.length > 0 ? extraLines : HOSTILE;
        const at = e.line % (lines.length + 1);
        const piece = pick(pool, e.piece);
        lines.splice(at, 0, /[\r\n]$/.test(piece) ? piece : `${piece}\n`);
        return lines.join('');
      }
      if (lines.length === 0) return text;
      if (e.op === 'delete-line') lines.splice(e.line % lines.length, 1);
      else if (e.op === 'duplicate-line') {
        const i = e.line % lines.length;
        const l = /[\r\n]$/.test(lines[i]) ? lines[i] : `${lines[i]}\n`;
        lines.splice(i, 0, ...new Array<string>(e.times).fill(l));
      } else {
        const a = e.a % lines.length;
        const b = e.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      return lines.join('');
    }
  }
}

/** A valid document after a few random edits. */
export const nearValidDocument: fc.Arbitrary<string> = fc
  .tuple(validDocument, fc.array(editArb, { minLength: 1, maxLength: 6 }))
  .map(([doc, edits]) => edits.reduce((t, e) => applyEdit(t, e), doc.text));
