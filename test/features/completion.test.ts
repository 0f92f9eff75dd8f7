// Completion by context, table-driven: the text with `<|>` where the cursor stands, and the labels expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { answersAlike } from '../../server/src/lsp/documents';
import { completion } from '../../server/src/features/completion';
import { applyEdits, docOf, rangeText, URI, withCursor } from './helpers';

const ARROWS = ['->', '-->', '->>', '-->>', '-x', '--x'];
const DECL = 'actor User: Person using the shop\nservice Auth "Auth Service": Checks passwords\ndatabase DB\n';
const PARTICIPANTS = ['User', 'Auth', 'DB'];
/** The diagram's edges, offered wherever a message's sender or target may go (v2). */
const EDGES = ['[', ']'];
const TARGETS = [...PARTICIPANTS, ...EDGES];

interface Case {
  name: string;
  src: string;
  /** Exactly these labels, in any order. */
  exactly?: string[];
  includes?: string[];
  excludes?: string[];
}

const cases: Case[] = [
  // Line start: participants, snippets, keywords, metadata keys allowed here.
  {
    name: 'top level line start',
    src: `${DECL}<|>`,
    includes: [...PARTICIPANTS, 'sequence', 'alt', 'par', 'loop', 'note', 'flow', 'title', 'actor', 'project:', 'related:', 'autonumber'],
    excludes: ['end', 'else', 'and', 'option', 'purpose:', 'takes', 'timeout'],
  },
  { name: 'a word being typed at line start', src: `${DECL}Us<|>`, includes: ['User', 'sequence'] },
  {
    name: 'inside a sequence',
    src: `${DECL}sequence Login\n  <|>\nend`,
    includes: ['purpose:', 'trigger:', 'outcome:', 'scenario:', 'end', 'alt', 'note', ...PARTICIPANTS],
    excludes: ['sequence', 'title', 'project:', 'flow', 'else'],
  },
  {
    name: 'inside an unclosed sequence at the end of the file',
    src: `${DECL}sequence Login\n  User -> Auth\n\n<|>`,
    includes: ['end', 'purpose:'],
    excludes: ['sequence', 'project:'],
  },
  {
    name: 'inside alt: else',
    src: `${DECL}sequence S\n  alt ok\n    <|>\n  end\nend`,
    includes: ['else', 'end'],
    excludes: ['and', 'option', 'purpose:'],
  },
  { name: 'inside par: and', src: `${DECL}par\n  <|>\nend`, includes: ['and', 'end'], excludes: ['else', 'option'] },
  { name: 'inside critical: option', src: `${DECL}critical\n  <|>\nend`, includes: ['option', 'end'], excludes: ['else', 'and'] },
  { name: 'after the end of a block', src: `${DECL}par\nend\n<|>`, excludes: ['and', 'end'] },
  { name: 'takes and timeout right after a message', src: `${DECL}User -> Auth: login\n<|>`, includes: ['takes', 'timeout'] },
  { name: 'takes and timeout after a timing line', src: `${DECL}User -> Auth: login\ntakes 10ms\n\n<|>`, includes: ['takes', 'timeout'] },
  { name: 'no takes after a declaration', src: `${DECL}\n<|>`, excludes: ['takes', 'timeout'] },
  // After a name: the arrows.
  { name: 'after a sender and a space', src: `${DECL}User <|>`, exactly: ARROWS },
  { name: 'after a sender and a partial arrow', src: `${DECL}User -<|>`, exactly: ARROWS },
  { name: 'after a quoted sender', src: `participant "Auth Service"\n"Auth Service" <|>`, exactly: ARROWS },
  { name: 'no arrows after a block keyword', src: `${DECL}alt <|>`, exactly: [] },
  { name: 'no arrows after sequence', src: `${DECL}sequence <|>`, exactly: [] },
  // After an arrow: the participants.
  { name: 'after an arrow and a space', src: `${DECL}User -> <|>`, exactly: TARGETS },
  { name: 'after each kind of arrow', src: `${DECL}User --x <|>`, exactly: TARGETS },
  { name: 'after + (activation)', src: `${DECL}User -> +<|>`, exactly: PARTICIPANTS },
  { name: 'a target being typed', src: `${DECL}User -> Au<|>`, exactly: TARGETS },
  { name: 'right after an arrow: participants and longer arrows', src: `${DECL}User-><|>`, exactly: [...TARGETS, ...ARROWS] },
  {
    name: 'a quoted participant is offered quoted',
    src: `participant "Auth Service"\nactor U\nU -> <|>`,
    exactly: ['"Auth Service"', 'U', ...EDGES],
  },
  { name: 'undeclared participants are offered too', src: `actor U\nU -> Ghost\nU -> <|>`, exactly: ['U', 'Ghost', ...EDGES] },
  // The edges (v2).
  { name: 'no edge after an activation marker', src: `${DECL}User -> +<|>`, exactly: PARTICIPANTS },
  { name: 'no edge inside a quote', src: `${DECL}User -> "Au<|>`, exactly: PARTICIPANTS },
  { name: 'edges as senders at line start', src: `${DECL}sequence S\n  <|>\nend`, includes: EDGES },
  { name: 'after the left edge: the arrows', src: `${DECL}[ <|>`, exactly: ARROWS },
  { name: 'right after the left edge: the arrows', src: `${DECL}[<|>`, exactly: ARROWS },
  { name: 'after the left edge and an arrow: the targets', src: `${DECL}[ -> <|>`, exactly: TARGETS },
  { name: 'after the right edge and a partial arrow', src: `${DECL}] -<|>`, exactly: ARROWS },
  // References (v2).
  { name: 'ref: over', src: `${DECL}ref <|>`, exactly: ['over'] },
  { name: 'ref over: the participants', src: `${DECL}ref over <|>`, exactly: PARTICIPANTS },
  { name: 'ref over a second participant', src: `${DECL}ref over User, A<|>`, exactly: PARTICIPANTS },
  {
    name: 'ref text: the other sequences',
    src: `${DECL}sequence Login\nend\nsequence "Pay: card"\nend\nsequence Checkout\n  ref over User: <|>\nend`,
    exactly: ['Login', 'Pay: card'],
  },
  {
    name: 'ref text being typed',
    src: `${DECL}sequence Login\nend\nsequence Checkout\n  ref over User, Auth: Lo<|>\nend`,
    exactly: ['Login'],
  },
  { name: 'ref text in the implicit sequence', src: `${DECL}ref over User: <|>\nsequence Login\nend`, exactly: ['Login'] },
  { name: 'ref and box at line start', src: `${DECL}<|>`, includes: ['ref over', 'box', 'create'] },
  { name: 'no box inside a sequence', src: `${DECL}sequence S\n  <|>\nend`, includes: ['ref over', 'create'], excludes: ['box'] },
  {
    name: 'inside a box: the kinds and end only',
    src: `box B "Backend"\n  service Auth\n  <|>\nend`,
    exactly: ['actor', 'system', 'service', 'database', 'queue', 'participant', 'end'],
  },
  {
    name: 'inside an unclosed box at the end of the file',
    src: `box B\n  actor A\n  <|>`,
    exactly: ['actor', 'system', 'service', 'database', 'queue', 'participant', 'end'],
  },
  { name: 'after a box: no box end', src: `box B\n  actor A\nend\n<|>`, includes: ['box', 'sequence'], excludes: ['end'] },
  // Created participants and numbering (v2).
  {
    name: 'create: kinds and participants',
    src: `${DECL}create <|>`,
    exactly: ['actor', 'system', 'service', 'database', 'queue', 'participant', ...PARTICIPANTS],
  },
  { name: 'create kind: the undeclared names', src: `actor U\nU -> Session\ncreate participant <|>`, exactly: ['Session'] },
  {
    name: 'autonumber forms at line start',
    src: `${DECL}<|>`,
    includes: ['autonumber', 'autonumber 10 10', 'autonumber off', 'autonumber resume'],
  },
  { name: 'after autonumber', src: `${DECL}autonumber <|>`, exactly: ['off', 'resume'] },
  { name: 'after autonumber, a word being typed', src: `${DECL}autonumber o<|>`, exactly: ['off', 'resume'] },
  { name: 'after autonumber, a number', src: `${DECL}autonumber 1<|>`, exactly: [] },
  // Notes, activations, flows.
  { name: 'note: the positions', src: `${DECL}note <|>`, exactly: ['over', 'left of', 'right of'] },
  { name: 'note over', src: `${DECL}note over <|>`, exactly: PARTICIPANTS },
  { name: 'note over a second participant', src: `${DECL}note over User, <|>`, exactly: PARTICIPANTS },
  { name: 'note left of', src: `${DECL}note left of <|>`, exactly: PARTICIPANTS },
  { name: 'note right of, partial', src: `${DECL}note right of D<|>`, exactly: PARTICIPANTS },
  { name: 'activate', src: `${DECL}activate <|>`, exactly: PARTICIPANTS },
  { name: 'deactivate', src: `${DECL}deactivate <|>`, exactly: PARTICIPANTS },
  { name: 'destroy', src: `${DECL}destroy <|>`, exactly: PARTICIPANTS },
  { name: 'flow: first step', src: `${DECL}flow Login: <|>`, exactly: PARTICIPANTS },
  { name: 'flow: after ->', src: `${DECL}flow Login: User -> <|>`, exactly: PARTICIPANTS },
  { name: 'flow: after →', src: `${DECL}flow Login: User → Au<|>`, exactly: PARTICIPANTS },
  { name: 'flow: after a step', src: `${DECL}flow Login: User <|>`, exactly: ['->'] },
  // Durations.
  { name: 'takes', src: `${DECL}User -> Auth\ntakes <|>`, includes: ['100ms', '1s', '2s'] },
  { name: 'timeout', src: `${DECL}User -> Auth\ntimeout <|>`, includes: ['500ms', '5s'] },
  { name: 'a number being typed gets its units', src: `${DECL}User -> Auth\ntakes 15<|>`, exactly: ['15ms', '15s', '15min', '15h'] },
  {
    name: 'durations used in the file come first',
    src: `${DECL}User -> Auth\ntakes 42ms\nAuth -> DB\ntakes <|>`,
    includes: ['42ms', '100ms'],
  },
  { name: 'within on a sequence line', src: `${DECL}sequence Login within <|>`, includes: ['800ms', '1s'] },
  // Declarations.
  {
    name: 'after a kind: the names used but not declared',
    src: `actor User\nUser -> Auth\nAuth -> UserDB\nservice <|>`,
    exactly: ['Auth', 'UserDB'],
  },
  { name: 'after a declared name: internal/external', src: `actor User "The user" <|>`, exactly: ['internal', 'external'] },
  // Nothing in free text or comments.
  { name: 'in a label', src: `${DECL}User -> Auth: hel<|>`, exactly: [] },
  { name: 'in a label after a space', src: `${DECL}User -> Auth: hello <|>`, exactly: [] },
  { name: 'in a comment', src: `${DECL}# User <|>`, exactly: [] },
  { name: 'in a description', src: `actor User: some <|>`, exactly: [] },
  { name: 'in a metadata value', src: `project: <|>`, exactly: [] },
  { name: 'in a condition', src: `${DECL}alt wrong <|>`, exactly: [] },
];

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

for (const c of cases) {
  test(`completion: ${c.name}`, () => {
    const { doc, position } = withCursor(c.src);
    const got = labels(completion(doc, position, { snippets: true }).items);
    if (c.exactly) assert.deepEqual([...got].sort(), [...c.exactly].sort(), JSON.stringify(got));
    for (const l of c.includes ?? []) assert.ok(got.includes(l), `expected ${l} in ${JSON.stringify(got)}`);
    for (const l of c.excludes ?? []) assert.ok(!got.includes(l), `did not expect ${l} in ${JSON.stringify(got)}`);
  });
}

/**
 * The server answers a completion that arrives with a keystroke from the version before it
 * when the two differ on the cursor's line only (DocumentStore.forLine). Every case above,
 * answered from each older version of its cursor line (one keystroke earlier, the line half
 * typed, the line empty, the line with other text), gives exactly the answer of the current
 * version — labels, kinds, details and text edits.
 */
test('completion from an older version that differs on the cursor line only: the same answer as from the current one', () => {
  let compared = 0;
  for (const c of cases) {
    const { doc, position, text } = withCursor(c.src);
    const fresh = completion(doc, position, { snippets: true });
    const lineStart = text.lastIndexOf('\n', text.length === 0 ? 0 : doc.analysis.document.lineStarts[position.line] - 1) + 1;
    const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd);
    const cursorAt = lineStart + position.character;
    const olderLines = [
      text.slice(lineStart, cursorAt - 1) + text.slice(cursorAt, lineEnd), // one keystroke earlier
      line.slice(0, Math.ceil(position.character / 2)),
      '',
      'User -> DB: something else',
    ];
    for (const olderLine of olderLines) {
      const older = text.slice(0, lineStart) + olderLine + text.slice(lineEnd);
      const live = answersAlike(docOf(older).analysis, TextDocument.create(URI, 'seq', 2, text), position);
      if (live === undefined) continue; // the server analyses the current version
      const stale = completion(docOf(older), position, { snippets: true }, live.slice(0, position.character));
      assert.deepEqual(stale, fresh, `${c.name}, from the older line ${JSON.stringify(olderLine)}`);
      compared++;
    }
  }
  assert.ok(compared > 3 * cases.length, `${compared} comparisons`);
});

test('an older version is used only when it differs on the cursor line alone, and that line is no block line', () => {
  const current = 'actor A\nsequence S\n  A -> B: hi\nend\n';
  const check = (older: string, line: number, character = 99) =>
    answersAlike(docOf(older).analysis, TextDocument.create(URI, 'seq', 2, current), { line, character });
  assert.equal(check('actor A\nsequence S\n  A -> B: h\nend\n', 2), '  A -> B: hi', 'the line being typed');
  assert.equal(check('actor A\nsequence S\n  A -> B: hi\nend\n', 2), '  A -> B: hi', 'the same text');
  assert.equal(check('actor A\nsequence S\n  A -> B: h\nend\n', 1), undefined, 'the change is on another line');
  assert.equal(check('actor B\nsequence S\n  A -> B: h\nend\n', 2), undefined, 'another line changed too');
  assert.equal(check('actor A\nsequence S\n  A -> B: hi\n\nend\n', 2), undefined, 'a line more or less');
  assert.equal(check('actor A\nsequence S\n  alt -> B: hi\nend\n', 2), undefined, 'the line was a block line');
  assert.equal(check('actor A\nsequence T\n  A -> B: hi\nend\n', 1), undefined, 'the line is a block line');
  assert.equal(check('actor A\nsequence S\n  A -> B: hi\nen\n', 3), undefined, 'typing `end`');
  assert.equal(check('actor A\nsequence S\n  A -> C: hi\nend\n', 2, 10), undefined, 'another undeclared name on the line');
  assert.equal(check('actor A\nsequence S\n  A -> : hi\nend\n', 2, 10), undefined, 'an undeclared name more on the line');
  assert.equal(check('actor A\nsequence S\n  A -> : hi\nend\n', 2, 8), '  A -> B: hi', 'the undeclared name is the one being typed');
  assert.equal(check('actor Z\nsequence S\n  A -> B: hi\nend\n', 0), undefined, 'a declaration line');
});

test('completion: each label appears once (no duplicate snippets and keywords)', () => {
  for (const src of [`${DECL}<|>`, `${DECL}sequence S\n  alt x\n    <|>\n  end\nend`]) {
    const { doc, position } = withCursor(src);
    const got = labels(completion(doc, position, { snippets: true }).items);
    assert.deepEqual(got, [...new Set(got)]);
  }
});

test('completion: the typed word is replaced (text edit over the partial name or arrow)', () => {
  const cases: [string, string, string][] = [
    [`${DECL}User -> Au<|>`, 'Auth', `${DECL}User -> Auth`],
    [`${DECL}User -<|>`, '-->', `${DECL}User --> `],
    [`${DECL}User-><|>`, '->>', `${DECL}User->> `],
    [`participant "Auth Service"\nactor U\nU -> "Au<|>`, '"Auth Service"', `participant "Auth Service"\nactor U\nU -> "Auth Service"`],
    [`${DECL}note <|>`, 'left of', `${DECL}note left of `],
    [`${DECL}User -> DB\ntak<|>`, 'takes', `${DECL}User -> DB\ntakes \${1:100ms}`],
  ];
  for (const [src, label, expected] of cases) {
    const { doc, position, text } = withCursor(src);
    const item = completion(doc, position, { snippets: true }).items.find((i) => i.label === label);
    assert.ok(item?.textEdit && 'range' in item.textEdit, `no ${label} with a text edit`);
    assert.equal(applyEdits(text, [item.textEdit]), expected);
  }
});

test('completion: after `ref over A: file.seq#` the sequences of that file when it is open (v2)', () => {
  const other = docOf('actor U\nsequence Capture payment\nend\nsequence Refund\nend\n', {}, 'file:///work/diagrams/pay.seq');
  const { doc, position } = withCursor('actor U\nsequence S\n  ref over U: pay.seq#Ca<|>\nend');
  const items = completion(doc, position, { snippets: true, workspace: [other] }).items;
  assert.deepEqual(labels(items), ['Capture payment', 'Refund']);
  assert.equal(rangeText(doc, (items[0].textEdit as { range: Range }).range), 'Ca');
  assert.deepEqual(completion(doc, position, { snippets: true }).items, [], 'the file is not open');
});

test('completion: participants carry kind, display name and description', () => {
  const { doc, position } = withCursor(`${DECL}User -> <|>`);
  const items = completion(doc, position, { snippets: true }).items;
  const auth = items.find((i) => i.label === 'Auth')!;
  assert.equal(auth.detail, 'service · Auth Service — Checks passwords');
  assert.equal(auth.documentation, 'Checks passwords');
  assert.equal(auth.kind, CompletionItemKind.Module);
  assert.equal(items.find((i) => i.label === 'DB')!.kind, CompletionItemKind.Struct);
  assert.equal(items.find((i) => i.label === 'User')!.kind, CompletionItemKind.Interface);
});

test('completion: block snippets are snippets when the client supports them, plain words otherwise', () => {
  const { doc, position } = withCursor(`${DECL}<|>`);
  const withSnippets = completion(doc, position, { snippets: true }).items.find((i) => i.label === 'alt')!;
  assert.equal(withSnippets.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(withSnippets.kind, CompletionItemKind.Snippet);
  assert.match(
    (withSnippets.textEdit as { newText: string }).newText,
    /^alt \$\{1:condition\}\n {2}\$2\nelse \$\{3:otherwise\}\n {2}\$0\nend$/,
  );
  const plain = completion(doc, position, { snippets: false }).items;
  for (const i of plain) assert.notEqual(i.insertTextFormat, InsertTextFormat.Snippet, i.label as string);
  assert.equal((plain.find((i) => i.label === 'alt')!.textEdit as { newText: string }).newText, 'alt ');
  const note = completion(doc, position, { snippets: true }).items.find((i) => i.label === 'note')!;
  assert.equal((note.textEdit as { newText: string }).newText, 'note ${1|over,left of,right of|} ${2|User,Auth,DB|}: ${0:text}');
});

test('completion: positions past the end of a line or the document are answered', () => {
  const { doc } = withCursor(`${DECL}User -> <|>`);
  const last = completion(doc, { line: 3, character: 500 }, { snippets: true });
  assert.deepEqual(labels(last.items).sort(), [...TARGETS].sort());
  const past = completion(doc, { line: 99, character: 0 }, { snippets: true });
  assert.ok(Array.isArray(past.items));
});

test('completion: the replaced range is the typed word, never more', () => {
  const { doc, position } = withCursor(`${DECL}User -> Au<|>`);
  const item = completion(doc, position, { snippets: true }).items[0];
  assert.equal(rangeText(doc, (item.textEdit as { range: import('vscode-languageserver-protocol').Range }).range), 'Au');
});
