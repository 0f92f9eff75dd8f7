// The language server starts once, and only for a `.seq` document: Markdown alone (which also
// activates the extension) does not start it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWhenSeqOpens, type Workspace } from '../../client/src/lazyStart';

type Doc = { readonly languageId: string };

/** A workspace with `open` documents; `opened` then opens more, one at a time. */
function run(open: readonly string[], opened: readonly string[], disposeAfter = Infinity): number {
  const listeners = new Set<(d: Doc) => void>();
  const workspace: Workspace = {
    textDocuments: open.map((languageId) => ({ languageId })),
    onDidOpenTextDocument: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
  };
  let starts = 0;
  const waiting = startWhenSeqOpens(workspace, () => starts++);
  opened.forEach((languageId, i) => {
    if (i === disposeAfter) waiting.dispose();
    for (const l of [...listeners]) l({ languageId });
  });
  return starts;
}

const CASES: readonly (readonly [string, readonly string[], readonly string[], number, number?])[] = [
  ['a .seq document open at activation', ['seq'], [], 1],
  ['a .seq document open, and more opened later', ['markdown', 'seq'], ['seq', 'seq'], 1],
  ['Markdown only', ['markdown'], ['markdown', 'plaintext'], 0],
  ['nothing open, then Markdown, then .seq twice', [], ['markdown', 'seq', 'seq'], 1],
  ['waiting disposed (deactivated) before a .seq document opens', ['markdown'], ['markdown', 'seq'], 0, 1],
];

for (const [name, open, opened, starts, disposeAfter] of CASES) {
  test(`lazy start: ${name} → ${starts} start(s)`, () => {
    assert.equal(run(open, opened, disposeAfter), starts);
  });
}
