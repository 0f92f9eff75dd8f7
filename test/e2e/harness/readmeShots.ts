// The README's pictures of the editor beside its preview, shared by screenshots.test.ts (text)
// and previewPicture.test.ts (picture): the same window, the same steps, the same file rule.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze } from '../../../server/src/core/index.js';
import { renderDocument } from '../../../server/src/core/render/index.js';
import { Preview } from './lifeline.js';
import { repoRoot, resultsDir } from './paths.js';
import type { Workbench } from './workbench.js';

/** User settings for a picture that is the same on every run: no random title, no blinking cursor. */
export const SCREENSHOT_SETTINGS = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'window.title': '${activeEditorShort}${separator}Lifeline',
  'editor.cursorBlinking': 'solid',
} as const;

/**
 * A 1920×1080 window with no side bar, `file` in the editor and the preview beside it, its
 * diagram drawn as `lifeline render` draws `text`.
 */
export async function openBesideItsPreview(wb: Workbench, file: string, text: string): Promise<Preview> {
  const preview = new Preview(wb);
  await wb.page.setViewportSize({ width: 1920, height: 1080 });
  await wb.openFile(file);
  await wb.waitForLanguageMode('Sequence Diagram');
  // The editor and the preview get the width; the file icon still shows on the tabs.
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await wb.explorer().waitFor({ state: 'hidden' });
  await wb.runCommand('Lifeline: Open Preview to the Side');
  const expected = renderDocument(analyze(text).model, { charset: 'ascii' }).text;
  await preview.waitFor(`the diagram of ${file}`, (s) => s.text === expected, 60_000);
  return preview;
}

/**
 * Saves the window under test-results/screenshots/; the committed copy in docs/images/ is
 * written when missing or with UPDATE_SCREENSHOTS=1 (so a test run leaves git clean).
 */
export async function saveReadmeScreenshot(wb: Workbench, file: string): Promise<void> {
  const shots = join(resultsDir(), 'screenshots');
  mkdirSync(shots, { recursive: true });
  // No tooltip of the last control pressed.
  await wb.page.mouse.move(1, 1079);
  await wb.screenshot(join(shots, file));
  const committed = join(repoRoot(), 'docs', 'images', file);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed)) {
    mkdirSync(dirname(committed), { recursive: true });
    copyFileSync(join(shots, file), committed);
  }
}

/** True for a dark CSS colour `rgb(r, g, b)`. */
export function isDark(color: string): boolean {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) return false;
  const [r, g, b] = m.slice(1).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
