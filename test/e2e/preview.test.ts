// The live preview in the real VS Code (issue 5, scenarios 3–6 and 8, and the screenshots):
// it draws exactly what `lifeline render` draws, follows every keystroke, keeps the last good
// diagram on errors, syncs with the editor through the source map, and survives a reload.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { repoRoot, resultsDir, useVSCode, waitFor } from './harness/index.js';
import {
  KeystrokeProbe,
  loadAverage,
  sampleRecords,
  summarize,
  summarizeShares,
  summarizeStages,
  type KeystrokeSample,
} from './harness/keystrokes.js';
import { cursorPosition, Preview } from './harness/lifeline.js';

/** What `lifeline render FILE [--charset …]` prints for this text. */
function render(text: string, charset: 'ascii' | 'unicode' = 'ascii'): string {
  return renderDocument(analyze(text).model, { charset }).text;
}

const example = (name: string) => readFileSync(join(repoRoot(), 'examples', name), 'utf8');

const SHOP = [
  'title Shop',
  'actor User',
  'system Shop "Web Shop"',
  'database DB "Orders DB"',
  '',
  'User -> Shop: buy',
  'Shop -> DB: store order',
  'DB --> Shop: ok',
  'Shop --> User: receipt',
  '',
].join('\n');

describe('the live preview', () => {
  const vscode = useVSCode({
    workspace: {
      'checkout-design.seq': example('checkout-design.seq'),
      'login.seq': example('login.seq'),
      'shop.seq': SHOP,
    },
    // Room for the editor and the preview side by side.
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.minimap.enabled': false },
  });

  it('3. Open Preview to the Side draws exactly what `lifeline render` prints', async () => {
    const wb = vscode().workbench;
    const preview = await Preview.openBeside(wb, 'checkout-design.seq');

    const text = example('checkout-design.seq');
    const ascii = render(text);
    assert.ok(ascii.split('\n').length > 40, 'the example draws a real diagram');
    const shown = await preview.waitFor(
      'the ASCII drawing of checkout-design.seq, no banner',
      (s) => s.text === ascii && !s.bannerVisible,
      60_000,
    );
    assert.equal(shown.text, ascii);
    assert.equal(shown.bannerVisible, false, 'a valid file shows no banner');

    // The toolbar's charset toggle redraws in Unicode, again exactly as the CLI would.
    await preview.clickToolbar('charset');
    const unicode = render(text, 'unicode');
    await preview.waitFor('the Unicode drawing', (s) => s.text === unicode && s.charset === 'unicode');
    await preview.clickToolbar('charset');
    await preview.waitFor('the ASCII drawing again', (s) => s.text === ascii && s.charset === 'ascii');

    // The sequence picker shows one sequence alone.
    const picker = preview.frame().locator('#sequence');
    await picker.selectOption({ label: 'Place the order' });
    const one = renderDocument(analyze(text).model, { charset: 'ascii', sequence: 'Place the order' }).text;
    await preview.waitFor('only "Place the order"', (s) => s.text === one);
    await picker.selectOption({ label: 'All sequences' });
    await preview.waitFor('all sequences stacked', (s) => s.text === ascii);
  });

  it('4. follows typing character by character (keystroke → preview latency, measured in the pages)', async (t) => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.openInFirstGroup('shop.seq');
    // The unlocked preview follows the active .seq editor.
    await preview.waitFor('shop.seq', (s) => s.text === render(SHOP));

    await wb.press('Control+End');
    await wb.type('User -> Shop: ');
    await wb.press('Escape');
    const prefix = `${SHOP}User -> Shop: `;
    await preview.waitFor('the new, unlabelled message', (s) => s.text === render(prefix));

    // Timestamps inside the pages (harness/keystrokes.ts): each keydown in the workbench, each
    // change of the diagram in the webview and the frame painted after it. A small file: the probe
    // also keeps every text the diagram went through.
    const probe = await KeystrokeProbe.install(wb, preview, { keepText: true });
    let version = await probe.version();
    const label = 'ZQXJKVWYPGBFMHLCDNRT'; // 20 distinct letters: each keystroke is one edit
    const samples: KeystrokeSample[] = [];
    for (let i = 0; i < label.length; i++) {
      const expected = render(prefix + label.slice(0, i + 1));
      samples.push(await probe.type(label[i], ++version));
      assert.equal(await probe.text(), expected, `the label "${label.slice(0, i + 1)}"`);
    }
    assert.equal(samples.length, 20);
    // Never blank while typing: every state the diagram went through still had the whole header.
    const states = await probe.texts();
    assert.ok(states.length >= 20, `${states.length} changes seen`);
    for (const text of states) assert.match(text, /\[User\] +\[Web Shop\] +\[Orders DB\]/, 'the preview never went blank');
    await probe.addStages(samples);
    // The budget's figure is the 1,000-message file's (previewLatency.test.ts); this is the small one's.
    const report = {
      measured:
        "keydown in the workbench page -> the preview's diagram DOM showing that edit inside the webview (and the next painted frame)",
      messages: 5,
      document: { file: 'shop.seq', messages: 5, lines: prefix.split('\n').length, bytes: Buffer.byteLength(prefix) + label.length },
      ...summarize(samples),
      stages: summarizeStages(samples),
      shares: summarizeShares(samples),
      machine: { cpus: cpus().length, loadAverage: loadAverage() },
      samples: sampleRecords(samples),
      when: new Date().toISOString(),
    };
    mkdirSync(resultsDir(), { recursive: true });
    writeFileSync(join(resultsDir(), 'preview-latency-small.json'), JSON.stringify(report, null, 2) + '\n');
    const line = `keystroke -> preview on a small file over ${report.edits} edits: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms (painted: p50 ${report.paintedP50Ms} ms, p95 ${report.paintedP95Ms} ms)`;
    console.log(`# ${line}`);
    t.diagnostic(line);
  });

  it('5. keeps the last good diagram with a banner while the file is broken, and clears it when fixed', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    const good = await preview.snapshot();
    assert.equal(good.bannerVisible, false);

    // An unclosed `alt` at the end of the file.
    await wb.press('Control+End');
    await wb.press('Enter');
    await wb.type('alt broken');
    await wb.press('Escape');
    const broken = await preview.waitFor('the banner', (s) => s.bannerVisible && s.bannerText.includes('unclosed-block'));
    assert.equal(broken.text, good.text, 'the last good diagram stays while the file has errors');

    // Clicking the problem jumps to its line.
    const altLine = SHOP.split('\n').length + 1; // 1-based: the message line typed before, then the alt
    await wb.press('Control+Home');
    await preview.frame().locator('#banner .problem').first().click();
    await waitFor(
      'the cursor on the alt line',
      () => cursorPosition(wb),
      (p) => p.line === altLine,
    );

    // Close it: the banner goes and the diagram shows the (empty) alt frame.
    await wb.press('End');
    await wb.press('Enter');
    await wb.type('end');
    await wb.press('Escape');
    const closed = render(`${SHOP}User -> Shop: ZQXJKVWYPGBFMHLCDNRT\nalt broken\nend`);
    const fixed = await preview.waitFor('no banner and the alt frame', (s) => !s.bannerVisible && s.text === closed);
    assert.match(fixed.text, /\[alt broken\]/);
  });

  it('6. a click on a row moves the cursor to its source line; moving the cursor highlights its rows', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    const lines = SHOP.split('\n');
    const store = lines.indexOf('Shop -> DB: store order'); // 0-based
    const receipt = lines.indexOf('Shop --> User: receipt');

    await preview.clickRowOfLine(store);
    await waitFor(
      'the cursor on "Shop -> DB: store order"',
      () => cursorPosition(wb),
      (p) => p.line === store + 1,
    );
    // The click's own line is highlighted (the editor's selection came back to the preview).
    await preview.waitFor('the store row highlighted', (s) => s.selectedLines.length > 0 && s.selectedLines.every((l) => l === store));

    await wb.goToLine(receipt + 1, 5);
    const s = await preview.waitFor(
      'the receipt row highlighted',
      (x) => x.selectedLines.length > 0 && x.selectedLines.every((l) => l === receipt),
    );
    assert.deepEqual([...new Set(s.selectedLines)], [receipt]);

    // Typing on that line keeps its rows lit: the page is not told of the cursor again (its line
    // did not change) and lights the line it knows in the drawing the edit brings.
    await wb.press('End');
    await wb.type('!');
    const typed = await preview.waitFor(
      'the edited receipt row, still highlighted',
      (x) => x.text.includes('receipt!') && x.selectedLines.length > 0 && x.selectedLines.every((l) => l === receipt),
    );
    assert.deepEqual([...new Set(typed.selectedLines)], [receipt]);
    await wb.press('Backspace');
    await preview.waitFor(
      'the receipt row as before, still highlighted',
      (x) => !x.text.includes('receipt!') && x.selectedLines.length > 0 && x.selectedLines.every((l) => l === receipt),
    );
  });

  it('8. comes back after the window reloads', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.press('Control+S'); // nothing unsaved: the reload neither prompts nor restores a backup
    // Saved when the tab is no longer dirty: reloading before that drew the file as on disk.
    await waitFor(
      'shop.seq saved',
      () => wb.page.locator('.tab.dirty').count(),
      (dirty) => dirty === 0,
    );
    const before = await preview.waitFor('a drawing to restore', (s) => s.text.length > 0);
    await wb.open(); // loads the workbench again: a window reload
    const after = await preview.waitFor('the restored preview', (s) => s.text === before.text, 90_000);
    assert.equal(after.text, before.text);
    assert.equal(await wb.page.locator('.tab', { hasText: 'Preview shop.seq' }).count(), 1);
  });
});
