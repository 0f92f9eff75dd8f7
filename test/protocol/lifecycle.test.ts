// Transports and lifecycle: stdio by default, IPC as the VS Code client starts it, socket and pipe, exit codes, the bin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  SocketMessageReader,
  SocketMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { Client, ensureBuilt, ROOT, SERVER, WAIT_MS } from './client';

function exitCode(proc: import('node:child_process').ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill(), WAIT_MS);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('stdio is the default transport (no flag)', async () => {
  const { client, init } = await Client.start([]);
  assert.equal(init.serverInfo?.name, 'lifeline-language-server');
  assert.equal(await client.stop(), 0);
});

test('IPC (--node-ipc), as the VS Code client starts it: initialize, diagnostics, shutdown', async () => {
  await ensureBuilt();
  // execArgv: [] — the child must not inherit the test runner's TypeScript loader.
  const child = fork(SERVER, ['--node-ipc'], { silent: true, execArgv: [] });
  const exited = exitCode(child);
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, resolve),
  );
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok(init.capabilities.hoverProvider);
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///ipc.seq', languageId: 'seq', version: 3, text: 'A -> B' },
  });
  const p = await published;
  assert.equal(p.version, 3);
  assert.deepEqual(
    p.diagnostics.map((d) => d.code),
    ['undeclared-participant', 'undeclared-participant'],
  );
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
});

test('--socket=PORT: the server connects to the client (the library socket transport)', async () => {
  await ensureBuilt();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const proc = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = exitCode(proc);
  const socket = await accepted;
  const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok(init.capabilities.completionProvider);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
  socket.destroy();
  server.close();
});

test('--pipe=NAME: the server connects to the pipe the client listens on', async () => {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-pipe-'));
  const pipe = process.platform === 'win32' ? `\\\\.\\pipe\\lifeline-${process.pid}` : join(dir, 'server.sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(pipe, resolve));
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const proc = spawn(process.execPath, [SERVER, `--pipe=${pipe}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = exitCode(proc);
  const socket = await accepted;
  const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, resolve),
  );
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///pipe.seq', languageId: 'seq', version: 2, text: 'A -> B' },
  });
  assert.equal((await published).version, 2);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
  socket.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('exit without shutdown ends with code 1; closing stdin ends the server', async () => {
  const { client } = await Client.start();
  const exited = exitCode(client.proc);
  await client.connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 1);
  client.connection.dispose();

  await ensureBuilt();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const gone = exitCode(proc);
  proc.stdin.end();
  assert.equal(await gone, 1);
});

test('the server ends when the client process named by --clientProcessId is gone (the framework watches it)', async () => {
  await ensureBuilt();
  const fakeClient = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const proc = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${fakeClient.pid}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = exitCode(proc);
  fakeClient.kill();
  assert.equal(await exited, 1, 'gone without a shutdown');
  proc.stdin.destroy();
});

test('the lifeline-language-server bin is dist/server.js, runnable as a script', async () => {
  await ensureBuilt();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(pkg.bin['lifeline-language-server'], 'dist/server.js');
  assert.ok(readFileSync(SERVER, 'utf8').startsWith('#!/usr/bin/env node\n'));
});
