// Quick fixes of spec section 6: each action's edit is applied and the resulting text compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/index';
import { codeActions } from '../../server/src/features/codeActions';
import { diagnostics } from '../../server/src/features/diagnostics';
import { applyWorkspaceEdit, dedent, docOf } from './helpers';

/** The actions offered for the diagnostics of `code` (all of them, as an editor asks for a line's problems). */
function actionsFor(text: string, code: string, only?: string[]): { actions: CodeAction[]; asked: Diagnostic[] } {
  const doc = docOf(text);
  const asked = diagnostics(doc).diagnostics.filter((d) => d.code === code);
  return { actions: codeActions(doc, { context: { diagnostics: asked, only } }), asked };
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'expected the action');
  return applyWorkspaceEdit(text, action.edit);
}

const byTitle = (actions: CodeAction[], title: string) => actions.find((a) => a.title === title);

interface Case {
  name: string;
  src: string;
  code: string;
  title: string;
  expected: string;
  preferred?: boolean;
}

const cases: Case[] = [
  {
    name: 'declare with the guessed kind after the last declaration, with its indentation',
    src: dedent(`
      actor User
        system Frontend
      User -> Frontend
      Frontend -> UserDB: select
    `),
    code: 'undeclared-participant',
    title: 'Declare UserDB as database',
    preferred: true,
    expected: dedent(`
      actor User
        system Frontend
        database UserDB
      User -> Frontend
      Frontend -> UserDB: select
    `),
  },
  {
    name: 'declare at the top when nothing is declared',
    src: 'Customer -> Shop: order\n',
    code: 'undeclared-participant',
    title: 'Declare Customer as actor',
    preferred: true,
    expected: 'actor Customer\nCustomer -> Shop: order\n',
  },
  {
    name: 'declare keeps CRLF line breaks',
    src: 'actor A\r\nA -> OrderQueue\r\n',
    code: 'undeclared-participant',
    title: 'Declare OrderQueue as queue',
    preferred: true,
    expected: 'actor A\r\nqueue OrderQueue\r\nA -> OrderQueue\r\n',
  },
  {
    name: 'a name that needs quotes is declared quoted',
    src: 'actor A\nA -> "Payment API"\n',
    code: 'undeclared-participant',
    title: 'Declare "Payment API" as service',
    preferred: true,
    expected: 'actor A\nservice "Payment API"\nA -> "Payment API"\n',
  },
  {
    name: 'declare all undeclared participants, once each, in first-use order',
    src: 'actor User\nUser -> Auth\nAuth -> UserDB\nUserDB --> Auth\n',
    code: 'undeclared-participant',
    title: 'Declare all undeclared participants',
    expected: 'actor User\nparticipant Auth\ndatabase UserDB\nUser -> Auth\nAuth -> UserDB\nUserDB --> Auth\n',
  },
  {
    name: 'declare all at the top of an undeclared file',
    src: 'A -> B\n',
    code: 'undeclared-participant',
    title: 'Declare all undeclared participants',
    expected: 'participant A\nparticipant B\nA -> B\n',
  },
  {
    name: 'change to the nearest declared name',
    src: 'actor User\nservice Auth\nUser -> Atuh: login\n',
    code: 'undeclared-participant',
    title: 'Change to Auth',
    expected: 'actor User\nservice Auth\nUser -> Auth: login\n',
  },
  {
    name: 'change to a name that needs quotes',
    src: 'participant "Auth Service"\nparticipant U\nU -> "Auth Servce"\n',
    code: 'undeclared-participant',
    title: 'Change to "Auth Service"',
    expected: 'participant "Auth Service"\nparticipant U\nU -> "Auth Service"\n',
  },
  {
    name: 'insert end for an unclosed fragment',
    src: 'actor A\nsequence S\n  alt ok\n    A -> A\nend\n',
    code: 'unclosed-block',
    title: 'Insert `end` to close `sequence`',
    preferred: true,
    expected: 'actor A\nsequence S\n  alt ok\n    A -> A\nend\nend\n',
  },
  {
    name: 'insert end at the end of a file without a final line break',
    src: 'actor A\nloop forever\n  A -> A',
    code: 'unclosed-block',
    title: 'Insert `end` to close `loop`',
    preferred: true,
    expected: 'actor A\nloop forever\n  A -> A\nend',
  },
  {
    name: 'insert end with the line break of the line before (a lone CR first would join the next LF and eat a line)',
    src: 'actor A\ralt x\n  A -> A\n\nsequence S\nend\n',
    code: 'unclosed-block',
    title: 'Insert `end` to close `alt`',
    preferred: true,
    expected: 'actor A\ralt x\n  A -> A\nend\n\nsequence S\nend\n',
  },
  {
    name: 'insert end for a box with a box left open inside it: one `end` each, so the outer box closes',
    src: 'box Outer\n  participant A\n  box Inner\n    participant B\n',
    code: 'unclosed-block',
    title: 'Insert `end` to close `box`',
    preferred: true,
    expected: 'box Outer\n  participant A\n  box Inner\n    participant B\n  end\nend\n',
  },
  {
    name: 'remove an unused declaration: only its line',
    src: 'actor A\nsystem Unused "Never used"\nA -> A\n',
    code: 'unused-participant',
    title: 'Remove declaration of Unused',
    expected: 'actor A\nA -> A\n',
  },
  {
    name: 'remove a line between a lone CR and an LF: only that line (removed with its break, the two breaks would join)',
    src: 'actor A\n\rsystem Unused\n\nA -> A\n',
    code: 'unused-participant',
    title: 'Remove declaration of Unused',
    expected: 'actor A\n\n\nA -> A\n',
  },
  {
    name: 'remove the last line of a file',
    src: 'actor A\nA -> A\nsystem Unused',
    code: 'unused-participant',
    title: 'Remove declaration of Unused',
    expected: 'actor A\nA -> A\n',
  },
  {
    name: 'move `create` up: above the message to the created participant, with its indentation',
    src: 'actor A\nsequence S\n  A -> Session: new\n  Session --> A: id\n    create Session\nend\n',
    code: 'not-yet-created',
    title: 'Move `create` up',
    preferred: true,
    expected: 'actor A\nsequence S\n  create Session\n  A -> Session: new\n  Session --> A: id\nend\n',
  },
  {
    name: 'move the long form of `create` up from the last line of a file',
    src: 'actor A\nA -> S: new\ncreate participant S "Store"',
    code: 'not-yet-created',
    title: 'Move `create` up',
    preferred: true,
    expected: 'actor A\ncreate participant S "Store"\nA -> S: new',
  },
  {
    name: 'change a ref to the sequence it is near',
    src: 'actor A\nsequence User login\n  A -> A\nend\nsequence Checkout\n  ref over A: Usr login\nend\n',
    code: 'unknown-sequence',
    title: 'Change to User login',
    preferred: true,
    expected: 'actor A\nsequence User login\n  A -> A\nend\nsequence Checkout\n  ref over A: User login\nend\n',
  },
];

for (const c of cases) {
  test(`code action: ${c.name}`, () => {
    const { actions } = actionsFor(c.src, c.code);
    const action = byTitle(actions, c.title);
    assert.ok(action, `no "${c.title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred === true, c.preferred === true, 'preferred');
    assert.ok(action.diagnostics?.length, 'names the diagnostics it fixes');
    assert.equal(apply(c.src, action), c.expected);
  });
}

test('code action: declaring fixes the diagnostic, and only that one', () => {
  const src = 'actor User\nUser -> Auth\nAuth -> UserDB\n';
  const { actions } = actionsFor(src, 'undeclared-participant');
  const after = apply(src, byTitle(actions, 'Declare Auth as participant'));
  assert.deepEqual(
    analyze(after).diagnostics.map((d) => `${d.code} ${after.slice(d.offset, d.offset + d.length)}`),
    ['undeclared-participant UserDB'],
  );
  const all = apply(src, byTitle(actions, 'Declare all undeclared participants'));
  assert.deepEqual(analyze(all).diagnostics, []);
});

test('code action: up to three suggestions, nearest first', () => {
  const src = 'actor Auth\nactor Autx\nactor Auto\nactor Aut\nAuth -> Autz\n';
  const titles = actionsFor(src, 'undeclared-participant').actions.map((a) => a.title);
  assert.deepEqual(titles, ['Declare Autz as participant', 'Change to Auth', 'Change to Autx', 'Change to Auto']);
});

test('code action: no "declare all" when one name is undeclared (it would repeat "Declare X")', () => {
  const titles = actionsFor('actor A\nA -> B\nB -> A\n', 'undeclared-participant').actions.map((a) => a.title);
  assert.deepEqual(titles, ['Declare B as participant']);
});

test('code action: diagnostics without data, from another source, or of an older version get nothing', () => {
  const src = 'actor A\nA -> B\n';
  const doc = docOf(src);
  const [d] = diagnostics(doc).diagnostics;
  const withoutData: Diagnostic = { ...d, data: undefined };
  assert.equal(
    codeActions(doc, { context: { diagnostics: [withoutData] } })[0].title,
    'Declare B as participant',
    "data is read from the server's own analysis",
  );
  assert.deepEqual(codeActions(doc, { context: { diagnostics: [{ ...d, source: 'other' }] } }), []);
  const stale: Diagnostic = { ...d, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } };
  assert.deepEqual(codeActions(doc, { context: { diagnostics: [stale] } }), []);
});

test('code action: a diagnostic sent back with byte columns (Neovim 0.7) still finds its fix by code, line and data', () => {
  const src = 'actor Zoë\nZoë -> Äpfel: bite\n';
  const doc = docOf(src);
  const d = diagnostics(doc).diagnostics.find((x) => x.code === 'undeclared-participant')!;
  assert.equal(d.range.start.character, 7);
  const bytes: Diagnostic = { ...d, range: { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } } };
  assert.deepEqual(
    codeActions(doc, { context: { diagnostics: [bytes] } }).map((a) => a.title),
    ['Declare Äpfel as participant'],
  );
  const noData: Diagnostic = { ...bytes, data: undefined };
  assert.deepEqual(
    codeActions(doc, { context: { diagnostics: [noData] } }).map((a) => a.title),
    ['Declare Äpfel as participant'],
  );
  const otherData: Diagnostic = { ...bytes, data: { kind: 'undeclared-participant', name: 'Other' } };
  assert.deepEqual(codeActions(doc, { context: { diagnostics: [otherData] } }), []);
});

test('code action: `only` filters by kind', () => {
  const src = 'actor A\nA -> B\n';
  assert.equal(actionsFor(src, 'undeclared-participant', [CodeActionKind.QuickFix]).actions.length, 1);
  assert.equal(actionsFor(src, 'undeclared-participant', [CodeActionKind.Refactor]).actions.length, 0);
  assert.equal(actionsFor(src, 'undeclared-participant', [CodeActionKind.SourceFixAll]).actions.length, 0);
});

test('code action: the same fix for several uses is offered once, naming every diagnostic', () => {
  const { actions, asked } = actionsFor('actor A\nA -> B\nB -> A\nA -> B\n', 'undeclared-participant');
  assert.equal(asked.length, 3);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].diagnostics?.length, 3);
});

test('code action: every offered fix keeps every other line (broken documents too)', () => {
  const srcs = [
    'actor A\nA -> B: hi\n-> broken\nalt x\n  B -> C\n',
    'sequence S\n  Usr -> Auth\n  alt\n    Auth -> DB\n',
    'system Unused\nactor A\nA -> A\nnote over X: n\n',
  ];
  for (const src of srcs) {
    const doc = docOf(src);
    const all = codeActions(doc, { context: { diagnostics: diagnostics(doc).diagnostics } });
    assert.ok(all.length > 0);
    for (const action of all) {
      const after = apply(src, action);
      const before = src.split('\n');
      const kept = after.split('\n');
      const removes = action.title.startsWith('Remove declaration');
      for (const line of before)
        if (!removes || !line.startsWith('system Unused'))
          assert.ok(kept.includes(line) || action.title.startsWith('Change to'), `${action.title} lost ${JSON.stringify(line)}`);
    }
  }
});
