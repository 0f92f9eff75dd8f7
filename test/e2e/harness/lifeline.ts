// Lifeline-specific steps over the harness: the preview webview as a user reads and clicks it,
// the editor's cursor as the status bar shows it, the user settings file, and the language
// server's process. Kept apart from workbench.ts (the generic harness) on purpose.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, JSHandle, Locator } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, waitFor } from './poll.js';
import type { VSCode } from './session.js';
import type { Workbench } from './workbench.js';

/** What the preview page shows right now (read in one round trip). */
export interface PreviewSnapshot {
  /** The diagram text, exactly as the `<pre>` holds it (one `\n` after every row). */
  text: string;
  /** The document version the diagram was drawn from (`data-version` on the page's body). */
  version: number;
  bannerVisible: boolean;
  bannerText: string;
  /** Source lines (0-based) of the rows highlighted for the editor's cursor. */
  selectedLines: number[];
  charset: string;
}

/** The Lifeline preview panel, read from inside its webview. */
export class Preview {
  constructor(readonly wb: Workbench) {}

  /** Opens `file` in the first editor group as a Sequence Diagram, and its preview beside it. */
  static async openBeside(wb: Workbench, file: string): Promise<Preview> {
    await wb.openInFirstGroup(file);
    await wb.waitForLanguageMode('Sequence Diagram');
    await wb.runCommand('Lifeline: Open Preview to the Side');
    return new Preview(wb);
  }

  /** The preview's document: the webview frame that holds the diagram. */
  frame(): FrameLocator {
    return this.wb.webview();
  }

  diagram(): Locator {
    return this.frame().locator('#diagram');
  }

  async snapshot(): Promise<PreviewSnapshot> {
    return this.frame()
      .locator('body')
      .evaluate((body) => {
        const banner = body.querySelector<HTMLElement>('#banner');
        const rows = Array.from(body.querySelectorAll<HTMLElement>('#diagram .row.selected'));
        return {
          text: body.querySelector('#diagram')?.textContent ?? '',
          version: Number(body.dataset.version ?? -1),
          bannerVisible: !!banner && !banner.hidden,
          bannerText: banner?.innerText ?? '',
          selectedLines: rows.map((r) => Number(r.dataset.line)).filter((n) => Number.isFinite(n)),
          charset: body.dataset.charset ?? '',
        };
      });
  }

  /** Waits until the preview shows something that satisfies `ok`. */
  waitFor(what: string, ok: (s: PreviewSnapshot) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PreviewSnapshot> {
    return waitFor(`the preview to show ${what}`, () => this.snapshot(), ok, timeoutMs);
  }

  /** Clicks a toolbar button by its id (`charset`, `copy`, `source`, `lock`, `zoom-in`, …). */
  async clickToolbar(id: string): Promise<void> {
    await this.frame().locator(`#${id}`).click();
  }

  /** Clicks the first diagram row drawn from this 0-based source line. */
  async clickRowOfLine(line: number): Promise<void> {
    await this.frame().locator(`#diagram .row[data-line="${line}"]`).first().click();
  }

  /** Like `evaluate`, but keeps what the function returns in the page and hands back a handle to it. */
  evaluateHandle<R, A>(fn: (body: HTMLElement, arg: A) => R, arg: A): Promise<JSHandle<R>> {
    return this.frame()
      .locator('body')
      .evaluateHandle(fn as (body: HTMLElement, arg: unknown) => R, arg) as Promise<JSHandle<R>>;
  }

  /** Runs a function inside the preview page (e.g. to read a global a payload would set), with an argument. */
  evaluate<R>(fn: (body: HTMLElement) => R): Promise<R>;
  evaluate<R, A>(fn: (body: HTMLElement, arg: A) => R, arg: A): Promise<R>;
  evaluate<R, A>(fn: (body: HTMLElement, arg: A) => R, arg?: A): Promise<R> {
    // Our arguments are plain data (no handles), so Playwright's unboxing leaves them as they are.
    return this.frame()
      .locator('body')
      .evaluate(fn as (body: HTMLElement, arg: unknown) => R, arg);
  }
}

/** The cursor as the status bar shows it ("Ln 12, Col 5"), 1-based. */
export async function cursorPosition(wb: Workbench): Promise<{ line: number; column: number }> {
  const text = await wb.page.locator('[id="status.editor.selection"]').innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  if (!m) throw new Error(`the status bar shows no cursor position: ${JSON.stringify(text)}`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

/**
 * The text of every row of the Problems panel, read in one go (the panel must be open). Unlike
 * reading row by row, this never waits on a row that vanished meanwhile (a problem just fixed).
 */
export async function problemRows(wb: Workbench): Promise<string[]> {
  return wb.page
    .locator('.markers-panel')
    .evaluate((panel) =>
      Array.from(panel.querySelectorAll<HTMLElement>('.monaco-list-row')).map((r) => r.innerText.replace(/\s+/g, ' ').trim()),
    );
}

/**
 * Every notification message, from the Notification Center (opened if needed). The headless
 * browser's window never has the focus, and VS Code then keeps notifications in the center
 * without showing toasts, so the toasts alone would miss them.
 */
export async function notificationMessages(wb: Workbench): Promise<string[]> {
  const center = wb.page.locator('.notifications-center');
  if (!(await center.isVisible())) await wb.runCommand('Notifications: Show Notifications');
  await center.waitFor();
  return (await center.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.trim());
}

/** Rewrites the user settings on disk (VS Code applies them live), keeping the harness's defaults. */
export function updateUserSettings(vscode: VSCode, changes: Record<string, unknown>): void {
  const file = join(vscode.server.userDataDir, 'User', 'settings.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...current, ...changes }, null, 2) + '\n');
}

/**
 * The process ids of the Lifeline language servers this code-server runs: members of its process
 * group whose command line runs this repository's dist/server.js. (Only processes the test
 * started: the group is the one the harness created.)
 */
export function languageServerPids(vscode: VSCode, serverModule: string): number[] {
  const pgid = vscode.server.pid;
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes(serverModule)) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/**
 * Runs "Markdown: Open Preview to the Side" for the active Markdown editor. The palette lists the
 * built-in Markdown commands once that extension's contributions are registered; a palette
 * opened before then never shows them, so it is reopened until it does.
 */
export async function openMarkdownPreview(wb: Workbench): Promise<void> {
  await waitFor(
    'the Markdown preview command to run',
    async () => {
      try {
        await wb.runCommand('Markdown: Open Preview to the Side');
        return true;
      } catch {
        await wb.press('Escape');
        return false;
      }
    },
    Boolean,
    120_000,
  );
}
