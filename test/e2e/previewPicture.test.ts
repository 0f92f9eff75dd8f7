// The preview's picture style in the real VS Code: the Text | Picture toggle, a click on the
// picture moving the editor's cursor to the statement drawn there, the cursor's row lit, the
// theme's colours (a theme change recolours the picture), Fit width, the Durations toggle, and
// Save as SVG writing the light standalone picture. It also takes the README's pictures of the
// picture preview (docs/images/preview-picture-{light,dark}.png, written when missing or with
// UPDATE_SCREENSHOTS=1, as screenshots.test.ts does).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { repoRoot, useVSCode, waitFor } from './harness/index.js';
import { cursorPosition, Preview } from './harness/lifeline.js';
import { isDark, openBesideItsPreview, saveReadmeScreenshot, SCREENSHOT_SETTINGS } from './harness/readmeShots.js';
import { CELL_HEIGHT, PADDING } from '../../client/src/preview/picture.js';

const LOGIN = readFileSync(join(repoRoot(), 'examples', 'login.seq'), 'utf8');
/** 1-based: `Auth -> UserDB: SELECT account WHERE email = ?`. */
const SELECT_LINE = LOGIN.split('\n').findIndex((l) => l.includes('Auth -> UserDB: SELECT account')) + 1;

describe('the picture preview', () => {
  const vscode = useVSCode({
    workspace: { 'login.seq': LOGIN },
    settings: { 'workbench.colorTheme': 'Light Modern', ...SCREENSHOT_SETTINGS },
  });

  /** What the picture shows: its labels, the colour of its first arrow, its size and the panel's. */
  const picture = (preview: Preview) =>
    preview.evaluate((body) => {
      const svg = body.querySelector<SVGSVGElement>('#picture svg');
      const arrow = svg?.querySelector('path.ll-msg');
      const content = body.querySelector('#content') as HTMLElement;
      const pad = getComputedStyle(content);
      return {
        style: body.dataset.style ?? '',
        text: svg?.textContent ?? '',
        stroke: arrow ? getComputedStyle(arrow).stroke : '',
        width: svg?.getBoundingClientRect().width ?? 0,
        natural: Number(svg?.getAttribute('viewBox')?.split(' ')[2] ?? 0),
        available: content.clientWidth - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight),
        lit: svg?.querySelectorAll('.ll-cursor rect').length ?? 0,
      };
    });

  it('switches to the picture with the toolbar toggle', async () => {
    const preview = await openBesideItsPreview(vscode().workbench, 'login.seq', LOGIN);
    await preview.clickToolbar('style');
    const shown = await waitFor(
      'the picture',
      () => picture(preview),
      (p) => p.style === 'picture' && p.text.includes('SELECT account'),
    );
    assert.match(shown.text, /check argon2 hash/);
    assert.equal(await preview.frame().locator('#style').getAttribute('aria-pressed'), 'true');
    assert.ok(await preview.frame().locator('#diagram').isHidden(), 'the text is hidden');
  });

  it('a click on a label of the picture moves the cursor to its line, and lights its row', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await preview.frame().locator('#picture text', { hasText: 'SELECT account' }).first().click();
    const at = await waitFor(
      'the cursor on the SELECT line',
      () => cursorPosition(wb),
      (p) => p.line === SELECT_LINE,
    );
    assert.equal(at.line, SELECT_LINE);
    await wb.goToLine(SELECT_LINE, 5);
    await waitFor(
      'a lit row in the picture',
      () => picture(preview),
      (p) => p.lit > 0,
    );
    await saveReadmeScreenshot(vscode().workbench, 'preview-picture-light.png');
  });

  it('takes its colours from the theme: a theme change recolours it', async () => {
    const preview = new Preview(vscode().workbench);
    const before = (await picture(preview)).stroke;
    assert.ok(before !== '' && isDark(before), `a dark stroke on the light theme: ${before}`);
    // The theme picker (Ctrl+K Ctrl+T, `workbench.action.selectTheme`), from the editor.
    const wb = vscode().workbench;
    await wb.runCommand('View: Focus First Editor Group');
    await wb.press('Control+K');
    await wb.press('Control+T');
    const quick = wb.quickInput();
    await quick.waitFor();
    await quick.locator('input').fill('Dark Modern');
    await quick
      .getByRole('option')
      .filter({ has: wb.page.locator('.label-name', { hasText: /^Dark Modern$/ }) })
      .first()
      .waitFor();
    await wb.press('Enter');
    await quick.waitFor({ state: 'hidden' });
    const after = await waitFor(
      'a light stroke on the dark theme',
      () => picture(preview),
      (p) => p.stroke !== '' && !isDark(p.stroke),
    );
    assert.notEqual(after.stroke, before);
    await saveReadmeScreenshot(vscode().workbench, 'preview-picture-dark.png');
  });

  it('fits the width', async () => {
    const preview = new Preview(vscode().workbench);
    await preview.clickToolbar('zoom-fit');
    const fitted = await waitFor(
      'the picture as wide as the panel',
      () => picture(preview),
      // Fit width rounds its zoom down to a percent: at most 1% of the picture narrower.
      (p) => p.width <= p.available + 0.5 && p.width >= Math.min(p.available, p.natural * 3) - p.natural * 0.01 - 1,
    );
    assert.ok(fitted.width > 0);
    assert.equal(await preview.frame().locator('#zoom-fit').getAttribute('aria-pressed'), 'true');
  });

  it('draws the durations margin in the picture and in the text', async () => {
    const preview = new Preview(vscode().workbench);
    await preview.clickToolbar('durations');
    await waitFor(
      'the critical path line in the picture',
      () => picture(preview),
      (p) => /critical path 325ms of 800ms/.test(p.text),
    );
    await preview.clickToolbar('style');
    const text = await preview.waitFor('the text with the margin', (s) => /critical path 325ms of 800ms/.test(s.text));
    assert.match(text.text, /\* 250ms/);
    await preview.clickToolbar('style');
    await waitFor(
      'the picture again',
      () => picture(preview),
      (p) => p.style === 'picture',
    );
  });

  it('works from the keyboard: ↓ and ↑ move a dashed band over the rows drawn from the source, Enter goes to its line', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    const state = () =>
      preview.evaluate((body) => {
        const band = body.querySelector('#picture .ll-focus rect');
        return {
          rows: band?.getAttribute('data-rows') ?? '',
          y: Number(band?.getAttribute('y')),
          dash: band ? getComputedStyle(band).strokeDasharray : '',
          active: body.ownerDocument.activeElement?.id ?? '',
          // The source line of each row drawn from the source (the hidden text keeps the map).
          mapped: Array.from(body.querySelectorAll<HTMLElement>('#diagram .row')).flatMap((r, row) =>
            r.dataset.line === undefined ? [] : [{ row, line: Number(r.dataset.line) }],
          ),
        };
      });
    await preview.frame().locator('#picture').focus();
    await wb.press('ArrowDown');
    const first = await waitFor('a focus band after ↓', state, (s) => s.rows !== '');
    assert.equal(first.active, 'picture');
    assert.notEqual(first.dash, 'none', 'the band is dashed');
    const at = first.mapped.findIndex((m) => `${m.row}-${m.row}` === first.rows);
    assert.ok(at >= 0 && at + 2 < first.mapped.length, `the band is on a row drawn from the source: ${first.rows}`);
    const next = first.mapped[at + 1];
    await wb.press('ArrowDown');
    const second = await waitFor('the band on the next such row', state, (s) => s.rows === `${next.row}-${next.row}`);
    assert.equal(second.y, PADDING + next.row * CELL_HEIGHT);
    await wb.press('ArrowUp');
    await waitFor('the band back after ↑', state, (s) => s.rows === first.rows);
    await wb.press('ArrowDown');
    await waitFor('the band on the next row again', state, (s) => s.rows === `${next.row}-${next.row}`);
    await wb.press('Enter');
    await waitFor(
      `the cursor on line ${next.line + 1}`,
      () => cursorPosition(wb),
      (p) => p.line === next.line + 1,
    );
    // The text keeps the same row: ↓ there moves on from it, drawn as the focused row.
    await preview.clickToolbar('style');
    await preview.frame().locator('#diagram').focus();
    await wb.press('ArrowDown');
    const after = first.mapped[at + 2];
    await waitFor(
      'the following row focused in the text',
      () =>
        preview.evaluate((body) => Array.from(body.querySelectorAll('#diagram .row')).findIndex((r) => r.classList.contains('focused'))),
      (row) => row === after.row,
    );
    await preview.clickToolbar('style');
  });

  it('breaks nothing in the page’s CSP: no violation on the console after all of the above', () => {
    const violations = vscode()
      .browserConsole()
      .filter((line) => /Content Security Policy/i.test(line));
    assert.deepEqual(violations, []);
  });

  it('Save as SVG writes the light standalone picture beside the file', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await preview.clickToolbar('save-svg');
    // The save dialog starts beside login.seq.
    await wb.acceptSaveDialog('login.svg');
    const svg = await waitFor(
      'the whole login.svg on disk',
      async () => vscode().savedText('login.svg'),
      (t) => t.trimEnd().endsWith('</svg>'),
    );
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`XML ${level}: ${message}`);
      },
    }).parseFromString(svg, 'image/svg+xml');
    assert.equal(doc.documentElement?.getAttribute('class'), 'lifeline-svg ll-light');
    const text = doc.documentElement?.textContent ?? '';
    for (const label of ['POST /login', 'SELECT account WHERE email = ?', 'check argon2 hash', 'critical path 325ms of 800ms'])
      assert.ok(text.includes(label), `the file holds "${label}"`);
    assert.doesNotMatch(svg, /var\(--vscode/);
  });
});
