// Workspace folders over the protocol: symbols of .seq files on disk come from the folders the
// client names at initialize and from those it adds or removes later (didChangeWorkspaceFolders).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, WorkspaceSymbolRequest, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { Client } from './client';

test('workspace symbols follow the workspace folders as they are added and removed', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'lifeline-folders-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const [first, second] = ['first', 'second'].map((name) => {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, `${name}.seq`), `actor ${name === 'first' ? 'Alice' : 'Bob'}\n`);
    return { uri: pathToFileURL(dir).toString(), name };
  });
  const { client } = await Client.start(['--stdio'], first.uri);
  t.after(() => client.proc.kill());
  const names = async () =>
    ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[]).map((s) => s.name).sort();
  assert.deepEqual(await names(), ['Alice']);
  await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [second], removed: [] } });
  assert.deepEqual(await names(), ['Alice', 'Bob']);
  await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [first] } });
  assert.deepEqual(await names(), ['Bob']);
  assert.equal(await client.stop(), 0);
});
