// The language server under 10,000 malformed or ill-typed requests and notifications over stdio
// (random methods, params of the wrong shape, ids of the wrong type, huge strings): every request
// with an id is answered, the server stays alive and answers properly afterwards, and its memory
// (its live heap after forced collections) is flat against the same after the first 1,000. Black-box: only the wire,
// so it holds whatever the server is built on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, SERVER } from './client';

type Json = unknown;
type Message = Record<string, Json>;

const TOTAL = 10_000;
const WARM = 1_000;
const BATCH = 250;
/**
 * Memory is sampled after every batch; with megabyte strings in the stream it swings with the
 * collector's timing, so floors (the lowest sample of a stretch) are compared. V8 grows its heap
 * for the big strings during the first half and keeps it (measured: floors 71, 87, 102, 115 MB by
 * 5,000 messages, then 115-120 MB), so flatness is judged on the second half: a leak keeps raising
 * the floor there. The floor may also not pass this factor of the early one, plus a little.
 */
/** And no RSS sample past this (the stress budget of a whole CLI run). */
const RSS_CEILING_MB = 400;
/**
 * "Memory flat" is judged on the live heap: the server's heap after forced collections
 * (heapProbe.cjs), with the same document open, after the first 1,000 messages, halfway and
 * at the end (measured: 7.4, 7.5, 7.7 MB). A leak of more than about 230 bytes per message
 * over the 9,000 after the first probe fails.
 */
const HEAP_SLACK_MB = 2;

/** mulberry32: the same seed gives the same stream on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Frames messages over the server's stdio and collects what it sends back. */
class Wire {
  private buffer: Buffer = Buffer.alloc(0);
  readonly answered = new Map<string, Message>();
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;
  exitCode: number | null | undefined = undefined;

  constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    proc.stderr!.resume();
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
        this.wake();
      }),
    );
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const m = /Content-Length: *(\d+)/i.exec(this.buffer.toString('ascii', 0, end));
      assert.ok(m, 'every message the server sends is framed with Content-Length');
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) break;
      const message = JSON.parse(this.buffer.toString('utf8', end + 4, end + 4 + length)) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (typeof message.method === 'string' && 'id' in message) {
        // A request from the server (configuration, registration...): a client answers it.
        this.send({ id: message.id as Json, result: null });
      } else if ('id' in message && !('method' in message)) {
        this.answered.set(key(message.id), message);
      }
    }
    this.wake();
  }

  writeBody(body: string): void {
    const b = Buffer.from(body, 'utf8');
    this.proc.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
  }

  send(message: Message): void {
    this.writeBody(JSON.stringify({ jsonrpc: '2.0', ...message }));
  }

  /** Resolves once every id is answered; rejects past the deadline or when the server exits. */
  async waitFor(ids: readonly string[], ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      const missing = ids.filter((id) => !this.answered.has(id));
      if (missing.length === 0) return;
      if (this.exitCode !== undefined) throw new Error(`the server exited (${this.exitCode}) with ${missing.length} requests unanswered`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${missing.length} requests unanswered after ${ms} ms, e.g. ${missing.slice(0, 5).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

const key = (id: Json) => JSON.stringify(id);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  assert.ok(m, 'VmRSS in /proc status');
  return Number(m[1]) / 1024;
}

const DOC = 'file:///fuzz/doc.seq';
const TEXT = 'title Fuzz\nparticipant A\nparticipant B\nA -> +B: hello\nB --> -A: bye\nalt x\n  A -> B: one\nelse\n  A -> B: two\nend\n';
const KNOWN_REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/rename',
  'textDocument/prepareRename',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/semanticTokens/full',
  'textDocument/semanticTokens/range',
  'textDocument/formatting',
  'textDocument/rangeFormatting',
  'textDocument/codeAction',
  'textDocument/documentLink',
  'textDocument/documentHighlight',
  'workspace/symbol',
  'completionItem/resolve',
  'codeAction/resolve',
  'lifeline/render',
  'initialize',
];
const KNOWN_NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  '$/cancelRequest',
  '$/setTrace',
  'initialized',
  '$/progress',
];

/** One malformed or ill-typed message; returns the id to expect an answer for, when it has a valid one. */
function nextMessage(rnd: () => number, n: number): { body: string; expect?: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const huge = () => pick(['x', '\u{1F600}', '"', '\\', '\u0000', 'é', '\n']).repeat(pick([1_000, 100_000, 1_000_000]));
  const str = () =>
    rnd() < 0.01 ? huge() : pick(['', 'a', 'file:///nope.seq', DOC, '../../etc/passwd', 'javascript:alert(1)', '%00', '\ud800', 'A', '-1']);
  const scalar = (): Json =>
    pick<() => Json>([() => null, () => true, () => -1, () => 1e308, () => 0.5, () => Number.MAX_SAFE_INTEGER, str])();
  const position = (): Json =>
    pick<() => Json>([
      () => ({ line: Math.floor(rnd() * 12), character: Math.floor(rnd() * 20) }),
      () => ({ line: -5, character: 'x' }),
      () => ({ line: 1e12, character: 1e12 }),
      scalar,
      () => [1, 2],
    ])();
  const textDocument = (): Json =>
    pick<() => Json>([
      () => ({ uri: DOC }),
      () => ({ uri: str() }),
      () => ({ uri: 42 }),
      scalar,
      () => ({}),
      () => ({ uri: DOC, version: 'x', text: 7 }),
    ])();
  const wrongShape = (depth = 0): Json => {
    if (depth > 3 || rnd() < 0.4) return scalar();
    return rnd() < 0.5
      ? Array.from({ length: Math.floor(rnd() * 4) }, () => wrongShape(depth + 1))
      : Object.fromEntries(
          Array.from({ length: Math.floor(rnd() * 4) }, () => [
            pick([
              'textDocument',
              'position',
              'range',
              'context',
              'newName',
              'options',
              'uri',
              'query',
              'contentChanges',
              'settings',
              'id',
              '__proto__',
              'constructor',
            ]),
            wrongShape(depth + 1),
          ]),
        );
  };
  const params = (): Json =>
    pick<() => Json>([
      () => ({ textDocument: textDocument(), position: position() }),
      () => ({
        textDocument: textDocument(),
        range: { start: position(), end: position() },
        context: wrongShape(),
        newName: str(),
        options: wrongShape(),
      }),
      () => ({
        textDocument: { uri: DOC, languageId: 'seq', version: Math.floor(rnd() * 1e6), text: rnd() < 0.05 ? huge() : TEXT + str() },
      }),
      () => ({
        textDocument: { uri: DOC, version: n },
        contentChanges: pick<Json>([[{ text: TEXT }], [{ range: { start: position(), end: position() }, text: str() }], null, 'x', [{}]]),
      }),
      () => ({ query: str() }),
      () => ({ id: pick<Json>([n, 'x', null, {}, -1]) }),
      () => ({ settings: wrongShape() }),
      wrongShape,
      () => undefined,
    ])();
  const kind = rnd();
  const method =
    kind < 0.45
      ? pick(KNOWN_REQUESTS)
      : kind < 0.75
        ? pick(KNOWN_NOTIFICATIONS)
        : pick<() => string>([() => `unknown/${n}`, () => `$/${n}`, () => '', () => huge().slice(0, 5000), () => 'rpc.internal'])();
  const asRequest = kind < 0.45 || rnd() < 0.5;
  const message: Record<string, Json> = { jsonrpc: '2.0', method };
  const p = params();
  if (p !== undefined) message.params = p;
  let expect: string | undefined;
  if (asRequest) {
    const idKind = rnd();
    if (idKind < 0.45) message.id = n;
    else if (idKind < 0.85) message.id = `s-${n}-${'é'.repeat(Math.floor(rnd() * 3))}`;
    else message.id = pick<Json>([null, {}, [n], true, 1.5, -0.0]); // ids of the wrong type: no answer to expect
    if ((typeof message.id === 'number' && Number.isInteger(message.id)) || typeof message.id === 'string') expect = key(message.id);
  }
  // Now and then, not a request at all: a response nobody asked for, or a bare value.
  if (rnd() < 0.03)
    return {
      body: JSON.stringify(
        pick<Json>([
          { jsonrpc: '2.0', id: 999_999_999, result: 'x' },
          { jsonrpc: '2.0', id: n, error: { code: 1, message: 'x' } },
          [1, 2, 3],
          'str',
          42,
          null,
          { jsonrpc: '1.0', method: 'x' },
        ]),
      ),
    };
  return { body: JSON.stringify(message), expect };
}

test(
  '10,000 malformed and ill-typed messages: every request answered, the server alive, memory flat',
  { timeout: 20 * 60_000, skip: !existsSync('/proc/self/status') && "needs /proc for the server's memory" },
  async (t) => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'lifeline-heap-'));
    const heapFile = join(dir, 'heap.json');
    const wire = new Wire(
      spawn(process.execPath, ['--expose-gc', '--require', join(__dirname, 'heapProbe.cjs'), SERVER, '--stdio'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LIFELINE_HEAP_FILE: heapFile },
      }),
    );
    /** The live heap (MB) with the same document open: reopened, answered on, then collected. */
    let probes = 0;
    const liveHeapMb = async (): Promise<number> => {
      const id = `probe-${probes++}`;
      wire.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: DOC, languageId: 'seq', version: 1, text: TEXT } } });
      wire.send({ id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: DOC } } });
      await wire.waitFor([key(id)], 60_000);
      rmSync(heapFile, { force: true });
      wire.proc.kill('SIGUSR2');
      for (let waited = 0; !existsSync(heapFile) || readFileSync(heapFile, 'utf8') === ''; waited += 20) {
        assert.ok(waited < 30_000, 'the heap probe answers');
        await new Promise((r) => setTimeout(r, 20));
      }
      return (JSON.parse(readFileSync(heapFile, 'utf8')) as { heapUsed: number }).heapUsed / 2 ** 20;
    };
    try {
      wire.send({ id: 'init', method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      await wire.waitFor([key('init')], 60_000);
      wire.send({ method: 'initialized', params: {} });
      wire.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: DOC, languageId: 'seq', version: 1, text: TEXT } } });
      const heaps: { sent: number; mb: number }[] = [];

      const rnd = prng(23);
      let requests = 0;
      const samples: { sent: number; mb: number }[] = [];
      for (let sent = 0; sent < TOTAL;) {
        const expected: string[] = [];
        for (const end = Math.min(TOTAL, sent + BATCH); sent < end; sent++) {
          const { body, expect } = nextMessage(rnd, sent);
          wire.writeBody(body);
          if (expect) expected.push(expect);
        }
        requests += expected.length;
        await wire.waitFor(expected, 120_000);
        samples.push({ sent, mb: rssMb(wire.proc.pid!) });
        if (sent === WARM || sent === TOTAL / 2 || sent === TOTAL) heaps.push({ sent, mb: await liveHeapMb() });
      }
      const peakRss = Math.max(...samples.map((x) => x.mb));
      t.diagnostic(
        `${requests} requests answered; live heap ${heaps.map((h) => `${h.mb.toFixed(1)} MB after ${h.sent}`).join(', ')}; RSS peak ${peakRss.toFixed(0)} MB`,
      );
      assert.ok(requests > 3_000, `${requests} requests with ids`);
      assert.equal(wire.exitCode, undefined, 'the server is alive');

      // Still a working server: a well-formed request on the open document gets a real answer.
      wire.send({
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: 'file:///fuzz/after.seq', languageId: 'seq', version: 1, text: TEXT } },
      });
      wire.send({ id: 'after', method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///fuzz/after.seq' } } });
      await wire.waitFor([key('after')], 60_000);
      const symbols = wire.answered.get(key('after'))!;
      assert.ok(
        Array.isArray(symbols.result) && symbols.result.length > 0,
        `document symbols after the storm: ${JSON.stringify(symbols).slice(0, 200)}`,
      );

      const [early, ...later] = heaps;
      assert.equal(heaps.length, 3, 'three heap probes');
      for (const h of later)
        assert.ok(
          h.mb <= early.mb + HEAP_SLACK_MB,
          `live heap ${h.mb.toFixed(1)} MB after ${h.sent} messages against ${early.mb.toFixed(1)} MB after ${early.sent}`,
        );
      assert.ok(peakRss <= RSS_CEILING_MB, `RSS peak ${peakRss.toFixed(0)} MB`);
    } finally {
      wire.proc.kill();
      await wire.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a $/cancelRequest without a request id (it once stopped the server reading): later requests are still answered', async () => {
  await ensureBuilt();
  const wire = new Wire(spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  try {
    wire.send({ id: 'init', method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    await wire.waitFor([key('init')], 60_000);
    for (const params of [[], {}, { id: null }, { id: {} }, null, 'x']) wire.send({ method: '$/cancelRequest', params });
    wire.send({ id: 1, method: 'textDocument/hover', params: { textDocument: { uri: DOC }, position: { line: 0, character: 0 } } });
    await wire.waitFor([key(1)], 30_000);
  } finally {
    wire.proc.kill();
    await wire.exited;
  }
});
