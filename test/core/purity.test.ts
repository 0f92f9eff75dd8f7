// The core is pure TypeScript: no editor, protocol or Node import may appear in server/src/core.
// The webview and the Markdown preview plugin run it too; every consumer enters it through core/index.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '../../server/src/core');
const SRC = join(__dirname, '../../server/src');
const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;
const FORBIDDEN = [/^vscode$/, /^vscode-/, /^node:/, /^(fs|path|os|child_process|process|util|crypto|url|stream|net)$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('server/src/core imports no vscode, LSP or Node module', () => {
  const offenders: string[] = [];
  for (const file of files(CORE)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(IMPORT)) {
      if (FORBIDDEN.some((re) => re.test(m[1]))) offenders.push(`${file}: ${m[1]}`);
    }
    if (/\bprocess\.|\bBuffer\b|__dirname/.test(src)) offenders.push(`${file}: uses a Node global`);
  }
  assert.deepEqual(offenders, []);
});

test('the purity check catches a forbidden import', () => {
  const sample = `import * as vscode from 'vscode';\nimport { x } from 'node:fs';`;
  const found = [...sample.matchAll(IMPORT)].filter((m) => FORBIDDEN.some((re) => re.test(m[1])));
  assert.equal(found.length, 2);
});

/** Imports of a core module other than core/index.ts. */
function pastTheIndex(src: string): string[] {
  return [...src.matchAll(IMPORT)].map((m) => m[1]).filter((p) => /(^|\/)core\//.test(p) && !/(^|\/)core\/index$/.test(p));
}

test('the CLI, the server, its features and the Markdown plugin enter the core through core/index.ts', () => {
  const consumers = [...files(SRC).filter((f) => !f.startsWith(CORE)), ...files(join(__dirname, '../../client/src/markdown'))];
  const offenders = consumers.flatMap((f) => pastTheIndex(readFileSync(f, 'utf8')).map((p) => `${f}: ${p}`));
  assert.deepEqual(offenders, []);
});

test('the entry check catches an import past the index', () => {
  const sample = `import { parse } from './core/parser';\nimport { x } from '../../../server/src/core/index';\nimport { y } from '../core/render/index';`;
  assert.deepEqual(pastTheIndex(sample), ['./core/parser', '../core/render/index']);
});
