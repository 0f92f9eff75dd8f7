// Semantic tokens, decoded back to (text, type) pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { semanticTokens, semanticTokensLegend, SemanticTokensHistory, tokenEdits } from '../../server/src/features/semanticTokens';
import { docOf } from './helpers';

function decode(text: string): string[] {
  const doc = docOf(text);
  const data = semanticTokens(doc).data;
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type, mods] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const mod = mods & 1 ? '+decl' : '';
    out.push(`${lines[line].slice(char, char + len)}:${semanticTokensLegend.tokenTypes[type]}${mod}`);
  }
  return out;
}

const cases: [string, string, string[]][] = [
  [
    'participants by kind',
    'actor U\nsystem S\nservice V\ndatabase D\nqueue Q\nparticipant P',
    [
      'actor:keyword',
      'U:interface+decl',
      'system:keyword',
      'S:class+decl',
      'service:keyword',
      'V:namespace+decl',
      'database:keyword',
      'D:struct+decl',
      'queue:keyword',
      'Q:event+decl',
      'participant:keyword',
      'P:variable+decl',
    ],
  ],
  [
    'a declaration with display name, scope and description',
    'service Auth "Auth Service" external: checks',
    ['service:keyword', 'Auth:namespace+decl', '"Auth Service":string', 'external:keyword', 'checks:string'],
  ],
  [
    'a message: names by kind, arrow, activation, label',
    'actor U\ndatabase D\nU ->> +D: read it',
    [
      'actor:keyword',
      'U:interface+decl',
      'database:keyword',
      'D:struct+decl',
      'U:interface',
      '->>:operator',
      '+:operator',
      'D:struct',
      'read it:string',
    ],
  ],
  ['an undeclared name is a generic participant', 'X -> X', ['X:variable', '->:operator', 'X:variable']],
  [
    'sequences, durations, fragments, end',
    'sequence Login within 2s\n  alt ok\n  else no\n  end\nend',
    [
      'sequence:keyword',
      'Login:string',
      'within:keyword',
      '2s:number',
      'alt:keyword',
      'ok:string',
      'else:keyword',
      'no:string',
      'end:keyword',
      'end:keyword',
    ],
  ],
  [
    'timing',
    'A -> A\ntakes 10ms\ntimeout 2s: retry',
    ['A:variable', '->:operator', 'A:variable', 'takes:keyword', '10ms:number', 'timeout:keyword', '2s:number', 'retry:string'],
  ],
  [
    'notes, metadata, comments',
    'project: Shop\n# hi\nnote left of A: n',
    ['project:property', 'Shop:string', '# hi:comment', 'note:keyword', 'left:keyword', 'of:keyword', 'A:variable', 'n:string'],
  ],
  [
    'flows and lifeline keywords',
    'flow F: A -> B → C\nactivate A\nautonumber',
    [
      'flow:keyword',
      'F:string',
      'A:variable',
      '->:operator',
      'B:variable',
      '→:operator',
      'C:variable',
      'activate:keyword',
      'A:variable',
      'autonumber:keyword',
    ],
  ],
  ['a broken line yields no token', 'this is not valid\nA -> A', ['A:variable', '->:operator', 'A:variable']],
];

for (const [name, src, expected] of cases) {
  test(`semantic tokens: ${name}`, () => assert.deepEqual(decode(src), expected));
}

test('semantic tokens: UTF-16 lengths and positions after wide characters', () => {
  assert.deepEqual(decode('actor 用户\n用户 -> 用户: 😀 ok'), [
    'actor:keyword',
    '用户:interface+decl',
    '用户:interface',
    '->:operator',
    '用户:interface',
    '😀 ok:string',
  ]);
});

// After an edit: the change since the tokens the client holds (`full/delta`).
const applyEdits = (before: readonly number[], edits: ReturnType<typeof tokenEdits>) => {
  const out = [...before];
  for (const e of [...edits].reverse()) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
};

const editCases: [string, number[], number[], ReturnType<typeof tokenEdits>][] = [
  ['equal: no edit', [1, 2, 3], [1, 2, 3], []],
  ['a changed number in the middle', [1, 2, 3, 4], [1, 2, 9, 4], [{ start: 2, deleteCount: 1, data: [9] }]],
  ['tokens added at the end', [1, 2], [1, 2, 3, 4], [{ start: 2, deleteCount: 0, data: [3, 4] }]],
  ['tokens removed at the start', [1, 2, 3], [3], [{ start: 0, deleteCount: 2, data: [] }]],
  ['a repeated value is not counted twice by the common start and end', [5, 5], [5, 5, 5], [{ start: 2, deleteCount: 0, data: [5] }]],
  ['from nothing', [], [1, 2], [{ start: 0, deleteCount: 0, data: [1, 2] }]],
];
for (const [name, before, after, expected] of editCases) {
  test(`semantic token edits: ${name}`, () => {
    assert.deepEqual(tokenEdits(before, after), expected);
    assert.deepEqual(applyEdits(before, tokenEdits(before, after)), after);
  });
}

test('semantic token edits: applied, they turn any token list into any other', () => {
  const list = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 });
  fc.assert(fc.property(list, list, (before, after) => assert.deepEqual(applyEdits(before, tokenEdits(before, after)), after)));
});

test('semantic tokens history: a delta against the last result sent, all the tokens against any other', () => {
  const history = new SemanticTokensHistory();
  const v1 = semanticTokens(docOf('actor U\nU -> U: hi'));
  const v2 = semanticTokens(docOf('actor U\nU -> U: hi there\nU -> U'));
  const first = history.full('a', v1);
  const delta = history.delta('a', first.resultId!, v2);
  assert.ok('edits' in delta && delta.resultId !== first.resultId);
  assert.deepEqual(applyEdits(v1.data, delta.edits), v2.data);
  // The first result is no longer the one held; another document has its own.
  assert.deepEqual(history.delta('a', first.resultId!, v1), { resultId: '3', data: v1.data });
  assert.ok('data' in history.delta('b', '3', v1), 'another document: all its tokens');
  history.forget('a');
  assert.ok('data' in history.delta('a', '3', v1), 'a closed document starts again');
});
