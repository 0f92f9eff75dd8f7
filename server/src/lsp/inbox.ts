/**
 * What the server has received but not handled yet, and background work that waits for it.
 *
 * The connection reads every message of a chunk at once, queues them, and handles one per
 * turn of the event loop. A keystroke often arrives as several messages together (two
 * didChange notifications and a completion request, say). Two consequences:
 *
 * - Diagnostics computed for a version that a queued change already replaces are wasted.
 *   `newerThan` tells: the version each didChange announces is noted as the message is read.
 * - Background work (diagnostics) scheduled while handling one message should run after the
 *   messages already received, so that the client's requests are answered first.
 *   `afterReceived` queues it behind them: it feeds the connection a notification of our own,
 *   which the connection queues like any other message, and runs the work when it comes up.
 *
 * `Inbox.reader` wraps the transport's reader to do both.
 */
import type {
  DataCallback,
  Disposable,
  Event,
  Message,
  MessageReader,
  NotificationMessage,
  PartialMessageInfo,
} from 'vscode-languageserver/node';

/** The notification `afterReceived` queues (it never crosses the wire). */
export const AFTER_RECEIVED = '$/lifeline/afterReceived';

interface ChangeParams {
  readonly textDocument?: { readonly uri?: unknown; readonly version?: unknown };
  readonly contentChanges?: unknown;
}

export class Inbox {
  /** The newest version announced by a received didChange, per document URI. */
  private readonly announced = new Map<string, number>();
  private readonly work = new Map<number, () => void>();
  private nextWork = 0;
  private deliver: DataCallback | undefined;

  /** `onReceived` is called for every message as it is read (before it is handled). */
  constructor(private readonly onReceived: () => void = () => undefined) {}

  /** True when a didChange newer than `version` has been received for `uri` (so it is still queued, or being applied). */
  newerThan(uri: string, version: number): boolean {
    const v = this.announced.get(uri);
    return v !== undefined && v > version;
  }

  /** The document was closed: what was announced for it no longer applies. */
  forget(uri: string): void {
    this.announced.delete(uri);
  }

  /**
   * Runs `work` once the messages received so far have been handled; before the connection
   * listens (every transport's reader is wrapped, connection.ts), on the next turn of the event loop.
   */
  afterReceived(work: () => void): void {
    const deliver = this.deliver;
    if (!deliver) {
      setImmediate(work);
      return;
    }
    const id = this.nextWork++;
    this.work.set(id, work);
    const marker: NotificationMessage = { jsonrpc: '2.0', method: AFTER_RECEIVED, params: { id } };
    deliver(marker);
  }

  /** The handler of `AFTER_RECEIVED` (server.ts registers it on the connection). */
  run(params: unknown): void {
    const id = (params as { id?: unknown } | null)?.id;
    if (typeof id !== 'number') return;
    const work = this.work.get(id);
    this.work.delete(id);
    work?.();
  }

  /** Notes a message as it is read. Only a change that the open documents will apply counts. */
  note(message: Message): void {
    this.onReceived();
    const m = message as { method?: unknown; params?: unknown };
    if (m.method !== 'textDocument/didChange' || typeof m.params !== 'object' || m.params === null) return;
    const p = m.params as ChangeParams;
    const uri = p.textDocument?.uri;
    const version = p.textDocument?.version;
    // A change without content changes is ignored; one without a numeric version is refused.
    if (typeof uri !== 'string' || typeof version !== 'number' || !Array.isArray(p.contentChanges) || p.contentChanges.length === 0) return;
    if (version > (this.announced.get(uri) ?? -Infinity)) this.announced.set(uri, version);
  }

  /** `inner`, with every message noted before the connection queues it. */
  reader(inner: MessageReader): MessageReader {
    return new NotingReader(inner, this);
  }

  /** Called by the reader when the connection starts listening. */
  attach(deliver: DataCallback): void {
    this.deliver = deliver;
  }
}

class NotingReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly inbox: Inbox,
  ) {}

  get onError(): Event<Error> {
    return this.inner.onError;
  }

  get onClose(): Event<void> {
    return this.inner.onClose;
  }

  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    this.inbox.attach(callback);
    return this.inner.listen((message) => {
      try {
        this.inbox.note(message);
      } catch {
        // noting is an optimisation: the message is delivered whatever happens here
      }
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
