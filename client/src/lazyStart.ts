/**
 * When the language server starts: at once if a `.seq` document is open, else the first time one
 * opens. Markdown also activates the extension (for the fence code action), and a session that
 * only edits Markdown should not run the server. No vscode import: tested with fakes.
 */

interface Doc {
  readonly languageId: string;
}

interface Disposable {
  dispose(): void;
}

export interface Workspace {
  readonly textDocuments: readonly Doc[];
  onDidOpenTextDocument(listener: (doc: Doc) => void): Disposable;
}

/** Calls `start` once, when a `.seq` document is (or becomes) open; dispose to stop waiting. */
export function startWhenSeqOpens(workspace: Workspace, start: () => void): Disposable {
  const isSeq = (d: Doc) => d.languageId === 'seq';
  if (workspace.textDocuments.some(isSeq)) {
    start();
    return { dispose: () => undefined };
  }
  const listener = workspace.onDidOpenTextDocument((d) => {
    if (!isSeq(d)) return;
    listener.dispose();
    start();
  });
  return listener;
}
