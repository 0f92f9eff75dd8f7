// The VS Code workbench as a user sees it: every method is one thing a user does or reads.
// Locators follow what VS Code renders (ARIA roles and labels first, its stable ids and
// classes where there is no role).
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, waitFor } from './poll.js';

export interface Problem {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** Who reported it, e.g. "lifeline". */
  source: string;
  /** The diagnostic's code, e.g. "syntax". */
  code: string;
  /** 1-based, as shown. */
  line: number;
  column: number;
  /** The file the problem belongs to (its file row in the Problems tree). */
  file: string;
}

/** VS Code's light bulb: in the gutter (a glyph margin decoration) or inline (a content widget). */
const LIGHT_BULB = '[class*="codicon-lightbulb"], [class*="gutter-lightbulb"], .lightBulbWidget';

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  /** Loads the workbench and waits until the Explorer lists the workspace folder. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: DEFAULT_TIMEOUT_MS * 2 });
    await this.explorer()
      .getByRole('treeitem')
      .first()
      .waitFor({ timeout: DEFAULT_TIMEOUT_MS * 2 });
  }

  /** The window title (shows "[Extension Development Host]" when an extension is under development). */
  title(): Promise<string> {
    return this.page.title();
  }

  // --- Explorer and editors --------------------------------------------------------------------

  explorer(): Locator {
    return this.page.locator('.explorer-folders-view');
  }

  /** Opens a file in the first editor group, where the source editors live beside a preview. */
  async openInFirstGroup(relativePath: string): Promise<void> {
    await this.runCommand('View: Focus First Editor Group');
    await this.openFile(relativePath);
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
      await waitFor(
        `folder ${folder} to expand`,
        () => item.getAttribute('aria-expanded'),
        (v) => v === 'true',
      );
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

  /**
   * Accepts code-server's save dialog (VS Code's own: a quick input holding the path) once it
   * proposes a file named `name`.
   */
  async acceptSaveDialog(name: string): Promise<void> {
    const input = this.quickInput().locator('input');
    await waitFor(
      `the save dialog at ${name}`,
      () => input.inputValue(),
      (v) => v.endsWith(`/${name}`),
    );
    await this.press('Enter');
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
    // The quick input hands the focus back to the editor after it hides: a key pressed before
    // that (Ctrl+. for the quick fixes, in a loaded CI run) went nowhere.
    await waitFor(
      'the editor to have the focus again',
      () => this.activeEditor().evaluate((editor) => editor.contains(editor.ownerDocument.activeElement)),
      (focused) => focused,
    );
  }

  /**
   * Opens the quick-fix menu (Ctrl+.) on the cursor's `line` and picks the fix titled `title`.
   * It presses the key once the light bulb shows on that line, that is once VS Code's own look
   * for code actions at the cursor (started 250 ms after the cursor moved) has come back: VS
   * Code's CodeActionModel lets that look replace a menu asked for meanwhile half a second
   * later, cancelling the menu's request.
   */
  async quickFix(line: number, title: RegExp): Promise<void> {
    await waitFor(
      `the light bulb on line ${line}`,
      () => this.lightBulbLine(),
      (l) => l === line,
    );
    await this.press('Control+.');
    await this.pickFromActionMenu(title);
  }

  /**
   * Picks the quick fix titled `title` from the light bulb on `line` (a click on it shows the
   * actions VS Code has already asked for, with no new request). Ctrl+. asks again, and VS Code
   * cancels that request whenever an extension registers a code action provider meanwhile (its
   * CodeActionModel starts over): in a workbench just started, extensions still activating (the
   * JSON and TypeScript ones, for the settings file) left the menu unopened twice in CI.
   */
  async quickFixFromLightBulb(line: number, title: RegExp): Promise<void> {
    await waitFor(
      `the light bulb on line ${line}`,
      () => this.lightBulbLine(),
      (l) => l === line,
    );
    await this.lightBulb().click();
    await this.pickFromActionMenu(title);
  }

  private async pickFromActionMenu(title: RegExp): Promise<void> {
    const fix = this.page.locator('.action-widget').getByRole('option', { name: title });
    await fix.waitFor();
    await fix.click();
  }

  private lightBulb(): Locator {
    return this.activeEditor().locator(LIGHT_BULB).filter({ visible: true }).first();
  }

  /** The 1-based line whose light bulb the active editor shows (gutter or inline), if any. */
  private lightBulbLine(): Promise<number | undefined> {
    // No named functions inside: the page has no `__name`, which tsx adds to them.
    return this.activeEditor().evaluate((editor, selector) => {
      const bulbs = Array.from(editor.querySelectorAll(selector));
      const bulb = bulbs.map((e) => e.getBoundingClientRect()).find((r) => r.height > 0 && r.width > 0);
      if (!bulb) return undefined;
      const y = bulb.top + bulb.height / 2;
      const number = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers')).find((n) => {
        const r = n.getBoundingClientRect();
        return y >= r.top && y < r.bottom;
      });
      return Number(number?.textContent?.trim()) || undefined;
    }, LIGHT_BULB);
  }

  // --- Command palette ---------------------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Runs a command from the command palette (F1) by its full label as the palette shows it,
   * e.g. "View: Toggle Problems" or "Lifeline: Open Preview to the Side".
   */
  async runCommand(label: string): Promise<void> {
    const widget = this.quickInput();
    await waitFor(
      'the command palette',
      async () => {
        // F1 needs the focus inside the workbench (an editor, the Explorer…); press it until it shows.
        if (!(await widget.isVisible())) await this.press('F1');
        return widget.isVisible();
      },
      Boolean,
    );
    await widget.locator('input').fill(`>${label}`);
    const option = widget
      .getByRole('option')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    try {
      await option.waitFor();
    } catch (e) {
      const seen = await widget.locator('[role="option"] .label-name').allInnerTexts();
      throw new Error(`no command labelled "${label}" in the palette (it offers: ${seen.join(' | ') || 'nothing'})`, { cause: e });
    }
    await option.click();
    await widget.waitFor({ state: 'hidden' });
  }

  // --- Status bar --------------------------------------------------------------------------------

  /** The status bar item VS Code shows for the active editor's language ("Plain Text", …). */
  async languageMode(): Promise<string> {
    return (await this.page.locator('[id="status.editor.mode"]').innerText()).trim();
  }

  /** Waits until the status bar shows this language mode (an extension's languages register after load). */
  waitForLanguageMode(name: string, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<string> {
    return waitFor(
      `language mode "${name}" in the status bar`,
      () => this.languageMode(),
      (m) => m === name,
      timeoutMs,
    );
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
    await waitFor(
      'Running Extensions to close',
      async () => {
        if (await editor.isVisible()) await this.press('Escape');
        return editor.isVisible();
      },
      (visible) => !visible,
    );
  }

  // --- Problems panel ------------------------------------------------------------------------------

  /** Opens the Problems panel (it stays open) and waits until it is shown. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await panel.waitFor();
    return panel;
  }

  /**
   * Every problem the Problems panel lists, in its order (its tree starts expanded). The panel
   * is a virtual list: only the rows that fit are rendered, which is plenty for a scenario's few.
   */
  async problems(): Promise<Problem[]> {
    const panel = await this.openProblems();
    const out: Problem[] = [];
    let file = '';
    for (const row of await panel.locator('.monaco-list-row').all()) {
      if (await row.locator('.marker-message').count()) {
        out.push(await readMarker(row, file));
      } else {
        file = (await row.locator('.resource-label-container .label-name').first().innerText()).trim();
      }
    }
    return out;
  }

  /** Waits until the Problems panel lists a problem that satisfies `match`, and returns it. */
  async waitForProblem(what: string, match: (p: Problem) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<Problem> {
    const all = await waitFor(
      `a problem: ${what}`,
      () => this.problems(),
      (ps) => ps.some(match),
      timeoutMs,
    );
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
  const icon = (await row.locator('.marker-icon').getAttribute('class')) ?? '';
  const severity = (['error', 'warning', 'info'] as const).find((k) => icon.split(/\s+/).includes(k)) ?? 'hint';
  const text = async (selector: string) => (await row.locator(selector).allInnerTexts()).join(' ').trim();
  const where = /Ln (\d+), Col (\d+)/.exec(await text('.marker-line'));
  return {
    severity,
    message: await text('.marker-message'),
    source: await text('.marker-source'),
    code: await text('.marker-code'),
    line: where ? Number(where[1]) : 0,
    column: where ? Number(where[2]) : 0,
    file,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
