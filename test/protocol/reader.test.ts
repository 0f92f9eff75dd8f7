// The tolerant stdio reader in-process: frames split at every byte, several frames in one chunk,
// and each kind of malformed frame skipped with the reading resumed at the next frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver-protocol/node';
import { TolerantMessageReader, type MalformedFrame } from '../../server/src/lsp/transport';

const frame = (body: string | Buffer) => {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
};
const msg = (id: number, extra = '') => frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'm', params: { text: `é😀${extra}` } }));

function read(chunks: Buffer[]): { messages: Message[]; malformed: MalformedFrame[] } {
  const reader = new TolerantMessageReader(new PassThrough());
  const messages: Message[] = [];
  const malformed: MalformedFrame[] = [];
  reader.listen((m) => messages.push(m));
  reader.onMalformed((m) => malformed.push(m));
  for (const c of chunks) reader.onData(c);
  return { messages, malformed };
}

const ids = (ms: Message[]) => ms.map((m) => (m as unknown as { id: number }).id);
const bytewise = (b: Buffer) => [...b].map((x) => Buffer.from([x]));

test('reader: well-formed frames, whole, together, and split at every byte (UTF-8 across chunks)', () => {
  const all = Buffer.concat([msg(1), msg(2), msg(3)]);
  assert.deepEqual(ids(read([all]).messages), [1, 2, 3]);
  const split = read(bytewise(all));
  assert.deepEqual(ids(split.messages), [1, 2, 3]);
  assert.equal((split.messages[0] as unknown as { params: { text: string } }).params.text, 'é😀');
  assert.deepEqual(split.malformed, []);
});

test('reader: header names are case-insensitive and other headers are ignored', () => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'm' }));
  const framed = Buffer.concat([
    Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:  ${body.length}\r\n\r\n`),
    body,
  ]);
  const r = read([framed, msg(5)]);
  assert.deepEqual(ids(r.messages), [4, 5]);
  assert.deepEqual(r.malformed, []);
});

const cases: { name: string; bad: () => Buffer; answer?: 'parse-error' | 'invalid-request' }[] = [
  { name: 'a body that is not JSON', bad: () => frame('{"jsonrpc":'), answer: 'parse-error' },
  { name: 'JSON that is no message', bad: () => frame('42'), answer: 'invalid-request' },
  { name: 'a header without Content-Length', bad: () => Buffer.from('X-Thing: 1\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"m"}') },
  { name: 'a Content-Length that is not a number', bad: () => Buffer.from('Content-Length: 12a\r\n\r\n{}') },
  { name: 'garbage before a header', bad: () => Buffer.from('hello') },
  {
    name: 'a Content-Length that is too short',
    bad: () => Buffer.from('Content-Length: 3\r\n\r\n{"jsonrpc":"2.0"}'),
    answer: 'parse-error',
  },
  {
    name: 'a Content-Length that is too long (swallowing the next frame)',
    bad: () => Buffer.from('Content-Length: 400\r\n\r\n{"jsonrpc":"2.0"'),
    answer: 'parse-error',
  },
];

for (const c of cases) {
  test(`reader: ${c.name} is skipped; the frames after it are read`, () => {
    for (const chunks of [[Buffer.concat([msg(1), c.bad(), msg(2), msg(3)])], bytewise(Buffer.concat([msg(1), c.bad(), msg(2), msg(3)]))]) {
      const r = read(chunks);
      assert.deepEqual(ids(r.messages), [1, 2, 3], `${chunks.length} chunk(s)`);
      assert.ok(r.malformed.length >= 1, 'the skipped frame is reported');
      if (c.answer)
        assert.ok(
          r.malformed.some((m) => m.answer?.kind === c.answer),
          JSON.stringify(r.malformed),
        );
      else
        assert.ok(
          r.malformed.every((m) => m.answer === undefined),
          JSON.stringify(r.malformed),
        );
    }
  });
}

test('reader: a long run of garbage with no header end is dropped without holding memory', () => {
  const r = read([Buffer.alloc(200 * 1024, 0x61), msg(7)]);
  assert.deepEqual(ids(r.messages), [7]);
});

test('reader: the stream closing is reported as a close', () => {
  const stream = new PassThrough();
  const reader = new TolerantMessageReader(stream);
  let closed = false;
  reader.onClose(() => (closed = true));
  reader.listen(() => undefined);
  stream.end();
  stream.resume();
  return new Promise<void>((resolve) =>
    stream.on('end', () =>
      setImmediate(() => {
        assert.equal(closed, true);
        resolve();
      }),
    ),
  );
});
