/**
 * The stdio reader (connection.ts picks the transport). Over stdio the server reads with
 * `TolerantMessageReader`, passed to `createConnection`, instead of the stock stream
 * reader, which drops a body that is not JSON without a word and stalls after a header
 * without `Content-Length`. This reader never stops reading: a malformed frame is reported
 * (`onMalformed`; the server answers as JSON-RPC 2.0 prescribes) and skipped, and
 * reading resumes at the next `Content-Length` header, so later well-formed requests are
 * still answered.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

const CRLFCRLF = Buffer.from('\r\n\r\n', 'ascii');
const EMPTY = Buffer.alloc(0);
/** A header block longer than this without its blank line is garbage. */
const MAX_HEADER = 64 * 1024;
/** Larger bodies are refused (the declared length is treated as garbage). */
export const MAX_BODY = 256 * 1024 * 1024;
/** `Content-Length: <digits>` followed by a raw line break cannot occur inside a JSON text. */
const FRAME_START = /content-length[ \t]*:[ \t]*\d+[ \t]*\r\n/i;
const HEADER_NAME = /content-length[ \t]*:/i;

export interface MalformedFrame {
  readonly reason: string;
  /**
   * What JSON-RPC 2.0 answers: `parse-error` for a body that is not JSON, `invalid-request`
   * for JSON that is no message (with the id when it has one); nothing for broken headers.
   */
  readonly answer?: { readonly kind: 'parse-error' | 'invalid-request'; readonly id: number | string | null };
}

function isMessage(v: unknown): v is Message {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  return m.jsonrpc === '2.0' && (typeof m.method === 'string' || 'id' in m);
}

/** True unless the message is a `$/cancelRequest` notification whose params carry no request id. */
function isUsableCancel(m: Message): boolean {
  const { method, params } = m as { method?: unknown; params?: unknown };
  if (method !== '$/cancelRequest' || 'id' in m) return true;
  const id = params !== null && typeof params === 'object' ? (params as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string';
}

export class TolerantMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer: Buffer = EMPTY;
  /** The declared length of the body being read, or -1 while reading headers. */
  private expected = -1;
  /** How far the pending body has been searched for the start of a next frame. */
  private searched = 0;
  private callback: DataCallback | undefined;
  private readonly malformedListeners: ((m: MalformedFrame) => void)[] = [];

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  /** Called for each frame that was skipped. */
  onMalformed(listener: (m: MalformedFrame) => void): void {
    this.malformedListeners.push(listener);
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    this.readable.on('end', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
        this.readable.off('end', onClose);
      },
    };
  }

  /** Feeds bytes (public for tests). */
  onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.expected < 0 && !this.readHeader()) return;
      if (this.expected >= 0 && !this.readBody()) return;
    }
  }

  /** Reads one header block; false when more bytes are needed. */
  private readHeader(): boolean {
    const end = this.buffer.indexOf(CRLFCRLF);
    if (end < 0) {
      if (this.buffer.length > MAX_HEADER) this.resync(1, 'a header block without its closing blank line');
      return false;
    }
    const header = this.buffer.toString('latin1', 0, end);
    let length: number | undefined;
    for (const line of header.split('\r\n')) {
      const m = /^([^:]+):[ \t]*(.*?)[ \t]*$/.exec(line);
      if (m && m[1].trim().toLowerCase() === 'content-length') length = /^\d+$/.test(m[2]) ? Number(m[2]) : NaN;
    }
    if (length === undefined || Number.isNaN(length) || length > MAX_BODY) {
      const reason =
        length === undefined ? 'a header without Content-Length' : `an invalid Content-Length in ${JSON.stringify(header.slice(0, 200))}`;
      // A frame may begin inside this header block (garbage before it), else look beyond it.
      const inside = header.search(HEADER_NAME);
      if (inside > 0) this.drop(inside, reason);
      else this.resync(end + CRLFCRLF.length, reason);
      return true;
    }
    this.buffer = this.buffer.subarray(end + CRLFCRLF.length);
    this.expected = length;
    this.searched = 0;
    return true;
  }

  /** Reads the pending body; false when more bytes are needed. */
  private readBody(): boolean {
    if (this.buffer.length < this.expected) {
      // A declared length that is too long swallows the frames after it: a frame start inside the body proves it.
      const from = Math.max(0, this.searched - 64);
      const at = this.buffer.toString('latin1', from).search(FRAME_START);
      if (at >= 0) {
        this.expected = -1;
        this.drop(from + at, 'a body shorter than its Content-Length', { kind: 'parse-error', id: null });
        return true;
      }
      this.searched = this.buffer.length;
      return false;
    }
    const body = this.buffer.subarray(0, this.expected);
    // Nothing left: drop the chunk (a view of what is left would keep all of it, a whole
    // document's bytes after a didOpen, alive until the next message).
    this.buffer = this.buffer.length > this.expected ? this.buffer.subarray(this.expected) : EMPTY;
    this.expected = -1;
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      message = undefined;
    }
    if (isMessage(message)) {
      // vscode-jsonrpc reads `params.id` of every `$/cancelRequest`: one without it threw there and the connection stopped reading.
      if (!isUsableCancel(message)) this.report({ reason: 'a $/cancelRequest without the id of a request' });
      else this.callback?.(message);
      return true;
    }
    if (message !== undefined) {
      const id = (message as { id?: unknown } | null)?.id;
      const answerId = typeof id === 'number' || typeof id === 'string' ? id : null;
      this.report({ reason: 'a JSON body that is not a JSON-RPC message', answer: { kind: 'invalid-request', id: answerId } });
      return true;
    }
    // Not JSON. When a frame starts inside it (a Content-Length that was too long), read that frame next.
    const at = body.toString('latin1').search(FRAME_START);
    if (at >= 0) this.buffer = Buffer.concat([body.subarray(at), this.buffer]);
    this.report({ reason: 'a body that is not JSON', answer: { kind: 'parse-error', id: null } });
    return true;
  }

  /** Skips to the next `Content-Length` header at or after `from` (keeping a short tail when there is none yet). */
  private resync(from: number, reason: string): void {
    const rest = this.buffer.toString('latin1', from);
    const at = rest.search(HEADER_NAME);
    if (at >= 0) this.drop(from + at, reason);
    else this.drop(Math.max(from, this.buffer.length - 32), reason);
  }

  private drop(count: number, reason: string, answer?: MalformedFrame['answer']): void {
    this.buffer = this.buffer.subarray(count);
    this.report(answer ? { reason, answer } : { reason });
  }

  private report(m: MalformedFrame): void {
    for (const l of this.malformedListeners) {
      try {
        l(m);
      } catch {
        // a listener's failure never stops reading
      }
    }
  }
}
