// The extension under development activates on a .seq file in the real VS Code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useVSCode, waitFor } from './harness/index.js';
import { CLEAN, EXTENSION_ID, SEQ_LANGUAGE } from './scenarios.js';

describe('opening a .seq file', () => {
  const vscode = useVSCode({ workspace: { [CLEAN.file]: CLEAN.text } });

  it('runs VS Code with Lifeline as the extension under development', async () => {
    const wb = vscode().workbench;
    await waitFor(
      'the development host title',
      () => wb.title(),
      (t) => t.includes('[Extension Development Host]'),
    );
  });

  it('shows the extension language in the status bar', async () => {
    const wb = vscode().workbench;
    await wb.openFile(CLEAN.file);
    assert.equal(await wb.waitForLanguageMode(SEQ_LANGUAGE.name), SEQ_LANGUAGE.name);
  });

  it('activates the extension because a seq document opened', async () => {
    assert.equal(await vscode().waitForActivation(EXTENSION_ID), SEQ_LANGUAGE.activationEvent);
  });
});
