// Language v2 over stdio against the built server: boxes, created participants and refs, also to
// a sequence in another file on disk (never opened), through a real JSON-RPC client.
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
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  type CodeAction,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../features/helpers';
import { Client } from './client';

const MAIN = [
  'actor User',
  'box Back "Backend"',
  '  service Auth',
  '  database DB',
  'end',
  'sequence Login',
  '  purpose: Sign a user in',
  '  User -> Auth: login',
  '  takes 100ms',
  '  Auth -> DB: select',
  '  takes 50ms',
  'end',
  'sequence Checkout',
  '  create participant Cart',
  '  User -> Cart: new cart',
  '  ref over User, Auth: Login',
  '  ref over User, Auth: pay.seq#Pay',
  'end',
  '',
].join('\n');

const PAY = [
  'actor User',
  'service Auth',
  'sequence Pay',
  '  purpose: Take the money',
  '  User -> Auth: charge',
  '  takes 300ms',
  'end',
  '',
].join('\n');

describe('protocol: language v2 over stdio', () => {
  let dir: string;
  let uri: string;
  let payUri: string;
  let client: Client;
  let text = MAIN;
  let version = 1;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lifeline-protocol-v2-'));
    writeFileSync(join(dir, 'main.seq'), MAIN);
    writeFileSync(join(dir, 'pay.seq'), PAY);
    uri = pathToFileURL(join(dir, 'main.seq')).toString();
    payUri = pathToFileURL(join(dir, 'pay.seq')).toString();
    ({ client } = await Client.start(['--stdio'], pathToFileURL(dir).toString()));
    await client.open(uri, MAIN, version);
  });

  after(async () => {
    const code = await client.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, 'exit code after shutdown + exit');
  });

  /** The position of `needle` (+ shift) in the current text. */
  const where = (needle: string, shift = 0) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `${needle} not in the text`);
    const lines = text.slice(0, i + shift).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  const td = () => ({ uri });
  const hoverText = async (needle: string, shift = 1) => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: td(), position: where(needle, shift) });
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  };

  test('no diagnostics for the valid file, the other file read from disk', async () => {
    const p = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      [],
    );
  });

  test('hover: a box lists its participants; a ref shows the purpose and critical path of its sequence', async () => {
    const box = await hoverText('box Back', 5);
    assert.match(box, /Auth/);
    assert.match(box, /DB/);
    const local = await hoverText('Login\n  ref over User, Auth: pay', 2);
    assert.match(local, /Sign a user in/);
    assert.match(local, /150\s?ms/);
    const other = await hoverText('pay.seq#Pay', 9);
    assert.match(other, /Take the money/);
    assert.match(other, /300\s?ms/);
  });

  test('definition: a ref lands on the sequence name, in this file and in the other file', async () => {
    const local = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: td(),
      position: where('Login\n  ref over User, Auth: pay', 2),
    })) as Location | Location[] | null;
    const l = Array.isArray(local) ? local[0] : local;
    assert.equal(l?.uri, uri);
    assert.deepEqual(l?.range.start, where('Login\n  purpose', 0));
    const other = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: td(),
      position: where('pay.seq#Pay', 9),
    })) as Location | Location[] | null;
    const o = Array.isArray(other) ? other[0] : other;
    assert.equal(o?.uri, payUri);
    assert.deepEqual(o?.range.start, { line: 2, character: 9 });
  });

  test("completion after `ref over …: ` offers the other sequences' names", async () => {
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: td(),
      position: where('Login\n  ref over User, Auth: pay', 0),
    })) as CompletionList;
    // Not Checkout: the ref is inside it (that would be recursive-ref).
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['Login'],
    );
  });

  test('outline: the box holds its participants; folding covers the box', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: td() })) as DocumentSymbol[];
    const box = symbols.find((s) => s.name.includes('Backend') || s.name === 'Back');
    assert.ok(box, symbols.map((s) => s.name).join(', '));
    assert.deepEqual(box.children?.map((c) => c.name).sort(), ['Auth', 'DB']);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: td() });
    assert.ok(
      folds?.some((f) => f.startLine === 1 && f.endLine >= 3),
      JSON.stringify(folds),
    );
  });

  test('inlay hints: a ref shows the critical path it counts', async () => {
    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: td(),
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
    });
    const onRefs = (hints ?? []).filter((h) => h.position.line === 15 || h.position.line === 16).map((h) => String(h.label));
    assert.equal(onRefs.length, 2, JSON.stringify(hints));
    assert.match(onRefs.join(' '), /150\s?ms/);
    assert.match(onRefs.join(' '), /300\s?ms/);
  });

  test('not-yet-created: the diagnostic, and "Move `create` up" fixes the text', async () => {
    text = MAIN.replace('  create participant Cart\n  User -> Cart: new cart\n', '  User -> Cart: new cart\n  create participant Cart\n');
    version++;
    await client.change(uri, version, [{ text }]);
    const p = await client.diagnosticsFor(uri, version);
    const d = p.diagnostics.find((x) => x.code === 'not-yet-created');
    assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.code)));
    assert.equal(d.range.start.line, 13);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: td(),
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const move = actions.find((a) => /Move `create` up/.test(a.title));
    assert.ok(move?.edit?.changes?.[uri], actions.map((a) => a.title).join(', '));
    assert.equal(applyEdits(text, move.edit.changes[uri]), MAIN);
  });
});
