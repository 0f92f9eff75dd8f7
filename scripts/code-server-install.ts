// Installs Node 24 and code-server into the cache, replaying code-server's postinstall, once;
// later calls only check a marker.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cachePaths,
  cleanEnv,
  CODE_SERVER_VERSION,
  codeServerEnv,
  defaultLog,
  NODE_PACKAGE,
  NODE_VERSION,
  type CachePaths,
} from './code-server-paths.js';
import { alive, delay, readFileOr } from './code-server-processes.js';
import { ensureSystemPackages, SYSTEM_PACKAGES, type Log } from './prerequisites.js';

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
