// The first scenarios through VS Code's extension API, inside the extension host. The same
// files and expectations as the code-server e2e tests (../../e2e/scenarios.ts).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../e2e/harness/poll';
import { BROKEN, CLEAN, EXTENSION_ID, SEQ_LANGUAGE } from '../../e2e/scenarios';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened the test workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('Lifeline in VS Code', () => {
  it('gives .seq files the seq language', async () => {
    const doc = await open(CLEAN.file);
    assert.equal(doc.languageId, SEQ_LANGUAGE.id);
  });

  it('activates once a seq document is open', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await open(CLEAN.file);
    await waitFor(`${EXTENSION_ID} to activate`, async () => ext.isActive, Boolean);
  });

  it("publishes the language server's syntax error", async () => {
    const doc = await open(BROKEN.file);
    const { source, code, line, message } = BROKEN.expected;
    const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
    const diagnostics = await waitFor(
      `a ${source} ${code} diagnostic`,
      async () => vscode.languages.getDiagnostics(doc.uri),
      (ds) => ds.some((d) => d.source === source && codeOf(d) === code),
    );
    const d = diagnostics.find((x) => x.source === source && codeOf(x) === code) as vscode.Diagnostic;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line + 1, line);
    assert.match(d.message, message);
  });
});
