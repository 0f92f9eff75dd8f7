// The bridges in the real VS Code (issue 21): Convert to .seq on a Mermaid and a PlantUML file
// opens the .seq unsaved beside it, which the server checks without errors; Export as Mermaid /
// PlantUML opens the other language's text; in Markdown, the code action on a ```mermaid fence
// turns it into a ```seq block, which the Markdown preview draws.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, exportMermaid, exportPlantUml, importMermaid, importPlantUml, seqFenceConversion } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { useVSCode, waitFor, type Workbench } from './harness/index.js';
import { notificationMessages, Preview } from './harness/lifeline.js';

const MERMAID = [
  'sequenceDiagram',
  '  actor Shopper',
  '  Shopper->>+Cart: add item',
  '  Cart-)Stock: reserve',
  '  Cart-->>-Shopper: added',
  '',
].join('\n');
const PLANTUML = [
  '@startuml',
  'actor User',
  'skinparam monochrome true',
  'User -> Shop ++ : buy',
  'Shop --> User -- : receipt',
  '@enduml',
  '',
].join('\n');
const BROKEN = ['sequenceDiagram', '  Alice->>Bob: hi', '  this line means nothing', ''].join('\n');
const SEQ = ['actor User', 'system Shop "Web Shop"', '', 'User -> Shop: buy', 'Shop -->> User: receipt', ''].join('\n');
const ALICE_LINE = 7; // 1-based: `  Alice->>Bob: hello`, inside the fence
const MARKDOWN = [
  '# Design',
  '',
  'The greeting:',
  '',
  '```mermaid',
  'sequenceDiagram',
  '  Alice->>Bob: hello',
  '```',
  '',
  'The end.',
  '',
].join('\n');

const render = (text: string) => renderDocument(analyze(text).model, { charset: 'ascii' }).text;

/** The active editor's resource and text, read from its rendered lines (all of them fit on screen). */
async function activeEditorText(wb: Workbench): Promise<{ uri: string; text: string }> {
  // No named helper functions inside evaluate: the test transpiler would wrap them in a helper the page lacks.
  return wb.activeEditor().evaluate((editor) => {
    const rows = Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line'));
    rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return { uri: editor.getAttribute('data-uri') ?? '', text: rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n') };
  });
}

/** Waits until the active editor is an untitled document holding exactly `text`. */
function waitForUntitled(wb: Workbench, what: string, text: string): Promise<{ uri: string; text: string }> {
  return waitFor(
    `an untitled editor with ${what}`,
    () => activeEditorText(wb),
    (e) => e.uri.startsWith('untitled:') && e.text === text,
  );
}

describe('the bridges in VS Code', () => {
  const vscode = useVSCode({
    workspace: { 'cart.mmd': MERMAID, 'shop.puml': PLANTUML, 'broken.mmd': BROKEN, 'order.seq': SEQ, 'design.md': MARKDOWN },
  });

  for (const c of [
    {
      file: 'cart.mmd',
      imported: importMermaid(MERMAID),
      expect: /Shopper -> \+Cart: add item\nCart ->> Stock: reserve/,
      notice: /converted to \.seq \(unsaved\)\.$/,
    },
    { file: 'shop.puml', imported: importPlantUml(PLANTUML), expect: /User -> \+Shop: buy/, notice: /1 thing could not be carried over/ },
  ]) {
    it(`Convert to .seq on ${c.file} opens the .seq beside it, with no errors`, async () => {
      const wb = vscode().workbench;
      assert.match(c.imported.text, c.expect);
      // The workbench registers the extension's commands and languages together: once a .seq
      // file shows its language, the palette lists the commands (before, it never will).
      await wb.openFile('order.seq');
      await wb.waitForLanguageMode('Sequence Diagram');
      await wb.openFile(c.file);
      // Lifeline claims no language for these files: with no Mermaid or PlantUML extension, they are plain text.
      assert.equal(await wb.waitForLanguageMode('Plain Text'), 'Plain Text');
      await wb.runCommand('Lifeline: Convert to .seq');
      await waitForUntitled(wb, `the import of ${c.file}`, c.imported.text);
      assert.equal(await wb.waitForLanguageMode('Sequence Diagram'), 'Sequence Diagram');
      const messages = await waitFor(
        'the conversion notice',
        () => notificationMessages(wb),
        (ms) => ms.some((m) => m.startsWith(`Lifeline: ${c.file} converted`)),
      );
      assert.match(messages.find((m) => m.startsWith(`Lifeline: ${c.file} converted`)) ?? '', c.notice);
      await wb.runCommand('Notifications: Clear All Notifications');

      // The preview draws what the server analysed: the whole diagram and no error banner.
      await wb.runCommand('Lifeline: Open Preview to the Side');
      const shown = await new Preview(wb).waitFor(`the converted ${c.file}`, (s) => s.text === render(c.imported.text), 60_000);
      assert.equal(shown.bannerVisible, false, `the converted ${c.file} has no errors: ${shown.bannerText}`);
    });
  }

  it('Save As… in the notification saves the converted file beside its source and opens it', async () => {
    const wb = vscode().workbench;
    const expected = importMermaid(MERMAID).text;
    await wb.openFile('cart.mmd');
    await wb.runCommand('Lifeline: Convert to .seq');
    await waitForUntitled(wb, 'the import of cart.mmd', expected);
    await waitFor(
      'the conversion notice',
      () => notificationMessages(wb),
      (ms) => ms.some((m) => m.startsWith('Lifeline: cart.mmd converted')),
    );
    await wb.page
      .locator('.notifications-center .notification-list-item')
      .filter({ hasText: 'Lifeline: cart.mmd converted' })
      .getByRole('button', { name: 'Save As…' })
      .click();
    // The save dialog proposes cart.seq beside cart.mmd.
    await wb.acceptSaveDialog('cart.seq');
    const saved = await waitFor(
      'cart.seq on disk',
      async () => vscode().savedText('cart.seq'),
      (t) => t === expected,
    );
    assert.equal(saved, expected);
    const editor = await waitFor(
      'the saved file in the editor',
      () => activeEditorText(wb),
      (e) => e.uri.endsWith('/cart.seq'),
    );
    assert.ok(editor.uri.endsWith(`${vscode().workspaceDir}/cart.seq`), editor.uri);
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('Convert to .seq on a Mermaid file with a syntax error says where, and opens nothing', async () => {
    const wb = vscode().workbench;
    await wb.openFile('broken.mmd');
    const tabs = wb.page.locator('.tabs-container [role="tab"]');
    const before = await tabs.count();
    await wb.runCommand('Lifeline: Convert to .seq');
    const messages = await waitFor(
      'the error message',
      () => notificationMessages(wb),
      (ms) => ms.some((m) => m.startsWith('Lifeline: cannot convert broken.mmd')),
    );
    assert.ok(
      messages.includes('Lifeline: cannot convert broken.mmd: line 3, column 3: ' + importMermaid(BROKEN).errors[0].message),
      messages.join('\n'),
    );
    await wb.runCommand('Notifications: Clear All Notifications');
    assert.equal(await tabs.count(), before, 'no editor opened');
    assert.match((await activeEditorText(wb)).uri, /broken\.mmd$/);
  });

  for (const [command, exported] of [
    ['Lifeline: Export as Mermaid', exportMermaid(analyze(SEQ))],
    ['Lifeline: Export as PlantUML', exportPlantUml(analyze(SEQ))],
  ] as const) {
    it(`${command} on a .seq file opens the export beside it`, async () => {
      const wb = vscode().workbench;
      await wb.openFile('order.seq');
      await wb.runCommand(command);
      await waitForUntitled(wb, `the output of ${command}`, exported);
      // No Mermaid or PlantUML extension in this VS Code: the export is plain text.
      assert.equal(await wb.waitForLanguageMode('Plain Text'), 'Plain Text');
    });
  }

  it('the code action on a ```mermaid fence makes it a ```seq block', async () => {
    const wb = vscode().workbench;
    const conversion = seqFenceConversion(MARKDOWN, MARKDOWN.indexOf('Alice->>Bob'));
    assert.ok(conversion);
    const expected = MARKDOWN.slice(0, conversion.start) + conversion.newText + MARKDOWN.slice(conversion.end);
    assert.match(expected, /```seq\nparticipant Alice\nparticipant Bob\nAlice -> Bob: hello\n```\n/);

    await wb.openFile('design.md');
    await wb.goToLine(ALICE_LINE, 5);
    await wb.quickFix(ALICE_LINE, /Convert to a ```seq block/);
    await wb.press('Control+S');
    const saved = await waitFor(
      'design.md saved with the seq block',
      async () => vscode().savedText('design.md'),
      (t) => t === expected,
    );
    assert.equal(saved, expected);

    // The Markdown preview draws the new block as every ```seq block (the workbench has long
    // registered the Markdown extension's commands by now).
    await wb.runCommand('Markdown: Open Preview to the Side');
    const drawn = await waitFor(
      'the Markdown preview to draw the seq block',
      () => wb.webview().locator('pre.lifeline-diagram').allTextContents(),
      (texts) => texts.length === 1,
      60_000,
    );
    assert.equal(drawn[0].trimEnd(), render(conversion.result.text).trimEnd());
  });
});
