// Settings from Neovim 0.7: `settings` given to vim.lsp.start_client and sent from on_init set the
// undeclared-participant severity, and changing them with a didChangeConfiguration notification
// re-publishes the diagnostics (`off` removes them). Never skipped: npm test prepares nvim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNeovim } from './harness';

test('Neovim: settings set the undeclared-participant severity, and a change re-publishes', async () => {
  // Two undeclared participants and an unused one (a hint of its own).
  const {
    result: r,
    code,
    output,
  } = await runNeovim<{ severities: Record<string, string>; others: string[] }>('settings.lua', {
    name: 'settings.seq',
    text: 'actor C\nA -> B: hi\n',
  });
  assert.equal(r.error, undefined, `${r.error} (steps done: ${r.steps.join(', ')}); output:\n${output}`);
  assert.equal(code, 0, output);
  assert.deepEqual(r.steps, ['error', 'hint', 'off']);
  assert.deepEqual(r.severities, { error: '1,1', hint: '4,4', off: '' });
  assert.deepEqual(r.others, ['unused-participant']);
});
