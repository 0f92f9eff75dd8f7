// The built CLI as a user runs it: dist/cli.js (built if missing, or always when asked) in a temporary folder of real files.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');

/** `rebuild`: build dist/ even when it is there (a suite whose output an older build lacks). */
export function cliHarness(prefix: string, options: { rebuild?: boolean } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  before(() => {
    if (options.rebuild || !existsSync(CLI)) {
      const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
  });
  return {
    tmp,
    run(args: string[], input?: string) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, input, encoding: 'utf8' });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
    file(name: string, content: string | Buffer): string {
      const p = join(tmp, name);
      writeFileSync(p, content);
      return p;
    },
  };
}
