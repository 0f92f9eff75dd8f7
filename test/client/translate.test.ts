// The one path from the server to the page: the server's answer to `lifeline/render` (whole, or
// its change from the diagram the page names) translated into the page's terms. Applied to the
// page's diagram, the translated change gives exactly the diagram the whole answer translates to:
// the same lines, source ranges and text alternative.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyPatch, replacement, stepsOf, type Diagram, type DiagramPatch } from '../../client/src/preview/diagram.js';
import { diagramOf, patchOf, statementAt, type LineText } from '../../client/src/preview/translate.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { analyze } from '../../server/src/core/index.js';
import type { ParsedDocument } from '../../server/src/features/document.js';
import { Drawings, render } from '../../server/src/features/render.js';
import { isRenderDelta } from '../../server/src/lsp/protocol.js';
import { rowTexts } from '../../server/src/core/splice.js';
import { generate } from '../../scripts/bench/generate.js';

const URI = 'file:///w/t.seq';
let version = 0;
const doc = (text: string): ParsedDocument => ({ uri: URI, version: ++version, analysis: analyze(text) });
const linesOfText = (text: string): LineText => {
  const lines = text.split('\n');
  return (n) => lines[n];
};

/** The page's side of a session: what the server sends for each text, translated and applied. */
class Session {
  private readonly drawings = new Drawings();
  diagram: Diagram | undefined;

  /** The change the page gets for `text` (whole when it has none, or the server lost its base). */
  type(text: string, charset: 'ascii' | 'unicode' = 'ascii'): { patch?: DiagramPatch; json: string } {
    const answer = this.drawings.answer(doc(text), { charset, ...(this.diagram ? { since: this.diagram.id } : {}) }, renderDocument);
    if (!isRenderDelta(answer)) {
      this.diagram = diagramOf(answer, charset, linesOfText(text));
      return { json: JSON.stringify(this.diagram) };
    }
    const patch = patchOf(this.diagram as Diagram, answer, charset, linesOfText(text));
    // Through JSON, as postMessage carries it.
    const json = JSON.stringify(patch);
    this.diagram = applyPatch(this.diagram as Diagram, JSON.parse(json) as DiagramPatch);
    return { patch, json };
  }
}

/** The page's diagram of `text` drawn whole. */
function wholeDiagram(text: string, charset: 'ascii' | 'unicode' = 'ascii'): Diagram {
  return diagramOf(render(doc(text), { charset }, renderDocument), charset, linesOfText(text));
}

/** The same diagram, ids and versions aside; statements compared by line. */
function assertSame(actual: Diagram, expected: Diagram): void {
  assert.deepEqual(actual.lines, expected.lines);
  assert.deepEqual(actual.rows, expected.rows);
  assert.deepEqual(stepsOf(actual), stepsOf(expected));
  assert.deepEqual(
    [...actual.statements].sort((a, b) => a[0] - b[0]),
    [...expected.statements].sort((a, b) => a[0] - b[0]),
  );
}

describe('translating the server’s answers for the page', () => {
  it('turns a whole drawing into lines, source ranges and the statements the text alternative reads', () => {
    const text = 'title T\nactor User\nUser -> Shop: order\nalt paid\n  Shop --> User: ok\nend';
    const d = wholeDiagram(text);
    const row = d.lines.findIndex((l) => l.includes('order'));
    assert.deepEqual(d.rows[row], { startLine: 2, startCharacter: 0, endLine: 2, endCharacter: 19 });
    assert.deepEqual(stepsOf(d), ['User -> Shop: order', 'alt paid', 'Shop --> User: ok', 'end']);
    assert.equal(d.lines.length, d.rows.length);
  });

  it('reads a statement from its range on its first line', () => {
    const lines = linesOfText('  A -> B: hi  \nalt x\n  B -> A\nend');
    assert.equal(statementAt({ startLine: 0, startCharacter: 2, endLine: 0, endCharacter: 12 }, lines), 'A -> B: hi');
    assert.equal(statementAt({ startLine: 1, startCharacter: 0, endLine: 3, endCharacter: 3 }, lines), 'alt x');
    assert.equal(statementAt({ startLine: 9, startCharacter: 0, endLine: 9, endCharacter: 3 }, lines), '', 'past the end');
  });

  it('passes a keystroke on as the server’s one changed row, and the page ends with the whole drawing', () => {
    let text = generate({ messages: 1000, participants: 20 }).seq;
    const session = new Session();
    session.type(text);
    const at = text.indexOf('\n', text.length / 2);
    text = `${text.slice(0, at)}Z${text.slice(at)}`;
    const { patch, json } = session.type(text);
    assert.ok(patch, 'a change, not the whole drawing');
    assert.equal(patch.lines?.items.length, 1);
    assert.equal(patch.rows?.items.length, 1, 'the row whose range grew');
    assert.ok(json.length < 2_000, `${json.length} characters`);
    assertSame(session.diagram as Diagram, wholeDiagram(text));
  });

  it('sends a label that widens every column as edits of the old rows', () => {
    const text = generate({ messages: 1000, participants: 20 }).seq;
    const session = new Session();
    session.type(text);
    const label = text.indexOf(': ', text.indexOf('->')) + 2;
    const wider = `${text.slice(0, label)}a label much longer than the gap between any two lifelines ${text.slice(label)}`;
    const { patch, json } = session.type(wider);
    assert.ok(patch && (patch.lines?.items.length ?? 0) > 500);
    assert.ok((patch.lines?.items ?? []).filter((c) => typeof c !== 'string').length > 500, 'rows sent as edits of the rows they were');
    const drawing = wholeDiagram(wider).lines.join('\n').length;
    assert.ok(json.length < drawing / 2, `${json.length} characters for ${drawing} of drawing`);
    assertSame(session.diagram as Diagram, wholeDiagram(wider));
  });

  it('updates the text alternative when a note’s text changes but its border rows do not', () => {
    const session = new Session();
    session.type('A -> B: go\nnote over A: n\n');
    const { patch } = session.type('A -> B: go\nnote over A: m\n');
    assert.ok(patch && !patch.rows, 'no source range moved');
    assert.deepEqual(stepsOf(session.diagram as Diagram), ['A -> B: go', 'note over A: m']);
  });

  it('gives the page the diagram the whole answer gives, after any edits (random documents, through JSON)', () => {
    const statement = fc.constantFrom(
      'A -> B: hi',
      'B -> A: ok',
      'A -> A: self',
      'note over A: n',
      'alt x',
      'else y',
      'end',
      'loop',
      '',
      'A ->',
      'participant C',
      'C -> A: ü😀',
      '--- divider ---',
      'sequence S',
      'title T',
    );
    const texts = fc.array(
      fc.array(statement, { maxLength: 10 }).map((l) => l.join('\n')),
      { minLength: 2, maxLength: 5 },
    );
    fc.assert(
      fc.property(texts, fc.boolean(), (steps, unicode) => {
        const charset = unicode ? 'unicode' : 'ascii';
        const session = new Session();
        for (const text of steps) {
          session.type(text, charset);
          assertSame(session.diagram as Diagram, wholeDiagram(text, charset));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names the diagram a change applies to, and a whole diagram replaces every row of the one shown', () => {
    const session = new Session();
    session.type('A -> B: one');
    const first = session.diagram as Diagram;
    const { patch } = session.type('A -> B: two');
    assert.equal(patch?.base, first.id);
    assert.equal(patch?.id, (session.diagram as Diagram).id);
    const unchanged = session.type('A -> B: two');
    assert.deepEqual([unchanged.patch?.lines, unchanged.patch?.rows], [undefined, undefined], 'an unchanged drawing sends no rows');
    const other = wholeDiagram('X -> Y');
    const swap = replacement(first, other);
    assert.deepEqual(rowTexts(first.lines, swap.lines ?? { start: 0, deleteCount: 0, items: [] }), other.lines);
    assertSame(applyPatch(first, swap), other);
  });
});
