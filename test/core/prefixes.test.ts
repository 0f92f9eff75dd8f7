// A half-typed document is the normal case in an editor: every prefix of every example
// must analyse without throwing, and every diagnostic range must lie inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/index';

const EXAMPLES = join(__dirname, '../../examples');

for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.seq'))) {
  test(`every prefix of examples/${file} analyses`, () => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    for (let i = 0; i <= text.length; i++) {
      const prefix = text.slice(0, i);
      const a = analyze(prefix);
      for (const d of a.diagnostics) {
        assert.ok(
          d.offset >= 0 && d.length >= 0 && d.offset + d.length <= prefix.length,
          `diagnostic out of range at prefix ${i}: ${JSON.stringify(d)}`,
        );
      }
    }
  });

  test(`examples/${file} has no errors or warnings`, () => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const a = analyze(text, { fileExists: (p) => readdirSync(EXAMPLES).includes(p) });
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`),
      [],
    );
  });
}
