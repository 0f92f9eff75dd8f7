// Diagnostics pushed after every change, with the version, never a stale version over a newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionRequest,
  DidCloseTextDocumentNotification,
  HoverRequest,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { Client } from './client';
import { RawClient, type Json } from './raw';

test('a burst of changes: the last version is published, versions never go back', async () => {
  const { client } = await Client.start();
  const uri = 'file:///burst.seq';
  await client.open(uri, 'actor A\n', 1);
  await client.diagnosticsFor(uri, 1);
  let text = 'actor A\n';
  const sends: Promise<void>[] = [];
  for (let v = 2; v <= 40; v++) {
    const line = `A -> N${v}\n`;
    const lines = text.split('\n').length - 1;
    sends.push(
      client.change(uri, v, [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: line }]),
    );
    text += line;
  }
  await Promise.all(sends);
  const last = await client.diagnosticsFor(uri, 40);
  assert.equal(last.diagnostics.length, 39, 'one undeclared participant per added line');
  const versions = client.diagnostics.get(uri)!.map((p) => p.version!);
  for (let i = 1; i < versions.length; i++)
    assert.ok(versions[i] >= versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
  assert.ok(versions.length <= 40);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const cleared = await client.diagnosticsWhere(uri, (p) => p.version === undefined, 'the clearing after close');
  assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
  assert.equal(await client.stop(), 0);
});

test('changes read together: only the newest is analysed and published, after the request that came with them is answered', async (t) => {
  const c = await RawClient.start();
  // A failed assertion must not leave the server running (the test runner would wait for it).
  t.after(() => c.proc.kill());
  const uri = 'file:///together.seq';
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'seq', version: 1, text: 'actor A\n' } });
  await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).version === 1, 'version 1');
  // Nine keystrokes and a completion request in one write: the server reads them in one chunk.
  const frames: Buffer[] = [];
  for (let v = 2; v <= 10; v++) {
    const change = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `A -> N${v}\n` };
    frames.push(
      RawClient.frame(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'textDocument/didChange',
          params: { textDocument: { uri, version: v }, contentChanges: [change] },
        }),
      ),
    );
  }
  const completion = c.requestFrame('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 0 } });
  c.writeRaw(Buffer.concat([...frames, completion.bytes]));
  const answer = await c.waitFor((m) => m.id === completion.id, 'the completion answer');
  const labels = ((answer.result as { items: { label: string }[] }).items ?? []).map((i) => i.label);
  assert.ok(labels.includes('N2') && labels.includes('N10'), `completion sees every change: ${labels.join(', ')}`);
  const last = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).version === 10, 'version 10');
  assert.equal(((last.params as Json).diagnostics as unknown[]).length, 9, 'one undeclared participant per change');
  // Published versions after the burst: only the newest (every earlier one had a newer change queued behind it).
  const after = c.messages.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => (m.params as Json).version);
  assert.deepEqual(after, [1, 10]);
  // The request that came with the changes is answered before the diagnostics are worked out.
  assert.ok(c.messages.indexOf(answer) < c.messages.indexOf(last), 'the completion answer comes before the diagnostics of version 10');
  assert.equal(await c.stop(), 0);
});

test('a 1,000-message file: diagnostics after every didChange, completion, hover', async () => {
  const { client } = await Client.start();
  const uri = 'file:///big.seq';
  const names = ['User', 'Web', 'Auth', 'DB', 'Queue'];
  let text = `${names.map((n) => `participant ${n}`).join('\n')}\nsequence Big within 10s\n`;
  for (let i = 0; i < 1000; i++) text += `  ${names[i % 5]} -> ${names[(i + 1) % 5]}: message ${i}\n  takes 1ms\n`;
  text += 'end\n';
  const lines = text.split('\n').length - 1;
  let version = 1;
  await client.open(uri, text, version);
  await client.diagnosticsFor(uri, version);
  for (let i = 0; i < 30; i++) {
    version++;
    await client.change(uri, version, [
      { range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: `  User -> Ghost${i}: x\n` },
    ]);
    const p = await client.diagnosticsFor(uri, version);
    assert.equal(p.diagnostics.filter((d) => d.code === 'undeclared-participant').length, i + 1);
  }
  // Speed is measured by `npm run bench` (diagnostics and completion p95 on 1,000 messages), not here.
  const list = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 500, character: 10 },
  })) as CompletionList;
  assert.ok(list.items.some((x) => x.label === 'Auth'));
  await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 500, character: 3 } });
  assert.equal(await client.stop(), 0);
});
