// ```seq blocks in VS Code's built-in Markdown preview draw as the diagram (issue 6), read
// from the preview's own DOM in the real VS Code: the same text `lifeline render` prints, and
// a broken block shows its problems and what still draws instead of breaking the preview.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useVSCode, waitFor } from './harness/index.js';
import { openMarkdownPreview } from './harness/lifeline.js';
import { analyze, renderDocument } from '../../server/src/core/index';

const DIAGRAM = ['actor User', 'system Shop "Web Shop"', 'User -> Shop: browse', 'Shop --> User: <b>page</b>'].join('\n');
const BROKEN = ['actor User', 'User -> User: still drawn', 'this line is wrong'].join('\n');
const DOC = ['# Design', '', 'The login path:', '', '```seq', DIAGRAM, '```', '', 'A broken one:', '', '```seq', BROKEN, '```', ''].join(
  '\n',
);

describe('the Markdown preview', () => {
  const vscode = useVSCode({ workspace: { 'design.md': DOC } });

  it('draws ```seq blocks as the diagram, identical to lifeline render', async () => {
    const wb = vscode().workbench;
    await wb.openFile('design.md');
    await openMarkdownPreview(wb);
    const preview = wb.webview();
    const blocks = await waitFor(
      'the Markdown preview to draw both seq blocks',
      () => preview.locator('pre.lifeline-diagram').allTextContents(),
      (texts) => texts.length === 2,
      60_000,
    );
    const expected = renderDocument(analyze(DIAGRAM).model, { charset: 'ascii' }).text;
    assert.equal(blocks[0].trimEnd(), expected.trimEnd());
    assert.match(blocks[0], /<b>page<\/b>/, 'the label shows literally, not as markup');
    assert.equal(await preview.locator('pre.lifeline-diagram b').count(), 0, 'no element was made from the label');
  });

  it('shows the problems of a broken block and what still draws', async () => {
    const preview = vscode().workbench.webview();
    const problems = await waitFor(
      'the broken block to list its problems',
      () => preview.locator('.lifeline-problems').allInnerTexts(),
      (texts) => texts.length === 1,
    );
    assert.match(problems[0], /1 error|problem|could be drawn/i);
    const blocks = await preview.locator('pre.lifeline-diagram').allTextContents();
    assert.match(blocks[1], /still drawn/);
    assert.equal(await preview.locator('h1').innerText(), 'Design', 'the rest of the document still renders');
  });
});
