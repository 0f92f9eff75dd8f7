/**
 * A real JSON-RPC client for the built server (`node dist/server.js --stdio`): spawns it,
 * initialises it, opens and edits documents, and waits — by event, never by a fixed
 * sleep — for the diagnostics of a given version.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '../..');
export const SERVER = join(ROOT, 'dist/server.js');
/** Generous: a CI machine may be slow, but a wait never lasts this long when things work. */
export const WAIT_MS = 20_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/** Builds dist/server.js with esbuild when it is missing or older than the server's sources. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= newestSource(join(ROOT, 'server/src'))) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/server.ts')],
    outfile: SERVER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}

export const clientCapabilities: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, dataSupport: true },
    codeAction: { dataSupport: true, isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    rename: { prepareSupport: true },
  },
  workspace: { workspaceFolders: true },
};

export class Client {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.listen();
  }

  /** `prepare` runs before initialize (to answer the server's requests, say workspace/configuration). */
  static async start(
    args: string[] = ['--stdio'],
    rootUri: string | null = null,
    capabilities: ClientCapabilities = clientCapabilities,
    prepare: (client: Client) => void = () => undefined,
  ): Promise<{ client: Client; init: InitializeResult }> {
    await ensureBuilt();
    const proc = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new Client(proc);
    prepare(client);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, init };
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'seq', version, text },
    });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Resolves with the first published diagnostics for `uri` at `version` (or later, when `orLater`). */
  diagnosticsFor(uri: string, version: number, orLater = false): Promise<PublishDiagnosticsParams> {
    return this.diagnosticsWhere(uri, (p) => p.version === version || (orLater && (p.version ?? -1) >= version), `version ${version}`);
  }

  /** Resolves with the first publication for `uri` that satisfies `predicate` (waits by event). */
  async diagnosticsWhere(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean,
    what: string,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = (this.diagnostics.get(uri) ?? []).find(predicate);
      if (hit) return hit;
      const left = deadline - Date.now();
      assert.ok(
        left > 0,
        `no diagnostics for ${uri} (${what}); got versions ${JSON.stringify((this.diagnostics.get(uri) ?? []).map((p) => p.version))}; stderr: ${this.stderr.join('')}`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Shuts the server down politely and returns its exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.proc.kill(), WAIT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
