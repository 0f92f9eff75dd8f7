// Runs the vscode-tmgrammar-test command-line tools (unit assertions and snapshots).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './textmate';

export const UNIT_CLI = require.resolve('vscode-tmgrammar-test/dist/unit.js');
export const SNAP_CLI = require.resolve('vscode-tmgrammar-test/dist/snapshot.js');

export interface CliResult {
  status: number | null;
  output: string;
}

/** Runs `cli` with `args` from the repository root (so it reads package.json's grammars too). */
export function runCli(cli: string, args: string[]): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The `.seq` files directly in `dir` (absolute paths, sorted); none when `dir` does not exist. */
export function seqFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.seq'))
    .sort()
    .map((n) => join(dir, n));
}

export const CASES_DIR = join(REPO_ROOT, 'test/grammar/cases');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const SNAPSHOTS_DIR = join(REPO_ROOT, 'test/grammar/snapshots');
