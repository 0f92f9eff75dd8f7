/**
 * Sizes of the minified bundles: the project's own `esbuild.mjs --production`, run in a
 * temporary folder that links to the sources, so its `dist/` is a fresh folder there and
 * the working tree's dev build in `dist/` is left as it is.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUNDLES = [
  { name: 'extension', file: 'extension.js' },
  { name: 'server', file: 'server.js' },
  { name: 'webview', file: 'webview.js' },
  { name: 'CLI', file: 'cli.js' },
  { name: 'markdown plugin', file: 'markdownItPlugin.js' },
] as const;

export interface BundleSize {
  readonly name: string;
  readonly file: string;
  /** Bytes, or undefined when the build made no such bundle (its entry does not exist yet). */
  readonly bytes?: number;
  readonly gzipBytes?: number;
}

export interface BundleResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly sizes: readonly BundleSize[];
  /** The language client alone, bundled and minified as the extension is: the floor of the extension bundle. */
  readonly languageClientBytes?: number;
  /** The folder holding the production bundles (kept until `cleanup`). */
  readonly outDir: string;
  readonly cleanup: () => void;
}

const LINKED = ['client', 'server', 'node_modules', 'package.json', 'tsconfig.json', 'media', 'syntaxes'];

export function buildProduction(root: string): BundleResult {
  const work = mkdtempSync(join(tmpdir(), 'lifeline-bench-build-'));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  for (const name of LINKED) {
    const from = resolve(root, name);
    if (existsSync(from)) symlinkSync(from, join(work, name));
  }
  copyFileSync(resolve(root, 'esbuild.mjs'), join(work, 'esbuild.mjs'));
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  const outDir = join(work, 'dist');
  const sizes = BUNDLES.map(({ name, file }) => {
    const path = join(outDir, file);
    if (!existsSync(path)) return { name, file };
    return { name, file, bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path), { level: 9 }).length };
  });
  if (r.status !== 0)
    return {
      ok: false,
      error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 5).join(' '),
      sizes,
      outDir,
      cleanup,
    };
  return { ok: true, sizes, outDir, cleanup, languageClientBytes: languageClientAlone(root) };
}

/** vscode-languageclient/node alone, with the extension's esbuild options (what any extension using it ships). */
function languageClientAlone(root: string): number | undefined {
  try {
    const out = buildSync({
      stdin: { contents: "export { LanguageClient } from 'vscode-languageclient/node';", resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    return out.outputFiles[0]?.contents.length;
  } catch {
    return undefined;
  }
}

export const kb = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
