// The parser's table runners, shared by parser.test.ts and parserV2.test.ts: lines and what they
// read as, blocks and their statements, bad lines and their one diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/index';
import { dedent } from './helpers';
import { summary } from './summary';

/** Each source line reads as one statement, summarised, without a diagnostic. */
export function readsLines(table: readonly (readonly [src: string, expected: string])[]): void {
  for (const [src, expected] of table) {
    test(`reads \`${src}\``, () => {
      const doc = parse(src);
      assert.deepEqual(
        doc.diagnostics.map((d) => d.message),
        [],
      );
      assert.equal(doc.statements.length, 1);
      assert.equal(summary(doc.statements[0]), expected);
    });
  }
}

/**
 * Each (dedented) block reads as its statements, summarised and joined with ` | `; `clean`: without
 * a diagnostic (a table of recoveries leaves it out).
 */
export function readsBlocks(table: readonly (readonly [name: string, src: string, expected: string])[], clean = true): void {
  for (const [name, src, expected] of table) {
    test(`blocks: ${name}`, () => {
      const doc = parse(dedent(src));
      if (clean)
        assert.deepEqual(
          doc.diagnostics.map((d) => d.message),
          [],
        );
      assert.equal(doc.statements.map(summary).join(' | '), expected);
    });
  }
}

/** Each bad source: exactly one diagnostic, with its code, on its token, with a message that says what to do. */
export function reportsErrors(table: readonly (readonly [src: string, code: string, token: string, message: RegExp])[]): void {
  for (const [src, code, token, message] of table) {
    test(`reports \`${src.replace(/\n/g, '⏎')}\` as ${code} on \`${token}\``, () => {
      const doc = parse(src);
      assert.equal(doc.diagnostics.length, 1, JSON.stringify(doc.diagnostics));
      const d = doc.diagnostics[0];
      assert.equal(d.code, code);
      assert.equal(src.slice(d.offset, d.offset + d.length), token);
      assert.match(d.message, message);
    });
  }
}
