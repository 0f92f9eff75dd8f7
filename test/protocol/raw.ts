/**
 * A byte-level client for the built server: frames messages itself, can write arbitrary
 * bytes (malformed framing), and waits by event for the messages it expects.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureBuilt, SERVER, WAIT_MS } from './client';

export type Json = Record<string, unknown>;

export class RawClient {
  readonly messages: Json[] = [];
  private buffer = Buffer.alloc(0);
  private readonly waiters: (() => void)[] = [];
  private nextId = 1000;
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  static async start(args: string[] = ['--stdio']): Promise<RawClient> {
    await ensureBuilt();
    const c = new RawClient(spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const init = await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(init.result, 'initialize answered');
    c.notify('initialized', {});
    return c;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.toString('ascii', 0, end));
      assert.ok(m, 'the server always frames with Content-Length');
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) break;
      this.messages.push(JSON.parse(this.buffer.toString('utf8', end + 4, end + 4 + length)) as Json);
      this.buffer = this.buffer.subarray(end + 4 + length);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  static frame(body: string | Buffer): Buffer {
    const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]);
  }

  writeRaw(bytes: string | Buffer): void {
    this.proc.stdin!.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  }

  send(message: Json): void {
    this.writeRaw(RawClient.frame(JSON.stringify({ jsonrpc: '2.0', ...message })));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Sends a request and waits for its answer. */
  async request(method: string, params: unknown): Promise<Json> {
    const id = this.nextId++;
    this.send({ id, method, params });
    return this.waitFor((m) => m.id === id && ('result' in m || 'error' in m), `an answer to ${method} #${id}`);
  }

  /** A request framed by the caller (to put other bytes around it); returns the id to wait for. */
  requestFrame(method: string, params: unknown): { id: number; bytes: Buffer } {
    const id = this.nextId++;
    return { id, bytes: RawClient.frame(JSON.stringify({ jsonrpc: '2.0', id, method, params })) };
  }

  async waitFor(predicate: (m: Json) => boolean, what: string): Promise<Json> {
    const deadline = Date.now() + WAIT_MS;
    let seen = 0;
    for (;;) {
      for (; seen < this.messages.length; seen++) if (predicate(this.messages[seen])) return this.messages[seen];
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out waiting for ${what}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    const timer = setTimeout(() => this.proc.kill(), WAIT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
