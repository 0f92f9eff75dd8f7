// Every capability end to end against the built server over stdio, with a real JSON-RPC client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRequest,
  type SemanticTokens,
  type SemanticTokensDelta,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionList,
  type InitializeResult,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { isRenderDelta, RenderRequest } from '../../server/src/lsp/protocol';
import { applyRows } from '../../server/src/core/splice';
import { applyEdits, applyWorkspaceEdit } from '../features/helpers';
import { Client } from './client';

const MAIN = [
  'title Shop',
  'related: other.seq',
  'related: gone.seq',
  'actor User',
  'service Auth "Auth Service": checks passwords',
  'sequence Login within 1s',
  '  User -> Auth: login',
  '  takes 300ms',
  '  Auth -> UserDB: select',
  '  UserDB --> Auth: row',
  '  Auth --> User: token',
  'end',
  '',
].join('\n');

describe('protocol: every capability over stdio', () => {
  let dir: string;
  let uri: string;
  let client: Client;
  let init: InitializeResult;
  let text = MAIN;
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lifeline-protocol-'));
    writeFileSync(join(dir, 'main.seq'), MAIN);
    writeFileSync(join(dir, 'other.seq'), 'database Ledger\nsequence Settle payments\nend\n');
    uri = pathToFileURL(join(dir, 'main.seq')).toString();
    ({ client, init } = await Client.start(['--stdio'], pathToFileURL(dir).toString()));
    await client.open(uri, MAIN, version);
  });

  after(async () => {
    const code = await client.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, 'exit code after shutdown + exit');
  });

  /** Replaces the whole text (a new version) and waits for its diagnostics. */
  async function setText(next: string) {
    text = next;
    version++;
    await client.change(uri, version, [{ text }]);
    return client.diagnosticsFor(uri, version);
  }

  const pos = (line: number, character: number) => ({ line, character });
  /** The position of `needle` (+ shift) in the current text. */
  const where = (needle: string, shift = 0) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `${needle} not in the text`);
    const before = text.slice(0, i + shift).split('\n');
    return pos(before.length - 1, before[before.length - 1].length);
  };
  const td = () => ({ uri });

  test('initialize announces every capability', () => {
    const c = init.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    for (const key of [
      'completionProvider',
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
      'documentLinkProvider',
      'workspaceSymbolProvider',
      'inlayHintProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'semanticTokensProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'codeActionProvider',
    ] as const)
      assert.ok(c[key], key);
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.equal(init.serverInfo?.name, 'lifeline-language-server');
  });

  test('diagnostics: pushed on open with the version, related information and missing-related', async () => {
    const p = await client.diagnosticsFor(uri, 1);
    const codes = p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`);
    assert.deepEqual(codes, ['missing-related@3', 'undeclared-participant@9', 'undeclared-participant@10']);
    assert.ok(p.diagnostics.every((d) => d.source === 'lifeline'));
  });

  test('completion: participants after an arrow, with snippets at line start', async () => {
    const after = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: td(),
      position: pos(6, 10),
    })) as CompletionList;
    // The participants, and the diagram's edges `[` and `]` (v2).
    assert.deepEqual(after.items.map((i) => i.label).sort(), ['Auth', 'User', 'UserDB', '[', ']']);
    const start = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: td(),
      position: pos(6, 2),
    })) as CompletionList;
    const alt = start.items.find((i) => i.label === 'alt');
    assert.equal(alt?.insertTextFormat, 2, 'a snippet (the client announced snippet support)');
  });

  test('hover: a participant', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: td(), position: pos(6, 11) });
    assert.match((h!.contents as MarkupContent).value, /\*\*Auth Service\*\* \(`Auth`\) — service, internal/);
  });

  test('definition, references, document highlight', async () => {
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: td(), position: pos(8, 3) });
    assert.deepEqual(def, [{ uri, range: { start: pos(4, 8), end: pos(4, 12) } }]);
    const refs = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: td(),
      position: pos(4, 9),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs!.map((l) => l.range.start.line),
      [4, 6, 8, 9, 10],
    );
    const hl = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: td(), position: pos(3, 7) });
    assert.deepEqual(
      hl!.map((h) => [h.range.start.line, h.kind]),
      [
        [3, 3],
        [6, 2],
        [10, 2],
      ],
    );
  });

  test('document links and workspace symbols (open documents and files on disk)', async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: td() });
    assert.deepEqual(
      links!.map((l) => l.target),
      [pathToFileURL(join(dir, 'other.seq')).toString(), pathToFileURL(join(dir, 'gone.seq')).toString()],
    );
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
    const names = (symbols as { name: string; location: { uri: string } }[])
      .map((s) => `${s.name} (${s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1)})`)
      .sort();
    assert.deepEqual(names, [
      'Auth (main.seq)',
      'Ledger (other.seq)',
      'Login (main.seq)',
      'Settle payments (other.seq)',
      'User (main.seq)',
    ]);
    const filtered = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'ledg' });
    assert.deepEqual(
      (filtered as { name: string }[]).map((s) => s.name),
      ['Ledger'],
    );
  });

  test('inlay hints, document symbols, folding ranges, semantic tokens', async () => {
    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: td(),
      range: { start: pos(0, 0), end: pos(20, 0) },
    });
    assert.deepEqual(
      hints!.map((h) => h.label),
      ['critical path 300 ms / 1 s'],
    );
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: td() });
    assert.deepEqual(
      (symbols as { name: string }[]).map((s) => s.name),
      ['User', 'Auth', 'Login'],
    );
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: td() });
    assert.deepEqual(
      folds!.map((f) => [f.startLine, f.endLine]),
      [[5, 10]],
    );
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: td() });
    assert.ok(tokens!.data.length > 0 && tokens!.data.length % 5 === 0);
  });

  test('semantic tokens after an edit: the change since the tokens the client holds, which applied gives all the tokens', async () => {
    const original = text;
    const first = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: td() }))!;
    assert.equal(typeof first.resultId, 'string');
    await setText(text.replace('actor User', 'actor User\nactor Extra: added'));
    const delta = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, {
      textDocument: td(),
      previousResultId: first.resultId!,
    })) as SemanticTokensDelta;
    assert.ok('edits' in delta, 'an answer with edits');
    assert.equal(delta.edits.length, 1);
    assert.ok(delta.edits[0].data!.length < first.data.length / 2, 'the edit carries the new tokens, not all of them');
    const data = [...first.data];
    for (const e of [...delta.edits].reverse()) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const whole = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: td() }))!;
    assert.deepEqual(data, whole.data);
    // A result id the server no longer holds: all the tokens.
    const stale = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, {
      textDocument: td(),
      previousResultId: first.resultId!,
    })) as SemanticTokens;
    assert.deepEqual(stale.data, whole.data);
    await setText(original);
  });

  test('lifeline/render: the drawing, per-row ranges, sequences, problems, version', async () => {
    const out = await client.connection.sendRequest(RenderRequest, { uri, charset: 'ascii' });
    assert.ok(out && !isRenderDelta(out), 'a whole drawing when the client names none it holds');
    assert.ok(out.text.includes('[Auth Service]'), out.text);
    assert.deepEqual(out.sequences, ['Login']);
    assert.equal(out.version, version);
    const row = out.text.split('\n').findIndex((l) => l.includes('login'));
    assert.equal(out.rows[row]?.start.line, 6);
    assert.equal(out.problems.warnings, 3);
    assert.equal(await client.connection.sendRequest(RenderRequest, { uri: 'file:///not/open.seq', charset: 'ascii' }), null);
  });

  test('lifeline/render with `since`: the change from the drawing the client holds, which applied gives the whole drawing', async () => {
    const first = await client.connection.sendRequest(RenderRequest, { uri, charset: 'unicode' });
    assert.ok(first && !isRenderDelta(first));
    const lines = first.text.split('\n').slice(0, -1);
    // A keystroke in a label: one row changes.
    const original = text;
    const at = original.indexOf('login') + 'login'.length;
    await setText(`${original.slice(0, at)}s${original.slice(at)}`);
    const delta = await client.connection.sendRequest(RenderRequest, { uri, charset: 'unicode', since: first.id });
    assert.ok(delta && isRenderDelta(delta), 'a change');
    assert.equal(delta.base, first.id);
    assert.ok(delta.lines && delta.lines.items.length === 1, JSON.stringify(delta.lines));
    const whole = await client.connection.sendRequest(RenderRequest, { uri, charset: 'unicode' });
    assert.ok(whole && !isRenderDelta(whole));
    assert.deepEqual(applyRows(lines, delta.lines), whole.text.split('\n').slice(0, -1));
    // A base the server no longer holds (it keeps its last three) gets the whole drawing.
    await client.connection.sendRequest(RenderRequest, { uri, charset: 'unicode' });
    const again = await client.connection.sendRequest(RenderRequest, { uri, charset: 'unicode', since: first.id });
    assert.ok(again && !isRenderDelta(again), 'an unknown base gets a whole drawing');
    await setText(original);
  });

  test('quick fixes: "Declare UserDB as database" applied clears its diagnostics', async () => {
    const diags = (await client.diagnosticsFor(uri, version, true)).diagnostics.filter((d) => d.code === 'undeclared-participant');
    assert.equal(diags.length, 2);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: td(),
      range: diags[0].range,
      context: { diagnostics: [diags[0]] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Declare UserDB as database', 'Change to User'],
    );
    assert.equal(actions[0].isPreferred, true);
    const fixed = applyWorkspaceEdit(text, actions[0].edit, uri);
    assert.ok(fixed.includes('service Auth "Auth Service": checks passwords\ndatabase UserDB\n'));
    const after = await setText(fixed);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['missing-related'],
    );
  });

  test('quick fixes: "Declare all undeclared participants" and "Change to" over the protocol', async () => {
    const base = text;
    let p = await setText(`${base}User -> Atuh\nAtuh -> Ghost\n`);
    const first = p.diagnostics.find((d) => d.code === 'undeclared-participant')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: td(),
      range: first.range,
      context: { diagnostics: [first] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Declare Atuh as participant', 'Change to Auth', 'Declare all undeclared participants'],
    );
    const all = applyWorkspaceEdit(text, actions[2].edit, uri);
    p = await setText(all);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['missing-related'],
    );
    p = await setText(`${base}User -> Atuh\n`);
    const typo = p.diagnostics.find((d) => d.code === 'undeclared-participant')!;
    const change = (
      (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: td(),
        range: typo.range,
        context: { diagnostics: [typo] },
      })) as CodeAction[]
    ).find((a) => a.title === 'Change to Auth')!;
    p = await setText(applyWorkspaceEdit(text, change.edit, uri));
    assert.ok(text.endsWith('User -> Auth\n'));
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['missing-related'],
    );
    await setText(base);
  });

  test('rename: prepareRename, then the edit applied', async () => {
    const at = where('Auth: login', 1);
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: td(), position: at });
    assert.deepEqual(prep, { range: { start: where('Auth: login'), end: where('Auth: login', 4) }, placeholder: 'Auth' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: td(), position: at, newName: 'Auth Service' });
    const renamed = applyWorkspaceEdit(text, edit, uri);
    assert.ok(renamed.includes('service "Auth Service" "Auth Service": checks passwords'));
    assert.ok(renamed.includes('  User -> "Auth Service": login'));
    const p = await setText(renamed);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['missing-related'],
    );
    // An invalid name is refused with a message.
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, { textDocument: td(), position: where('User ->'), newName: 'Auth Service' }),
      (e: Error) => /"Auth Service" is already a participant/.test(e.message),
    );
  });

  test('formatting and range formatting', async () => {
    await setText('actor A\nsequence S\nA->A:hi\n     A->A\nend\n');
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: td(),
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(applyEdits(text, edits!), 'actor A\nsequence S\n  A -> A: hi\n  A -> A\nend\n');
    const ranged = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: td(),
      range: { start: pos(3, 0), end: pos(3, 9) },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(applyEdits(text, ranged!), 'actor A\nsequence S\nA->A:hi\n  A -> A\nend\n');
  });

  test('incremental changes: diagnostics follow each version', async () => {
    await setText('actor A\nA -> A\n');
    version++;
    await client.change(uri, version, [{ range: { start: pos(1, 5), end: pos(1, 6) }, text: 'B' }]);
    const p = await client.diagnosticsFor(uri, version);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['undeclared-participant'],
    );
    version++;
    await client.change(uri, version, [{ range: { start: pos(0, 7), end: pos(0, 7) }, text: '\nactor B' }]);
    assert.deepEqual((await client.diagnosticsFor(uri, version)).diagnostics, []);
  });
});
