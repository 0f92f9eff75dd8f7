// Language v2 in the editor features: boxes, created participants, refs (same file and
// across files through the workspace), edge messages, autonumber forms. `<|>` marks the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent, Position } from 'vscode-languageserver-protocol';
import { definition } from '../../server/src/features/definition';
import { documentHighlight } from '../../server/src/features/documentHighlight';
import { documentLinks } from '../../server/src/features/documentLinks';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { formatting } from '../../server/src/features/formatting';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { semanticTokens, semanticTokensLegend } from '../../server/src/features/semanticTokens';
import type { ParsedDocument } from '../../server/src/features/document';
import { applyEdits, applyWorkspaceEdit, at, dedent, docOf, rangeText, URI, withCursor } from './helpers';

const SRC = dedent(`
  title Shop
  box Backend "Backend services"
    service Auth "Auth Service"
    database DB
  end
  actor User
  sequence Login within 1s
    purpose: Authenticate a returning user
    User -> Auth: POST /login
    takes 120ms
    Auth -> DB: select
    takes 30ms
  end
  sequence Checkout
    ref over User, Auth: Login
    create participant Cart "Shopping cart"
    User -> Cart: new
    [ -> User: promo mail
    Auth -> ]: audit
  end
`);

/** SRC with the cursor before the n-th (1-based) `needle`, `shift` characters in. */
function cursorAt(needle: string, n = 1, shift = 0, src = SRC): string {
  let i = -1;
  for (let k = 0; k < n; k++) i = src.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} #${n} not found`);
  return src.slice(0, i + shift) + '<|>' + src.slice(i + shift);
}

const OTHER_URI = 'file:///work/diagrams/payments.seq';
const OTHER = dedent(`
  actor User
  service Pay
  sequence Capture payment
    purpose: Take the money
    User -> Pay: capture
    takes 200ms
  end
`);
const CROSS = dedent(`
  actor User
  service Pay
  sequence Buy
    ref over User, Pay: payments.seq#Capture payment
  end
`);
const other = (): ParsedDocument => docOf(OTHER, {}, OTHER_URI);

function hoverText(src: string, workspace: ParsedDocument[] = []): string {
  const { doc, position } = withCursor(src);
  const h = hover(doc, position, workspace);
  return h ? (h.contents as MarkupContent).value : '';
}

test('hover: a box lists its participants', () => {
  const text = hoverText(cursorAt('Backend'));
  assert.match(text, /^\*\*Backend services\*\* \(`Backend`\) — box, 2 participants/);
  assert.match(text, /- `Auth` service — Auth Service\n- `DB` database/);
});

test('hover: a ref shows the sequence it names, its purpose and critical path', () => {
  const text = hoverText(cursorAt(': Login', 1, 3));
  assert.match(text, /\*\*ref\*\* → \*\*sequence\*\* Login/);
  assert.match(text, /critical path 150 ms \/ 1 s/);
  assert.match(text, /\*purpose:\* Authenticate a returning user/);
});

test('hover: a ref into another file, with and without that file open', () => {
  const src = cursorAt('Capture', 1, 2, CROSS);
  assert.match(hoverText(src, [other()]), /\*\*sequence\*\* Capture payment[\s\S]*critical path 200 ms[\s\S]*Take the money/);
  assert.match(hoverText(src), /the file is not open/);
});

test('hover: an edge message says where it comes from or goes to', () => {
  assert.match(hoverText(cursorAt('[ ->')), /`\[ -> User`: promo mail\n\narrives from outside the diagram/);
  assert.match(hoverText(cursorAt('-> ]')), /`Auth -> \]`: audit\n\nleaves the diagram/);
});

test('definition: a ref goes to the sequence it names, here or in an open file', () => {
  const { doc, position } = withCursor(cursorAt(': Login', 1, 4));
  const [loc] = definition(doc, position);
  assert.equal(loc.uri, URI);
  assert.equal(rangeText(doc, loc.range), 'Login');
  assert.equal(at(loc.range.start), '7:10');

  const cross = withCursor(cursorAt('Capture', 1, 0, CROSS));
  const o = other();
  const [there] = definition(cross.doc, cross.position, [o]);
  assert.deepEqual([there.uri, rangeText(o, there.range)], [OTHER_URI, 'Capture payment']);
  const [closed] = definition(cross.doc, cross.position);
  assert.deepEqual([closed.uri, at(closed.range.start)], [OTHER_URI, '1:1']);
  // Not open, but read from the disk by the core (as the server's resolver does): the name itself.
  const read = withCursor(cursorAt('Capture', 1, 0, CROSS), { readFile: (path) => (path === 'payments.seq' ? OTHER : undefined) });
  const [disk] = definition(read.doc, read.position);
  assert.deepEqual([disk.uri, rangeText(o, disk.range)], [OTHER_URI, 'Capture payment']);
});

test('definition: a plain ref label goes nowhere; a box name to itself', () => {
  const { doc, position } = withCursor('actor A\nsequence S\n  ref over A: <|>nothing of that name\nend');
  assert.deepEqual(definition(doc, position), []);
  const box = withCursor(cursorAt('Backend', 1, 1));
  assert.equal(rangeText(box.doc, definition(box.doc, box.position)[0].range), 'Backend');
});

test('document links: refs link to the sequence line, across files when open', () => {
  const doc = docOf(SRC);
  const links = documentLinks(doc);
  assert.deepEqual(
    links.map((l) => [rangeText(doc, l.range), l.target]),
    [['Login', `${URI}#L7`]],
  );
  const cross = docOf(CROSS);
  assert.deepEqual(
    documentLinks(cross, [other()]).map((l) => [rangeText(cross, l.range), l.target]),
    [['payments.seq#Capture payment', `${OTHER_URI}#L3`]],
  );
  assert.deepEqual(
    documentLinks(cross).map((l) => l.target),
    [OTHER_URI],
  );
});

test('references: a sequence and the refs naming it, also from the ref and from other open files', () => {
  const fromName = withCursor(cursorAt('Login within', 1, 1));
  assert.deepEqual(
    references(fromName.doc, fromName.position, true).map((l) => at(l.range.start)),
    ['7:10', '15:24'],
  );
  assert.deepEqual(
    references(fromName.doc, fromName.position, false).map((l) => at(l.range.start)),
    ['15:24'],
  );
  const fromRef = withCursor(cursorAt(': Login', 1, 3));
  assert.deepEqual(
    references(fromRef.doc, fromRef.position, true).map((l) => at(l.range.start)),
    ['7:10', '15:24'],
  );

  const target = withCursor(cursorAt('Capture payment', 1, 1, OTHER), {});
  const targetDoc: ParsedDocument = { ...target.doc, uri: OTHER_URI };
  const found = references(targetDoc, target.position, true, [docOf(CROSS)]);
  assert.deepEqual(
    found.map((l) => [l.uri, at(l.range.start)]),
    [
      [OTHER_URI, '3:10'],
      [URI, '4:36'],
    ],
  );
});

test('rename: a sequence renames the refs naming it', () => {
  const { doc, position, text } = withCursor(cursorAt('Login within', 1, 1));
  const out = applyWorkspaceEdit(text, rename(doc, position, 'Sign in'));
  assert.match(out, /sequence Sign in within 1s/);
  assert.match(out, /ref over User, Auth: Sign in\n/);
  // From the ref, the same edit.
  const r = withCursor(cursorAt(': Login', 1, 3));
  assert.equal(applyWorkspaceEdit(r.text, rename(r.doc, r.position, 'Sign in')), out);
  assert.equal(prepareRename(r.doc, r.position).placeholder, 'Login');
  assert.equal(rangeText(r.doc, prepareRename(r.doc, r.position).range), 'Login');
});

test('rename: a sequence name with a line break is written escaped in the refs', () => {
  const { doc, position, text } = withCursor(cursorAt('Login within', 1, 1));
  const out = applyWorkspaceEdit(text, rename(doc, position, '"Sign\\nin"'));
  assert.match(out, /ref over User, Auth: Sign\\nin\n/);
});

test('rename: refs in other open files are renamed too', () => {
  const target = withCursor(cursorAt('Capture payment', 1, 1, OTHER));
  const targetDoc: ParsedDocument = { ...target.doc, uri: OTHER_URI };
  const cross = docOf(CROSS);
  const edit = rename(targetDoc, target.position, 'Capture', [cross]);
  assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [URI, OTHER_URI].sort());
  assert.match(applyEdits(CROSS, edit.changes![URI]), /ref over User, Pay: payments.seq#Capture\n/);
  assert.match(applyEdits(OTHER, edit.changes![OTHER_URI]), /sequence Capture\n/);
  // From the ref in the other file.
  const fromRef = withCursor(cursorAt('Capture', 1, 1, CROSS));
  const again = rename(fromRef.doc, fromRef.position, 'Capture', [docOf(OTHER, {}, OTHER_URI)]);
  assert.deepEqual(again, edit);
});

test('rename: refused on a ref that names no sequence of an open document', () => {
  const { doc, position } = withCursor(cursorAt('Capture', 1, 1, CROSS));
  assert.throws(() => rename(doc, position, 'X'), /names no sequence of an open document/);
});

test('outline: boxes hold their participants; participants outside stay at the top level', () => {
  const symbols = documentSymbols(docOf(SRC));
  const box = symbols.find((s) => s.name === 'Backend');
  assert.ok(box);
  assert.equal(box.detail, 'Backend services');
  assert.deepEqual(
    box.children?.map((c) => c.name),
    ['Auth', 'DB'],
  );
  assert.ok(symbols.some((s) => s.name === 'User'));
  assert.ok(!symbols.some((s) => s.name === 'Auth'));
});

test('folding: a box folds like a block, also when closed by a line that is no declaration', () => {
  assert.deepEqual(
    foldingRanges(docOf('box B\n  actor A\n  actor C\nend\n')).map((r) => [r.startLine, r.endLine]),
    [[0, 2]],
  );
  assert.deepEqual(
    foldingRanges(docOf('box B\n  actor A\n  actor C\nA -> C\n')).map((r) => [r.startLine, r.endLine]),
    [[0, 2]],
  );
});

test('inlay hints: a ref shows the critical path of the sequence it names', () => {
  const doc = docOf(SRC);
  const hints = inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } });
  const ref = hints.find((h) => h.position.line === 14);
  assert.ok(ref, JSON.stringify(hints));
  assert.equal(ref.label, 'critical path 150 ms');
  const cross = docOf(CROSS);
  const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
  assert.deepEqual(
    inlayHints(cross, all, [other()])
      .filter((h) => h.position.line === 3)
      .map((h) => h.label),
    ['critical path 200 ms'],
  );
  assert.deepEqual(
    inlayHints(cross, all).filter((h) => h.position.line === 3),
    [],
  );
});

const formattingCases: { name: string; before: string; after: string }[] = [
  {
    name: 'a box indents its declarations; `end box` stays',
    before: 'box   Backend   "Backend services"\nservice Auth\n      database DB\nend   box\n',
    after: 'box Backend "Backend services"\n  service Auth\n  database DB\nend box\n',
  },
  {
    name: 'a comment in a box is indented with its declarations; a box closed by a message ends there',
    before: 'box B\n# the edge tier\nactor A\n   A -> C: hi\n',
    after: 'box B\n  # the edge tier\n  actor A\nA -> C: hi\n',
  },
  {
    name: 'create, ref, edges and autonumber forms are re-spaced',
    before:
      'sequence S\ncreate   participant  Cart   "Cart":the cart\n  create Cart\nref   over A,B :Login\n[->A:  hi\nA  ->]\nautonumber   10    5\n autonumber    off\nend\n',
    after:
      'sequence S\n  create participant Cart "Cart": the cart\n  create Cart\n  ref over A, B: Login\n  [ -> A: hi\n  A -> ]\n  autonumber 10 5\n  autonumber off\nend\n',
  },
];

for (const c of formattingCases) {
  test(`formatting: ${c.name}`, () => {
    const doc = docOf(c.before);
    const out = applyEdits(c.before, formatting(doc));
    assert.equal(out, c.after);
    assert.deepEqual(formatting(docOf(out)), [], 'idempotent');
  });
}

function decode(text: string): string[] {
  const data = semanticTokens(docOf(text)).data;
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    out.push(`${lines[line].slice(char, char + len)}:${semanticTokensLegend.tokenTypes[type]}`);
  }
  return out;
}

test('semantic tokens: boxes, create, refs, edges, autonumber forms', () => {
  assert.deepEqual(decode('box B "Label"\n  actor A\nend box'), [
    'box:keyword',
    'B:type',
    '"Label":string',
    'actor:keyword',
    'A:interface',
    'end:keyword',
    'box:keyword',
  ]);
  assert.deepEqual(decode('sequence S\n  create actor C\n  create D\nend'), [
    'sequence:keyword',
    'S:string',
    'create:keyword',
    'actor:keyword',
    'C:interface',
    'create:keyword',
    'D:variable',
    'end:keyword',
  ]);
  assert.deepEqual(decode('sequence S\nend\nref over A: S\nref over A: T'), [
    'sequence:keyword',
    'S:string',
    'end:keyword',
    'ref:keyword',
    'over:keyword',
    'A:variable',
    'S:function',
    'ref:keyword',
    'over:keyword',
    'A:variable',
    'T:string',
  ]);
  assert.deepEqual(decode('[ -> A: x\nA -> ]'), [
    '[:operator',
    '->:operator',
    'A:variable',
    'x:string',
    'A:variable',
    '->:operator',
    ']:operator',
  ]);
  assert.deepEqual(decode('autonumber 10 5\nautonumber off'), [
    'autonumber:keyword',
    '10:number',
    '5:number',
    'autonumber:keyword',
    'off:keyword',
  ]);
});

test('references: an edge is no participant', () => {
  const { doc, position } = withCursor('actor A\n[ -> A\nA -> ]\n<|>[ -> A');
  assert.deepEqual(references(doc, position as Position, true), []);
});

/** SRC with a timed message after the ref. */
function withPay(): string {
  const src = SRC.replace('  ref over User, Auth: Login\n', '  ref over User, Auth: Login\n  User -> Auth: pay\n  takes 10ms\n');
  assert.notEqual(src, SRC);
  return src;
}

test('hover: a sequence lists a ref on its critical path; a participant names its box', () => {
  const src = withPay();
  assert.match(hoverText(cursorAt('Checkout', 1, 1, src)), /critical path 160 ms\n\n- ref Login: 150 ms\n- User → Auth “pay”: 10 ms/);
  assert.match(hoverText(cursorAt('Auth "Auth', 1, 1)), /in the box `Backend`/);
});

test('inlay hints: a sequence line names the ref on its critical path in the tooltip', () => {
  const src = withPay();
  const doc = docOf(src);
  const line = src.split('\n').indexOf('sequence Checkout');
  const hint = inlayHints(doc, { start: { line, character: 0 }, end: { line, character: 99 } }).find((h) => h.position.line === line);
  assert.equal(hint?.label, 'critical path 160 ms');
  assert.match(String(hint?.tooltip), /ref Login: 150 ms\nUser → Auth: 10 ms/);
});

test('hover and inlay hints: a ref into a file that is not open uses what the core read of it', () => {
  const readFile = (path: string) => (path === 'payments.seq' ? OTHER : undefined);
  const { doc, position } = withCursor(cursorAt('Capture', 1, 1, CROSS), { readFile });
  const text = (hover(doc, position)?.contents as MarkupContent).value;
  assert.match(
    text,
    /\*\*ref\*\* → \*\*sequence\*\* Capture payment in `payments\.seq`\n\ncritical path 200 ms\n\n\*purpose:\* Take the money/,
  );
  const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
  assert.deepEqual(
    inlayHints(doc, all)
      .filter((h) => h.position.line === 3)
      .map((h) => h.label),
    ['critical path 200 ms'],
  );
  const missing = withCursor(cursorAt('Capture', 1, 1, CROSS), { readFile: () => undefined });
  assert.match((hover(missing.doc, missing.position)?.contents as MarkupContent).value, /not found/);
});

test('document highlight: a sequence and the refs naming it in this document', () => {
  for (const src of [cursorAt('Login within', 1, 1), cursorAt(': Login', 1, 3)]) {
    const { doc, position } = withCursor(src);
    assert.deepEqual(
      documentHighlight(doc, position).map((h) => [at(h.range.start), rangeText(doc, h.range)]),
      [
        ['7:10', 'Login'],
        ['15:24', 'Login'],
      ],
    );
  }
});
