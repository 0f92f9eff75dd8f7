// The server's reader for `file.seq#Sequence` refs: an open document's text wins over the disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/index';
import { refReader } from '../../server/src/lsp/documents';
import { REF_FILE_MAX_BYTES } from '../../server/src/refFile';

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

test('a ref read from the disk is only a regular file within the size bound (a hostile repository)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-refs-'));
  try {
    const seq = 'actor A\nsequence X\n  A -> A\nend\n';
    writeFileSync(join(dir, 'ok.seq'), seq);
    writeFileSync(join(dir, 'big.seq'), seq + '#'.repeat(REF_FILE_MAX_BYTES));
    symlinkSync('/dev/zero', join(dir, 'zero.seq'));
    symlinkSync(join(dir, 'big.seq'), join(dir, 'link-big.seq'));
    execFileSync('mkfifo', [join(dir, 'fifo.seq')]);
    const read = refReader(pathToFileURL(join(dir, 'main.seq')).href, () => undefined)!;
    assert.equal(read('ok.seq'), seq);
    // Each would never end (zero, fifo) or be read whole (big): refused at once, as if missing.
    const started = process.hrtime.bigint();
    for (const name of ['zero.seq', 'fifo.seq', 'big.seq', 'link-big.seq']) assert.equal(read(name), undefined, name);
    assert.ok(process.hrtime.bigint() - started < 2_000_000_000n, 'refused without reading them');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
