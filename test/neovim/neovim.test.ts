// A second editor: Neovim 0.7 (Debian's) drives the built server through its own LSP client, headless.
// Diagnostics arrive, completion lists participants, the "Declare" quick fix applied with
// vim.lsp.util.apply_workspace_edit clears the diagnostic. Never skipped: npm test
// installs nvim first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, SERVER } from '../protocol/client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const version = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;
const missing = version ? undefined : 'nvim is not installed (apt-get install -y neovim)';

/** The whole run is bounded; the Lua script itself polls each condition with vim.wait. */
const RUN_LIMIT_MS = 90_000;

test(`Neovim drives the server: diagnostics, completion, the Declare quick fix (${version ?? 'no nvim'})`, async () => {
  assert.ok(!missing, `${missing} — npm test prepares it (scripts/prepare.ts)`);
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-nvim-'));
  try {
    const file = join(dir, 'diagram.seq');
    const resultPath = join(dir, 'result.json');
    writeFileSync(file, 'actor User\nservice Auth\nUser -> Auth: login\nAuth -> UserDB: select\nUser -> \n');
    const child = spawn('nvim', ['--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'drive.lua')}`], {
      env: { ...process.env, LIFELINE_SERVER: SERVER, LIFELINE_FILE: file, LIFELINE_RESULT: resultPath, LIFELINE_NODE: process.execPath },
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
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as {
      error?: string;
      steps: string[];
      diagnostics_before: string[];
      completion: string[];
      actions: string[];
      diagnostics_after: string[];
      text_after: string[];
    };
    assert.equal(result.error, undefined, `${result.error} (steps done: ${result.steps.join(', ')})`);
    assert.equal(code, 0, output);
    assert.deepEqual(result.steps, ['started', 'diagnostics', 'completion', 'applied', 'cleared', 'stopped']);
    assert.deepEqual(result.diagnostics_before, ['syntax', 'undeclared-participant']);
    // The participants, then the diagram's edges (v2).
    assert.deepEqual(result.completion, ['Auth', 'User', 'UserDB', '[', ']']);
    assert.deepEqual(result.actions, ['Declare UserDB as database', 'Change to User']);
    assert.deepEqual(result.diagnostics_after, ['syntax']);
    assert.deepEqual(result.text_after, [
      'actor User',
      'service Auth',
      'database UserDB',
      'User -> Auth: login',
      'Auth -> UserDB: select',
      'User -> ',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
