// Editing a .seq file in the real VS Code (issue 5, scenarios 1, 2 and 7): the grammar colours
// it, the Problems panel lists what the server finds and a quick fix clears it (the preview
// follows), completion offers the participants, F2 renames one everywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { repoRoot, useVSCode, waitFor } from './harness/index.js';
import { Preview, problemRows } from './harness/lifeline.js';

const render = (text: string) => renderDocument(analyze(text).model, { charset: 'ascii' }).text;

const ORDER = ['actor User', 'system Shop', '', 'User -> Shop: buy', 'Shop -> PaymentService: charge', 'Shop --> User: receipt', ''].join(
  '\n',
);

describe('editing a .seq file', () => {
  const vscode = useVSCode({
    workspace: {
      'login.seq': readFileSync(join(repoRoot(), 'examples', 'login.seq'), 'utf8'),
      'order.seq': ORDER,
    },
    // Colours from the TextMate grammar alone (the server's semantic tokens would paint over them).
    settings: { 'editor.semanticHighlighting.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });

  it('1. an example opens in the Sequence Diagram language, coloured by the grammar', async () => {
    const wb = vscode().workbench;
    await wb.openFile('login.seq');
    assert.equal(await wb.waitForLanguageMode('Sequence Diagram'), 'Sequence Diagram');

    // The token under the cursor, as "Developer: Inspect Editor Tokens and Scopes" shows it.
    await wb.goToLine(14, 2); // `actor User: Person signing in to the web shop`
    await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const inspect = wb.page.locator('.token-inspect-widget');
    const scopes = await waitFor(
      'the token inspector',
      () => inspect.innerText(),
      (t) => t.includes('source.seq'),
    );
    // `actor` gets a scope of the seq grammar (e.g. storage.type.participant.seq), not just the file's.
    const own = scopes.split(/\s+/).filter((w) => w.endsWith('.seq') && w !== 'source.seq' && !w.startsWith('meta.'));
    assert.ok(own.length > 0, `the keyword's TextMate scopes:\n${scopes}`);
    await wb.press('Escape');

    // Keywords, comments and plain text are painted in different colours.
    // (No named helper functions inside evaluate: the test transpiler would wrap them in a helper the page lacks.)
    const colours = await wb
      .activeEditor()
      .locator('.view-lines')
      .evaluate((lines) => {
        const spans = Array.from(lines.querySelectorAll<HTMLElement>('.view-line span span'));
        const keyword = spans.find((x) => x.textContent === 'actor');
        const comment = spans.find((x) => /Key\sactors\sand\ssystems/.test(x.textContent ?? '')); // Monaco draws spaces as U+00A0
        return {
          keyword: keyword ? getComputedStyle(keyword).color : undefined,
          comment: comment ? getComputedStyle(comment).color : undefined,
          foreground: getComputedStyle(lines).color,
        };
      });
    assert.ok(colours.keyword && colours.comment, `spans found: ${JSON.stringify(colours)}`);
    assert.notEqual(colours.keyword, colours.foreground, 'a keyword is coloured');
    assert.notEqual(colours.comment, colours.foreground, 'a comment is coloured');
    assert.notEqual(colours.keyword, colours.comment);
  });

  it('2. the Problems panel lists an undeclared participant; "Declare …" from Ctrl+. clears it and the preview follows', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.openFile('order.seq');
    await wb.runCommand('Lifeline: Open Preview to the Side');
    const before = await preview.waitFor('order.seq', (s) => s.text === render(ORDER), 60_000);

    const problem = await wb.waitForProblem(
      'undeclared PaymentService',
      (p) => p.code === 'undeclared-participant' && /PaymentService/.test(p.message),
    );
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.line, 5);

    // Back to the editor, on the name, and Ctrl+. for the quick fixes.
    await wb.runCommand('View: Focus First Editor Group');
    await wb.goToLine(5, 12);
    await wb.quickFix(5, /Declare PaymentService as service/);

    await waitFor(
      'the warning to go',
      () => problemRows(wb),
      (rows) => !rows.some((r) => r.includes('undeclared-participant')),
    );
    await wb.press('Control+S');
    // A save still being written also holds the declaration: wait for the whole file asserted.
    const fixed = (t: string) => t.includes('service PaymentService') && t.split('\n').length === ORDER.split('\n').length + 1;
    const declared = await waitFor('the saved fix, one line added', async () => vscode().savedText('order.seq'), fixed);
    assert.ok(fixed(declared), declared);
    const after = await preview.waitFor('the fixed file', (s) => s.text === render(declared) && s.version > before.version);
    assert.equal(after.text, render(declared));
  });

  it('7. completion after `User -> ` lists the participants; F2 renames one everywhere', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.goToLine(1);
    await wb.press('Control+End'); // the empty last line
    await wb.type('User -> ');
    await wb.press('Control+Space');
    const suggest = wb.page.locator('.editor-widget.suggest-widget');
    const labels = await waitFor(
      'participants in the completion list',
      () => suggest.locator('.monaco-list-row .label-name').allInnerTexts(),
      (ls) => ['Shop', 'PaymentService'].every((n) => ls.includes(n)),
    );
    assert.ok(labels.includes('Shop') && labels.includes('PaymentService'), labels.join(', '));
    await wb.press('Escape');
    await wb.press('Control+Shift+K'); // drop the half-typed line again

    // F2 on the declaration of Shop.
    const shopLine = vscode().savedText('order.seq').split('\n').indexOf('system Shop') + 1;
    await wb.goToLine(shopLine, 9);
    await wb.press('F2');
    const input = wb.page.locator('.rename-box input');
    await input.waitFor();
    await input.fill('Store');
    await wb.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await wb.press('Control+S');
    // An empty, half-written file has no `Shop` either: wait for the four `Store`s asserted.
    const storeCount = (t: string) => (t.match(/\bStore\b/g) ?? []).length;
    const renamed = await waitFor(
      'the renamed file on disk',
      async () => vscode().savedText('order.seq'),
      (t) => !/\bShop\b/.test(t) && storeCount(t) === 4,
    );
    assert.equal(storeCount(renamed), 4, renamed);
    await preview.waitFor('the renamed participant', (s) => s.text === render(renamed) && s.text.includes('[Store]'));
  });
});

describe('the undeclared-participant severity setting', () => {
  const vscode = useVSCode({
    workspace: { 'order.seq': ORDER },
    settings: { 'lifeline.diagnostics.undeclaredParticipant': 'error' },
  });

  it('reports an undeclared participant with the severity the user chose', async () => {
    const wb = vscode().workbench;
    await wb.openFile('order.seq');
    const problem = await wb.waitForProblem('undeclared PaymentService', (p) => p.code === 'undeclared-participant');
    assert.equal(problem.severity, 'error');
    // Its quick fix still works (the diagnostic keeps the data the server needs for it).
    await wb.runCommand('View: Focus First Editor Group');
    await wb.goToLine(5, 12);
    await wb.quickFixFromLightBulb(5, /Declare PaymentService as service/);
    await waitFor(
      'the error to go',
      () => problemRows(wb),
      (rows) => !rows.some((r) => r.includes('undeclared-participant')),
    );
  });
});
