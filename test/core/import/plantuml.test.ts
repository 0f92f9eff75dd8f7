// PlantUML → .seq: each fixture in test/fixtures/bridges/plantuml (written from PlantUML's documented
// sequence-diagram syntax) against its golden .seq and notices; the result checks without errors,
// and its PlantUML export passes `plantuml -syntax` (all exports in one JVM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, exportPlantUml, importPlantUml, renderDocument } from '../../../server/src/core/index';
import { plantumlSyntax } from '../bridgeTools';
import { assertGolden, FIXTURES, isV2Line, PARSER_HAS_V2, stderrOf } from './golden';

const dir = join(FIXTURES, 'plantuml');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.puml'))
  .sort();
const exports = new Map<string, string>();

for (const name of names) {
  test(`plantuml import: ${name}`, () => {
    const r = importPlantUml(readFileSync(join(dir, name), 'utf8'));
    assertGolden(join(dir, name.replace(/\.puml$/, '.seq')), r.text);
    assertGolden(join(dir, name.replace(/\.puml$/, '.stderr')), stderrOf(r));
    assert.equal(r.lineMap.length, r.text.split('\n').length - 1, 'one source line per output line');
    if (name === 'syntax-error.puml') {
      assert.deepEqual(
        r.errors.map((e) => [e.line, e.column]),
        [
          [3, 1],
          [4, 1],
        ],
      );
      return;
    }
    assert.deepEqual(r.errors, []);
    const a = analyze(r.text);
    const lines = r.text.split('\n');
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    const lineOf = (offset: number) =>
      a.document.lineStarts.findIndex((s, i) => s <= offset && (a.document.lineStarts[i + 1] ?? Infinity) > offset);
    if (PARSER_HAS_V2)
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
    else
      assert.ok(
        errors.every((d) => isV2Line(lines[lineOf(d.offset)])),
        `errors outside v2 lines: ${errors.map((d) => d.message).join('; ')}`,
      );
    exports.set(name, exportPlantUml(a));
    // And back again: the export of the import reads back to the same drawing.
    assert.equal(renderDocument(analyze(importPlantUml(exports.get(name)!).text).model).text, renderDocument(a.model).text);
  });
}

test('plantuml import: every export back to PlantUML passes plantuml -syntax', () => {
  const texts = [...exports.values()];
  assert.ok(texts.length >= names.length - 1, 'the import tests ran first');
  const results = plantumlSyntax(texts);
  const failed = [...exports.keys()].filter((_, i) => results[i] !== undefined).map((n, i) => `${n}: ${results[i]}`);
  assert.deepEqual(failed, []);
});

test('plantuml import: arrows in both directions and the shortcuts', () => {
  const cases: [string, string][] = [
    ['A -> B : x', 'A -> B: x'],
    ['A --> B : x', 'A --> B: x'],
    ['A ->> B : x', 'A ->> B: x'],
    ['A -->> B : x', 'A -->> B: x'],
    ['A ->x B : x', 'A -x B: x'],
    ['A -->x B : x', 'A --x B: x'],
    ['B <- A : x', 'A -> B: x'],
    ['B <-- A : x', 'A --> B: x'],
    ['[-> A : x', '[ -> A: x'],
    ['A ->] : x', 'A -> ]: x'],
    ['A -> B ++ : x', 'A -> +B: x'],
    ['B --> A -- : x', 'B --> -A: x'],
  ];
  for (const [puml, seq] of cases) {
    const body = importPlantUml(`@startuml\n${puml}\n@enduml\n`)
      .text.split('\n')
      .filter((l) => !l.startsWith('participant'));
    assert.equal(body[0], seq, puml);
  }
});

test('plantuml import: return answers the innermost activation', () => {
  const r = importPlantUml('@startuml\nA -> B ++ : call\nB -> C ++ : deeper\nreturn inner\nreturn outer\n@enduml\n');
  assert.match(r.text, /C --> -B: inner\nB --> -A: outer\n/);
});
