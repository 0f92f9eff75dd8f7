// Static checks of the grammar files: the committed JSON is what the generator writes, every
// regex compiles in Oniguruma, and no regex uses a construct known to backtrack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnigScanner, loadWASM } from 'vscode-oniguruma';
import { MARKDOWN_INJECTION_GRAMMAR, MARKDOWN_STANDIN_GRAMMAR, REPO_ROOT, SEQ_GRAMMAR } from './support/textmate';

const GRAMMARS = [SEQ_GRAMMAR, MARKDOWN_INJECTION_GRAMMAR, MARKDOWN_STANDIN_GRAMMAR];
const REGEX_KEYS = new Set(['match', 'begin', 'end', 'while']);

/** Every regex in a grammar file, with where it is. */
function regexesOf(file: string): { where: string; source: string }[] {
  const found: { where: string; source: string }[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (REGEX_KEYS.has(key) && typeof value === 'string') found.push({ where: `${path}.${key}`, source: value });
      else visit(value, `${path}.${key}`);
    }
  };
  visit(JSON.parse(readFileSync(file, 'utf8')), file.slice(REPO_ROOT.length + 1));
  return found;
}

test('grammar: syntaxes/seq.tmLanguage.json is what syntaxes/build-grammar.mjs writes', () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'syntaxes/build-grammar.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

test('grammar: every regex compiles in Oniguruma', async () => {
  await loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  for (const file of GRAMMARS) {
    const regexes = regexesOf(file);
    assert.ok(regexes.length > 0, file);
    for (const { where, source } of regexes) {
      // vscode-textmate fills back-references to the begin match (`\2` in an end) before compiling.
      const endLike = /\.(?:end|while)$/.test(where);
      const compiled = endLike ? source.replace(/\\\d/g, 'x') : source;
      assert.doesNotThrow(() => new OnigScanner([compiled]), `${where}: ${source}`);
    }
  }
});

test("grammar: no {n,m}+ (a nested quantifier in Oniguruma's syntax, not a possessive one)", () => {
  for (const file of GRAMMARS) {
    for (const { where, source } of regexesOf(file)) {
      assert.doesNotMatch(source, /(?<!\\)\}[+*]/, `${where}: ${source}`);
    }
  }
});
