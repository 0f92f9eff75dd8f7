// .seq → Mermaid and PlantUML: goldens for test/fixtures/bridges/seq, every export (those and the
// project's examples) accepted by mermaid's parser (with every message) and by `plantuml -syntax`,
// and read back to the same drawing; with the `lifeline:` comments removed as well for a diagram
// that uses only what both languages have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, exportMermaid, exportPlantUml, importMermaid, importPlantUml, renderDocument } from '../../../server/src/core/index';
import { isEdgeId, type Item } from '../../../server/src/core/model';
import { mermaidMessages, plantumlSyntax } from '../bridgeTools';
import { assertGolden, FIXTURES } from '../import/golden';

const seqDir = join(FIXTURES, 'seq');
const examples = join(__dirname, '../../../examples');
const files = [
  ...readdirSync(seqDir)
    .filter((f) => f.endsWith('.seq'))
    .sort()
    .map((f) => join(seqDir, f)),
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.seq'))
    .sort()
    .map((f) => join(examples, f)),
];

const drawing = (text: string) => renderDocument(analyze(text).model).text;
const withoutCarried = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*(%%|') lifeline:/.test(l))
    .join('\n');

function messageCount(items: readonly Item[]): number {
  // Edge messages travel as comments in Mermaid (it has no diagram edges).
  return items.reduce(
    (n, it) =>
      n +
      (it.type === 'message'
        ? isEdgeId(it.from) || isEdgeId(it.to)
          ? 0
          : 1
        : it.type === 'fragment'
          ? it.branches.reduce((m, b) => m + messageCount(b.items), 0)
          : 0),
    0,
  );
}

for (const file of files) {
  const name = file.split('/').pop()!;
  test(`export: ${name} → Mermaid: golden, mermaid parses every message, reads back to the same drawing`, async () => {
    const text = readFileSync(file, 'utf8');
    const a = analyze(text);
    const mmd = exportMermaid(a);
    if (file.startsWith(seqDir)) assertGolden(file.replace(/\.seq$/, '.mmd'), mmd);
    const messages = a.model.sequences.reduce((n, s) => n + messageCount(s.items), 0);
    assert.equal(await mermaidMessages(mmd), messages);
    const back = importMermaid(mmd);
    assert.deepEqual([back.errors, back.notices], [[], []]);
    assert.equal(drawing(back.text), drawing(text));
  });

  test(`export: ${name} → PlantUML: golden, reads back to the same drawing`, () => {
    const text = readFileSync(file, 'utf8');
    const puml = exportPlantUml(analyze(text));
    if (file.startsWith(seqDir)) assertGolden(file.replace(/\.seq$/, '.puml'), puml);
    const back = importPlantUml(puml);
    assert.deepEqual([back.errors, back.notices], [[], []]);
    assert.equal(drawing(back.text), drawing(text));
  });
}

test('export: every PlantUML export passes plantuml -syntax (one JVM)', () => {
  const texts = files.map((f) => exportPlantUml(analyze(readFileSync(f, 'utf8'))));
  const results = plantumlSyntax(texts);
  assert.deepEqual(files.map((f, i) => (results[i] ? `${f}: ${results[i]}` : undefined)).filter(Boolean), []);
});

test('export: a diagram of shared constructs draws the same with every lifeline: comment removed', () => {
  const text = readFileSync(join(seqDir, 'common.seq'), 'utf8');
  const a = analyze(text);
  assert.equal(drawing(importMermaid(withoutCarried(exportMermaid(a))).text), drawing(text));
  assert.equal(drawing(importPlantUml(withoutCarried(exportPlantUml(a))).text), drawing(text));
});

test('export: Mermaid arrows are renamed as spec section 4 says, PlantUML keeps them', () => {
  const a = analyze('A -> B: a\nA --> B: b\nA ->> B: c\nA -->> B: d\nA -x B: e\nA --x B: f\n');
  assert.deepEqual(
    exportMermaid(a)
      .split('\n')
      .filter((l) => l.includes(': '))
      .map((l) => l.trim().split(' ')[1]),
    ['->>', '-->>', '-)', '--)', '-x', '--x'],
  );
  assert.deepEqual(
    exportPlantUml(a)
      .split('\n')
      .filter((l) => l.includes(' : '))
      .map((l) => l.trim().split(' ')[1]),
    ['->', '-->', '->>', '-->>', '->x', '-->x'],
  );
});

test('export: labels with markup and Mermaid separators survive the trip as text', () => {
  const text = 'A -> B: <script>alert(1)</script>; #35; <br> x\n';
  for (const [ex, im] of [
    [exportMermaid, importMermaid],
    [exportPlantUml, importPlantUml],
  ] as const) {
    const back = im(ex(analyze(text)));
    assert.match(back.text, /A -> B: <script>alert\(1\)<\/script>; #35; <br> x\n/);
  }
});

test('export: a Mermaid directive in text is not one in the exported file, and comes back as text', () => {
  const directive = "%%{init: {'theme':'dark','themeCSS':'* {background:url(https://evil.example/t)}'}}%%";
  const text = `title T ${directive}\nactor A "A ${directive}"\nA -> A: ${directive}\nnote over A: ${directive}\nloop ${directive}\n  A -> A: x\nend\n`;
  const mmd = exportMermaid(analyze(text));
  // Mermaid's own directive pattern (mermaid 11, utils.ts), anywhere in the file.
  assert.doesNotMatch(mmd, /%{2}{\s*(?:(\w+)\s*:|(\w+))/, mmd);
  const back = importMermaid(mmd).text;
  assert.equal(back.split(directive).length - 1, 5, back);
});

test('export: a PlantUML builtin call in text is not evaluated, and comes back as text', () => {
  const call = "%getenv('HOME') %load_json('/etc/passwd')";
  const text = `title T ${call}\nactor A "A ${call}"\nA -> A: ${call}\nnote over A: ${call}\nloop ${call}\n  A -> A: x\nend\n== ${call} ==\n... ${call} ...\n`;
  const puml = exportPlantUml(analyze(text));
  // What PlantUML's preprocessor evaluates anywhere in a line: `%name(`.
  assert.doesNotMatch(puml.replace(/^\s*' .*$/gm, ''), /%[A-Za-z_]\w*\s*\(/, puml);
  const back = importPlantUml(puml).text;
  assert.equal(back.split(call).length - 1, 7, back);
});
