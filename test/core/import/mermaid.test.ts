// Mermaid → .seq: each fixture in test/fixtures/bridges/mermaid (written from Mermaid's documented
// syntax) against its golden .seq and notices; the result checks without errors, and its Mermaid
// export is accepted by mermaid's own parser with the same number of messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, exportMermaid, importMermaid, renderDocument } from '../../../server/src/core/index';
import { mermaidMessages } from '../bridgeTools';
import { assertGolden, FIXTURES, isV2Line, PARSER_HAS_V2, stderrOf } from './golden';

const dir = join(FIXTURES, 'mermaid');
const BROKEN = new Set(['syntax-error.mmd', 'not-sequence.mmd']);

for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.mmd'))
  .sort()) {
  test(`mermaid import: ${name}`, async () => {
    const input = readFileSync(join(dir, name), 'utf8');
    const r = importMermaid(input);
    assertGolden(join(dir, name.replace(/\.mmd$/, '.seq')), r.text);
    assertGolden(join(dir, name.replace(/\.mmd$/, '.stderr')), stderrOf(r));
    assert.equal(r.lineMap.length, r.text.split('\n').length - 1, 'one source line per output line');
    if (BROKEN.has(name)) {
      assert.ok(r.errors.length > 0, 'a broken diagram reports syntax errors');
      return;
    }
    assert.deepEqual(r.errors, []);
    const a = analyze(r.text);
    const lines = r.text.split('\n');
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    const v2Only = errors.every((d) =>
      isV2Line(lines[a.document.lineStarts.findIndex((s, i) => s <= d.offset && (a.document.lineStarts[i + 1] ?? Infinity) > d.offset)]),
    );
    if (PARSER_HAS_V2)
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
    else assert.ok(v2Only, `errors outside v2 lines: ${errors.map((d) => d.message).join('; ')}`);
    const expected = await mermaidMessages(input);
    const exported = exportMermaid(a);
    const got = await mermaidMessages(exported);
    // Before v2, a line the parser rejects is no message in the model: the count holds for v1 fixtures.
    if (PARSER_HAS_V2 || errors.length === 0) assert.equal(got, expected, exported);
    // And back again: the export of the import reads back to the same drawing.
    assert.equal(renderDocument(analyze(importMermaid(exported).text).model).text, renderDocument(a.model).text);
  });
}

test('mermaid import: syntax errors carry line and column', () => {
  const r = importMermaid(readFileSync(join(dir, 'syntax-error.mmd'), 'utf8'));
  assert.deepEqual(
    r.errors.map((e) => [e.line, e.column]),
    [
      [3, 5],
      [4, 5],
    ],
  );
});

test('mermaid import: the arrows mean what spec section 4 says', () => {
  const cases: [string, string][] = [
    ['A->>B: x', 'A -> B: x'],
    ['A-->>B: x', 'A --> B: x'],
    ['A-)B: x', 'A ->> B: x'],
    ['A--)B: x', 'A -->> B: x'],
    ['A-xB: x', 'A -x B: x'],
    ['A--xB: x', 'A --x B: x'],
    ['A->>+B: x', 'A -> +B: x'],
    ['B-->>-A: x', 'B --> -A: x'],
  ];
  for (const [mermaid, seq] of cases) {
    const body = importMermaid(`sequenceDiagram\n${mermaid}\n`)
      .text.split('\n')
      .filter((l) => !l.startsWith('participant'));
    assert.equal(body[0], seq, mermaid);
  }
});

test('mermaid import: labels with markup stay text; lifeline comments come back as .seq lines', () => {
  const r = importMermaid('sequenceDiagram\nA->>B: <script>alert(1)</script> <img src=x onerror=y>\n%% lifeline: takes 20ms\n');
  assert.match(r.text, /A -> B: <script>alert\(1\)<\/script> <img src=x onerror=y>\ntakes 20ms\n/);
});
