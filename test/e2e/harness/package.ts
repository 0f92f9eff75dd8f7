// Building and installing the .vsix the way a user gets it, without touching the checkout.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { codeServerCli } from '../../../scripts/code-server.js';
import { manifest, repoRoot } from './paths.js';

/** Folders of the checkout that never go into a package build. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'out', 'test-results', '.vscode-test', '.bench']);

/**
 * Runs `npm run package` (production build + vsce) on a copy of the checkout, so the repo's
 * dist/ stays as the other tests built it, and returns the path of the .vsix.
 */
export function packageVsix(outDir: string): string {
  const root = repoRoot();
  const copy = mkdtempSync(join(tmpdir(), 'lifeline-package-'));
  try {
    cpSync(root, copy, { recursive: true, filter: (src) => !(isTopLevel(root, src) && NOT_COPIED.has(basename(src))) });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const { name, version } = manifest();
    const vsix = join(outDir, `${name}-${version}.vsix`);
    const r = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: copy, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    return vsix;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Installs a .vsix into an extensions folder with `code-server --install-extension`. */
export async function installVsix(vsix: string, extensionsDir: string): Promise<string> {
  return codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--force']);
}

function isTopLevel(root: string, path: string): boolean {
  return join(root, basename(path)) === path;
}
