// The Neovim configuration printed in docs/editors.md works: it is extracted from the document and run in
// headless Neovim against the built server. Never skipped: npm test installs nvim first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT, SERVER } from '../protocol/client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.status === 0 ? undefined : 'nvim is not installed (apt-get install -y neovim)';
const RUN_LIMIT_MS = 90_000;

/** The ```lua block between the neovim-config markers of docs/editors.md. */
function docsConfig(): string {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const m = /<!-- neovim-config: begin[^>]*-->\s*```lua\n([\s\S]*?)```\s*<!-- neovim-config: end -->/.exec(doc);
  assert.ok(m, 'docs/editors.md has no marked Neovim configuration');
  return m[1];
}

test('docs/editors.md: the Neovim configuration attaches the server, shows diagnostics, :LifelineSeverity and :LifelinePreview', async () => {
  assert.ok(!missing, `${missing} — npm test prepares it (scripts/prepare.ts)`);
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-nvim-docs-'));
  try {
    const config = join(dir, 'lifeline.lua');
    const file = join(dir, 'login.seq');
    const resultPath = join(dir, 'result.json');
    writeFileSync(config, docsConfig());
    writeFileSync(file, 'actor User\nsystem Shop\nUser -> Shop: order\nShop -> Stock: reserve\n');
    const child = spawn('nvim', ['--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'docs.lua')}`], {
      env: {
        ...process.env,
        LIFELINE_SERVER: SERVER,
        LIFELINE_NODE: process.execPath,
        LIFELINE_CONFIG: config,
        LIFELINE_FILE: file,
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
    const r = JSON.parse(readFileSync(resultPath, 'utf8')) as {
      error?: string;
      steps: string[];
      filetype: string;
      omnifunc: string;
      codes: string[];
      severities: Record<string, string>;
      preview: string[];
    };
    assert.equal(r.error, undefined, `${r.error}; output:\n${output}`);
    assert.equal(code, 0);
    assert.equal(r.filetype, 'seq');
    assert.equal(r.omnifunc, 'v:lua.vim.lsp.omnifunc');
    assert.deepEqual(r.codes, ['undeclared-participant']);
    assert.deepEqual(r.severities, { before: '2', error: '1', off: '' }, 'warning by default, then error, then hidden');
    assert.ok(r.preview[0].startsWith('[User]'), r.preview.join('\n'));
    assert.ok(
      r.preview.some((l) => l.includes('order')),
      r.preview.join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
