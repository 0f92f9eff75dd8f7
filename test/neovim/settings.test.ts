// Settings from Neovim 0.7: `settings` given to vim.lsp.start_client and sent from on_init set the
// undeclared-participant severity, and changing them with a didChangeConfiguration notification
// re-publishes the diagnostics (`off` removes them). Never skipped: npm test prepares nvim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, SERVER } from '../protocol/client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status === 0 ? undefined : 'nvim is not installed (apt-get install -y neovim)';
const RUN_LIMIT_MS = 90_000;

test('Neovim: settings set the undeclared-participant severity, and a change re-publishes', async () => {
  assert.ok(!missing, `${missing} — npm test prepares it (scripts/prepare.ts)`);
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-nvim-settings-'));
  try {
    const file = join(dir, 'settings.seq');
    const resultPath = join(dir, 'result.json');
    // Two undeclared participants and an unused one (a hint of its own).
    writeFileSync(file, 'actor C\nA -> B: hi\n');
    const child = spawn('nvim', ['--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'settings.lua')}`], {
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
    const r = JSON.parse(readFileSync(resultPath, 'utf8')) as {
      error?: string;
      steps: string[];
      severities: Record<string, string>;
      others: string[];
    };
    assert.equal(r.error, undefined, `${r.error} (steps done: ${r.steps.join(', ')}); output:\n${output}`);
    assert.equal(code, 0, output);
    assert.deepEqual(r.steps, ['error', 'hint', 'off']);
    assert.deepEqual(r.severities, { error: '1,1', hint: '4,4', off: '' });
    assert.deepEqual(r.others, ['unused-participant']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
