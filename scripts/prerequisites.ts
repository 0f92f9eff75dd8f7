// What the project needs from the system, and the one way it is installed: `npm start`,
// `npm test` and `.ci/run` all go through here (scripts/prepare.ts is the command).
//
// Only missing packages are installed, each announced in one line first, with
// `--no-upgrade` and a dpkg lock timeout, and only as root on Debian/Ubuntu. Anywhere else
// the run stops at once with one message naming what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A prerequisite is missing and this process cannot install it; the message says what to install. */
export class MissingPrerequisiteError extends Error {
  override name = 'MissingPrerequisiteError';
}

/** A Debian package, how to tell it is present without dpkg, why we need it, and what it is elsewhere. */
export interface SystemPackage {
  readonly apt: readonly string[];
  readonly present: () => boolean;
  readonly why: string;
  readonly elsewhere: string;
}

export type Log = (line: string) => void;
export const defaultLog: Log = (line) => process.stderr.write(`[prepare] ${line}\n`);

const onPath = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export function chromiumPath(): string {
  return process.env.LIFELINE_CHROMIUM || '/usr/bin/chromium';
}

export const SYSTEM_PACKAGES = {
  buildTools: {
    apt: ['python3', 'make', 'g++'],
    present: () => onPath('python3') && onPath('make') && onPath('g++'),
    why: "node-gyp builds code-server's native modules (npm start, the e2e tests)",
    elsewhere: 'python3, make and a C++ compiler',
  },
  chromium: {
    apt: ['chromium'],
    present: () => existsSync(chromiumPath()),
    why: 'the end-to-end tests drive VS Code in Chromium',
    elsewhere: 'Chromium or Chrome, with LIFELINE_CHROMIUM set to its binary',
  },
  neovim: {
    apt: ['neovim'],
    present: () => onPath('nvim'),
    why: 'the second-editor tests drive the language server from Neovim',
    elsewhere: 'Neovim 0.7 or later (nvim on PATH)',
  },
  plantuml: {
    apt: ['plantuml'],
    present: () => onPath('plantuml'),
    why: 'the bridge tests check every PlantUML export with `plantuml -syntax`',
    elsewhere: 'PlantUML with a `plantuml` command on PATH',
  },
} satisfies Record<string, SystemPackage>;

/** Every suite of `npm test` runs: these are what its suites need besides code-server. */
export const TEST_PACKAGES: readonly SystemPackage[] = [
  SYSTEM_PACKAGES.buildTools,
  SYSTEM_PACKAGES.chromium,
  SYSTEM_PACKAGES.neovim,
  SYSTEM_PACKAGES.plantuml,
];

/** How to get the missing packages by hand, in one message. */
export function missingMessage(missing: readonly SystemPackage[]): string {
  const names = missing.flatMap((p) => p.apt).join(' ');
  const reasons = missing.map((p) => `  - ${p.apt.join(' ')}: ${p.why}`).join('\n');
  const elsewhere = missing.map((p) => p.elsewhere).join('; ');
  return (
    `Missing system packages:\n${reasons}\nInstall them, then run this again:\n` +
    `  sudo apt-get update && sudo apt-get install -y --no-upgrade ${names}\n` +
    `(not on Debian or Ubuntu: ${elsewhere})\n`
  );
}

/**
 * Makes sure each package is present. Root on a system with apt-get installs the missing ones,
 * announcing each first; anyone else gets a MissingPrerequisiteError naming them.
 */
export function ensureSystemPackages(packages: readonly SystemPackage[], log: Log = defaultLog): void {
  const missing = packages.filter((p) => !p.present());
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) throw new MissingPrerequisiteError(missingMessage(missing));
  for (const p of missing) log(`installing ${p.apt.join(' ')} with apt-get: ${p.why}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  const names = missing.flatMap((p) => p.apt);
  // The package lists of a fresh machine are empty; `update` refreshes lists only, it upgrades nothing.
  for (const args of [
    ['update', '-qq', ...lockWait],
    ['install', '-y', '-qq', '--no-upgrade', ...lockWait, ...names],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new MissingPrerequisiteError(`apt-get ${args.join(' ')} failed.\n${missingMessage(missing)}`);
  }
  const still = missing.filter((p) => !p.present());
  if (still.length) throw new MissingPrerequisiteError(`still missing after apt-get:\n${missingMessage(still)}`);
}
