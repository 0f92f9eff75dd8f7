// The README's pictures: the editor with the live preview beside it, in a light and a dark
// theme, taken from the real VS Code (docs/images/preview-light.png, preview-dark.png).
// Each theme is its own VS Code, started with the theme set, so nothing depends on switching.
//
// Every run saves them under test-results/screenshots/; the committed copies in docs/images/
// are written when missing or with UPDATE_SCREENSHOTS=1 (so a test run leaves git clean).
//   UPDATE_SCREENSHOTS=1 node --import tsx --test test/e2e/screenshots.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, useVSCode, waitFor } from './harness/index.js';
import { isDark, openBesideItsPreview, saveReadmeScreenshot, SCREENSHOT_SETTINGS } from './harness/readmeShots.js';

const LOGIN = readFileSync(join(repoRoot(), 'examples', 'login.seq'), 'utf8');

for (const { theme, dark, file } of [
  { theme: 'Light Modern', dark: false, file: 'preview-light.png' },
  { theme: 'Dark Modern', dark: true, file: 'preview-dark.png' },
]) {
  describe(`the editor and the preview in ${theme}`, () => {
    const vscode = useVSCode({
      workspace: { 'login.seq': LOGIN },
      settings: { 'workbench.colorTheme': theme, ...SCREENSHOT_SETTINGS },
    });

    it(`saves docs/images/${file}`, async () => {
      const wb = vscode().workbench;
      const preview = await openBesideItsPreview(wb, 'login.seq', LOGIN);
      // A message line under the cursor: its row is highlighted in the picture.
      await wb.goToLine(28, 5);
      await preview.waitFor('a highlighted row', (s) => s.selectedLines.includes(27));
      const body = await waitFor(
        `the ${theme} colours in the preview`,
        () => preview.evaluate((b) => ({ cls: b.className, bg: getComputedStyle(b).backgroundColor })),
        (v) => v.cls.includes(dark ? 'vscode-dark' : 'vscode-light') && isDark(v.bg) === dark,
      );
      assert.equal(isDark(body.bg), dark);
      await saveReadmeScreenshot(wb, file);
    });
  });
}
