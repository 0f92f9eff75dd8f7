/**
 * The extension's log: one "Lifeline" output channel (a LogOutputChannel, so VS Code shows the
 * level and time of each line and the user picks the level). Everything the client does that a
 * user might need to report lands here; the language client's own trace goes to its channel.
 */
import * as vscode from 'vscode';

export interface Log {
  trace(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  show(): void;
  /** The channel itself, handed to the language client so its messages land in the same place. */
  readonly channel: vscode.LogOutputChannel;
}

export function createLog(): Log & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Lifeline', { log: true });
  const format = (details: unknown[]) => details.map(describe);
  return {
    channel,
    trace: (m, ...d) => channel.trace(m, ...format(d)),
    info: (m, ...d) => channel.info(m, ...format(d)),
    warn: (m, ...d) => channel.warn(m, ...format(d)),
    error: (m, ...d) => channel.error(m, ...format(d)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}

/** Errors print with their stack; objects as JSON, so a log line can be pasted into an issue. */
function describe(value: unknown): unknown {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return value;
}

/** The message of anything thrown, for a notification. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
