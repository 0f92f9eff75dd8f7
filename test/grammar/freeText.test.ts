// Free text (labels, descriptions, notes, fallbacks, conditions, metadata values) is text:
// whatever it holds, nothing in it is scoped as a keyword, a name, a number or a comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL } from 'vscode-textmate';
import { loadSeqGrammar } from './support/textmate';
import { documentMetaKeys, sequenceMetaKeys, statementKeywords } from '../../server/src/core/index';

/**
 * What might be taken for a keyword inside text: every word that starts a statement and every
 * metadata key, as the core knows them, and the forms with arguments the grammar matches.
 */
const KEYWORDS = [
  ...statementKeywords,
  ...[...documentMetaKeys, ...sequenceMetaKeys].map((k) => `${k}:`),
  'internal',
  'external',
  'within 5s',
  'note over A, B:',
  'note left of A:',
  'activate A',
  'destroy A',
  'takes 1s',
  'timeout 2s:',
  'flow F: A -> B',
  '== x ==',
  '... x ...',
  '# not a comment',
  '// nor this',
  'box Backend "Backend"',
  'end box',
  'create participant S "Session"',
  'create S',
  'ref over A, B: Login',
  '[ -> A',
  'A -> ]',
  'autonumber 10 5',
  'autonumber off',
  'autonumber resume',
  'A -> B',
  'A -->> +B',
  'A -x C',
  '"quoted"',
  '"Auth Service" -> DB',
  '250ms',
  '1.5s',
  'http://x/a#b',
  'GET /a#b',
];

/** Statements that end in free text: the prefix, and the scope of the text after it. */
const HOSTS: [prefix: string, textScope: string][] = [
  ['A -> B: ', 'string.unquoted.label.seq'],
  ['A -> A: ', 'string.unquoted.label.seq'],
  ['actor A "Display": ', 'string.unquoted.description.seq'],
  ['note over A: ', 'string.unquoted.note.seq'],
  ['ref over A, B: ', 'string.unquoted.ref.seq'],
  ['create actor A "Display": ', 'string.unquoted.description.seq'],
  ['timeout 2s: ', 'string.unquoted.fallback.seq'],
  ['alt ', 'string.unquoted.condition.seq'],
  ['else ', 'string.unquoted.condition.seq'],
  ['group ', 'string.unquoted.condition.seq'],
  ['title ', 'string.unquoted.title.seq'],
  ['overview: ', 'string.unquoted.metadata.seq'],
  ['purpose: ', 'string.unquoted.metadata.seq'],
  ['== ', 'string.unquoted.divider.seq'],
  ['... ', 'string.unquoted.delay.seq'],
];

/** Scope families that must not appear inside free text (escapes are constant.character, allowed). */
const FORBIDDEN = /^(?:keyword|storage|entity|variable|comment|constant\.numeric|string\.quoted|markup)\./;

test('free text: no keyword, name, number or comment is highlighted inside it', async () => {
  const grammar = await loadSeqGrammar();
  const failures: string[] = [];
  for (const [prefix, textScope] of HOSTS) {
    for (const kw of KEYWORDS) {
      // The divider and delay texts end at a closing mark; keep the keyword away from the end.
      const line = `${prefix}x ${kw} y \\n z`;
      const { tokens } = grammar.tokenizeLine(line, INITIAL);
      for (const t of tokens.filter((t) => t.startIndex >= prefix.length)) {
        const text = line.slice(t.startIndex, t.endIndex);
        if (!t.scopes.includes(textScope))
          failures.push(`${JSON.stringify(line)}: ${JSON.stringify(text)} is not ${textScope}: ${t.scopes.join(' ')}`);
        const bad = t.scopes.filter((s) => FORBIDDEN.test(s));
        if (bad.length > 0) failures.push(`${JSON.stringify(line)}: ${JSON.stringify(text)} has ${bad.join(' ')}`);
      }
      const escape = tokens.find((t) => line.slice(t.startIndex, t.endIndex) === '\\n');
      if (!escape?.scopes.includes('constant.character.escape.seq')) failures.push(`${JSON.stringify(line)}: \\n is not an escape`);
    }
  }
  assert.deepEqual(failures, []);
});
