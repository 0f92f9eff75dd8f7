// Rename and prepareRename: the edit is applied and the resulting text compared; invalid names are refused with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol';
import { formatSequenceName, prepareRename, rename } from '../../server/src/features/rename';
import { analyze } from '../../server/src/core/index';
import { applyWorkspaceEdit, dedent, rangeText, withCursor } from './helpers';

const SRC = dedent(`
  actor User
  service Auth
  sequence Login
    User -> <|>Auth: POST /login
    Auth --> User: token
    note over Auth, User: hashed
    activate Auth
  end
  flow F: User -> Auth
`);

interface Case {
  name: string;
  src: string;
  newName: string;
  expected: string;
}

const cases: Case[] = [
  {
    name: 'a participant: declaration and every use',
    src: SRC,
    newName: 'AuthService',
    expected: SRC.replace('<|>', '').replace(/\bAuth\b/g, 'AuthService'),
  },
  {
    name: 'a new name that needs quotes',
    src: SRC,
    newName: 'Auth Service',
    expected: SRC.replace('<|>', '').replace(/\bAuth\b/g, '"Auth Service"'),
  },
  { name: 'a keyword as new name is quoted', src: SRC, newName: 'end', expected: SRC.replace('<|>', '').replace(/\bAuth\b/g, '"end"') },
  {
    name: 'a quoted new name is read as source',
    src: SRC,
    newName: '"Auth\\nService"',
    expected: SRC.replace('<|>', '').replace(/\bAuth\b/g, '"Auth\\nService"'),
  },
  { name: 'from the declaration', src: 'actor <|>User\nUser -> User: hi', newName: 'Kunde', expected: 'actor Kunde\nKunde -> Kunde: hi' },
  {
    name: 'a quoted name becomes bare when it can',
    src: 'participant "Auth Service"\n"Auth Service" -> <|>"Auth Service"',
    newName: 'Auth',
    expected: 'participant Auth\nAuth -> Auth',
  },
  {
    name: 'an undeclared participant',
    src: 'actor A\nA -> <|>Ghost\nGhost --> A',
    newName: 'Spirit',
    expected: 'actor A\nA -> Spirit\nSpirit --> A',
  },
  {
    name: 'labels and other names are untouched',
    src: 'actor A\nactor Auth2\nA -> <|>Auth2: Auth2 A\nAuth2 -> A',
    newName: 'B',
    expected: 'actor A\nactor B\nA -> B: Auth2 A\nB -> A',
  },
  {
    name: 'NFC: the new name is normalised',
    src: 'actor <|>A\nA -> A',
    newName: 'Cafe\u0301',
    expected: 'actor Caf\u00e9\nCaf\u00e9 -> Caf\u00e9',
  },
  { name: 'the same name: no edit', src: 'actor <|>A\nA -> A', newName: 'A', expected: 'actor A\nA -> A' },
  // Language v2: boxes, refs, created participants; an edge is no name.
  {
    name: 'a participant in a box, a ref and an edge message',
    src: 'box B\n  actor <|>A\nend\nsequence S\n  ref over A: x\n  A -> ]: y\nend',
    newName: 'Z',
    expected: 'box B\n  actor Z\nend\nsequence S\n  ref over Z: x\n  Z -> ]: y\nend',
  },
  {
    name: 'a participant declared by create',
    src: 'actor A\nsequence S\n  create participant <|>C "c"\n  A -> C: new\nend',
    newName: 'Z',
    expected: 'actor A\nsequence S\n  create participant Z "c"\n  A -> Z: new\nend',
  },
  {
    name: 'a participant created by its short form',
    src: 'actor A\nsequence S\n  create C\n  A -> <|>C: new\nend',
    newName: 'Z',
    expected: 'actor A\nsequence S\n  create Z\n  A -> Z: new\nend',
  },
  // Sequences.
  {
    name: 'a sequence name',
    src: 'actor A\nsequence <|>Login within 2s\n  A -> A\nend',
    newName: 'Sign in',
    expected: 'actor A\nsequence Sign in within 2s\n  A -> A\nend',
  },
  {
    name: 'a sequence name that would read as a budget is quoted',
    src: 'actor A\nsequence <|>Login\n  A -> A\nend',
    newName: 'Done within 2s',
    expected: 'actor A\nsequence "Done within 2s"\n  A -> A\nend',
  },
  {
    name: 'a backslash in a sequence name is escaped',
    src: 'actor A\nsequence <|>Login\nend',
    newName: 'a\\b',
    expected: 'actor A\nsequence a\\\\b\nend',
  },
];

for (const c of cases) {
  test(`rename: ${c.name}`, () => {
    const { doc, position, text } = withCursor(c.src);
    const result = applyWorkspaceEdit(text, rename(doc, position, c.newName));
    assert.equal(result, c.expected);
    assert.deepEqual(
      analyze(result).diagnostics.map((d) => d.code),
      analyze(text).diagnostics.map((d) => d.code),
      'a rename changes no diagnostic',
    );
  });
}

const refusals: { name: string; src: string; newName: string; message: RegExp }[] = [
  { name: 'an empty name', src: SRC, newName: '   ', message: /cannot be empty/ },
  { name: 'a line break', src: SRC, newName: 'A\nB', message: /stays on one line/ },
  { name: 'a control character', src: SRC, newName: 'A\u0007B', message: /control characters/ },
  { name: 'an unterminated quote', src: SRC, newName: '"Auth', message: /does not end with one/ },
  { name: 'an existing participant', src: SRC, newName: 'User', message: /"User" is already a participant/ },
  {
    name: 'an existing sequence',
    src: 'sequence A\nend\nsequence <|>B\nend',
    newName: 'A',
    message: /A sequence named "A" already exists/,
  },
  {
    name: 'a keyword, not a name',
    src: 'actor A\nA -> A\nauto<|>number',
    newName: 'X',
    message: /Only a participant or a sequence name can be renamed/,
  },
  { name: 'a sequence without a name', src: 'seq<|>uence\nend', newName: 'X', message: /has no name/ },
];

for (const c of refusals) {
  test(`rename refuses ${c.name}`, () => {
    const { doc, position } = withCursor(c.src);
    assert.throws(
      () => rename(doc, position, c.newName),
      (e: unknown) => e instanceof ResponseError && c.message.test(e.message),
    );
  });
}

test('prepareRename: the range and the placeholder', () => {
  const cases: [string, string, string][] = [
    [SRC, 'Auth', 'Auth'],
    ['participant "Auth Service"\n"Auth Service" -> <|>"Auth Service"', '"Auth Service"', 'Auth Service'],
    ['sequence Log<|>in within 2s\nend', 'Login', 'Login'],
  ];
  for (const [src, covered, placeholder] of cases) {
    const { doc, position } = withCursor(src);
    const r = prepareRename(doc, position);
    assert.equal(rangeText(doc, r.range), covered);
    assert.equal(r.placeholder, placeholder);
  }
  const { doc, position } = withCursor('# <|>x');
  assert.throws(() => prepareRename(doc, position), ResponseError);
});

test('formatSequenceName: quotes only when the name would read differently', () => {
  const cases: [string, string][] = [
    ['Login', 'Login'],
    ['User login: happy path', 'User login: happy path'],
    ['Done within 2s', '"Done within 2s"'],
    ['Done within reason', 'Done within reason'],
    ['"quoted"', '"\\"quoted\\""'],
  ];
  for (const [name, written] of cases) assert.equal(formatSequenceName(name), written, name);
});
