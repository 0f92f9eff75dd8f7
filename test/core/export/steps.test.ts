// The Steps in words, the Alternative Flows, the sections sequences go to, and the timing
// and concurrency tables: table-driven, each case a small document and the expected text
// as a reader sees it (read back with markdown-it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { exportMarkdown } from '../../../server/src/core/export/markdown';
import { sectionOf, type SequenceSection } from '../../../server/src/core/export/classify';
import { outline } from './outline';

const DECLS = 'actor User\nsystem Frontend "Web Frontend"\nservice Auth "Auth Service"\n';

/** The list items under **Steps** (paragraph text of each item, in order). */
function stepsOf(src: string): readonly string[] {
  const md = exportMarkdown(analyze(DECLS + src).model);
  const block = /\*\*Steps\*\*:\n((?:\d+\. .*\n?)+)/.exec(md);
  if (!block) return [];
  return outline(block[1]).texts;
}

function alternativesOf(src: string): readonly string[] {
  const md = exportMarkdown(analyze(DECLS + src).model);
  const block = /\*\*Alternative Flows\*\*:\n((?:- .*\n?)+)/.exec(md);
  return block ? outline(block[1]).texts : [];
}

const sentences: [string, string, string][] = [
  ['request', 'Frontend -> Auth: POST /login', "Web Frontend sends 'POST /login' to Auth Service."],
  ['reply', 'Auth --> Frontend: token', "Auth Service returns 'token' to Web Frontend."],
  ['asynchronous', 'Frontend ->> Auth: event', "Web Frontend sends 'event' to Auth Service asynchronously."],
  ['asynchronous reply', 'Auth -->> Frontend: done', "Auth Service returns 'done' to Web Frontend asynchronously."],
  ['lost request', 'Frontend -x Auth: POST /login', "The request 'POST /login' from Web Frontend to Auth Service is lost."],
  ['lost reply', 'Auth --x Frontend: token', "The reply 'token' from Auth Service to Web Frontend is lost."],
  ['self message', 'Auth -> Auth: hash', "Auth Service sends 'hash' to itself."],
  ['self reply', 'Auth --> Auth: ok', "Auth Service returns 'ok' to itself."],
  ['request without label', 'Frontend -> Auth', 'Web Frontend sends a request to Auth Service.'],
  ['reply without label', 'Auth --> Frontend', 'Auth Service replies to Web Frontend.'],
  ['async without label', 'Frontend ->> Auth', 'Web Frontend sends an asynchronous message to Auth Service.'],
  ['lost without label', 'Frontend -x Auth', 'A request from Web Frontend to Auth Service is lost.'],
  ['two-line label', 'Frontend -> Auth: POST /orders\\n(cart)', "Web Frontend sends 'POST /orders (cart)' to Auth Service."],
  ['undeclared participant by its id', 'Frontend -> Cache: get', "Web Frontend sends 'get' to Cache."],
  ['destroy', 'destroy Auth\nFrontend -> Auth: bye', "Web Frontend sends 'bye' to Auth Service; the lifeline of Auth Service ends."],
];

for (const [name, src, expected] of sentences) {
  test(`step in words: ${name}`, () => {
    assert.deepEqual(stepsOf(src), [expected]);
  });
}

const contexts: [string, string, string[]][] = [
  [
    'alt and else',
    'alt wrong password\n  Auth --> Frontend: 401\nelse\n  Auth --> Frontend: 200\nend',
    ["Auth Service returns '401' to Web Frontend (if wrong password).", "Auth Service returns '200' to Web Frontend (otherwise)."],
  ],
  ['opt', 'opt cached\n  Auth --> Frontend: hit\nend', ["Auth Service returns 'hit' to Web Frontend (only if cached)."]],
  ['loop', 'loop every 5s\n  Frontend -> Auth: ping\nend', ["Web Frontend sends 'ping' to Auth Service (loop every 5s)."]],
  [
    'par with and without labels',
    'par a\n  Frontend -> Auth: x\nand\n  Frontend -> User: y\nend',
    ["Web Frontend sends 'x' to Auth Service (in parallel: a).", "Web Frontend sends 'y' to User (in parallel, branch 2)."],
  ],
  [
    'break',
    'break card declined\n  Auth --> Frontend: 402\nend',
    ["Auth Service returns '402' to Web Frontend (if card declined, then stop)."],
  ],
  [
    'critical and option',
    'critical pay once\n  Frontend -> Auth: pay\noption offline\n  Frontend -x Auth: pay\nend',
    [
      "Web Frontend sends 'pay' to Auth Service (critical: pay once).",
      "The request 'pay' from Web Frontend to Auth Service is lost (if offline).",
    ],
  ],
  [
    'nested: outermost first',
    'group login\n  loop 3 times\n    Frontend -> Auth: try\n  end\nend',
    ["Web Frontend sends 'try' to Auth Service (login; loop 3 times)."],
  ],
  [
    'autonumber runs on through branches (v2): numbers match the steps',
    'autonumber\nalt a\n  Frontend -> Auth: one\nelse\n  Frontend -> Auth: two\nend\nAuth --> Frontend: three',
    [
      "Web Frontend sends 'one' to Auth Service (if a).",
      "Web Frontend sends 'two' to Auth Service (otherwise).",
      "Auth Service returns 'three' to Web Frontend.",
    ],
  ],
  [
    'autonumber restarting in a branch is named',
    'autonumber\nalt a\n  Frontend -> Auth: one\nelse\n  autonumber\n  Frontend -> Auth: two\nend\nAuth --> Frontend: three',
    [
      "Web Frontend sends 'one' to Auth Service (if a).",
      "Web Frontend sends 'two' to Auth Service (otherwise; numbered 1 in the diagram).",
      "Auth Service returns 'three' to Web Frontend (numbered 2 in the diagram).",
    ],
  ],
];

for (const [name, src, expected] of contexts) {
  test(`steps with fragment context: ${name}`, () => {
    assert.deepEqual(stepsOf(src), expected);
  });
}

const alternatives: [string, string, string[]][] = [
  [
    'alt with else',
    'alt wrong password\n  Auth --> Frontend: 401\n  Frontend --> User: error\nelse account locked\n  Auth --> Frontend: 423\nend',
    [
      "If wrong password (steps 1–2): Auth Service returns '401' to Web Frontend; Web Frontend returns 'error' to User.",
      "If account locked (step 3): Auth Service returns '423' to Web Frontend.",
    ],
  ],
  [
    'bare else, empty branch',
    'alt cached\n  Auth --> Frontend: hit\nelse\nend',
    ["If cached (step 1): Auth Service returns 'hit' to Web Frontend.", 'Otherwise: No message is sent.'],
  ],
  ['opt', 'opt has code\n  Frontend -> Auth: apply\nend', ["Only if has code (step 1): Web Frontend sends 'apply' to Auth Service."]],
  [
    'break',
    'Frontend -> Auth: a\nbreak cancelled\n  Auth --> Frontend: stop\nend',
    ["If cancelled (step 2, then the sequence stops): Auth Service returns 'stop' to Web Frontend."],
  ],
  [
    'critical: only its options',
    'critical once\n  Frontend -> Auth: pay\noption gateway down\n  Frontend -x Auth: pay\nend',
    ["If gateway down (step 2): The request 'pay' from Web Frontend to Auth Service is lost."],
  ],
  [
    'loop, par and group are no alternatives',
    'loop x\n  Frontend -> Auth: a\nend\npar\n  Frontend -> Auth: b\nend\ngroup g\n  Frontend -> Auth: c\nend',
    [],
  ],
  [
    'nested alt inside opt: both listed, outer first',
    'opt o\n  alt i\n    Frontend -> Auth: a\n  end\nend',
    ["Only if o (step 1): Web Frontend sends 'a' to Auth Service.", "If i (step 1): Web Frontend sends 'a' to Auth Service."],
  ],
];

for (const [name, src, expected] of alternatives) {
  test(`alternative flows: ${name}`, () => {
    assert.deepEqual(alternativesOf(src), expected);
  });
}

const sections: [string, string, SequenceSection][] = [
  ['a plain sequence', 'actor U\nsystem S\nU -> S', 'main'],
  ['a scenario makes it an error sequence', 'actor U\nsequence A\n  scenario: down\n  U -> U\nend', 'error'],
  ['a scenario wins over integration', 'system S\nqueue Q\nsequence A\n  scenario: full\n  S ->> Q\nend', 'error'],
  ['systems through a queue', 'system S\nqueue Q\nS ->> Q', 'integration'],
  ['systems and an external system', 'system S\nsystem X external\nS -> X', 'integration'],
  ['a user calling an external API stays main', 'actor U\nsystem S\nsystem X external\nU -> S\nS -> X', 'main'],
  ['a user and a queue stay main', 'actor U\nqueue Q\nU ->> Q', 'main'],
  ['internal systems only stay main', 'system S\nservice T\nS -> T', 'main'],
];

for (const [name, src, expected] of sections) {
  test(`section of a sequence: ${name}`, () => {
    const model = analyze(src).model;
    assert.equal(sectionOf(model, model.sequences[model.sequences.length - 1]), expected);
  });
}

test('integration: **System** names the external systems and the queues', () => {
  const cases: [string, string][] = [
    ['system S\nqueue Q "Order Events"\nsystem W "Warehouse" external\nQ ->> W\nW -> S', 'System: Warehouse (external), via Order Events'],
    ['system S\nqueue A\nqueue B\nS ->> A\nA ->> B', 'System: A and B (queues)'],
    ['system S\nsystem X external\nS -> X', 'System: X (external)'],
  ];
  for (const [src, expected] of cases) {
    const o = outline(exportMarkdown(analyze(src).model));
    assert.ok(
      o.texts.some((t) => t.split('\n')[0] === expected),
      `${expected} in ${JSON.stringify(o.texts)}`,
    );
  }
});

test('timing: the performance row names the critical path steps, the total, and an exceeded budget', () => {
  const src = [
    'actor U',
    'service S',
    'sequence Pay within 100ms',
    '  U -> S: charge',
    '  takes 80ms',
    '  timeout 2s: retry later',
    '  par',
    '    S -> S: a',
    '    takes 30ms',
    '  and',
    '    S -> S: b',
    '    takes 50ms',
    '  end',
    '  S --> U: done',
    'end',
  ].join('\n');
  const o = outline(exportMarkdown(analyze(src).model));
  const perf = o.tables.find((t) => t.under === 'Performance Requirements')!;
  assert.deepEqual(perf.rows, [['Pay', '100 ms', "'charge' (step 1, 80 ms) + 'b' (step 3, 50 ms) = 130 ms, over the budget by 30 ms"]]);
  const timeouts = o.tables.find((t) => t.under === 'Timeout Handling')!;
  assert.deepEqual(timeouts.rows, [["Pay, step 1: 'charge' (U → S)", '2 s', 'retry later']]);
  const conc = o.texts.find((t) => t.startsWith('Steps 2–3'));
  assert.equal(conc, 'Steps 2–3 run in 2 parallel branches; the block takes as long as its longest branch, 50 ms:');
});

test('timing: a budget without timed steps says so; a timeout without action shows a dash', () => {
  const o = outline(exportMarkdown(analyze('actor U\nsequence A within 1s\n  U -> U: x\n  timeout 1s\nend').model));
  assert.deepEqual(o.tables.find((t) => t.under === 'Performance Requirements')!.rows, [
    ['A', '1 s', 'No step has an expected duration (takes).'],
  ]);
  assert.deepEqual(o.tables.find((t) => t.under === 'Timeout Handling')!.rows, [["A, step 1: 'x' (U → U)", '1 s', '—']]);
});

test('notes and assumptions: assumptions first, then notes with their sequence and place', () => {
  const src =
    'assumption: A1\nassumption: A2\nactor U\nservice S\nsequence Login\n  note left of U: on a phone\n  U -> S\n  alt x\n    note over U, S: inside\n  end\nend';
  const o = outline(exportMarkdown(analyze(src).model));
  const i = o.headings.findIndex((h) => h.text === 'Notes and Assumptions');
  assert.ok(i >= 0);
  assert.deepEqual(
    o.texts.filter((t) => /^(Assumption|Note) \d/.test(t)),
    ['Assumption 1: A1', 'Assumption 2: A2', 'Note 1 (Login, left of U): on a phone', 'Note 2 (Login, over U and S): inside'],
  );
});

test('related diagrams: relative links in order', () => {
  const o = outline(exportMarkdown(analyze('related: login.seq\nrelated: ../other/pay flow.seq\nactor U').model));
  assert.deepEqual(o.links, ['login.seq', '../other/pay%20flow.seq']);
});

test('process flows: one fence per flow with the display names, `->` in ASCII and `→` in Unicode', () => {
  const src = 'actor U "The User"\nservice S\nflow Login: U -> S -> U\nflow : S → U';
  const ascii = outline(exportMarkdown(analyze(src).model));
  assert.deepEqual(
    ascii.fences.filter((f) => f.under === 'Login' || f.under === 'Flow 2').map((f) => [f.under, f.content]),
    [
      ['Login', 'The User -> S -> The User'],
      ['Flow 2', 'S -> The User'],
    ],
  );
  const unicode = outline(exportMarkdown(analyze(src).model, { charset: 'unicode' }));
  assert.equal(unicode.fences.find((f) => f.under === 'Login')?.content, 'The User → S → The User');
});
