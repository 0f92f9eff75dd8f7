// The diagrams inside the document are the renderer's, in either charset, and past the size
// limit the document carries the renderer's own notice, exactly as `render` prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/index';
import { renderDocument, renderSequence } from '../../../server/src/core/render/index';
import { exportMarkdown, exportText } from '../../../server/src/core/export/markdown';
import { outline } from './outline';

const EXAMPLES = join(__dirname, '../../../examples');

test('every example in Unicode: one fence per sequence, each equal to the Unicode rendering, in order', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.seq'))) {
    const model = analyze(readFileSync(join(EXAMPLES, file), 'utf8')).model;
    const o = outline(exportMarkdown(model, { charset: 'unicode' }));
    const drawings = model.sequences.map((s) => renderSequence(model, s, { charset: 'unicode' }).lines.join('\n'));
    const fences = o.fences.map((f) => f.content).filter((c) => drawings.includes(c));
    assert.equal(fences.length, model.sequences.length, file);
    assert.ok(
      drawings.some((d) => /[│─┄]/.test(d)),
      `${file}: not a Unicode drawing`,
    );
  }
});

test("a diagram too large to draw: the export shows the renderer's notice where the diagram would be", () => {
  const src = `actor A\nactor B\nsequence Huge\n  A -> B: ${'x'.repeat(5000)}\nend\nsequence Small\n  A -> B: hi\nend`;
  const model = analyze(src).model;
  const rendered = renderSequence(model, model.sequences[0], {});
  assert.ok(rendered.tooLarge, "the fixture must exceed the renderer's limit");
  const o = outline(exportMarkdown(model));
  const fence = o.fences.find((f) => f.under === 'Sequence 1: Huge');
  assert.equal(fence?.content, rendered.lines.join('\n'));
  assert.match(fence!.content, /^Diagram too large to draw: /);
  // The other sequence is still drawn, and the text export is render's output.
  assert.equal(o.fences.find((f) => f.under === 'Sequence 2: Small')?.content, renderSequence(model, model.sequences[1]).lines.join('\n'));
  assert.equal(exportText(model), renderDocument(model).text);
});

test('the text export of an empty file is empty, like render', () => {
  assert.equal(exportText(analyze('').model), renderDocument(analyze('').model).text);
  assert.equal(exportText(analyze('').model), '');
});
