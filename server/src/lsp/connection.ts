/**
 * The server's connection: vscode-languageserver's `createConnection` over the transport named
 * on the command line — IPC (`--node-ipc`, as the VS Code client starts it), a socket or pipe
 * the client listens on (`--socket=PORT`, `--pipe=NAME`), otherwise stdio (`--stdio`, the
 * default, which the framework alone would refuse). The framework runs the lifecycle
 * (shutdown/exit, the watch on the client's process); the transport is ours to pick so that
 * stdio reads with the tolerant reader (transport.ts) and every reader can be wrapped (inbox.ts).
 */
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { loggedTransport } from './messageLog';
import { TolerantMessageReader } from './transport';

/** The connection over the transport `argv` names; `wrap` wraps its reader (inbox.ts notes what arrives). */
export function connect(argv: readonly string[], wrap: (reader: MessageReader) => MessageReader): Connection {
  let shutdown = false;
  const exit = () => process.exit(shutdown ? 0 : 1);
  const [rawReader, rawWriter] = transport(argv, exit);
  const logFile = process.env.LIFELINE_MESSAGE_LOG;
  const [reader, writer] = logFile ? loggedTransport(rawReader, rawWriter, logFile) : [rawReader, rawWriter];
  const connection = createConnection(wrap(reader), writer);
  connection.onShutdown(() => {
    shutdown = true;
  });
  // The framework ends the process on `exit`; a transport that closes ends it too.
  rawReader.onClose(exit);
  return connection;
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
  if (argv.includes('--node-ipc')) {
    process.on('disconnect', exit);
    return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  }
  const port = argValue(argv, '--socket');
  if (port !== undefined) return createServerSocketTransport(Number(port));
  const pipe = argValue(argv, '--pipe');
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
      const response: ResponseMessage = {
        jsonrpc: '2.0',
        id: m.answer.id,
        error: { code, message: `${m.answer.kind === 'parse-error' ? 'Parse error' : 'Invalid request'}: ${m.reason}.` },
      };
      void writer.write(response).catch(() => undefined);
    }
  });
  return [reader, writer];
}
