// Hostile input for the readers and writers: markup stays text, and a 1 MB line, deep nesting
// and 10,000 participants neither throw nor lose the diagram (timing belongs to npm run stress).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyze,
  exportMermaid,
  exportPlantUml,
  importDiagram,
  importMarkdown,
  importMermaid,
  importPlantUml,
} from '../../../server/src/core/index';

const mermaid = (body: string) => `sequenceDiagram\n${body}`;
const plantuml = (body: string) => `@startuml\n${body}@enduml\n`;

test('HTML and script in labels, notes, names and conditions stay text', () => {
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const m = importMermaid(mermaid(`participant A as ${evil}\nA->>B: ${evil}\nNote over A: ${evil}\nloop ${evil}\nA->>B: x\nend\n`));
  const p = importPlantUml(
    plantuml(`participant "${evil}" as A\nA -> B : ${evil}\nnote over A : ${evil}\nloop ${evil}\nA -> B : x\nend\n`),
  );
  for (const r of [m, p]) {
    assert.deepEqual(r.errors, []);
    assert.equal(r.text.split(evil).length - 1, 4, r.text);
  }
});

test('Mermaid entities never make control, bidi or separator characters out of visible text', () => {
  const table: [entity: string, kept: string][] = [
    ['#27;', '#27;'],
    ['#x1b;', '#x1b;'],
    ['#7;', '#7;'],
    ['#127;', '#127;'],
    ['#x85;', '#x85;'],
    ['#x202E;', '#x202E;'],
    ['#x2067;', '#x2067;'],
    ['#x2028;', '#x2028;'],
    ['#60;', '<'],
    ['#9;', '\t'],
    ['#10;', '\\n'],
  ];
  for (const [entity, kept] of table) {
    const r = importMermaid(mermaid(`A->>B: x${entity}[2J\n`));
    assert.equal(r.text.split('\n')[2], `A -> B: x${kept}[2J`, entity);
  }
});

const cases: [string, () => string][] = [
  ['a 1 MB line (Mermaid)', () => mermaid(`A->>B: ${'x'.repeat(1 << 20)}\n`)],
  ['a 1 MB line (PlantUML)', () => plantuml(`A -> B : ${'x'.repeat(1 << 20)}\n`)],
  ['a 1 MB line of arrows (Mermaid)', () => mermaid(`${'-'.repeat(1 << 20)}\n`)],
  ['a 1 MB line of arrows (PlantUML)', () => plantuml(`${'-'.repeat(1 << 20)}\n`)],
  ['a 1 MB line of semicolons (Mermaid)', () => mermaid(`${';'.repeat(1 << 20)}\n`)],
  ['5,000 nested loops (Mermaid)', () => mermaid(`${'loop x\n'.repeat(5000)}A->>B: deep\n${'end\n'.repeat(5000)}`)],
  ['5,000 nested loops (PlantUML)', () => plantuml(`${'loop x\n'.repeat(5000)}A -> B : deep\n${'end\n'.repeat(5000)}`)],
  ['5,000 unclosed alts (Mermaid)', () => mermaid('alt x\n'.repeat(5000))],
  [
    '10,000 participants (Mermaid)',
    () => mermaid(Array.from({ length: 10000 }, (_, i) => `participant P${i}\n`).join('') + 'P0->>P9999: far\n'),
  ],
  [
    '10,000 participants (PlantUML)',
    () => plantuml(Array.from({ length: 10000 }, (_, i) => `participant P${i}\n`).join('') + 'P0 -> P9999 : far\n'),
  ],
  ['10,000 boxes (Mermaid)', () => mermaid(Array.from({ length: 10000 }, (_, i) => `box Group ${i}\nparticipant P${i}\nend\n`).join(''))],
];

for (const [name, make] of cases) {
  test(`no throw: ${name}`, () => {
    const input = make();
    const format = input.startsWith('@startuml') ? 'plantuml' : 'mermaid';
    const r = importDiagram(input, format);
    assert.equal(r.lineMap.length, r.text.split('\n').length - 1);
    const a = analyze(r.text);
    assert.ok(typeof exportMermaid(a) === 'string' && typeof exportPlantUml(a) === 'string');
  });
}

test('Markdown: one fence is the diagram; several become named sequences; none is an error', () => {
  const one = importMarkdown('# Doc\n\n```mermaid\nsequenceDiagram\nA->>B: hi\n```\n');
  assert.match(one.text, /^participant A\nparticipant B\nA -> B: hi\n$/);
  assert.equal(one.lineMap[2], 4, 'lines map back into the Markdown file');
  const two = importMarkdown(
    '```mermaid\nsequenceDiagram\ntitle One\nA->>B: hi\n```\n\n```mermaid\nflowchart LR\nA-->B\n```\n\n```plantuml\n@startuml\nB -> A : back\n@enduml\n```\n',
  );
  assert.match(two.text, /sequence One\n {2}A -> B: hi\nend\n/);
  assert.match(two.text, /sequence Diagram 2\n {2}B -> A: back\nend\n/);
  assert.deepEqual(
    analyze(two.text).diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(importMarkdown('# nothing here\n').errors.length, 1);
});
