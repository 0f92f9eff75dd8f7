// Document links for `related:`, missing-related against the file system, workspace symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/index';
import { relatedChecker, WorkspaceFiles } from '../../server/src/lsp/documents';
import { relatedTarget } from '../../server/src/features/document';
import { documentLinks } from '../../server/src/features/documentLinks';
import { matchesQuery, workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { docOf, rangeText } from './helpers';

test('document links: each related file, resolved against the document', () => {
  const doc = docOf('related: login.seq\nrelated:   ../other/pay ments.seq  \nrelated:\nproject: x');
  const links = documentLinks(doc);
  assert.deepEqual(
    links.map((l) => [rangeText(doc, l.range), l.target]),
    [
      ['login.seq', 'file:///work/diagrams/login.seq'],
      ['../other/pay ments.seq', 'file:///work/other/pay%20ments.seq'],
    ],
  );
});

test('relatedTarget: URLs stay, # and ? are part of the file name, Windows drive paths become file URIs', () => {
  const cases: [string, string][] = [
    ['https://example.com/a.seq', 'https://example.com/a.seq'],
    ['a#b.seq', 'file:///work/diagrams/a%23b.seq'],
    ['q?.seq', 'file:///work/diagrams/q%3F.seq'],
    ['C:\\d\\e.seq', 'file:///C:/d/e.seq'],
    ['sub\\x.seq', 'file:///work/diagrams/sub/x.seq'],
  ];
  for (const [path, expected] of cases) assert.equal(relatedTarget('file:///work/diagrams/test.seq', path), expected, path);
});

test('missing-related: checked relative to the document file; untitled documents are not checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-links-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'there.seq'), 'actor A\n');
    const uri = pathToFileURL(join(dir, 'main.seq')).toString();
    const text = 'related: sub/there.seq\nrelated: missing.seq\nrelated: https://x.org/y.seq';
    const codes = analyze(text, { fileExists: relatedChecker(uri) }).diagnostics.map(
      (d) => `${d.code} ${text.slice(d.offset, d.offset + d.length)}`,
    );
    assert.deepEqual(codes, ['missing-related missing.seq']);
    assert.equal(relatedChecker('untitled:Untitled-1'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workspace symbols: participants and sequences of every document, matched fuzzily', () => {
  const a = docOf('actor User\nservice AuthService\nsequence User login\nend', {}, 'file:///w/a.seq');
  const b = docOf('database OrdersDB\nsequence Checkout\nend\nGhost -> Ghost', {}, 'file:///w/b%20c.seq');
  const all = workspaceSymbols([a, b], '');
  assert.deepEqual(
    all.map((s) => [s.name, s.kind, s.containerName]),
    [
      ['User', SymbolKind.Interface, 'a.seq'],
      ['AuthService', SymbolKind.Module, 'a.seq'],
      ['User login', SymbolKind.Object, 'a.seq'],
      ['OrdersDB', SymbolKind.Struct, 'b c.seq'],
      ['Checkout', SymbolKind.Object, 'b c.seq'],
    ],
  );
  assert.deepEqual(
    workspaceSymbols([a, b], 'asv').map((s) => s.name),
    ['AuthService'],
  );
  assert.deepEqual(
    workspaceSymbols([a, b], 'USER L').map((s) => s.name),
    ['User login'],
  );
  assert.equal(matchesQuery('OrdersDB', 'odb'), true);
  assert.equal(matchesQuery('OrdersDB', 'dbo'), false);
});

test('workspace files: .seq files under the folders, skipping node_modules and hidden folders, cached by mtime', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-ws-'));
  try {
    mkdirSync(join(dir, 'docs', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'docs', 'one.seq'), 'actor One\nOne -> One');
    writeFileSync(join(dir, 'docs', 'deep', 'two.seq'), 'sequence Two\nend');
    writeFileSync(join(dir, 'node_modules', 'x', 'no.seq'), 'actor No');
    writeFileSync(join(dir, '.git', 'no.seq'), 'actor No');
    writeFileSync(join(dir, 'docs', 'readme.md'), 'actor No');
    const ws = new WorkspaceFiles();
    ws.setFolders([pathToFileURL(dir).toString()]);
    const found = await ws.list();
    const names = workspaceSymbols(found, '')
      .map((s) => s.name)
      .sort();
    assert.deepEqual(names, ['One', 'Two']);
    const again = await ws.list();
    assert.equal(again.find((d) => d.uri.endsWith('one.seq'))!.analysis, found.find((d) => d.uri.endsWith('one.seq'))!.analysis, 'cached');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
