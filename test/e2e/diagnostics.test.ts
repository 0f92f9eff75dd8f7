// A problem found by the language server reaches VS Code's Problems panel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useVSCode } from './harness/index.js';
import { BROKEN } from './scenarios.js';

describe('a broken .seq file', () => {
  const vscode = useVSCode({ workspace: { [BROKEN.file]: BROKEN.text } });

  it("lists the server's syntax error in the Problems panel", async () => {
    const wb = vscode().workbench;
    await wb.openFile(BROKEN.file);
    const { source, code, severity, line, message } = BROKEN.expected;
    const problem = await wb.waitForProblem(`${source} ${code}`, (p) => p.source === source && p.code === code);
    assert.equal(problem.severity, severity);
    assert.equal(problem.file, BROKEN.file);
    assert.equal(problem.line, line);
    assert.match(problem.message, message);
  });
});
