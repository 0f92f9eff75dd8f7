/**
 * Which document changes have been received but not applied yet.
 *
 * The connection reads every message of a chunk at once, then handles them one per turn of
 * the event loop. A keystroke often arrives as several messages together (two didChange
 * notifications and a completion request, say). Diagnostics are computed on the next turn
 * after a change — so without this, the server would analyse a version that the very next
 * queued message replaces, and the request behind it would wait for that wasted analysis.
 *
 * `QueuedChanges.reader` wraps the transport's reader: it notes the version each didChange
 * announces as the message comes in, before it is queued. Diagnostics for a version are
 * skipped while a newer change is known to be queued; applying that change schedules them
 * again.
 */
import type { DataCallback, Disposable, Event, Message, MessageReader, PartialMessageInfo } from 'vscode-languageserver/node';

interface ChangeParams {
  readonly textDocument?: { readonly uri?: unknown; readonly version?: unknown };
  readonly contentChanges?: unknown;
}

export class QueuedChanges {
  /** The newest version announced by a received didChange, per document URI. */
  private readonly announced = new Map<string, number>();

  /** True when a didChange newer than `version` has been received for `uri` (so it is still queued, or being applied). */
  newerThan(uri: string, version: number): boolean {
    const v = this.announced.get(uri);
    return v !== undefined && v > version;
  }

  /** The document was closed (or reopened): what was announced for it no longer applies. */
  forget(uri: string): void {
    this.announced.delete(uri);
  }

  /** Notes a message as it is read. Only a change that the document store will apply counts. */
  note(message: Message): void {
    const m = message as { method?: unknown; params?: unknown };
    if (m.method !== 'textDocument/didChange' || typeof m.params !== 'object' || m.params === null) return;
    const p = m.params as ChangeParams;
    const uri = p.textDocument?.uri;
    const version = p.textDocument?.version;
    // The store ignores a change without content changes; one without a numeric version is refused.
    if (typeof uri !== 'string' || typeof version !== 'number' || !Array.isArray(p.contentChanges) || p.contentChanges.length === 0) return;
    if (version > (this.announced.get(uri) ?? -Infinity)) this.announced.set(uri, version);
  }

  /** `inner`, with every message noted before the connection queues it. */
  reader(inner: MessageReader): MessageReader {
    return new NotingReader(inner, (m) => this.note(m));
  }
}

class NotingReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly onMessage: (m: Message) => void,
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
    return this.inner.listen((message) => {
      try {
        this.onMessage(message);
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
