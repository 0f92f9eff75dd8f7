// A problem found by the language server reaches VS Code's Problems panel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useVSCode } from './harness/index.js';

describe('a broken .seq file', () => {
  const vscode = useVSCode({
    // Mermaid's alias syntax is no Lifeline statement: the spec's example of a `syntax` error.
    workspace: { 'broken.seq': 'participant A as Alice\nparticipant B\nA -> B: hello\n' },
  });

  it('lists the server\'s syntax error in the Problems panel', async () => {
    const wb = vscode().workbench;
    await wb.openFile('broken.seq');
    const problem = await wb.waitForProblem('lifeline syntax error', (p) => p.source === 'lifeline' && p.code === 'syntax');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.file, 'broken.seq');
    assert.equal(problem.line, 1);
    assert.match(problem.message, /participant A "Alice"/);
  });
});
