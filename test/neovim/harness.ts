// Headless Neovim driving the built server: one run of a Lua script over a file, its JSON result read
// back. Never skipped: npm test prepares nvim (scripts/prepare.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, SERVER } from '../protocol/client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
/** The first line of `nvim --version`, or undefined without nvim. */
export const nvimVersion = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;

/** The whole run is bounded; the Lua scripts poll each condition with vim.wait. */
const RUN_LIMIT_MS = 90_000;

export interface NeovimRun<R> {
  /** What the script wrote to LIFELINE_RESULT. */
  readonly result: R & { readonly error?: string; readonly steps: string[] };
  readonly code: number | null;
  /** Neovim's stdout and stderr. */
  readonly output: string;
}

/**
 * Runs test/neovim/`script` in a fresh folder holding `file` (LIFELINE_FILE), with the server, node and
 * result path in the environment; `files` are written beside it and passed as LIFELINE_<KEY>.
 */
export async function runNeovim<R>(
  script: string,
  file: { readonly name: string; readonly text: string },
  files: Readonly<Record<string, { readonly name: string; readonly text: string }>> = {},
): Promise<NeovimRun<R>> {
  assert.ok(nvimVersion, 'nvim is not installed (apt-get install -y neovim) — npm test prepares it (scripts/prepare.ts)');
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-nvim-'));
  try {
    const resultPath = join(dir, 'result.json');
    const write = (f: { name: string; text: string }) => {
      const p = join(dir, f.name);
      writeFileSync(p, f.text);
      return p;
    };
    const extra = Object.fromEntries(Object.entries(files).map(([key, f]) => [`LIFELINE_${key}`, write(f)]));
    const child = spawn('nvim', ['--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(__dirname, script)}`], {
      env: {
        ...process.env,
        ...extra,
        LIFELINE_SERVER: SERVER,
        LIFELINE_NODE: process.execPath,
        LIFELINE_FILE: write(file),
        LIFELINE_RESULT: resultPath,
      },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.ok(existsSync(resultPath), `nvim wrote no result (exit ${code}); output:\n${output}`);
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as NeovimRun<R>['result'];
    return { result, code, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
