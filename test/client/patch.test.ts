// The preview's patches: the extension sends the change from the diagram the page shows, the page
// applies it. Whatever the two diagrams, applying the patch gives the new one exactly; and a
// keystroke's patch is small.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagram, SourceRange } from '../../client/src/preview/messages.js';
import { applyPatch, diagramPatch } from '../../client/src/preview/patch.js';
import { applySplice, diffLists, rowTexts } from '../../server/src/core/splice.js';
import { generate } from '../../scripts/bench/generate.js';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';

let ids = 1;
function diagram(lines: readonly string[], rows: readonly (SourceRange | null)[] = lines.map(() => null), steps: readonly string[] = []): Diagram {
  return { id: ids++, version: ids, charset: 'ascii', lines, rows, steps, tooLarge: false };
}
const range = (line: number): SourceRange => ({ startLine: line, startCharacter: 2, endLine: line, endCharacter: 9 });

/** What the page does with a patch, as data: the new diagram, and which rows it had to touch. */
function roundTrip(before: Diagram, after: Diagram) {
  const patch = diagramPatch(before, after);
  const json = JSON.stringify(patch);
  const result = applyPatch(before, JSON.parse(json));
  return { patch, json, result };
}

describe('preview patches', () => {
  it('finds the one splice between the common start and end', () => {
    assert.equal(diffLists([1, 2, 3], [1, 2, 3], Object.is), undefined);
    assert.deepEqual(diffLists([1, 2, 3], [1, 9, 3], Object.is), { start: 1, deleteCount: 1, items: [9] });
    assert.deepEqual(diffLists([1, 2, 3], [1, 2, 2, 3], Object.is), { start: 2, deleteCount: 0, items: [2] });
    assert.deepEqual(diffLists([1, 2, 3], [], Object.is), { start: 0, deleteCount: 3, items: [] });
    assert.deepEqual(diffLists([], [4], Object.is), { start: 0, deleteCount: 0, items: [4] });
    // Repeated items: the prefix and the suffix never overlap.
    assert.deepEqual(diffLists(['a', 'a'], ['a', 'a', 'a'], Object.is), { start: 2, deleteCount: 0, items: ['a'] });
    assert.deepEqual(applySplice(['a', 'b', 'c'], { start: 1, deleteCount: 1, items: ['x', 'y'] }), ['a', 'x', 'y', 'c']);
  });

  it('turns any diagram into any other (checked on random ones, through JSON as postMessage carries it)', () => {
    const line = fc.string({ unit: fc.constantFrom('-', ' ', '|', '>', 'a', 'b', '😀', '\u0301'), maxLength: 12 });
    const lines = fc.array(line, { maxLength: 8 });
    const rows = fc.array(fc.option(fc.nat({ max: 5 }).map(range), { nil: null }), { maxLength: 8 });
    fc.assert(
      fc.property(lines, lines, rows, rows, fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), (l1, l2, r1, r2, s1, s2) => {
        const before = diagram(l1, r1, s1);
        const after = diagram(l2, r2, s2);
        const { result } = roundTrip(before, after);
        assert.deepEqual(result, after);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends a keystroke in a 1,000-message diagram as one row, and a label that shifts every row as edits of the rows', () => {
    let text = generate({ messages: 1000, participants: 20 }).seq;
    const draw = (t: string) => diagram(renderDocument(analyze(t).model, { charset: 'ascii' }).text.split('\n').slice(0, -1));
    const at = text.indexOf('\n', text.length / 2);
    const before = draw(text);
    text = `${text.slice(0, at)}Z${text.slice(at)}`;
    const one = roundTrip(before, draw(text));
    assert.equal(one.patch.lines?.items.length, 1);
    assert.ok(one.json.length < 2_000, `${one.json.length} characters`);
    assert.deepEqual(one.result.lines, draw(text).lines);

    // Every row one column wider (the gap between two lifelines grows): each row is an edit.
    const wider = diagram(before.lines.map((l) => (l.length > 30 ? `${l.slice(0, 30)}-${l.slice(30)}` : l)));
    const shifted = roundTrip(before, wider);
    assert.ok((shifted.patch.lines?.items.length ?? 0) > 1000);
    assert.ok(shifted.json.length < 40_000, `${shifted.json.length} characters for ${before.lines.join('\n').length} of drawing`);
    assert.deepEqual(shifted.result.lines, wider.lines);
  });

  it('edits rows counted from the end when rows were added above them (a new message renumbers the rest)', () => {
    const lifelines = '|'.padEnd(40, ' ') + '|';
    const before = diagram(['head', ` 1. a ${lifelines}`, ` 2. b ${lifelines}`, ` 3. c ${lifelines}`]);
    const after = diagram(['head', ` 1. new ${lifelines}`, ` 2. a ${lifelines}`, ` 3. b ${lifelines}`, ` 4. c ${lifelines}`]);
    const { patch, result } = roundTrip(before, after);
    assert.deepEqual(result.lines, after.lines);
    const edits = (patch.lines?.items ?? []).filter((c) => typeof c !== 'string');
    assert.ok(edits.length >= 3, JSON.stringify(patch.lines));
    assert.deepEqual(rowTexts(before.lines, patch.lines ?? { start: 0, deleteCount: 0, items: [] }), after.lines.slice(1));
  });

  it('names the diagram it applies to', () => {
    const a = diagram(['x']);
    const b = diagram(['y']);
    const patch = diagramPatch(a, b);
    assert.equal(patch.base, a.id);
    assert.equal(patch.id, b.id);
    assert.equal(patch.version, b.version);
    assert.equal(diagramPatch(a, { ...a, id: ids++ }).lines, undefined, 'an unchanged drawing sends no rows');
  });
});
