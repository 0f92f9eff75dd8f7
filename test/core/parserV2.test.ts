// Language v2 in the parser: boxes, created participants, refs, edge messages, autonumber forms.
// Each table row is one source and what it reads as (or its one diagnostic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/index';
import { dedent } from './helpers';
import { summary } from './summary';
import { readsBlocks, readsLines, reportsErrors } from './parserTables';

const lines: [string, string][] = [
  ['[ -> Frontend: GET /', '[ -> Frontend: "GET /"'],
  ['[->A', '[ -> A'],
  ['Auth -> ]: audit event', 'Auth -> ]: "audit event"'],
  ['A -->> ]', 'A -->> ]'],
  ['] -> A: from the right', '] -> A: "from the right"'],
  ['A -> [: back out left', 'A -> [: "back out left"'],
  ['[ -> +A: wake', '[ -> +A: "wake"'],
  ['A -> -"["', 'A -> -['],
  ['create Session', 'create Session'],
  ['create "Session store"', 'create Session store'],
  ['create participant Session "Session" external: per login', 'create participant Session "Session" external : "per login"'],
  ['create database Cache', 'create database Cache'],
  ['create participant', 'create participant'],
  ['ref over Frontend, Auth: User login', 'ref over Frontend,Auth: "User login"'],
  ['ref over A: payments.seq#Pay by card', 'ref over A: payments.seq # "Pay by card"'],
  ['ref over A: ../flows/pay.seq # Pay', 'ref over A: ../flows/pay.seq # "Pay"'],
  ['ref over A: see #42 in the tracker', 'ref over A: "see #42 in the tracker"'],
  ['ref over "Auth Service":Login', 'ref over Auth Service: "Login"'],
  ['autonumber', 'autonumber'],
  ['autonumber 10', 'autonumber 10'],
  ['autonumber 10 5', 'autonumber 10 5'],
  ['autonumber 0 1', 'autonumber 0 1'],
  ['autonumber off', 'autonumber off'],
  ['autonumber stop', 'autonumber off'],
  ['autonumber resume', 'autonumber resume'],
  ['autonumber resume 10', 'autonumber resume 10'],
];

readsLines(lines);

test('an edge is a bare `[` or `]`; a quoted "[" is a name', () => {
  const [edge] = parse('[ -> A').statements;
  const [quoted] = parse('"[" -> A').statements;
  assert.ok(edge.type === 'message' && !edge.from.quoted && edge.from.value === '[');
  assert.ok(quoted.type === 'message' && quoted.from.quoted && quoted.from.value === '[');
});

test('a file reference keeps the positions of its parts', () => {
  const src = 'ref over A: pay.seq # Pay by card';
  const [st] = parse(src).statements;
  assert.ok(st.type === 'ref');
  const at = (s: { offset: number; length: number }) => src.slice(s.offset, s.offset + s.length);
  assert.equal(at(st.target.file!.span), 'pay.seq');
  assert.equal(at(st.target.sequence.span), 'Pay by card');
  assert.equal(at(st.text.span), 'pay.seq # Pay by card');
});

const blocks: [string, string, string][] = [
  [
    'a box holds its declarations',
    `
    box Backend "Backend services"
      service Auth "Auth Service"
      # a comment
      database DB
    end
    Auth -> DB`,
    'box Backend "Backend services"{service Auth "Auth Service"; database DB} | Auth -> DB',
  ],
  [
    "PlantUML's `end box`",
    `
    box "Front end"
      actor User
    end box`,
    'box Front end{actor User}',
  ],
  ['an empty box', 'box Empty\nend', 'box Empty{}'],
  [
    'a created participant inside a fragment',
    `
    sequence S
      alt ok
        create Session
        A -> Session: new
      end
    end`,
    'sequence "S"{alt{alt "ok"[create Session; A -> Session: "new"]}}',
  ],
];

readsBlocks(blocks);

// Each malformed v2 line: one diagnostic on its token, with a message that says what to write.
const errors: [string, string, string, RegExp][] = [
  ['box Aqua Group', 'syntax', 'Aqua Group', /write `box Group "Group"`; colours are not supported/],
  ['box rgb(33,66,99) Payments', 'syntax', 'rgb(33,66,99) Payments', /write `box Payments "Payments"`; colours are not supported/],
  ['box "Internal Service" #LightBlue', 'syntax', '#LightBlue', /write `box "Internal Service"`; colours are not supported/],
  ['box Backend services', 'syntax', 'services', /write `box Backend "Backend services"`/],
  ['box', 'syntax', 'box', /needs a name/],
  ['box "Open', 'syntax', '"Open', /Unterminated quote/],
  ['sequence S\nbox B\nend', 'unexpected-keyword', 'box', /top level/],
  ['end box', 'syntax', 'end box', /no box is open/],
  ['create', 'syntax', 'create', /needs a participant/],
  ['create Session as S', 'syntax', 'as', /create participant Session "Display name"/],
  ['create participant S as Store', 'syntax', 'as', /write `create participant S "Store"`/],
  ['create Session now', 'syntax', 'now', /kind first/],
  ['ref A: Login', 'syntax', 'A:', /ref over A, B/],
  ['ref over A', 'syntax', 'ref over A', /same line/],
  ['ref over A:', 'syntax', ':', /needs text/],
  ['ref over A B: x', 'syntax', 'B:', /Expected `:`/],
  ['ref over : x', 'syntax', ':', /Expected a participant/],
  ['[ -> ]', 'syntax', '[ -> ]', /between a participant and an edge/],
  ['A -> +]', 'syntax', '+', /does not apply to the diagram's edge/],
  ['A -> -]: x', 'syntax', '-', /does not apply/],
  ['[ -> -A', 'syntax', '-', /edge is never active/],
  ['[A -> B', 'syntax', '[', /left edge/],
  ['] hello', 'syntax', ']', /right edge/],
  ['autonumber x', 'syntax', 'x', /whole number of at least 0/],
  ['autonumber -1', 'syntax', '-1', /whole number/],
  ['autonumber 10 0', 'syntax', '0', /step must be a whole number of at least 1/],
  ['autonumber 1.5', 'syntax', '1.5', /whole number/],
  ['autonumber 1 2 3', 'syntax', '3', /Too many/],
  ['autonumber off 3', 'syntax', '3', /takes nothing more/],
  ['autonumber resume 0', 'syntax', '0', /at least 1/],
  ['autonumber "<b>[000]"', 'syntax', '"<b>[000]"', /formats are not supported/],
  ['autonumber 10 10 "<b>"', 'syntax', '"<b>"', /formats are not supported/],
  ['Box B', 'syntax', 'Box', /lower case: write `box`/],
];

reportsErrors(errors);

// Box recovery (spec: Boxes): the first line that is no declaration closes the box just before it.
const recovery: [string, string, [string, string][], string][] = [
  [
    'a message inside a box',
    `
    box B
      actor U
      U -> U: hi
    actor V`,
    [['box-content', 'U']],
    'box B{actor U} (open) | U -> U: "hi" | actor V',
  ],
  [
    'a sequence line inside a box',
    `
    box B
      actor U
    sequence S
      U -> U
    end`,
    [['box-content', 'sequence']],
    'box B{actor U} (open) | sequence "S"{U -> U}',
  ],
  [
    'a create inside a box',
    `
    box B
      create S
    end`,
    [
      ['box-content', 'create'],
      ['unexpected-keyword', 'end'],
    ],
    'box B{} (open) | create S',
  ],
  [
    'a box inside a box: its end closes nothing, its declarations join the outer box',
    `
    box Outer
      actor U
      box Inner
        actor V
      end
      actor W
    end`,
    [['nested-box', 'box']],
    'box Outer{actor U; actor V; actor W}',
  ],
  [
    'a box left open at the end of the file',
    `
    box B
      actor U`,
    [['unclosed-block', 'box']],
    'box B{actor U} (open)',
  ],
  [
    'a nested box left open reports only the outer',
    `
    box A
      box B`,
    [
      ['nested-box', 'box'],
      ['unclosed-block', 'box'],
    ],
    'box A{} (open)',
  ],
  [
    'a syntax error inside a box keeps it open',
    `
    box B
      servce Auth
      actor U
    end`,
    [['syntax', 'servce']],
    'box B{actor U}',
  ],
];

for (const [name, src, expected, tree] of recovery) {
  test(`box recovery: ${name}`, () => {
    const text = dedent(src);
    const doc = parse(text);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, text.slice(d.offset, d.offset + d.length)]),
      expected,
    );
    assert.equal(doc.statements.map(summary).join(' | '), tree);
  });
}

test('an unclosed box offers `end` after its last line', () => {
  const open = parse('box B\n  actor U\n').diagnostics[0];
  assert.deepEqual(open.data, { kind: 'unclosed-block', insertAt: 16, insertText: 'end\n' });
});

test('no syntax-tree node references itself: a statement survives JSON.stringify', () => {
  const doc = parse('participant A "Api": x\nsequence S\n  A -> +B: hi\n  ref over A: S\n  create C\nend\nbox X\n  actor Y\nend');
  assert.doesNotThrow(() => JSON.stringify(doc.statements));
});
