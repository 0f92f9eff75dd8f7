// The extension under development activates on a .seq file in the real VS Code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useVSCode, waitFor } from './harness/index.js';

describe('opening a .seq file', () => {
  const vscode = useVSCode({
    workspace: { 'checkout.seq': 'participant User\nparticipant Shop\nUser -> Shop: buy\n' },
  });

  it('runs VS Code with Lifeline as the extension under development', async () => {
    const wb = vscode().workbench;
    await waitFor('the development host title', () => wb.title(), (t) => t.includes('[Extension Development Host]'));
  });

  it('shows the extension language in the status bar', async () => {
    const wb = vscode().workbench;
    await wb.openFile('checkout.seq');
    assert.equal(await wb.waitForLanguageMode('Sequence Diagram'), 'Sequence Diagram');
  });

  it('activates the extension because a seq document opened', async () => {
    assert.equal(await vscode().waitForActivation('lifeline-diagrams.lifeline'), 'onLanguage:seq');
  });
});
