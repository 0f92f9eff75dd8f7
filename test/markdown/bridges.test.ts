// What the bridge commands compute without VS Code (client/src/markdown/bridges.ts, shipped in
// the core bundle the extension loads): Convert to .seq, Export as Mermaid / PlantUML, and the
// names their Save As… offers start from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bridges } from '../../client/src/markdown/markdownItPlugin';
import { exportMermaid, exportPlantUml, analyze } from '../../server/src/core/index';

const MERMAID = 'sequenceDiagram\n  Shopper->>+Cart: add\n  Cart-->>-Shopper: added\n';
const PLANTUML = '@startuml\nactor User\nUser -> Shop : buy\nskinparam monochrome true\n@enduml\n';

const CONVERSIONS: { name: string; file: string; text: string; expected: ReturnType<typeof bridges.convertToSeq> }[] = [
  {
    name: 'a Mermaid file',
    file: '/w/cart.mmd',
    text: MERMAID,
    expected: {
      ok: true,
      text: 'participant Shopper\nparticipant Cart\nShopper -> +Cart: add\nCart --> -Shopper: added\n',
      dropped: 0,
    },
  },
  {
    name: 'a .mermaid file is Mermaid too',
    file: 'C:\\w\\cart.MERMAID',
    text: MERMAID,
    expected: {
      ok: true,
      text: 'participant Shopper\nparticipant Cart\nShopper -> +Cart: add\nCart --> -Shopper: added\n',
      dropped: 0,
    },
  },
  {
    name: 'a PlantUML file counts what was dropped',
    file: '/w/shop.puml',
    text: PLANTUML,
    expected: {
      ok: true,
      text: 'actor User\nparticipant Shop\nUser -> Shop: buy\n# dropped: `skinparam` (styling): no meaning in Lifeline\n',
      dropped: 1,
    },
  },
  {
    name: 'a .pu file is PlantUML',
    file: '/w/shop.pu',
    text: '@startuml\nA -> B : hi\n@enduml\n',
    expected: { ok: true, text: 'participant A\nparticipant B\nA -> B: hi\n', dropped: 0 },
  },
  {
    name: 'a syntax error: its line and column, no text',
    file: '/w/bad.mmd',
    text: 'sequenceDiagram\n  A->>B: hi\n  this is bad\n',
    expected: {
      ok: false,
      message:
        'bad.mmd: line 3, column 3: cannot read `this is bad`: expected a message (`A->>B: text`) or a statement such as `participant`, `Note`, `loop` or `end`',
    },
  },
  {
    name: 'not a sequence diagram',
    file: '/w/flow.mmd',
    text: 'flowchart LR\n  A --> B\n',
    expected: {
      ok: false,
      message:
        'flow.mmd: line 1, column 1: expected `sequenceDiagram` as the first statement, found `flowchart`: only Mermaid sequence diagrams can be imported',
    },
  },
  {
    name: 'a file the command does not read',
    file: '/w/notes.md',
    text: '```mermaid\nsequenceDiagram\nA->>B: x\n```\n',
    expected: { ok: false, message: 'notes.md is not a Mermaid (.mmd, .mermaid) or PlantUML (.puml, .plantuml, .pu) file' },
  },
];

for (const c of CONVERSIONS) {
  test(`convert to .seq: ${c.name}`, () => {
    assert.deepEqual(bridges.convertToSeq(c.file, c.text), c.expected);
  });
}

test('several syntax errors: the first, and how many more', () => {
  const r = bridges.convertToSeq('x.mmd', 'sequenceDiagram\n  bad one\n  loop x\n');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.message, /^x\.mmd: line 2, column 3: .* \(and 1 more\)$/);
});

const SEQ = 'actor User\nsystem Shop "Web Shop"\nUser -> Shop: buy\nShop -->> User: receipt\n';

for (const [format, exporter] of [
  ['mermaid', exportMermaid],
  ['plantuml', exportPlantUml],
] as const) {
  test(`export as ${format}: the core's export, and no errors counted`, () => {
    assert.deepEqual(bridges.exportSeq(SEQ, format), { text: exporter(analyze(SEQ)), errors: 0 });
  });
  test(`export as ${format}: a .seq with errors still exports, and says how many`, () => {
    const r = bridges.exportSeq(`${SEQ}not a statement\n`, format);
    assert.equal(r.errors, 1);
    assert.match(r.text, /buy/);
  });
}

const NAMES: [string, string, string][] = [
  ['/w/login.mmd', 'seq', 'login.seq'],
  ['/w/a.b/login.flow.puml', 'seq', 'login.flow.seq'],
  ['/w/login.seq', 'mmd', 'login.mmd'],
  ['C:\\w\\login.seq', 'puml', 'login.puml'],
  ['/w/.hidden', 'seq', '.hidden.seq'],
];
for (const [file, extension, expected] of NAMES) {
  test(`the Save As… name of ${file} as .${extension}`, () => {
    assert.equal(bridges.siblingName(file, extension), expected);
  });
}

test('each export format has its file extension', () => {
  assert.deepEqual(bridges.EXPORT_EXTENSIONS, { mermaid: 'mmd', plantuml: 'puml' });
});
