import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder upward from the working directory whose package.json is Lifeline's. */
export function repoRoot(): string {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'lifeline') return dir;
    if (dirname(dir) === dir) throw new Error(`run from inside the Lifeline repository (cwd: ${process.cwd()})`);
  }
}

/** Where failing tests leave screenshots and logs (git-ignored). */
export function resultsDir(): string {
  return join(repoRoot(), 'test-results');
}

/** The extension's manifest (name, publisher, version: what the packaged .vsix is called). */
export function manifest(): { name: string; publisher: string; version: string } {
  return JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
}
