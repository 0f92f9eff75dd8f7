/**
 * The language server through the protocol, as an editor drives it: spawn
 * `node server.js --stdio`, initialize, open a document, then type into it.
 *   - didChange → publishDiagnostics: one incremental one-character edit (a keystroke in a
 *     label in the middle of the file), timed until the diagnostics *of that version* arrive;
 *   - completion: a keystroke that ends in a trigger character (`Web -> ` on a new line)
 *     followed at once by the completion request, as VS Code sends them: the answer
 *     includes analysing the new version; and the same request again on that version;
 *   - memory: VmRSS from /proc/PID/status of the idle server; with 30,000 messages open, 1 s
 *     after the open, once settled, and the peak (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { summarize, type Stat } from './stats';

export interface ServerBenchOptions {
  readonly serverJs: string;
  /** Sizes (messages) for the didChange → diagnostics measurement, with their text. */
  readonly editDocs: readonly { readonly messages: number; readonly text: string }[];
  /** The document for completion (the 1,000-message one). */
  readonly completionDoc: { readonly messages: number; readonly text: string };
  /** The big document for memory (30,000 messages), if any. */
  readonly memoryDoc?: { readonly messages: number; readonly text: string };
  readonly warmup: number;
  readonly runs: number;
}

export interface ServerResult {
  readonly serverJs: string;
  readonly diagnostics: readonly { readonly messages: number; readonly stat: Stat }[];
  readonly completion?: { readonly messages: number; readonly afterTyping: Stat; readonly sameVersion: Stat; readonly items: number };
  readonly idleRssMb: number;
  readonly memory?: MemoryResult;
}

/** The server's VmRSS with a big document open, as it changes: see `settle`. */
export interface MemoryResult {
  readonly messages: number;
  /** didOpen → its publishDiagnostics. */
  readonly openMs: number;
  /** 1 s after the open's diagnostics arrived. */
  readonly afterOpenRssMb: number;
  /** Once it stopped changing after the open, and how long after the open's last message that was. */
  readonly settledRssMb: number;
  readonly settledAfterS: number;
  /** VmHWM: the most the process has held. */
  readonly peakRssMb: number;
}

/** RSS has settled when it stays within this many MB… */
const SETTLED_WITHIN_MB = 0.5;
/** …for this long (V8's memory reducer acts about 8 s after the work stops)… */
const SETTLED_FOR_MS = 12_000;
/** …or at the latest after this long, when it is reported as it stands. */
const SETTLE_AT_MOST_MS = 45_000;

/**
 * Polls the server's VmRSS until it has stayed within `SETTLED_WITHIN_MB` for `SETTLED_FOR_MS`:
 * what it keeps once V8 and the server have given back what they will. `elapsedMs` is the time
 * already spent since the last message. `afterS`: from the last message to the start of the
 * stable stretch.
 */
async function settle(pid: number, elapsedMs: number): Promise<{ rssMb: number; afterS: number }> {
  const start = performance.now() - elapsedMs;
  let stableSince = performance.now();
  let reference = rssMb(pid).rss;
  for (;;) {
    await sleep(500);
    const now = performance.now();
    const rss = rssMb(pid).rss;
    if (Math.abs(rss - reference) > SETTLED_WITHIN_MB) {
      reference = rss;
      stableSince = now;
    }
    if (now - stableSince >= SETTLED_FOR_MS || now - start >= SETTLE_AT_MOST_MS)
      return { rssMb: rss, afterS: (stableSince - start) / 1000 };
  }
}

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Session {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly waiters = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();
  private readonly versions = new Map<string, number>();

  constructor(serverJs: string) {
    this.child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.resume();
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const w = this.waiters.get(p.uri);
      if (w && (p.version === undefined || p.version >= w.version)) {
        this.waiters.delete(p.uri);
        w.resolve(p);
      }
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the diagnostics of `version` (or a later one) for `uri`. */
  private diagnosticsFor(uri: string, version: number, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(uri, {
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const done = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'seq', version: 1, text },
    });
    return done;
  }

  /** Inserts `insert` at (line, character); the next version. */
  async change(uri: string, line: number, character: number, insert: string, removeChars = 0): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + removeChars } }, text: insert }],
    });
    return version;
  }

  /** One keystroke, timed until the diagnostics of its version arrive. */
  async keystroke(uri: string, line: number, character: number, insert: string, removeChars: number): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    const done = this.diagnosticsFor(uri, version);
    const t = performance.now();
    await this.change(uri, line, character, insert, removeChars);
    await done;
    return performance.now() - t;
  }

  async completion(uri: string, line: number, character: number): Promise<{ ms: number; items: number }> {
    const t = performance.now();
    const r = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    const ms = performance.now() - t;
    const items = Array.isArray(r) ? r.length : (r?.items.length ?? 0);
    return { ms, items };
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(5000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    await Promise.race([new Promise((r) => this.child.once('exit', r)), sleep(3000)]);
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** The line in the middle of the document that holds a message label, and the label's first column. */
function middleMessageLine(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const m = /^(\s*\S+ -+>+ ?[+-]?\S+: )/.exec(lines[i]);
    if (m) return { line: i, character: m[1].length };
  }
  throw new Error('no message line found');
}

export async function measureServer(o: ServerBenchOptions): Promise<ServerResult> {
  const s = new Session(o.serverJs);
  const diagnostics: { messages: number; stat: Stat }[] = [];
  let completion: ServerResult['completion'];
  try {
    await s.initialize();
    for (const doc of o.editDocs) {
      const uri = `file:///bench/edit-${doc.messages}.seq`;
      await s.open(uri, doc.text);
      const at = middleMessageLine(doc.text);
      const samples: number[] = [];
      // Type a character into the label, then delete it: the text returns to where it was.
      for (let i = 0; i < o.warmup + o.runs; i++) {
        const ms =
          i % 2 === 0 ? await s.keystroke(uri, at.line, at.character, 'x', 0) : await s.keystroke(uri, at.line, at.character, '', 1);
        if (i >= o.warmup) samples.push(ms);
      }
      diagnostics.push({ messages: doc.messages, stat: summarize(samples) });
    }

    const doc = o.completionDoc;
    const uri = `file:///bench/completion-${doc.messages}.seq`;
    await s.open(uri, doc.text);
    const at = middleMessageLine(doc.text);
    // A new line `  Web -> `, typed in one edit at the start of a message line.
    const prefix = '  Web -> ';
    await s.change(uri, at.line, 0, `${prefix}\n`);
    const after: number[] = [];
    const same: number[] = [];
    let items = 0;
    for (let i = 0; i < o.warmup + o.runs; i++) {
      // The keystroke: delete the space after the arrow and type it again, then ask at once.
      await s.change(uri, at.line, prefix.length - 1, '', 1);
      await s.change(uri, at.line, prefix.length - 1, ' ', 0);
      const fresh = await s.completion(uri, at.line, prefix.length);
      const cached = await s.completion(uri, at.line, prefix.length);
      items = fresh.items;
      if (i >= o.warmup) {
        after.push(fresh.ms);
        same.push(cached.ms);
      }
    }
    completion = { messages: doc.messages, afterTyping: summarize(after), sameVersion: summarize(same), items };
  } finally {
    await s.close();
  }

  // Memory in a server of its own: idle, then with the big document open.
  const m = new Session(o.serverJs);
  let idleRssMb = Number.NaN;
  let memory: ServerResult['memory'];
  try {
    await m.initialize();
    await sleep(500);
    idleRssMb = rssMb(m.pid).rss;
    if (o.memoryDoc) {
      const uri = `file:///bench/memory-${o.memoryDoc.messages}.seq`;
      const t = performance.now();
      await m.open(uri, o.memoryDoc.text);
      const openMs = performance.now() - t;
      await sleep(1000);
      const afterOpenRssMb = rssMb(m.pid).rss;
      const opened = await settle(m.pid, 1000);
      memory = {
        messages: o.memoryDoc.messages,
        openMs,
        afterOpenRssMb,
        settledRssMb: opened.rssMb,
        settledAfterS: opened.afterS,
        peakRssMb: rssMb(m.pid).hwm,
      };
    }
  } finally {
    await m.close();
  }
  return { serverJs: o.serverJs, diagnostics, completion, idleRssMb, memory };
}
