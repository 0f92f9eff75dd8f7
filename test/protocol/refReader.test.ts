// The server's reader for `file.seq#Sequence` refs: an open document's text wins over the disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/index';
import { refReader } from '../../server/src/lsp/documents';

test('refs read open documents first, then the disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-refs-'));
  try {
    writeFileSync(join(dir, 'pay.seq'), 'actor A\nsequence On disk\n  A -> A\n  takes 100ms\nend\n');
    const uri = pathToFileURL(join(dir, 'main.seq')).href;
    const payUri = pathToFileURL(join(dir, 'pay.seq')).href;
    const text =
      'actor A\nsequence Main within 150ms\n  ref over A: pay.seq#Edited\n  ref over A: pay.seq#On disk\n  ref over A: gone.seq#X\nend';
    const codes = (open: Record<string, string>) =>
      analyze(text, { readFile: refReader(uri, (u) => open[u]) }).diagnostics.map(
        (d) => `${d.code} ${text.slice(d.offset, d.offset + d.length)}`,
      );
    assert.deepEqual(codes({}), ['missing-related Edited', 'missing-related gone.seq']);
    // Open, the edited text is read instead of the disk: `On disk` is gone, `Edited` counts 200ms.
    assert.deepEqual(codes({ [payUri]: 'actor A\nsequence Edited\n  A -> A\n  takes 200ms\nend\n' }), [
      'budget-exceeded 150ms',
      'missing-related On disk',
      'missing-related gone.seq',
    ]);
    assert.equal(
      refReader('untitled:Untitled-1', () => undefined),
      undefined,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
