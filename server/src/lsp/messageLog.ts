/**
 * A log of every message the server reads and writes, for finding out what an editor asks per
 * keystroke and how long each answer took: `LIFELINE_MESSAGE_LOG=/path/file.jsonl` in the
 * server's environment (VS Code passes its own environment on). One JSON object per line:
 * `t` (epoch milliseconds, comparable with a browser page's `performance.timeOrigin + now()`),
 * `dir` ('in' or 'out'), `method` (requests and notifications), `id` (requests and responses),
 * `version` (didChange), `bytes` (the message as JSON). Off unless the variable is set; lines are
 * written once a second and when the server exits.
 */
import { appendFileSync } from 'node:fs';
import type {
  DataCallback,
  Disposable,
  Event,
  Message,
  MessageReader,
  MessageWriter,
  PartialMessageInfo,
} from 'vscode-languageserver/node';

export interface LoggedMessage {
  readonly t: number;
  readonly dir: 'in' | 'out';
  readonly method?: string;
  readonly id?: number | string;
  readonly version?: number;
  readonly bytes: number;
}

export function describeMessage(dir: 'in' | 'out', message: Message, t: number): LoggedMessage {
  const m = message as { method?: unknown; id?: unknown; params?: { textDocument?: { version?: unknown } } };
  const version = m.method === 'textDocument/didChange' ? m.params?.textDocument?.version : undefined;
  return {
    t,
    dir,
    ...(typeof m.method === 'string' ? { method: m.method } : {}),
    ...(typeof m.id === 'number' || typeof m.id === 'string' ? { id: m.id } : {}),
    ...(typeof version === 'number' ? { version } : {}),
    bytes: JSON.stringify(message)?.length ?? 0,
  };
}

/** The transport's reader and writer, logging to `file` (see above). */
export function loggedTransport(reader: MessageReader, writer: MessageWriter, file: string): [MessageReader, MessageWriter] {
  const pending: string[] = [];
  const now = () => performance.timeOrigin + performance.now();
  const note = (dir: 'in' | 'out', message: Message) => pending.push(JSON.stringify(describeMessage(dir, message, now())));
  const flush = () => {
    if (pending.length === 0) return;
    try {
      appendFileSync(file, pending.splice(0).join('\n') + '\n');
    } catch {
      // a log that cannot be written must not take the server down
    }
  };
  setInterval(flush, 1000).unref();
  process.on('exit', flush);
  const loggedReader: MessageReader = {
    get onError(): Event<Error> {
      return reader.onError;
    },
    get onClose(): Event<void> {
      return reader.onClose;
    },
    get onPartialMessage(): Event<PartialMessageInfo> {
      return reader.onPartialMessage;
    },
    listen: (callback: DataCallback): Disposable =>
      reader.listen((message) => {
        note('in', message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
  const loggedWriter: MessageWriter = {
    get onError() {
      return writer.onError;
    },
    get onClose() {
      return writer.onClose;
    },
    write: (message: Message) => {
      note('out', message);
      return writer.write(message);
    },
    end: () => writer.end(),
    dispose: () => writer.dispose(),
  };
  return [loggedReader, loggedWriter];
}
