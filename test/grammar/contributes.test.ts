// package.json wires the grammars and the language configuration the way VS Code reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/textmate';

interface Grammar {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
  embeddedLanguages?: Record<string, string>;
}
interface Language {
  id: string;
  extensions?: string[];
  aliases?: string[];
  configuration?: string;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes?: { languages?: Language[]; grammars?: Grammar[] };
};
const grammars = pkg.contributes?.grammars ?? [];
const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;

test('contributes: one seq language, with the language configuration', () => {
  const seq = (pkg.contributes?.languages ?? []).filter((l) => l.id === 'seq');
  assert.equal(seq.length, 1, 'exactly one `seq` language entry');
  assert.deepEqual(seq[0].extensions, ['.seq']);
  assert.ok(seq[0].aliases?.includes('Sequence Diagram'));
  assert.equal(seq[0].configuration, './language-configuration.json');
  assert.ok(existsSync(join(REPO_ROOT, seq[0].configuration)));
});

test('contributes: the seq grammar for language seq', () => {
  const g = grammars.filter((x) => x.language === 'seq');
  assert.equal(g.length, 1, 'exactly one grammar for `seq`');
  assert.equal(g[0].scopeName, 'source.seq');
  assert.equal(g[0].path, './syntaxes/seq.tmLanguage.json');
  assert.equal(readJson(g[0].path).scopeName, 'source.seq');
});

test('contributes: the Markdown injection into text.html.markdown, with its embedded language', () => {
  const g = grammars.filter((x) => x.injectTo !== undefined);
  assert.equal(g.length, 1, 'exactly one injection grammar');
  const injection = g[0];
  assert.deepEqual(injection.injectTo, ['text.html.markdown']);
  assert.equal(injection.language, undefined, 'an injection grammar belongs to no language');
  const file = readJson(injection.path);
  assert.equal(file.scopeName, injection.scopeName);
  assert.equal(file.injectionSelector, 'L:text.html.markdown');
  assert.deepEqual(injection.embeddedLanguages, { 'meta.embedded.block.seq': 'seq' });
  const text = JSON.stringify(file);
  assert.ok(text.includes('"contentName":"meta.embedded.block.seq"'), 'the block content is the embedded scope');
  assert.ok(text.includes('"include":"source.seq"'), 'the block content is tokenized by source.seq');
});
