// The syntax tree's most numerous nodes (core/nodes.ts): each has its own span object (never
// itself: a tree must survive JSON.stringify), spans of a message's arrow and activation come
// from their offsets, and every one is a plain object literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activationSpanOf,
  arrowSpanOf,
  buildModel,
  parse,
  type MessageStatement,
  type Span,
  type Statement,
} from '../../server/src/core/index';
import { spanText } from './helpers';

const SOURCE = [
  'participant Api "Public API": the front door',
  'sequence Checkout',
  '  User ->+ Api: place order',
  '  Api -->> "Order Store": save',
  '  Api -x -User',
  '  "Order Store" --> Api',
  'end',
].join('\n');

const doc = parse(SOURCE);
const sequence = doc.statements[1] as Statement & { type: 'sequence' };
const messages = sequence.statements as MessageStatement[];

/** What each node's span covers in the source, and what the node says. */
const spans: [string, () => { readonly span: Span }, string][] = [
  ['message line', () => messages[0], 'User ->+ Api: place order'],
  ['sender', () => messages[0].from, 'User'],
  ['target', () => messages[0].to, 'Api'],
  ['label', () => messages[0].label!, 'place order'],
  ['quoted target', () => messages[1].to, '"Order Store"'],
  ['quoted sender', () => messages[3].from, '"Order Store"'],
  ['message without label', () => messages[3], '"Order Store" --> Api'],
  ['declared name', () => (doc.statements[0] as Statement & { type: 'participant' }).name, 'Api'],
  ['display name', () => (doc.statements[0] as Statement & { type: 'participant' }).displayName!, '"Public API"'],
  ['description', () => (doc.statements[0] as Statement & { type: 'participant' }).description!, 'the front door'],
  ['sequence name', () => sequence.name!, 'Checkout'],
];

for (const [what, node, written] of spans) {
  test(`${what}: the node's span covers ${JSON.stringify(written)}`, () => {
    const n = node();
    assert.notEqual(n.span, n);
    assert.deepEqual(Object.keys(n.span).sort(), ['length', 'offset']);
    assert.equal(spanText(SOURCE, n.span), written);
  });
}

const arrows: [number, string, string | undefined][] = [
  [0, '->', '+'],
  [1, '-->>', undefined],
  [2, '-x', '-'],
  [3, '-->', undefined],
];

for (const [k, arrow, sign] of arrows) {
  test(`message ${k + 1}: arrow ${arrow}, activation ${sign ?? 'none'}`, () => {
    const m = messages[k];
    assert.equal(m.arrow, arrow);
    assert.equal(spanText(SOURCE, arrowSpanOf(m)), arrow);
    const activation = activationSpanOf(m);
    assert.equal(activation && spanText(SOURCE, activation), sign);
    assert.equal(m.activation, sign);
  });
}

/**
 * Plain literals, not class instances: V8 allocates a literal whose objects survive straight into
 * the old generation, where young-generation collections stop copying them; objects made with
 * `new` are never pretenured this way (docs/performance.md, fourth round: the parse of 30,000
 * messages took half as long once its nodes were literals). A class here would pass every other
 * test and quietly bring the collector's copying back.
 */
test('names, texts and messages are plain object literals', () => {
  const literal = (o: object) => Object.getPrototypeOf(o) === Object.prototype;
  const nodes: [string, object][] = [];
  for (const m of messages) {
    nodes.push(['message', m], ['sender', m.from], ['target', m.to]);
    if (m.label) nodes.push(['label', m.label]);
  }
  const participant = doc.statements[0] as Statement & { type: 'participant' };
  nodes.push(['declared name', participant.name], ['display name', participant.displayName!], ['description', participant.description!]);
  assert.deepEqual(
    nodes.filter(([, o]) => !literal(o)).map(([what]) => what),
    [],
  );
  assert.equal(nodes.length, 4 * 3 + 2 + 3); // four messages with their names, two labels, the declaration's three
});

test('a message item reads its statement', () => {
  const { model } = buildModel(doc);
  const items = model.sequences[0].items.filter((i) => i.type === 'message');
  const summary = items.map(
    (i) => `${i.from} ${i.arrow} ${i.to}: ${i.label}${i.activatesTarget ? ' +' : ''}${i.deactivatesSource ? ' -' : ''}`,
  );
  assert.deepEqual(summary, ['User -> Api: place order +', 'Api -->> Order Store: save', 'Api -x User:  -', 'Order Store --> Api: ']);
  for (const [k, item] of items.entries()) {
    assert.equal(item.statement, messages[k]);
    assert.equal(item.span, messages[k].span);
  }
});
