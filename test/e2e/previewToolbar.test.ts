// The preview's controls in the real VS Code: the keybindings and the editor-title button that
// open it, locking, go to source, copy, zoom, the keyboard-driven toolbar, the text alternative
// for screen readers, and the commands Copy Diagram and Export Design Document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { useVSCode, waitFor } from './harness/index.js';
import { Preview } from './harness/lifeline.js';

const render = (text: string, charset: 'ascii' | 'unicode' = 'ascii') => renderDocument(analyze(text).model, { charset }).text;

const ORDER = ['title Orders', 'actor User', 'system Shop', '', 'User -> Shop: order', 'Shop --> User: confirmation', ''].join('\n');
const STOCK = ['system Shop', 'database Stock', '', 'Shop -> Stock: reserve', 'Stock --> Shop: reserved', ''].join('\n');

describe('the preview toolbar and commands', () => {
  const vscode = useVSCode({
    workspace: { 'order.seq': ORDER, 'stock.seq': STOCK },
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });

  /** What the clipboard of the browser holds. */
  async function clipboard(): Promise<string> {
    return vscode().workbench.page.evaluate(() => navigator.clipboard.readText());
  }

  it('opens beside the editor with Ctrl+K V, and the file icon shows on the source tab', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await vscode().browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: vscode().server.origin });
    await wb.openFile('order.seq');
    await wb.waitForLanguageMode('Sequence Diagram');
    await wb.press('Control+K');
    await wb.press('V');
    await preview.waitFor('the order diagram', (s) => s.text === render(ORDER), 60_000);
    assert.equal(await wb.page.locator('.tab', { hasText: 'Preview order.seq' }).count(), 1);
    // The language's icon (media/seq-*.svg) on the source's tab.
    const icon = await wb.page
      .locator('.tab[data-resource-name="order.seq"] .monaco-icon-label')
      .first()
      .evaluate((el) => getComputedStyle(el, '::before').backgroundImage);
    assert.match(decodeURIComponent(icon), /media\/seq-(light|dark)\.svg/);
  });

  it('has a text alternative: the drawn statements as a list a screen reader reads', async () => {
    const preview = new Preview(vscode().workbench);
    const a11y = await preview.evaluate((body) => {
      const pre = body.querySelector('#diagram') as HTMLElement;
      return {
        role: pre.getAttribute('role'),
        label: pre.getAttribute('aria-label') ?? '',
        describedBy: pre.getAttribute('aria-describedby'),
        steps: Array.from(body.querySelectorAll('#steps li')).map((li) => li.textContent ?? ''),
        toolbar: body.querySelector('[role="toolbar"]')?.getAttribute('aria-label'),
      };
    });
    assert.equal(a11y.role, 'img');
    assert.match(a11y.label, /Sequence diagram of order\.seq: 2 steps/);
    assert.equal(a11y.describedBy, 'steps');
    assert.deepEqual(a11y.steps, ['User -> Shop: order', 'Shop --> User: confirmation']);
    assert.equal(a11y.toolbar, 'Diagram preview');
  });

  it('works from the keyboard: arrows move along the toolbar, Enter presses a button', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    const focused = () => preview.evaluate((body) => body.ownerDocument.activeElement?.id ?? '');
    await preview.frame().locator('#charset').focus();
    await wb.press('ArrowRight');
    assert.equal(await waitFor('focus on durations', focused, (id) => id === 'durations'), 'durations');
    await wb.press('End');
    assert.equal(await waitFor('focus on lock', focused, (id) => id === 'lock'), 'lock');
    await wb.press('ArrowRight'); // wraps around
    await waitFor('focus back on the first control', focused, (id) => id === 'style');
    await wb.press('ArrowRight');
    await waitFor('focus on the charset', focused, (id) => id === 'charset');
    await wb.press('Enter');
    await preview.waitFor('the Unicode drawing', (s) => s.text === render(ORDER, 'unicode'));
    await wb.press('Space');
    await preview.waitFor('the ASCII drawing', (s) => s.text === render(ORDER));
  });

  it('zooms per panel', async () => {
    const preview = new Preview(vscode().workbench);
    const size = () => preview.evaluate((body) => parseFloat(getComputedStyle(body.querySelector('#diagram') as HTMLElement).fontSize));
    const before = await size();
    await preview.clickToolbar('zoom-in');
    await preview.clickToolbar('zoom-in');
    await waitFor(
      '120%',
      () => preview.frame().locator('#zoom-reset').textContent(),
      (t) => t === '120%',
    );
    const bigger = await size();
    assert.ok(Math.abs(bigger - before * 1.2) < 0.5, `${before}px -> ${bigger}px`);
    await preview.clickToolbar('zoom-reset');
    await waitFor('the original size', size, (s) => Math.abs(s - before) < 0.01);
  });

  it('copies the diagram as text', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await preview.clickToolbar('copy');
    assert.equal(await waitFor('the diagram on the clipboard', clipboard, (t) => t === render(ORDER)), render(ORDER));
  });

  it('stays on its file when locked, and follows the active editor again when unlocked', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await preview.clickToolbar('lock');
    await wb.page.locator('.tab', { hasText: '[Preview] order.seq' }).waitFor();
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile('stock.seq');
    await waitFor(
      'the lock button pressed',
      () => preview.frame().locator('#lock').getAttribute('aria-pressed'),
      (v) => v === 'true',
    );
    assert.equal((await preview.snapshot()).text, render(ORDER), 'the locked preview still shows order.seq');

    await preview.clickToolbar('lock'); // unlock: catches up with the active editor
    await preview.waitFor('stock.seq', (s) => s.text === render(STOCK));
    await wb.page.locator('.tab', { hasText: 'Preview stock.seq' }).waitFor();
  });

  it('goes to the source from the toolbar', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile('order.seq'); // stock.seq stays open in the group, behind it
    await preview.waitFor('order.seq', (s) => s.text === render(ORDER));
    await wb.page.locator('.tab', { hasText: 'stock.seq' }).first().click();
    await preview.waitFor('stock.seq', (s) => s.text === render(STOCK));
    await preview.clickToolbar('source');
    await wb.activeTab('stock.seq').waitFor();
    assert.equal(await wb.languageMode(), 'Sequence Diagram');
  });

  it('Copy Diagram copies the active file drawn in the configured charset', async () => {
    const wb = vscode().workbench;
    await wb.runCommand('Lifeline: Copy Diagram');
    assert.equal(await waitFor('stock.seq on the clipboard', clipboard, (t) => t === render(STOCK)), render(STOCK));
  });

  it('Export Design Document opens the filled-in template beside the source, as Markdown', async () => {
    const wb = vscode().workbench;
    await wb.openFile('order.seq');
    await wb.runCommand('Lifeline: Export Design Document');
    await wb.waitForLanguageMode('Markdown');
    const text = await waitFor(
      'the exported document',
      () => wb.activeEditor().locator('.view-lines').innerText(),
      (t) => /^# Orders/m.test(t.replace(/\u00a0/g, ' ')),
    );
    assert.match(text.replace(/\u00a0/g, ' '), /^# Orders/m);
    assert.match(await wb.activeTab().innerText(), /Untitled/);
  });
});
