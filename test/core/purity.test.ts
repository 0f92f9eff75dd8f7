// The core is pure TypeScript: no editor, protocol or Node import may appear in server/src/core.
// The webview and the Markdown preview plugin run it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '../../server/src/core');
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
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
      if (FORBIDDEN.some((re) => re.test(m[1]))) offenders.push(`${file}: ${m[1]}`);
    }
    if (/\bprocess\.|\bBuffer\b|__dirname/.test(src)) offenders.push(`${file}: uses a Node global`);
  }
  assert.deepEqual(offenders, []);
});

test('the purity check catches a forbidden import', () => {
  const sample = `import * as vscode from 'vscode';\nimport { x } from 'node:fs';`;
  const found = [...sample.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].filter((m) =>
    FORBIDDEN.some((re) => re.test(m[1])),
  );
  assert.equal(found.length, 2);
});
