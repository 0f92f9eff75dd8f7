// One VS Code for a test file or a suite: a copy of a workspace, code-server in its own process
// group, and Chromium showing the workbench. `useVSCode()` wires it into node:test so it is
// stopped even when a test fails, and a failing test leaves its evidence under test-results/.
import { after, afterEach, before, type TestContext } from 'node:test';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { start, type CodeServer } from '../../../scripts/code-server.js';
import { chromiumPath, MissingPrerequisiteError, missingMessage, SYSTEM_PACKAGES } from '../../../scripts/prerequisites.js';
import { repoRoot, resultsDir } from './paths.js';
import { DEFAULT_TIMEOUT_MS, waitFor } from './poll.js';
import { Workbench } from './workbench.js';

/** The Chromium flags this machine needs: no sandbox as root, and no background network calls. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /**
   * The workspace, always copied into a temporary folder so tests never modify the repo:
   * a folder (relative to the repository root, or absolute), or files given as { path: text }.
   */
  workspace: string | Record<string, string>;
  /** Load this folder as the extension under development; the repository root by default, `false` for none. */
  extensionDevelopmentPath?: string | false;
  /** A prepared extensions folder (e.g. with a .vsix installed into it). */
  extensionsDir?: string;
  /** A test module the extension host runs (see scripts/code-server.ts StartOptions). */
  extensionTestsPath?: string;
  /** Extra environment for code-server and its extension hosts. */
  env?: Record<string, string>;
  /** User settings on top of the harness's quiet defaults. */
  settings?: Record<string, unknown>;
}

export class VSCode {
  private closed = false;

  private constructor(
    readonly server: CodeServer,
    readonly browser: BrowserContext,
    readonly workbench: Workbench,
    /** The temporary copy of the workspace the workbench shows. */
    readonly workspaceDir: string,
    private readonly scratch: string[],
    private readonly consoleLines: string[],
  ) {}

  static async launch(options: LaunchOptions): Promise<VSCode> {
    // `npm test` prepared it (scripts/prepare.ts); a suite installs nothing itself.
    if (!SYSTEM_PACKAGES.chromium.present()) throw new MissingPrerequisiteError(missingMessage([SYSTEM_PACKAGES.chromium]));
    const workspaceDir = copyWorkspace(options.workspace);
    const scratch = [workspaceDir];
    const removeScratch = () => scratch.forEach((d) => rmSync(d, { recursive: true, force: true }));
    const dev = options.extensionDevelopmentPath ?? repoRoot();

    let server: CodeServer;
    try {
      server = await start({
        folder: workspaceDir,
        extensionDevelopmentPath: dev === false ? undefined : dev,
        extensionsDir: options.extensionsDir,
        extensionTestsPath: options.extensionTestsPath,
        env: options.env,
        settings: options.settings,
      });
    } catch (e) {
      removeScratch();
      throw e;
    }
    scratch.push(server.instanceDir);

    let browser: BrowserContext;
    try {
      const profile = mkdtempSync(join(tmpdir(), 'lifeline-chromium-'));
      scratch.push(profile);
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath(),
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 900 },
      });
    } catch (e) {
      await server.stop();
      removeScratch();
      throw e;
    }
    browser.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.stack ?? e.message}`));

    const vscode = new VSCode(server, browser, new Workbench(page, server.workbenchUrl), workspaceDir, scratch, consoleLines);
    try {
      await vscode.workbench.open();
    } catch (e) {
      const dir = await vscode.saveArtifacts(`launch-${Date.now()}`);
      await vscode.close();
      throw new Error(`${(e as Error).message}\n(screenshot and logs kept in ${dir})`);
    }
    return vscode;
  }

  /** A workspace file as it is on disk now ('' while it does not exist), for waiting on a save. */
  savedText(relativePath: string): string {
    const file = join(this.workspaceDir, relativePath);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** What the workbench and its frames (webviews included) printed on the browser console so far. */
  browserConsole(): readonly string[] {
    return this.consoleLines;
  }

  /** The extension host's log (activation events and errors), as code-server wrote it so far. */
  extensionHostLog(): string {
    const logs = join(this.server.userDataDir, 'logs');
    if (!existsSync(logs)) return '';
    return readdirSync(logs, { recursive: true, encoding: 'utf8' })
      .filter((f) => /exthost\d*[\\/]remoteexthost\.log$/.test(f))
      .sort()
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('');
  }

  /**
   * Waits until the extension (publisher.name) has activated: the extension host logged its
   * activation and Running Extensions shows an activation time. Fails at once, with VS Code's
   * reason, when activate() threw. Returns the activation event (e.g. "onLanguage:seq").
   */
  async waitForActivation(extensionId: string, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<string> {
    const name = extensionId.split('.')[1] ?? extensionId;
    const started = new RegExp(`_doActivateExtension ${escapeRegExp(extensionId)}, startup: \\w+, activationEvent: '([^']*)'`, 'i');
    const failed = new RegExp(
      `Activating extension ${escapeRegExp(extensionId)} failed[^\\n]*\\n(?:(?!\\d{4}-\\d\\d-\\d\\d )[^\\n]*\\n?){0,8}`,
      'i',
    );
    const state = await waitFor(
      `${extensionId} to activate`,
      async () => {
        const log = this.extensionHostLog();
        const failure = failed.exec(log)?.[0];
        if (failure) return { failure };
        const event = started.exec(log)?.[1];
        const status = event === undefined ? undefined : await this.workbench.runningExtensionStatus(name);
        return { event, status };
      },
      (s) => 'failure' in s || /Activation: \d+ms/.test(s.status ?? ''),
      timeoutMs,
    );
    if ('failure' in state) throw new Error(`VS Code could not activate ${extensionId}:\n${state.failure}`);
    await this.workbench.closeRunningExtensions();
    return state.event as string;
  }

  /**
   * Keeps the evidence of a failure under test-results/e2e/<label>/: a screenshot, code-server's
   * own log, VS Code's server logs (extension host, output channels) and the browser console.
   */
  async saveArtifacts(label: string): Promise<string> {
    const dir = join(resultsDir(), 'e2e', slug(label));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await this.workbench.page.screenshot({ path: join(dir, 'screenshot.png') }).catch(() => undefined);
    cpSync(this.server.logFile, join(dir, 'code-server.log'));
    cpSync(join(this.server.userDataDir, 'logs'), join(dir, 'vscode-logs'), { recursive: true });
    writeFileSync(join(dir, 'browser-console.log'), this.consoleLines.join('\n') + '\n');
    return dir;
  }

  /** Closes the browser, kills code-server's process group, removes the temporary folders. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.browser.close();
    } finally {
      await this.server.stop();
      for (const d of this.scratch) rmSync(d, { recursive: true, force: true });
    }
  }
}

/**
 * Starts one VS Code for the enclosing suite (or file, at top level): launched in `before`,
 * closed in `after` even when a test fails; after each failing test the screenshot and logs are
 * saved under test-results/e2e/. Returns a getter, valid inside the suite's tests.
 */
export function useVSCode(options: LaunchOptions): () => VSCode {
  let vscode: VSCode | undefined;
  before(async () => {
    const started = Date.now();
    vscode = await VSCode.launch(options);
    console.log(`code-server + Chromium + workbench ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  });
  afterEach(async (t) => {
    // TestContext.passed exists since Node 20.18 (not yet in @types/node 20).
    const ctx = t as TestContext & { passed?: boolean; fullName?: string };
    if (vscode && ctx.passed === false) {
      const dir = await vscode.saveArtifacts(ctx.fullName ?? ctx.name);
      ctx.diagnostic(`screenshot and logs kept in ${dir}`);
    }
  });
  after(async () => {
    await vscode?.close();
  });
  return () => {
    if (!vscode) throw new Error('VS Code is not running (did the before hook fail?)');
    return vscode;
  };
}

function copyWorkspace(workspace: LaunchOptions['workspace']): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-workspace-'));
  if (typeof workspace === 'string') {
    cpSync(isAbsolute(workspace) ? workspace : join(repoRoot(), workspace), dir, { recursive: true });
  } else {
    for (const [path, text] of Object.entries(workspace)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  return dir;
}

function slug(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'unnamed'
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
