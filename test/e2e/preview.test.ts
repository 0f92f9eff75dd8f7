// The live preview in the real VS Code (issue 5, scenarios 3–6 and 8, and the screenshots):
// it draws exactly what `lifeline render` draws, follows every keystroke, keeps the last good
// diagram on errors, syncs with the editor through the source map, and survives a reload.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { repoRoot, resultsDir, useVSCode, waitFor } from './harness/index.js';
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

/** Percentile of sorted numbers (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

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

  /** Opens a file in the first editor group (where the source editors live in these scenarios). */
  async function openSource(name: string): Promise<void> {
    const wb = vscode().workbench;
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile(name);
  }

  it('3. Open Preview to the Side draws exactly what `lifeline render` prints', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.openFile('checkout-design.seq');
    await wb.waitForLanguageMode('Sequence Diagram');
    await wb.runCommand('Lifeline: Open Preview to the Side');

    const text = example('checkout-design.seq');
    const ascii = render(text);
    assert.ok(ascii.split('\n').length > 40, 'the example draws a real diagram');
    const shown = await preview.waitFor('the ASCII drawing of checkout-design.seq', (s) => s.text === ascii, 60_000);
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
    await openSource('shop.seq');
    // The unlocked preview follows the active .seq editor.
    await preview.waitFor('shop.seq', (s) => s.text === render(SHOP));

    await wb.press('Control+End');
    await wb.type('User -> Shop: ');
    await wb.press('Escape');
    const prefix = `${SHOP}User -> Shop: `;
    await preview.waitFor('the new, unlabelled message', (s) => s.text === render(prefix));

    // Timestamps inside the pages: every keydown in the workbench, every change of the diagram in
    // the webview (and the frame after it, when it is painted). Both clocks are epoch-based.
    await wb.page.evaluate(() => {
      const w = window as unknown as { __lifelineKeys: { key: string; t: number }[] };
      w.__lifelineKeys = [];
      window.addEventListener('keydown', (e) => w.__lifelineKeys.push({ key: e.key, t: performance.timeOrigin + performance.now() }), true);
    });
    await preview.evaluate((body) => {
      const w = window as unknown as { __lifelineChanges: { t: number; painted?: number; text: string }[] };
      w.__lifelineChanges = [];
      const pre = body.querySelector('#diagram') as HTMLElement;
      new MutationObserver(() => {
        const entry: { t: number; painted?: number; text: string } = { t: performance.timeOrigin + performance.now(), text: pre.textContent ?? '' };
        w.__lifelineChanges.push(entry);
        requestAnimationFrame(() => (entry.painted = performance.timeOrigin + performance.now()));
      }).observe(pre, { childList: true, subtree: true, characterData: true });
    });

    const label = 'ZQXJKVWYPGBFMHLCDNRT'; // 20 distinct letters: each keystroke is one edit
    const samples: { key: string; ms: number; paintedMs?: number }[] = [];
    for (let i = 0; i < label.length; i++) {
      const key = label[i];
      const expected = render(prefix + label.slice(0, i + 1));
      await wb.type(key);
      await preview.waitFor(`the label "${label.slice(0, i + 1)}"`, (s) => s.text === expected);
      const keyAt = await wb.page.evaluate(
        (k) => (window as unknown as { __lifelineKeys: { key: string; t: number }[] }).__lifelineKeys.filter((e) => e.key === k).at(-1)?.t,
        key,
      );
      const shownAt = await waitFor(
        'the painted frame',
        () =>
          preview.evaluate((_body) => {
            const changes = (window as unknown as { __lifelineChanges: { t: number; painted?: number; text: string }[] }).__lifelineChanges;
            return changes.map((c) => ({ t: c.t, painted: c.painted, text: c.text }));
          }),
        (cs) => cs.some((c) => c.text === expected && c.painted !== undefined),
      );
      const change = shownAt.find((c) => c.text === expected);
      assert.ok(keyAt !== undefined && change, `timestamps for keystroke ${i + 1}`);
      samples.push({ key, ms: change.t - keyAt, paintedMs: change.painted !== undefined ? change.painted - keyAt : undefined });
    }
    assert.equal(samples.length, 20);
    // Never blank while typing: every state the diagram went through still had the whole header.
    const states = await preview.evaluate(() =>
      (window as unknown as { __lifelineChanges: { text: string }[] }).__lifelineChanges.map((c) => c.text),
    );
    assert.ok(states.length >= 20, `${states.length} changes seen`);
    for (const text of states) assert.match(text, /\[User\] +\[Web Shop\] +\[Orders DB\]/, 'the preview never went blank');
    const dom = samples.map((s) => s.ms).sort((a, b) => a - b);
    const painted = samples.map((s) => s.paintedMs ?? NaN).filter(Number.isFinite).sort((a, b) => a - b);
    const report = {
      measured: 'keydown in the workbench page -> diagram DOM updated inside the preview webview (and the next animation frame)',
      edits: samples.length,
      p50Ms: round(percentile(dom, 50)),
      p95Ms: round(percentile(dom, 95)),
      paintedP50Ms: round(percentile(painted, 50)),
      paintedP95Ms: round(percentile(painted, 95)),
      minMs: round(dom[0]),
      maxMs: round(dom[dom.length - 1]),
      samples: samples.map((s) => ({ key: s.key, ms: round(s.ms), paintedMs: s.paintedMs === undefined ? null : round(s.paintedMs) })),
      when: new Date().toISOString(),
    };
    mkdirSync(resultsDir(), { recursive: true });
    writeFileSync(join(resultsDir(), 'preview-latency.json'), JSON.stringify(report, null, 2) + '\n');
    const line = `keystroke -> preview over ${report.edits} edits: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms (painted: p50 ${report.paintedP50Ms} ms, p95 ${report.paintedP95Ms} ms)`;
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
    await waitFor('the cursor on the alt line', () => cursorPosition(wb), (p) => p.line === altLine);

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
    await waitFor('the cursor on "Shop -> DB: store order"', () => cursorPosition(wb), (p) => p.line === store + 1);
    // The click's own line is highlighted (the editor's selection came back to the preview).
    await preview.waitFor('the store row highlighted', (s) => s.selectedLines.length > 0 && s.selectedLines.every((l) => l === store));

    await wb.goToLine(receipt + 1, 5);
    const s = await preview.waitFor('the receipt row highlighted', (x) => x.selectedLines.length > 0 && x.selectedLines.every((l) => l === receipt));
    assert.deepEqual([...new Set(s.selectedLines)], [receipt]);
  });

  it('8. comes back after the window reloads', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.press('Control+S'); // nothing unsaved: the reload neither prompts nor restores a backup
    const before = await preview.waitFor('a drawing to restore', (s) => s.text.length > 0);
    await wb.open(); // loads the workbench again: a window reload
    const after = await preview.waitFor('the restored preview', (s) => s.text === before.text, 90_000);
    assert.equal(after.text, before.text);
    assert.equal(await wb.page.locator('.tab', { hasText: 'Preview shop.seq' }).count(), 1);
  });
});

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
