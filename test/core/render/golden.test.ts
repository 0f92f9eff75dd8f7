// Golden renders: every test/fixtures/render/*.seq and every examples/*.seq, in ASCII and Unicode,
// compared with test/fixtures/render/golden/NAME.CHARSET.txt (examples as example-NAME).
// Regenerate with UPDATE_GOLDEN=1 and review every changed drawing by eye before committing it.
// Each rendering is also checked against the section-7 rules (checkRules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/index';
import { drawLayout, layoutSequence, renderDocument, type Charset } from '../../../server/src/core/render/index';
import { checkRules, renderSources, userCharsOf } from './helpers';

const ROOT = join(__dirname, '../../..');
const GOLDEN = join(ROOT, 'test/fixtures/render/golden');
const update = process.env.UPDATE_GOLDEN === '1';

const sources = renderSources();

test('there are at least 25 render fixtures', () => {
  assert.ok(sources.length >= 25, `${sources.length} fixtures`);
});

for (const { file, name } of sources) {
  for (const charset of ['ascii', 'unicode'] as Charset[]) {
    test(`golden: ${name} (${charset})`, () => {
      const { model } = analyze(readFileSync(file, 'utf8'));
      const out = renderDocument(model, { charset });
      const golden = join(GOLDEN, `${name}.${charset}.txt`);
      if (update) writeFileSync(golden, out.text);
      assert.ok(existsSync(golden), `missing golden ${golden} (run with UPDATE_GOLDEN=1, then review it)`);
      assert.equal(out.text, readFileSync(golden, 'utf8').replace(/\r\n/g, '\n'));
      assert.equal(out.rows.length, out.text === '' ? 0 : out.text.split('\n').length - 1, 'one source-map entry per line');
      for (const sequence of model.sequences) {
        const layout = layoutSequence(model, sequence, { charset });
        checkRules(layout, drawLayout(layout, charset), charset, userCharsOf(model));
      }
    });
  }
}

test('no stale golden files', () => {
  const expected = new Set(sources.flatMap(({ name }) => [`${name}.ascii.txt`, `${name}.unicode.txt`]));
  const stale = readdirSync(GOLDEN).filter((f) => !expected.has(f));
  assert.deepEqual(stale, [], 'golden files without a fixture');
});
