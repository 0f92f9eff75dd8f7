// A test per check code of spec section 6, positive and negative, asserting code, severity and range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DiagnosticCodes, severityOf, type DiagnosticCode } from '../../server/src/core/index';
import { dedent, diagnosticsOf } from './helpers';

const FIXTURES = join(__dirname, '../fixtures/checks');
/** The file system a `related:` check sees in these tests: only these names exist. */
const existing = new Set(['payments.seq', 'login.seq']);
const fileExists = (p: string) => existing.has(p);
/** The files a `file.seq#Sequence` ref reads in these tests. */
const files: Record<string, string> = { 'payments.seq': 'actor A\nsequence Pay by card\n  A -> A\n  takes 300ms\nend\n' };
const readFile = (p: string) => files[p];

interface Case {
  name: string;
  src: string;
  /** Expected diagnostics of `code`: [line:col (1-based), covered text]. Empty = must not appear. */
  expect: [string, string][];
}

const cases: Record<DiagnosticCode, Case[]> = {
  syntax: [
    { name: 'a line that is no statement', src: 'A -> B\nsequance Login', expect: [['2:1', 'sequance']] },
    { name: 'a message without a target', src: 'A -> : hi', expect: [['1:6', ':']] },
    { name: 'an unterminated quote', src: 'participant "Auth', expect: [['1:13', '"Auth']] },
    { name: 'a valid document', src: 'actor U\nU -> U: think', expect: [] },
  ],
  'undeclared-participant': [
    {
      name: 'each use of an undeclared name',
      src: 'actor User\nUser -> Auth: login\nAuth --> User: ok',
      expect: [
        ['2:9', 'Auth'],
        ['3:1', 'Auth'],
      ],
    },
    {
      name: 'uses in notes, activations and flows',
      src: 'actor U\nU -> U\nnote over X: n\nactivate Y\nflow F: U -> Z',
      expect: [
        ['3:11', 'X'],
        ['4:10', 'Y'],
        ['5:14', 'Z'],
      ],
    },
    { name: 'a declaration below the use still counts', src: 'U -> V\nactor U\nactor V', expect: [] },
    { name: 'a quoted use of a declared name', src: 'actor Auth\n"Auth" -> Auth', expect: [] },
    { name: 'NFC: a decomposed use of a composed declaration', src: 'actor Caf\u00e9\nCafe\u0301 -> Caf\u00e9', expect: [] },
  ],
  'unused-participant': [
    { name: 'declared, never used', src: 'actor U\nsystem S\nU -> U', expect: [['2:8', 'S']] },
    { name: 'used only in a note', src: 'actor U\nnote over U: hi', expect: [] },
    { name: 'used only in a flow', src: 'actor U\nflow F: U', expect: [] },
  ],
  'duplicate-declaration': [
    { name: 'the same id twice, once quoted', src: 'actor Auth\nservice "Auth"\nAuth -> Auth', expect: [['2:9', '"Auth"']] },
    { name: 'ids differing in case are different', src: 'actor Auth\nactor auth\nAuth -> auth', expect: [] },
  ],
  'unclosed-block': [
    { name: 'a fragment left open', src: 'actor A\nalt x\n  A -> A', expect: [['2:1', 'alt']] },
    {
      name: 'a sequence closed by the next one',
      src: 'actor A\nsequence One\n  A -> A\nsequence Two\n  A -> A\nend',
      expect: [['2:1', 'sequence']],
    },
    {
      name: 'every kind closed by end',
      src: 'actor A\nsequence S\nalt\nend\nopt\nend\nloop\nend\npar\nend\ncritical\nend\nbreak\nend\ngroup g\nend\nend\nA -> A',
      expect: [],
    },
  ],
  'unexpected-keyword': [
    { name: '`end` with nothing open', src: 'actor A\nA -> A\nend', expect: [['3:1', 'end']] },
    { name: '`else` inside a loop inside an alt', src: 'actor A\nalt x\n  loop\n    else\n  end\nend\nA -> A', expect: [['4:5', 'else']] },
    {
      name: '`and` in a par, `option` in a critical',
      src: 'actor A\npar\nA -> A\nand\nA -> A\nend\ncritical\nA -> A\noption\nA -> A\nend',
      expect: [],
    },
  ],
  'dangling-timing': [
    { name: '`takes` after a note', src: 'actor A\nA -> A\nnote over A: n\ntakes 1s', expect: [['4:1', 'takes']] },
    { name: '`timeout` at the start of a branch', src: 'actor A\nalt\n  A -> A\nelse\n  timeout 2s', expect: [['5:3', 'timeout']] },
    { name: '`takes` after `end`', src: 'actor A\nloop\n  A -> A\nend\ntakes 1s', expect: [['5:1', 'takes']] },
    { name: 'timing lines, comments and blanks in between', src: 'actor A\nA -> A\ntimeout 2s: retry\n# why\n\ntakes 1s', expect: [] },
  ],
  'invalid-duration': [
    { name: '`2 secs`', src: 'actor A\nA -> A\ntakes 2 secs', expect: [['3:7', '2 secs']] },
    { name: 'a valid `1.5s`', src: 'actor A\nA -> A\ntakes 1.5s', expect: [] },
  ],
  'budget-exceeded': [
    {
      name: 'the critical path over `within`',
      src: 'actor A\nsequence S within 1s\nA -> A\ntakes 600ms\nA -> A\ntakes 500ms\nend',
      expect: [['2:19', '1s']],
    },
    {
      name: 'par counts its longest branch, alt its longest case',
      src: 'actor A\nsequence S within 999ms\npar\n  A -> A\n  takes 400ms\nand\n  A -> A\n  takes 900ms\nend\nalt\n  A -> A\n  takes 100ms\nelse\n  A -> A\n  takes 50ms\nend\nend',
      expect: [['2:19', '999ms']],
    },
    { name: 'exactly at the budget', src: 'actor A\nsequence S within 1s\nA -> A\ntakes 1s\nend', expect: [] },
  ],
  'inactive-deactivation': [
    { name: '`deactivate` of what is not active', src: 'actor A\nA -> A\ndeactivate A', expect: [['3:12', 'A']] },
    { name: '`-` deactivates the sender', src: 'actor A\nactor B\nB --> -A: x', expect: [['3:7', '-']] },
    { name: 'activated, then deactivated', src: 'actor A\nactor B\nA -> +B: x\nB --> -A: y', expect: [] },
    {
      name: 'each branch starts from the state at the block start',
      src: 'actor A\nactor B\nA -> +B\nalt\n  B --> -A\nelse\n  B --> -A\nend',
      expect: [],
    },
    {
      name: "after `end` the state is the first branch's",
      src: 'actor A\nactor B\nalt\n  A -> +B\nelse\n  A -> B\nend\nB --> -A',
      expect: [],
    },
  ],
  'destroyed-participant': [
    {
      name: 'a message after the destroying one',
      src: 'actor A\nactor S\ndestroy S\nA -> S: close\nA -> S: again',
      expect: [['5:6', 'S']],
    },
    {
      name: 'destroy takes effect after the next message only',
      src: 'actor A\nactor S\nA -> S: one\ndestroy S\nA -> S: close',
      expect: [],
    },
  ],
  'duplicate-metadata': [
    { name: 'a second `project`', src: 'project: A\nproject: B', expect: [['2:1', 'project']] },
    {
      name: '`assumption` and `related` repeat freely',
      src: 'assumption: a\nassumption: b\nrelated: login.seq\nrelated: payments.seq',
      expect: [],
    },
  ],
  'duplicate-timing': [
    { name: 'two `takes` for one message', src: 'actor A\nA -> A\ntakes 1s\ntakes 2s', expect: [['4:1', 'takes']] },
    { name: '`takes` and `timeout` together', src: 'actor A\nA -> A\ntakes 1s\ntimeout 2s', expect: [] },
  ],
  'duplicate-sequence': [
    {
      name: 'two sequences with one name',
      src: 'actor A\nsequence Login\nA -> A\nend\nsequence Login within 1s\nA -> A\nend',
      expect: [['5:10', 'Login']],
    },
    { name: 'different names', src: 'actor A\nsequence Login\nA -> A\nend\nsequence Logout\nA -> A\nend', expect: [] },
  ],
  'missing-related': [
    { name: 'a related file that does not exist', src: 'related: nope.seq', expect: [['1:10', 'nope.seq']] },
    { name: 'a related file that exists', src: 'related: payments.seq', expect: [] },
    { name: "a ref's file that does not exist", src: 'actor A\nref over A: nope.seq#Pay', expect: [['2:13', 'nope.seq']] },
    {
      name: "a ref's sequence missing from its file",
      src: 'actor A\nref over A: payments.seq#Pay by cash',
      expect: [['2:26', 'Pay by cash']],
    },
    { name: 'a ref to a sequence of another file', src: 'actor A\nref over A: payments.seq # Pay by card', expect: [] },
  ],
  'nested-box': [
    { name: 'a box inside a box', src: 'box Outer\n  actor A\n  box Inner\n  end\nend\nA -> A', expect: [['3:3', 'box']] },
    { name: 'two boxes side by side', src: 'box One\n  actor A\nend\nbox Two\n  actor B\nend\nA -> B', expect: [] },
  ],
  'box-content': [
    { name: 'a message inside a box', src: 'box B\n  actor A\n  A -> A\nend', expect: [['3:3', 'A']] },
    { name: 'declarations and comments only', src: 'box B\n  # the front\n  actor A\n  system S "Shop"\nend\nA -> S', expect: [] },
  ],
  'not-yet-created': [
    {
      name: 'a message to it above its `create`',
      src: 'actor A\nsequence S\n  A -> Session: early\n  create Session\n  A -> Session: new\nend',
      expect: [['3:8', 'Session']],
    },
    {
      name: 'a message from it before the creating message',
      src: 'actor A\nsequence S\n  create Session\n  Session -> A: hello\n  A -> Session: new\nend',
      expect: [['4:3', 'Session']],
    },
    {
      name: 'created in one branch, used in the other',
      src: 'actor A\nsequence S\n  create B\n  alt\n    A -> B: new\n  else\n    B -> A: x\n  end\nend',
      expect: [['7:5', 'B']],
    },
    { name: 'created, then used', src: 'actor A\nsequence S\n  create participant B "Bee"\n  A -> B: new\n  B --> A: ok\nend', expect: [] },
    { name: 'created through an edge message', src: 'sequence S\n  create B\n  [ -> B: new\n  B -> ]: out\nend', expect: [] },
  ],
  'recursive-ref': [
    { name: 'a ref to its own sequence', src: 'actor A\nsequence Loop\n  ref over A: Loop\nend', expect: [['3:15', 'Loop']] },
    {
      name: 'a cycle through two sequences',
      src: 'actor A\nsequence One\n  ref over A: Two\nend\nsequence Two\n  ref over A: One\nend',
      expect: [
        ['3:15', 'Two'],
        ['6:15', 'One'],
      ],
    },
    { name: 'a chain without a cycle', src: 'actor A\nsequence One\n  ref over A: Two\nend\nsequence Two\n  A -> A\nend', expect: [] },
  ],
  'unknown-sequence': [
    {
      name: 'a ref text two edits from a sequence name',
      src: 'actor A\nsequence User login\n  A -> A\nend\nsequence Checkout\n  ref over A: Usr logn\nend',
      expect: [['6:15', 'Usr logn']],
    },
    { name: 'a name differing in case', src: 'actor A\nsequence Login\n  A -> A\nend\nref over A: login', expect: [['5:13', 'login']] },
    {
      name: 'a plain label far from every name',
      src: 'actor A\nsequence Login\n  A -> A\nend\nref over A: see the payment runbook',
      expect: [],
    },
  ],
};

for (const code of DiagnosticCodes) {
  for (const c of cases[code]) {
    test(`${code}: ${c.name}`, () => {
      const all = diagnosticsOf(dedent(c.src), { fileExists, readFile });
      const found = all.filter((d) => d.code === code);
      assert.deepEqual(
        found.map((d) => [d.at, d.text]),
        c.expect,
        JSON.stringify(all),
      );
      for (const d of found) assert.equal(d.severity, severityOf[code]);
    });
  }
}

test('every code has a positive and a negative case', () => {
  for (const code of DiagnosticCodes) {
    assert.ok(
      cases[code].some((c) => c.expect.length > 0),
      `${code} has no positive case`,
    );
    assert.ok(
      cases[code].some((c) => c.expect.length === 0),
      `${code} has no negative case`,
    );
  }
});

test('severities follow the spec table', () => {
  assert.deepEqual(
    Object.entries(severityOf)
      .filter(([, s]) => s === 'error')
      .map(([c]) => c)
      .sort(),
    [
      'box-content',
      'dangling-timing',
      'destroyed-participant',
      'duplicate-declaration',
      'invalid-duration',
      'nested-box',
      'not-yet-created',
      'recursive-ref',
      'syntax',
      'unclosed-block',
      'unexpected-keyword',
    ],
  );
  assert.equal(severityOf['unused-participant'], 'hint');
});

test('missing-related is not checked where the file system is unknown', () => {
  assert.deepEqual(analyze('related: nope.seq').diagnostics, []);
});

// The fixture files: `# expect CODE at LINE:COL` on the first line.
for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.seq'))) {
  test(`fixture ${file}`, () => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const m = /^# expect (\S+) at (\d+:\d+)/.exec(text);
    assert.ok(m, 'first line names the expected diagnostic');
    const found = diagnosticsOf(text, { fileExists: (p) => existsSync(join(FIXTURES, p)) }).filter((d) => d.code === m[1]);
    assert.deepEqual(
      found.map((d) => d.at),
      [m[2]],
      JSON.stringify(found),
    );
  });
}

const cleanDir = join(FIXTURES, 'clean');
if (existsSync(cleanDir)) {
  for (const file of readdirSync(cleanDir).filter((f) => f.endsWith('.seq'))) {
    const code = [...DiagnosticCodes].sort((a, b) => b.length - a.length).find((c) => file.startsWith(c));
    test(`near miss ${file} gives no ${code}`, () => {
      assert.ok(code, 'file name starts with a diagnostic code');
      const text = readFileSync(join(cleanDir, file), 'utf8');
      const found = diagnosticsOf(text, { fileExists: (p) => existsSync(join(cleanDir, p)) }).filter((d) => d.code === code);
      assert.deepEqual(found, []);
    });
  }
}

test('quick-fix data: undeclared participant', () => {
  const src = 'title T\n  actor User\n  service Auth\nUser -> Auht: x\nUser -> OrderDB';
  const d = analyze(src).diagnostics.filter((x) => x.code === 'undeclared-participant');
  assert.deepEqual(
    d.map((x) => x.data),
    [
      {
        kind: 'undeclared-participant',
        name: 'Auht',
        guessedKind: 'participant',
        declaration: 'participant Auht',
        suggestions: ['Auth'],
        insertAt: 35,
        prefix: '\n  ',
        suffix: '',
      },
      {
        kind: 'undeclared-participant',
        name: 'OrderDB',
        guessedKind: 'database',
        declaration: 'database OrderDB',
        suggestions: [],
        insertAt: 35,
        prefix: '\n  ',
        suffix: '',
      },
    ],
  );
  assert.equal(src.slice(0, 35), 'title T\n  actor User\n  service Auth');
});

test('quick-fix data: no declaration yet inserts at the top', () => {
  const [d] = analyze('A -> A').diagnostics;
  assert.deepEqual(d.data, {
    kind: 'undeclared-participant',
    name: 'A',
    guessedKind: 'participant',
    declaration: 'participant A',
    suggestions: [],
    insertAt: 0,
    prefix: '',
    suffix: '\n',
  });
});

test('quick-fix data: unused participant covers its whole line', () => {
  const src = 'actor A\r\nsystem S\r\nA -> A';
  const d = analyze(src).diagnostics.find((x) => x.code === 'unused-participant')!;
  assert.deepEqual(d.data, { kind: 'unused-participant', lineSpan: { offset: 9, length: 10 } });
  assert.deepEqual(d.tags, ['unnecessary']);
});

test('duplicate declaration points at the first one', () => {
  const src = 'actor A\nactor A\nA -> A';
  const d = analyze(src).diagnostics.find((x) => x.code === 'duplicate-declaration')!;
  assert.deepEqual(
    d.related?.map((r) => [r.offset, r.length]),
    [[6, 1]],
  );
});

test('budget-exceeded names both figures and the steps', () => {
  const src = 'actor A\nactor B\nsequence S within 1s\nA -> B: query\ntakes 1.2s\nend';
  const d = analyze(src).diagnostics.find((x) => x.code === 'budget-exceeded')!;
  assert.match(d.message, /1\.2 s/);
  assert.match(d.message, /1 s/);
  assert.match(d.message, /A → B "query" \(1\.2s\)/);
});

test('10,000 nested fragments analyse without overflowing the stack', () => {
  const n = 10_000;
  const src = 'actor A\nsequence S within 1s\n' + 'alt x\n'.repeat(n) + 'A -> A: deep\ntakes 2s\n' + 'end\n'.repeat(n) + 'end\n';
  const a = analyze(src);
  assert.deepEqual(
    a.diagnostics.map((d) => d.code),
    ['budget-exceeded'],
  );
  assert.equal(a.model.sequences[0].criticalPath.ms, 2000);
  let depth = 0;
  let items = a.model.sequences[0].items;
  while (items.length === 1 && items[0].type === 'fragment') {
    depth++;
    items = items[0].branches[0].items;
  }
  assert.equal(depth, n);
});
