// LIFELINE_MESSAGE_LOG: the server logs every message it reads and writes (server/src/lsp/messageLog.ts),
// which is how the benchmark's analysis sees what an editor asks per keystroke.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { describeMessage, type LoggedMessage } from '../../server/src/lsp/messageLog';
import { Client } from './client';

test('describeMessage: method, id, the version of a didChange, size', () => {
  const cases: [Parameters<typeof describeMessage>[1], Omit<LoggedMessage, 't' | 'dir' | 'bytes'>][] = [
    [{ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: {} } as never, { method: 'textDocument/hover', id: 3 }],
    [{ jsonrpc: '2.0', id: 3, result: null } as never, { id: 3 }],
    [
      { jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'u', version: 7 }, contentChanges: [] } } as never,
      { method: 'textDocument/didChange', version: 7 },
    ],
  ];
  for (const [message, expected] of cases) {
    const { t, dir, bytes, ...rest } = describeMessage('in', message, 1);
    assert.deepEqual({ t, dir, bytes, rest }, { t: 1, dir: 'in', bytes: JSON.stringify(message).length, rest: expected });
  }
});

test('with LIFELINE_MESSAGE_LOG set, every message in and out is in the file when the server exits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-log-'));
  const file = join(dir, 'messages.jsonl');
  process.env.LIFELINE_MESSAGE_LOG = file;
  try {
    const { client } = await Client.start();
    delete process.env.LIFELINE_MESSAGE_LOG;
    const uri = 'file:///log.seq';
    await client.open(uri, 'actor A\nA -> A: hi\n');
    await client.change(uri, 2, [{ text: 'actor A\nA -> A: hi there\n' }]);
    await client.diagnosticsFor(uri, 2);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 6 } });
    assert.equal(await client.stop(), 0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LoggedMessage);
    const seen = lines.map((l) => `${l.dir} ${l.method ?? 'response'}${l.version !== undefined ? ` v${l.version}` : ''}`);
    for (const expected of [
      'in initialize',
      'out response',
      'in textDocument/didOpen',
      'in textDocument/didChange v2',
      'out textDocument/publishDiagnostics',
      'in textDocument/hover',
      'in shutdown',
      'in exit',
    ]) {
      assert.ok(seen.includes(expected), `${expected} in ${JSON.stringify(seen)}`);
    }
    const hover = lines.find((l) => l.method === 'textDocument/hover')!;
    const answer = lines.find((l) => l.dir === 'out' && l.id === hover.id && !l.method)!;
    assert.ok(answer.t >= hover.t && answer.bytes > 0, 'the answer is logged after its request, with its size');
    assert.ok(
      lines.every((l, i) => i === 0 || l.t >= lines[i - 1].t),
      'in time order',
    );
  } finally {
    delete process.env.LIFELINE_MESSAGE_LOG;
    rmSync(dir, { recursive: true, force: true });
  }
});
