// Language features as a user meets them in the editor: the hover (Ctrl+K Ctrl+I), go to
// definition (F12), the completion list (Ctrl+Space) and the Outline view. Each reads what VS
// Code shows, never the server's answer directly.
import { waitFor } from './poll.js';
import type { Workbench } from './workbench.js';

/** The hover at a 1-based line and column, as its text reads, once it contains `expect`. Closed afterwards. */
export async function hoverAt(wb: Workbench, line: number, column: number, expect: RegExp): Promise<string> {
  await wb.goToLine(line, column);
  await wb.press('Control+K');
  await wb.press('Control+I');
  const hover = wb.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
  const text = await waitFor(
    `the hover at ${line}:${column} to show ${expect}`,
    async () => ((await hover.count()) ? (await hover.first().innerText()).trim() : ''),
    (t) => expect.test(t),
  );
  await wb.press('Escape');
  await hover.first().waitFor({ state: 'hidden' });
  return text;
}

/** F12 at a 1-based line and column of the active editor. */
export async function goToDefinition(wb: Workbench, line: number, column: number): Promise<void> {
  await wb.goToLine(line, column);
  await wb.press('F12');
}

/** The labels of the completion list at the cursor (Ctrl+Space), once `ok` accepts them. Closed afterwards. */
export async function completionLabels(wb: Workbench, what: string, ok: (labels: string[]) => boolean): Promise<string[]> {
  await wb.press('Control+Space');
  const suggest = wb.page.locator('.editor-widget.suggest-widget');
  const labels = await waitFor(
    `the completion list to offer ${what}`,
    () => suggest.locator('.monaco-list-row .label-name').allInnerTexts(),
    ok,
  );
  await wb.press('Escape');
  await suggest.waitFor({ state: 'hidden' });
  return labels;
}

/** One row of the Outline view: its depth (1 for the top level) and its name. */
export interface OutlineRow {
  level: number;
  label: string;
}

/** The Outline view's rows (opened and focused), once `ok` accepts them. */
export async function outlineRows(wb: Workbench, what: string, ok: (rows: OutlineRow[]) => boolean): Promise<OutlineRow[]> {
  await wb.runCommand('Explorer: Focus on Outline View');
  const pane = wb.page.locator('.outline-pane');
  await pane.waitFor();
  return waitFor(
    `the Outline to show ${what}`,
    () =>
      pane.evaluate((el) =>
        Array.from(el.querySelectorAll<HTMLElement>('.monaco-list-row')).map((row) => ({
          level: Number(row.getAttribute('aria-level')),
          label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
        })),
      ),
    ok,
  );
}
