// Hostile and careless clients: malformed framing, ill-typed parameters, unknown documents, positions out of range,
// cancellation. After each, later well-formed requests must still be answered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient, type Json } from './raw';

const URI = 'file:///robust/a.seq';
const TEXT = 'actor A\nA -> B: hi\n';

describe('protocol: robustness', () => {
  let c: RawClient;

  before(async () => {
    c = await RawClient.start();
    c.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'seq', version: 1, text: TEXT } });
  });

  after(async () => {
    assert.equal(await c.stop(), 0);
  });

  /** The server still answers: a hover on the open document. */
  async function stillAnswers(): Promise<void> {
    const r = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 0 } });
    assert.ok(r.result, `a hover after the bad input (stderr: ${c.stderr.join('')})`);
  }

  const errorOf = (m: Json) => m.error as { code: number; message: string } | undefined;

  const framing: { name: string; bytes: () => Buffer | string; answer?: number }[] = [
    { name: 'a body that is not JSON', bytes: () => RawClient.frame('{"jsonrpc": "2.0", "id": 1, "method": '), answer: -32700 },
    { name: 'a body of invalid UTF-8', bytes: () => RawClient.frame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), answer: -32700 },
    { name: 'JSON that is no message', bytes: () => RawClient.frame('[1, 2, 3]'), answer: -32600 },
    { name: 'an object without jsonrpc', bytes: () => RawClient.frame('{"id": 77, "method": "x"}'), answer: -32600 },
    {
      name: 'a header without Content-Length',
      bytes: () => 'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":3,"method":"shutdown"}',
    },
    { name: 'a Content-Length that is not a number', bytes: () => 'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","method":"x"}' },
    { name: 'garbage without any header end', bytes: () => 'x'.repeat(70 * 1024) },
    {
      name: 'a Content-Length that is too small',
      bytes: () => `Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}`,
    },
    { name: 'a Content-Length of zero', bytes: () => 'Content-Length: 0\r\n\r\n', answer: -32700 },
    { name: 'an absurd Content-Length', bytes: () => 'Content-Length: 99999999999999\r\n\r\n{}' },
  ];

  for (const f of framing) {
    test(`malformed framing: ${f.name} — skipped, and later requests are answered`, async () => {
      const before = c.messages.length;
      c.writeRaw(f.bytes());
      await stillAnswers();
      if (f.answer !== undefined) {
        const answer = c.messages.slice(before).find((m) => errorOf(m)?.code === f.answer);
        assert.ok(answer, `expected a ${f.answer} answer; got ${JSON.stringify(c.messages.slice(before))}`);
        assert.ok(answer.id === null || typeof answer.id === 'number');
      }
    });
  }

  test('malformed framing: a Content-Length that is too long, followed by a well-formed request in a later write', async () => {
    c.writeRaw('Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","method":"initial');
    await stillAnswers();
  });

  test('malformed framing: bad bytes and a request in one write', async () => {
    const r = c.requestFrame('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 0 } });
    c.writeRaw(Buffer.concat([Buffer.from('garbage\r\n\r\nnot json at all'), r.bytes]));
    const answer = await c.waitFor((m) => m.id === r.id, 'the hover after garbage');
    assert.ok(answer.result);
  });

  const illTyped: { name: string; method: string; params: unknown }[] = [
    { name: 'no textDocument', method: 'textDocument/hover', params: { position: { line: 0, character: 0 } } },
    {
      name: 'a uri that is a number',
      method: 'textDocument/definition',
      params: { textDocument: { uri: 5 }, position: { line: 0, character: 0 } },
    },
    { name: 'a position that is a string', method: 'textDocument/completion', params: { textDocument: { uri: URI }, position: 'here' } },
    {
      name: 'a negative line',
      method: 'textDocument/references',
      params: { textDocument: { uri: URI }, position: { line: -1, character: 0 }, context: { includeDeclaration: true } },
    },
    {
      name: 'a fractional character',
      method: 'textDocument/documentHighlight',
      params: { textDocument: { uri: URI }, position: { line: 0, character: 1.5 } },
    },
    { name: 'no range', method: 'textDocument/inlayHint', params: { textDocument: { uri: URI } } },
    {
      name: 'a code action without context',
      method: 'textDocument/codeAction',
      params: { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    },
    {
      name: 'a rename without newName',
      method: 'textDocument/rename',
      params: { textDocument: { uri: URI }, position: { line: 0, character: 6 } },
    },
    { name: 'params that are null', method: 'textDocument/documentSymbol', params: null },
    { name: 'a render request without uri', method: 'lifeline/render', params: { charset: 'ascii' } },
  ];

  for (const t of illTyped) {
    test(`ill-typed parameters get an InvalidParams error: ${t.name}`, async () => {
      const r = await c.request(t.method, t.params);
      assert.equal(errorOf(r)?.code, -32602, JSON.stringify(r));
      await stillAnswers();
    });
  }

  const unknownUri = 'file:///never/opened.seq';
  const empties: { method: string; params: Json; expected: unknown }[] = [
    { method: 'textDocument/hover', params: { textDocument: { uri: unknownUri }, position: { line: 0, character: 0 } }, expected: null },
    {
      method: 'textDocument/completion',
      params: { textDocument: { uri: unknownUri }, position: { line: 0, character: 0 } },
      expected: null,
    },
    { method: 'textDocument/definition', params: { textDocument: { uri: unknownUri }, position: { line: 0, character: 0 } }, expected: [] },
    {
      method: 'textDocument/formatting',
      params: { textDocument: { uri: unknownUri }, options: { tabSize: 2, insertSpaces: true } },
      expected: [],
    },
    { method: 'textDocument/semanticTokens/full', params: { textDocument: { uri: unknownUri } }, expected: { data: [] } },
    {
      method: 'textDocument/codeAction',
      params: {
        textDocument: { uri: unknownUri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      },
      expected: [],
    },
    { method: 'lifeline/render', params: { uri: unknownUri, charset: 'ascii' }, expected: null },
  ];

  for (const e of empties) {
    test(`an unknown document gets an empty answer: ${e.method}`, async () => {
      const r = await c.request(e.method, e.params);
      assert.deepEqual(r.result, e.expected, JSON.stringify(r));
    });
  }

  test('positions out of range are answered (clamped), not refused', async () => {
    const far = { line: 10_000, character: 10_000 };
    for (const method of [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/definition',
      'textDocument/documentHighlight',
      'textDocument/prepareRename',
    ]) {
      const r = await c.request(method, { textDocument: { uri: URI }, position: far });
      assert.ok('result' in r || errorOf(r)?.code === -32600, `${method}: ${JSON.stringify(r)}`);
    }
    const hints = await c.request('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 500, character: 0 }, end: { line: 900, character: 0 } },
    });
    assert.deepEqual(hints.result, []);
  });

  test('cancellation: a request cancelled before it runs gets RequestCancelled', async () => {
    const r = c.requestFrame('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    const cancel = RawClient.frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: r.id } }));
    c.writeRaw(Buffer.concat([r.bytes, cancel]));
    const answer = await c.waitFor((m) => m.id === r.id, 'the cancelled request');
    assert.equal(errorOf(answer)?.code, -32800, JSON.stringify(answer));
    await stillAnswers();
  });

  test('an unknown method gets MethodNotFound', async () => {
    const r = await c.request('lifeline/nothing', {});
    assert.equal(errorOf(r)?.code, -32601);
  });

  test('hostile text: NUL bytes, lone surrogates, a 1 MB line, 10,000 nested fragments', async () => {
    const texts = [
      'actor A\u0000\nA -> A: \u0000\ud800',
      `actor A\nA -> A: ${'x'.repeat(1_000_000)}`,
      `actor A\n${'alt x\n'.repeat(10_000)}A -> A\n`,
    ];
    for (const [i, text] of texts.entries()) {
      const uri = `file:///robust/hostile${i}.seq`;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'seq', version: 1, text } });
      await c.waitFor(
        (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri,
        `diagnostics of hostile text ${i}`,
      );
      for (const method of [
        'textDocument/semanticTokens/full',
        'textDocument/documentSymbol',
        'textDocument/foldingRange',
        'textDocument/formatting',
      ]) {
        const r = await c.request(method, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        assert.ok('result' in r, `${method} on hostile text ${i}: ${JSON.stringify(r).slice(0, 300)}`);
      }
      const render = await c.request('lifeline/render', { uri, charset: 'ascii' });
      assert.ok('result' in render);
    }
    await stillAnswers();
  });
});
