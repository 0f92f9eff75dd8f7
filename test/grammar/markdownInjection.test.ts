// Issue 6: ```seq fenced blocks inside Markdown are highlighted with source.seq.
// No Markdown grammar ships in node_modules (VS Code's is built in), so the host is a
// small stand-in for text.html.markdown (test/grammar/fixtures/markdown-standin.tmLanguage.json)
// with generic fenced code blocks — the rule the injection must win over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMarkdownWithInjection, tokenizeDocument, type LineTokens } from './support/textmate';

const EMBEDDED = 'meta.embedded.block.seq';

const doc = [
  '# Login design', //                                     0
  '',
  'The text says alt and end -> but is no diagram.', //    2
  '',
  '```seq', //                                             4
  'title Login',
  'alt wrong password', //                                 6
  '  User -> Auth: GET /a#b',
  'end', //                                                8
  '```',
  'After the block: alt end', //                           10
  '',
  '```js', //                                              12
  'alt -> x',
  '```', //                                                14
  '',
  '~~~ SEQ {.diagram}', //                                 16
  'A -->> B: tilde fence',
  '~~~', //                                                18
  '',
  '- a list item', //                                      20
  '',
  '  ```seq', //                                           22
  '  note over A: indented fence',
  '  ```', //                                              24
  '',
  '```sequence', //                                        26
  'alt -> x',
  '```', //                                                28
  '',
  '````seq', //                                            30
  '```',
  'end', //                                                32
  '````',
  'alt after', //                                          34
].join('\n');

function tokenOf(line: LineTokens, text: string): { text: string; scopes: string[] } {
  const token = line.tokens.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(line.line)}: ${JSON.stringify(line.tokens)}`);
  return token;
}

function hasSeqScopes(line: LineTokens): boolean {
  return line.tokens.some((t) => t.scopes.some((s) => s.endsWith('.seq')));
}

let linesPromise: Promise<LineTokens[]> | undefined;
const lines = () => (linesPromise ??= loadMarkdownWithInjection().then((g) => tokenizeDocument(g, doc)));

test('markdown injection: a ```seq block is tokenized by source.seq', async () => {
  const l = await lines();
  const fence = l[4];
  assert.ok(tokenOf(fence, '```').scopes.includes('punctuation.definition.markdown'));
  assert.ok(tokenOf(fence, 'seq').scopes.includes('fenced_code.block.language.markdown'));

  const alt = tokenOf(l[6], 'alt').scopes;
  assert.ok(alt.includes('markup.fenced_code.block.markdown'), alt.join(' '));
  assert.ok(alt.includes(EMBEDDED), alt.join(' '));
  assert.ok(alt.includes('keyword.control.fragment.seq'), alt.join(' '));
  assert.ok(tokenOf(l[5], 'title').scopes.includes('keyword.other.title.seq'));
  assert.ok(tokenOf(l[7], '->').scopes.includes('keyword.operator.arrow.sync.seq'));
  assert.ok(tokenOf(l[7], ' GET /a#b').scopes.includes('string.unquoted.label.seq'));
  assert.ok(tokenOf(l[8], 'end').scopes.includes('keyword.control.end.seq'));
});

test('markdown injection: the closing fence ends the block', async () => {
  const l = await lines();
  const close = tokenOf(l[9], '```').scopes;
  assert.ok(close.includes('punctuation.definition.markdown'), close.join(' '));
  assert.ok(!close.includes(EMBEDDED), close.join(' '));
  assert.equal(hasSeqScopes(l[10]), false, JSON.stringify(l[10].tokens));
});

test('markdown injection: text outside seq fences is left alone', async () => {
  const l = await lines();
  assert.equal(hasSeqScopes(l[0]), false);
  assert.equal(hasSeqScopes(l[2]), false, 'a paragraph');
  assert.equal(hasSeqScopes(l[13]), false, 'a ```js block');
  assert.ok(
    l[13].tokens.every((t) => t.scopes.includes('markup.raw.block.markdown')),
    "the js block stays the host grammar's",
  );
  assert.equal(hasSeqScopes(l[27]), false, 'a ```sequence block is another language');
  assert.equal(hasSeqScopes(l[34]), false, 'after a four-backtick block');
});

test('markdown injection: ~~~ fences, upper-case info strings with attributes, indented fences', async () => {
  const l = await lines();
  assert.ok(tokenOf(l[16], 'SEQ').scopes.includes('fenced_code.block.language.markdown'));
  assert.ok(tokenOf(l[17], '-->>').scopes.includes('keyword.operator.arrow.async-reply.seq'));
  assert.ok(!tokenOf(l[18], '~~~').scopes.includes(EMBEDDED));
  assert.ok(tokenOf(l[23], 'note').scopes.includes('keyword.other.note.seq'));
  assert.ok(tokenOf(l[24], '```').scopes.includes('punctuation.definition.markdown'));
  assert.equal(hasSeqScopes(l[25]), false);
});

test('markdown injection: a longer fence is closed only by a fence at least as long', async () => {
  const l = await lines();
  // Inside ````seq, a ``` line does not close the block: the seq content goes on to ````.
  assert.ok(tokenOf(l[31], '```').scopes.includes(EMBEDDED));
  const end = tokenOf(l[32], 'end').scopes;
  assert.ok(end.includes(EMBEDDED) && end.includes('keyword.control.end.seq'), end.join(' '));
  assert.ok(tokenOf(l[33], '````').scopes.includes('punctuation.definition.markdown'));
});
