// The VS Code workbench as a user sees it: every method is one thing a user does or reads.
// Locators follow what VS Code renders (ARIA roles and labels first, its stable ids and
// classes where there is no role).
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, waitFor } from './poll.js';

export interface Problem {
  severity: 'error' | 'warning' | 'info' | 'hint' | 'unknown';
  message: string;
  /** The marker's source and code as VS Code shows them, e.g. "lifeline(syntax)". */
  source: string;
  /** 1-based, as shown. */
  line: number;
  column: number;
  /** The file the problem belongs to (its file row in the Problems tree). */
  file: string;
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  /** Loads the workbench and waits until the Explorer lists the workspace folder. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: DEFAULT_TIMEOUT_MS * 2 });
    await this.explorer().getByRole('treeitem').first().waitFor({ timeout: DEFAULT_TIMEOUT_MS * 2 });
  }

  /** The window title (shows "[Extension Development Host]" when an extension is under development). */
  title(): Promise<string> {
    return this.page.title();
  }

  // --- Explorer and editors --------------------------------------------------------------------

  explorer(): Locator {
    return this.page.locator('.explorer-folders-view');
  }

  /**
   * Opens a workspace file the way a user does: expands its folders in the Explorer and
   * double-clicks it (a pinned editor). Waits until its tab is the active one.
   */
  async openFile(relativePath: string): Promise<void> {
    const parts = relativePath.split('/');
    const name = parts.pop() as string;
    for (const folder of parts) {
      const item = this.explorer().getByRole('treeitem', { name: folder, exact: true });
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
      await waitFor(`folder ${folder} to expand`, () => item.getAttribute('aria-expanded'), (v) => v === 'true');
    }
    await this.explorer().getByRole('treeitem', { name, exact: true }).dblclick();
    await this.activeTab(name).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** The active editor tab of the active group (with this file name, if given). */
  activeTab(name?: string): Locator {
    const tab = '.editor-group-container.active .tabs-container [role="tab"].active';
    return this.page.locator(name ? `${tab}[data-resource-name=${JSON.stringify(name)}]` : tab);
  }

  /** The text editor of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  /** Types into the focused editor, one key at a time (as a user types). */
  async type(text: string, options: { delayMs?: number } = {}): Promise<void> {
    await this.page.keyboard.type(text, { delay: options.delayMs });
  }

  /** Presses a key or chord, e.g. "Enter", "Control+S", "F2". */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Moves the cursor to a 1-based line and column with "Go to Line/Column" (Ctrl+G). */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.activeEditor().click({ position: { x: 5, y: 5 } });
    await this.press('Control+G');
    const input = this.quickInput().locator('input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  // --- Command palette ---------------------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Runs a command from the command palette (F1) by its label as shown there, e.g.
   * "View: Toggle Problems" or "Lifeline: Open Preview to the Side".
   */
  async runCommand(label: string): Promise<void> {
    const input = this.quickInput().locator('input');
    if (!(await this.quickInput().isVisible())) {
      // F1 needs the focus inside the workbench; an editor or the explorer has it after openFile.
      await this.press('F1');
    }
    await input.waitFor();
    await input.fill(`>${label}`);
    const row = this.quickInput()
      .getByRole('option')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    await row.waitFor();
    await row.click();
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  // --- Status bar --------------------------------------------------------------------------------

  /** The status bar item VS Code shows for the active editor's language ("Plain Text", …). */
  async languageMode(): Promise<string> {
    return (await this.page.locator('[id="status.editor.mode"]').innerText()).trim();
  }

  /** Waits until the status bar shows this language mode (an extension's languages register after load). */
  waitForLanguageMode(name: string, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<string> {
    return waitFor(`language mode "${name}" in the status bar`, () => this.languageMode(), (m) => m === name, timeoutMs);
  }

  // --- Running Extensions ----------------------------------------------------------------------------

  /**
   * What "Developer: Show Running Extensions" says of an extension (by its package.json `name`):
   * "Activation: 12ms" once activated, "Activating..." before (and forever when activate() threw).
   * Returns undefined while the extension is not listed.
   */
  async runningExtensionStatus(name: string): Promise<string | undefined> {
    const editor = this.page.locator('.runtime-extensions-editor');
    if (!(await editor.isVisible())) await this.runCommand('Developer: Show Running Extensions');
    const rows = editor.locator('.monaco-list-row');
    await rows.first().waitFor();
    const row = editor.locator(`.monaco-list-row[aria-label=${JSON.stringify(name)}]`);
    if (!(await row.count())) {
      // The list is virtual: only rows near the viewport exist. Walk it with the keyboard.
      await rows.first().click();
      await this.press('Home');
      const size = Number(await rows.first().getAttribute('aria-setsize'));
      for (let i = 0; i < size && !(await row.count()); i++) await this.press('ArrowDown');
      if (!(await row.count())) return undefined;
    }
    return (await row.locator('.activation-time').innerText()).trim();
  }

  /** Closes the Running Extensions view (it opens as a modal editor; Escape closes it). */
  async closeRunningExtensions(): Promise<void> {
    const editor = this.page.locator('.runtime-extensions-editor');
    await waitFor('Running Extensions to close', async () => {
      if (await editor.isVisible()) await this.press('Escape');
      return editor.isVisible();
    }, (visible) => !visible);
  }

  // --- Problems panel ------------------------------------------------------------------------------

  /** Opens the Problems panel (it stays open) and waits until it is shown. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('View: Focus Problems');
    await panel.waitFor();
    return panel;
  }

  /** Every problem the Problems panel lists, in its order (the tree is expanded by default). */
  async problems(): Promise<Problem[]> {
    const panel = await this.openProblems();
    const rows = panel.locator('.monaco-list-row');
    const out: Problem[] = [];
    let file = '';
    for (const row of await rows.all()) {
      const resource = row.locator('.markers-panel-tree-resource, .resource-label .label-name').first();
      const marker = row.locator('.marker-message-details, .marker-message-line').first();
      if (await marker.count()) {
        out.push(await readMarker(row, file));
      } else if (await resource.count()) {
        file = (await row.locator('.label-name').first().innerText()).trim();
      }
    }
    return out;
  }

  /** Waits until the Problems panel lists a problem that satisfies `match`, and returns it. */
  async waitForProblem(what: string, match: (p: Problem) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<Problem> {
    const all = await waitFor(`a problem: ${what}`, () => this.problems(), (ps) => ps.some(match), timeoutMs);
    return all.find(match) as Problem;
  }

  // --- Webviews ----------------------------------------------------------------------------------------

  /** The document inside the most recently opened webview (e.g. the preview). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
  }

  // --- Notifications -------------------------------------------------------------------------------------

  /** The messages of the notifications currently shown (toasts). */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  // --- Pictures ---------------------------------------------------------------------------------------------

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}

async function readMarker(row: Locator, file: string): Promise<Problem> {
  const icon = (await row.locator('.marker-icon, .codicon').first().getAttribute('class')) ?? '';
  const severity: Problem['severity'] = /\berror\b/.test(icon)
    ? 'error'
    : /\bwarning\b/.test(icon)
      ? 'warning'
      : /\binfo\b/.test(icon)
        ? 'info'
        : /\bhint\b|\blight/.test(icon)
          ? 'hint'
          : 'unknown';
  const message = (await row.locator('.marker-message').first().innerText()).trim();
  const source = ((await row.locator('.marker-source, .marker-code').allInnerTexts()).join('')).trim();
  const where = (await row.locator('.marker-line').first().innerText().catch(() => '')).trim();
  const m = /\[?Ln (\d+), Col (\d+)\]?/.exec(where);
  return { severity, message, source, line: m ? Number(m[1]) : 0, column: m ? Number(m[2]) : 0, file };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
