// The Neovim configuration printed in docs/editors.md works: it is extracted from the document and run in
// headless Neovim against the built server. Never skipped: npm test installs nvim first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../protocol/client';
import { runNeovim } from './harness';

/** The ```lua block between the neovim-config markers of docs/editors.md. */
function docsConfig(): string {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const m = /<!-- neovim-config: begin[^>]*-->\s*```lua\n([\s\S]*?)```\s*<!-- neovim-config: end -->/.exec(doc);
  assert.ok(m, 'docs/editors.md has no marked Neovim configuration');
  return m[1];
}

test('docs/editors.md: the Neovim configuration attaches the server, shows diagnostics, :LifelineSeverity and :LifelinePreview', async () => {
  const {
    result: r,
    code,
    output,
  } = await runNeovim<{
    filetype: string;
    omnifunc: string;
    codes: string[];
    severities: Record<string, string>;
    preview: string[];
  }>(
    'docs.lua',
    { name: 'login.seq', text: 'actor User\nsystem Shop\nUser -> Shop: order\nShop -> Stock: reserve\n' },
    { CONFIG: { name: 'lifeline.lua', text: docsConfig() } },
  );
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
});
