/**
 * The server's end of the protocol: the transport named on the command line, the JSON-RPC
 * connection of vscode-languageserver-protocol, and the lifecycle the protocol prescribes —
 * `shutdown`, then `exit` ends the process with 0 (without `shutdown`: 1), and the server
 * ends when its client goes away (the stream or IPC channel closes, or the client's process,
 * named by `--clientProcessId` or initialize's `processId`, is gone).
 *
 * This is the part of vscode-languageserver's framework that the server used, written out:
 * the framework wires every feature the protocol has (notebooks, progress, call hierarchy…)
 * into 48 kB of the server bundle, a sixth of it (docs/performance.md). Open documents are
 * kept by openDocuments.ts.
 *
 * Transports: IPC (`--node-ipc`, as the VS Code client starts it), a socket or pipe the client
 * listens on (`--socket=PORT`, `--pipe=NAME`), otherwise stdio (`--stdio`, the default). Over
 * stdio the server reads with `TolerantMessageReader` (transport.ts).
 */
import {
  createProtocolConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  ErrorCodes,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  MessageType,
  ShutdownRequest,
  StreamMessageWriter,
  type ConnectionStrategy,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type ResponseMessage,
} from 'vscode-languageserver-protocol/node';
import { TolerantMessageReader } from './transport';
import { loggedTransport } from './messageLog';

export interface ServerConnection {
  readonly connection: ProtocolConnection;
  /** Logs to the client (window/logMessage, as an error), or to stderr when that fails. */
  log(message: string): void;
  /** Ends the server when process `pid` (the client, from initialize's `processId`) is gone. */
  watchClient(pid: number): void;
}

export interface ConnectOptions {
  readonly strategy: ConnectionStrategy;
  /** Wraps the transport's reader (inbox.ts notes what arrives). */
  readonly reader: (inner: MessageReader) => MessageReader;
}

/** How often the client's process is looked for (vscode-languageserver's interval). */
const CLIENT_CHECK_MS = 3000;

export function connect(argv: readonly string[], options: ConnectOptions): ServerConnection {
  let shutdownReceived = false;
  const exit = () => process.exit(shutdownReceived ? 0 : 1);
  const [rawReader, rawWriter] = transport(argv, exit);
  const logFile = process.env.LIFELINE_MESSAGE_LOG;
  const [reader, writer] = logFile ? loggedTransport(rawReader, rawWriter, logFile) : [rawReader, rawWriter];
  const connection = createProtocolConnection(options.reader(reader), writer, undefined, { connectionStrategy: options.strategy });
  connection.onRequest(ShutdownRequest.type, () => {
    shutdownReceived = true;
    return undefined;
  });
  connection.onNotification(ExitNotification.type, exit);
  connection.onClose(exit);

  let watching = false;
  const watchClient = (pid: number) => {
    if (watching || !Number.isInteger(pid) || pid <= 0) return;
    watching = true;
    setInterval(() => {
      try {
        process.kill(pid, 0); // signal 0: only asks whether the process exists
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ESRCH') exit();
      }
    }, CLIENT_CHECK_MS).unref();
  };
  const clientPid = argValue(argv, '--clientProcessId');
  if (clientPid !== undefined) watchClient(Number(clientPid));

  const log = (message: string) => {
    void connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message }).catch(() => process.stderr.write(`${message}\n`));
  };
  return { connection, log, watchClient };
}

/** The value of `--flag=value` or `--flag value`. */
function argValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
  }
  return undefined;
}

function transport(argv: readonly string[], exit: () => void): [MessageReader, MessageWriter] {
  const value = (flag: string) => argValue(argv, flag);
  if (argv.includes('--node-ipc')) {
    process.on('disconnect', exit);
    return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  }
  const port = value('--socket');
  if (port !== undefined) return createServerSocketTransport(Number(port));
  const pipe = value('--pipe');
  if (pipe !== undefined) return createServerPipeTransport(pipe);

  // Logging must never write to stdout: it carries the protocol.
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  const reader = new TolerantMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onMalformed((m) => {
    process.stderr.write(`lifeline-language-server: skipped a malformed message (${m.reason})\n`);
    // JSON-RPC 2.0: a body that is not JSON gets a Parse error, JSON that is no message an Invalid Request.
    if (m.answer) {
      const code = m.answer.kind === 'parse-error' ? ErrorCodes.ParseError : ErrorCodes.InvalidRequest;
      const response: ResponseMessage = { jsonrpc: '2.0', id: m.answer.id, error: { code, message: `${m.answer.kind === 'parse-error' ? 'Parse error' : 'Invalid request'}: ${m.reason}.` } };
      void writer.write(response).catch(() => undefined);
    }
  });
  process.stdin.on('end', exit);
  return [reader, writer];
}
