// Hover, go to definition, find references and document highlight, with `<|>` cursor markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind, type MarkupContent } from 'vscode-languageserver-protocol';
import { definition } from '../../server/src/features/definition';
import { documentHighlight } from '../../server/src/features/documentHighlight';
import { hover } from '../../server/src/features/hover';
import { references } from '../../server/src/features/references';
import { at, dedent, rangeText, withCursor } from './helpers';

const SRC = dedent(`
  actor User: Person using the shop
  service Auth "Auth Service" external: Checks passwords
  database DB
  sequence Login within 500ms
    purpose: Sign in
    User -> Auth: POST /login
    takes 120ms
    timeout 2s: show the retry banner
    Auth -> DB: select
    takes 30ms
    DB --> Auth: row
    Auth --> User: token
  end
  sequence Slow within 100ms
    User ->> Auth: ping
    takes 1s
  end
  note over User, Auth: hi
  related: other.seq
`);

/** Puts the cursor into SRC at the n-th occurrence (1-based) of `needle`, `shift` characters in. */
function cursorAt(needle: string, n = 1, shift = 0): string {
  let i = -1;
  for (let k = 0; k < n; k++) i = SRC.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} #${n} not in SRC`);
  return SRC.slice(0, i + shift) + '<|>' + SRC.slice(i + shift);
}

const hoverCases: { name: string; src: string; contains: string[]; covers?: string }[] = [
  {
    name: 'a declared participant at a use',
    src: cursorAt('Auth:', 1, 2),
    contains: ['**Auth Service** (`Auth`) — service, external', 'Checks passwords', '5 messages in *the unnamed sequence*, Login, Slow'],
    covers: 'Auth',
  },
  {
    name: 'a participant at its declaration',
    src: cursorAt('User:'),
    contains: ['**User** — actor, internal', 'Person using the shop'],
    covers: 'User',
  },
  { name: 'the cursor right after a name', src: cursorAt('DB\n', 1, 2), contains: ['**DB** — database'] },
  {
    name: 'a message: kind, label and timing',
    src: cursorAt('-> Auth: POST', 1, 0),
    contains: ['**Synchronous request** `User -> Auth`: POST /login', 'takes 120 ms', 'timeout 2 s → show the retry banner'],
  },
  { name: 'a message label', src: cursorAt('select', 1, 2), contains: ['`Auth -> DB`', 'takes 30 ms'] },
  { name: 'an asynchronous message', src: cursorAt('ping'), contains: ['**Asynchronous message**'] },
  {
    name: 'a sequence within its budget',
    src: cursorAt('Login within'),
    contains: [
      '**sequence** Login',
      'critical path 150 ms / 500 ms — within budget',
      'User → Auth “POST /login”: 120 ms',
      '*purpose:* Sign in',
    ],
  },
  { name: 'a sequence over its budget', src: cursorAt('Slow'), contains: ['critical path 1 s / 100 ms — **over budget**'] },
  { name: 'a name in a note', src: cursorAt('User, Auth', 1, 1), contains: ['**User**'] },
  { name: 'a related file', src: cursorAt('other.seq', 1, 3), contains: ['Related diagram `other.seq`'] },
];

for (const c of hoverCases) {
  test(`hover: ${c.name}`, () => {
    const { doc, position } = withCursor(c.src);
    const h = hover(doc, position);
    assert.ok(h, 'expected a hover');
    const value = (h.contents as MarkupContent).value;
    for (const s of c.contains) assert.ok(value.includes(s), `expected ${JSON.stringify(s)} in:\n${value}`);
    if (c.covers) assert.equal(rangeText(doc, h.range!), c.covers);
  });
}

test('hover: nothing on blank lines, comments, keywords of plain statements, or past the end', () => {
  for (const src of ['actor A\n<|>\nA -> A', '# a <|>comment', 'actor A\nA -> A\nauto<|>number', 'actor A\nA -> A\n<|>']) {
    const { doc, position } = withCursor(src);
    assert.equal(hover(doc, position), null, src);
  }
  const { doc } = withCursor('actor A\n<|>');
  assert.equal(hover(doc, { line: 40, character: 3 }), null);
});

test('hover: user text is escaped, never markup', () => {
  const { doc, position } = withCursor('actor A: <img src=x> *bold* [link](http://x)\nA -> A\n<|>');
  void position;
  const h = hover(doc, { line: 0, character: 7 });
  const value = (h!.contents as MarkupContent).value;
  assert.ok(value.includes('\\<img src=x\\> \\*bold\\* \\[link\\]\\(http://x\\)'), value);
});

test('definition: a use goes to the declaration; an undeclared name to its first use; a related file to the file', () => {
  const cases: [string, string][] = [
    [cursorAt('DB: select', 1, 1), '3:10'],
    [cursorAt('User ->>'), '1:7'],
    [cursorAt('Login within'), '4:10'],
  ];
  for (const [src, expected] of cases) {
    const { doc, position } = withCursor(src);
    const locs = definition(doc, position);
    assert.equal(locs.length, 1);
    assert.equal(at(locs[0].range.start), expected, src);
  }
  const { doc, position } = withCursor('actor A\nA -> Ghost\nGhost -> <|>Ghost');
  assert.equal(at(definition(doc, position)[0].range.start), '2:6');
  const rel = withCursor(cursorAt('other.seq', 1, 1));
  assert.equal(definition(rel.doc, rel.position)[0].uri, 'file:///work/diagrams/other.seq');
  const none = withCursor('actor A\n<|>\n');
  assert.deepEqual(definition(none.doc, none.position), []);
});

test('references: every use, with or without the declaration', () => {
  const { doc, position } = withCursor(cursorAt('Auth -> DB'));
  const withDecl = references(doc, position, true);
  assert.deepEqual(
    withDecl.map((l) => at(l.range.start)),
    ['2:9', '6:11', '9:3', '11:10', '12:3', '15:12', '18:17'],
  );
  assert.ok(withDecl.every((l) => rangeText(doc, l.range) === 'Auth'));
  assert.equal(references(doc, position, false).length, 6);
});

test('references: a quoted use of a bare declaration is the same participant', () => {
  const { doc, position } = withCursor('participant "Auth"\nAuth -> <|>"Auth"');
  const refs = references(doc, position, true);
  assert.deepEqual(
    refs.map((l) => rangeText(doc, l.range)),
    ['"Auth"', 'Auth', '"Auth"'],
  );
});

test('document highlight: declaration as Write, uses as Read', () => {
  const { doc, position } = withCursor(cursorAt('DB\n'));
  const hs = documentHighlight(doc, position);
  assert.deepEqual(
    hs.map((h) => [at(h.range.start), h.kind]),
    [
      ['3:10', DocumentHighlightKind.Write],
      ['9:11', DocumentHighlightKind.Read],
      ['11:3', DocumentHighlightKind.Read],
    ],
  );
  const off = withCursor('actor A\n# <|>A\n');
  assert.deepEqual(documentHighlight(off.doc, off.position), []);
});
