// Semantic tokens, decoded back to (text, type) pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticTokens, semanticTokensLegend } from '../../server/src/features/semanticTokens';
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
  ['participants by kind', 'actor U\nsystem S\nservice V\ndatabase D\nqueue Q\nparticipant P', ['actor:keyword', 'U:interface+decl', 'system:keyword', 'S:class+decl', 'service:keyword', 'V:namespace+decl', 'database:keyword', 'D:struct+decl', 'queue:keyword', 'Q:event+decl', 'participant:keyword', 'P:variable+decl']],
  ['a declaration with display name, scope and description', 'service Auth "Auth Service" external: checks', ['service:keyword', 'Auth:namespace+decl', '"Auth Service":string', 'external:keyword', 'checks:string']],
  ['a message: names by kind, arrow, activation, label', 'actor U\ndatabase D\nU ->> +D: read it', ['actor:keyword', 'U:interface+decl', 'database:keyword', 'D:struct+decl', 'U:interface', '->>:operator', '+:operator', 'D:struct', 'read it:string']],
  ['an undeclared name is a generic participant', 'X -> X', ['X:variable', '->:operator', 'X:variable']],
  ['sequences, durations, fragments, end', 'sequence Login within 2s\n  alt ok\n  else no\n  end\nend', ['sequence:keyword', 'Login:string', 'within:keyword', '2s:number', 'alt:keyword', 'ok:string', 'else:keyword', 'no:string', 'end:keyword', 'end:keyword']],
  ['timing', 'A -> A\ntakes 10ms\ntimeout 2s: retry', ['A:variable', '->:operator', 'A:variable', 'takes:keyword', '10ms:number', 'timeout:keyword', '2s:number', 'retry:string']],
  ['notes, metadata, comments', 'project: Shop\n# hi\nnote left of A: n', ['project:property', 'Shop:string', '# hi:comment', 'note:keyword', 'left:keyword', 'of:keyword', 'A:variable', 'n:string']],
  ['flows and lifeline keywords', 'flow F: A -> B → C\nactivate A\nautonumber', ['flow:keyword', 'F:string', 'A:variable', '->:operator', 'B:variable', '→:operator', 'C:variable', 'activate:keyword', 'A:variable', 'autonumber:keyword']],
  ['a broken line yields no token', 'this is not valid\nA -> A', ['A:variable', '->:operator', 'A:variable']],
];

for (const [name, src, expected] of cases) {
  test(`semantic tokens: ${name}`, () => assert.deepEqual(decode(src), expected));
}

test('semantic tokens: UTF-16 lengths and positions after wide characters', () => {
  assert.deepEqual(decode('actor 用户\n用户 -> 用户: 😀 ok'), ['actor:keyword', '用户:interface+decl', '用户:interface', '->:operator', '用户:interface', '😀 ok:string']);
});
