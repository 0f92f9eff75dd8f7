// A second editor: Neovim 0.7 (Debian's) drives the built server through its own LSP client, headless.
// Diagnostics arrive, completion lists participants, the "Declare" quick fix applied with
// vim.lsp.util.apply_workspace_edit clears the diagnostic. Never skipped: npm test
// installs nvim first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nvimVersion, runNeovim } from './harness';

test(`Neovim drives the server: diagnostics, completion, the Declare quick fix (${nvimVersion ?? 'no nvim'})`, async () => {
  const { result, code, output } = await runNeovim<{
    diagnostics_before: string[];
    completion: string[];
    actions: string[];
    diagnostics_after: string[];
    text_after: string[];
  }>('drive.lua', { name: 'diagram.seq', text: 'actor User\nservice Auth\nUser -> Auth: login\nAuth -> UserDB: select\nUser -> \n' });
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
});
