// The request guard in-process: a failing handler is logged and answered empty, refusals pass through,
// ill-typed parameters and cancellation get the protocol's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { checkShape, guard } from '../../server/src/lsp/guard';

const params = { textDocument: { uri: 'file:///a.seq' }, position: { line: 0, character: 0 } };

test('guard: a handler that throws is logged and answered with its empty result', async () => {
  const logged: string[] = [];
  const h = guard(
    'hover',
    'position',
    null,
    () => {
      throw new Error('boom');
    },
    (m) => logged.push(m),
  );
  assert.equal(await h(params, new CancellationTokenSource().token), null);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /hover failed: Error: boom/);
  const rejecting = guard(
    'symbols',
    'document',
    [] as string[],
    async () => Promise.reject(new TypeError('async boom')),
    (m) => logged.push(m),
  );
  assert.deepEqual(await rejecting(params, new CancellationTokenSource().token), []);
  assert.match(logged[1], /async boom/);
});

test('guard: a ResponseError thrown on purpose reaches the client unchanged', async () => {
  const refusal = new ResponseError(ErrorCodes.InvalidRequest, 'no');
  const h = guard(
    'rename',
    'position',
    null,
    () => {
      throw refusal;
    },
    () => assert.fail('a refusal is not a failure'),
  );
  assert.equal(await h(params, new CancellationTokenSource().token), refusal);
});

test('guard: cancelled before or during the handler gives RequestCancelled', async () => {
  const before = new CancellationTokenSource();
  before.cancel();
  let ran = false;
  const h = guard(
    'hover',
    'position',
    null,
    () => {
      ran = true;
      return 'x';
    },
    () => undefined,
  );
  const r = await h(params, before.token);
  assert.ok(r instanceof ResponseError && r.code === LSPErrorCodes.RequestCancelled);
  assert.equal(ran, false, 'a cancelled request does not run');
  const during = new CancellationTokenSource();
  const slow = guard(
    'symbols',
    'none',
    [],
    async () => {
      during.cancel();
      return ['late'];
    },
    () => undefined,
  );
  const r2 = await slow({}, during.token);
  assert.ok(r2 instanceof ResponseError && r2.code === LSPErrorCodes.RequestCancelled);
});

test('guard: the shape of the parameters is checked before the handler runs', () => {
  const cases: [unknown, Parameters<typeof checkShape>[1], boolean][] = [
    [params, 'position', true],
    [params, 'document', true],
    [{ textDocument: { uri: 'x' } }, 'position', false],
    [{ textDocument: { uri: 'x' }, position: { line: 0, character: -1 } }, 'position', false],
    [{ textDocument: { uri: 'x' }, position: { line: '0', character: 0 } }, 'position', false],
    [{ textDocument: { uri: 'x' }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }, 'range', true],
    [{ textDocument: { uri: 'x' }, range: { start: { line: 0, character: 0 } } }, 'range', false],
    [{ textDocument: {} }, 'document', false],
    [null, 'document', false],
    [null, 'none', false],
    [{}, 'none', true],
  ];
  for (const [p, shape, ok] of cases) assert.equal(checkShape(p, shape) === undefined, ok, JSON.stringify([p, shape]));
});
