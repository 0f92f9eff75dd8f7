// The README's pictures: the editor with the live preview beside it, in a light and a dark
// theme, taken from the real VS Code (docs/images/preview-light.png, preview-dark.png).
// Each theme is its own VS Code, started with the theme set, so nothing depends on switching.
//
// Every run saves them under test-results/screenshots/; the committed copies in docs/images/
// are written when missing or with UPDATE_SCREENSHOTS=1 (so a test run leaves git clean).
//   UPDATE_SCREENSHOTS=1 node --import tsx --test test/e2e/screenshots.test.ts
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { repoRoot, resultsDir, useVSCode, waitFor } from './harness/index.js';
import { Preview } from './harness/lifeline.js';

const LOGIN = readFileSync(join(repoRoot(), 'examples', 'login.seq'), 'utf8');

for (const { theme, dark, file } of [
  { theme: 'Light Modern', dark: false, file: 'preview-light.png' },
  { theme: 'Dark Modern', dark: true, file: 'preview-dark.png' },
]) {
  describe(`the editor and the preview in ${theme}`, () => {
    const vscode = useVSCode({
      workspace: { 'login.seq': LOGIN },
      settings: {
        'workbench.colorTheme': theme,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.minimap.enabled': false,
        // Same picture on every run: no random workspace name in the title, no blinking cursor.
        'window.title': '${activeEditorShort}${separator}Lifeline',
        'editor.cursorBlinking': 'solid',
      },
    });

    it(`saves docs/images/${file}`, async () => {
      const wb = vscode().workbench;
      const preview = new Preview(wb);
      await wb.page.setViewportSize({ width: 1920, height: 1080 });
      await wb.openFile('login.seq');
      await wb.waitForLanguageMode('Sequence Diagram');
      // The editor and the preview get the width; the file icon still shows on the tabs.
      await wb.runCommand('View: Toggle Primary Side Bar Visibility');
      await wb.explorer().waitFor({ state: 'hidden' });
      await wb.runCommand('Lifeline: Open Preview to the Side');
      const expected = renderDocument(analyze(LOGIN).model, { charset: 'ascii' }).text;
      await preview.waitFor('the login diagram', (s) => s.text === expected, 60_000);
      // A message line under the cursor: its row is highlighted in the picture.
      await wb.goToLine(28, 5);
      await preview.waitFor('a highlighted row', (s) => s.selectedLines.includes(27));
      const body = await waitFor(
        `the ${theme} colours in the preview`,
        () => preview.evaluate((b) => ({ cls: b.className, bg: getComputedStyle(b).backgroundColor })),
        (v) => v.cls.includes(dark ? 'vscode-dark' : 'vscode-light') && isDark(v.bg) === dark,
      );
      assert.equal(isDark(body.bg), dark);
      const shots = join(resultsDir(), 'screenshots');
      mkdirSync(shots, { recursive: true });
      await wb.screenshot(join(shots, file));
      const committed = join(repoRoot(), 'docs', 'images', file);
      if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed)) {
        mkdirSync(dirname(committed), { recursive: true });
        copyFileSync(join(shots, file), committed);
      }
    });
  });
}

/** True for a dark CSS colour `rgb(r, g, b)`. */
function isDark(color: string): boolean {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) return false;
  const [r, g, b] = m.slice(1).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
