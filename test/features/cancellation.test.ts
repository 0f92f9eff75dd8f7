// The long features take a cancellation token and stop at their next step once it is cancelled:
// a token that turns cancelled after `reads` looks tells at which step each one stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import { renderDocument } from '../../server/src/core/render/index';
import { formatting } from '../../server/src/features/formatting';
import { rename } from '../../server/src/features/rename';
import { Drawings } from '../../server/src/features/render';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { docOf, URI, withCursor } from './helpers';

/** Not cancelled for the first `reads` looks, cancelled after. */
function cancelledAfter(reads: number): CancellationToken & { reads: number } {
  const token = {
    reads: 0,
    get isCancellationRequested() {
      return ++token.reads > reads;
    },
    onCancellationRequested: () => ({ dispose: () => undefined }),
  };
  return token;
}

const UNFORMATTED = 'actor A\nsequence S\nA->A:hi\nend\n';

test('formatting: cancelled, it answers no edits (not cancelled, it formats)', () => {
  const doc = docOf(UNFORMATTED);
  assert.ok(formatting(doc, undefined, undefined, cancelledAfter(Infinity)).length > 0);
  assert.deepEqual(formatting(doc, undefined, undefined, cancelledAfter(0)), []);
});

test('rename: cancelled, it answers no change', () => {
  const { doc, position } = withCursor('actor A<|>\nA -> A: hi\n');
  assert.ok(rename(doc, position, 'B', cancelledAfter(Infinity)).changes);
  assert.deepEqual(rename(doc, position, 'B', cancelledAfter(0)), {});
});

test('workspace symbols: cancelled between documents, it answers what it found so far', () => {
  const docs = [
    docOf('actor One\n', {}, 'file:///1.seq'),
    docOf('actor Two\n', {}, 'file:///2.seq'),
    docOf('actor Three\n', {}, 'file:///3.seq'),
  ];
  assert.deepEqual(
    workspaceSymbols(docs, '', undefined, cancelledAfter(Infinity)).map((s) => s.name),
    ['One', 'Two', 'Three'],
  );
  assert.deepEqual(
    workspaceSymbols(docs, '', undefined, cancelledAfter(1)).map((s) => s.name),
    ['One'],
  );
});

test('render: cancelled before or after drawing, the protocol cancellation error; the last drawing sent stays the base', () => {
  const drawings = new Drawings();
  const doc = docOf('actor A\nA -> A: hi\n', {}, URI, 1);
  const first = drawings.answer(doc, { charset: 'ascii' }, renderDocument);
  for (const reads of [0, 1]) {
    assert.throws(
      () =>
        drawings.answer(
          docOf('actor A\nA -> A: hello\n', {}, URI, 2),
          { charset: 'ascii', since: first.id },
          renderDocument,
          cancelledAfter(reads),
        ),
      (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled,
    );
  }
  const next = drawings.answer(docOf('actor A\nA -> A: hello\n', {}, URI, 2), { charset: 'ascii', since: first.id }, renderDocument);
  assert.equal((next as { base?: string }).base, first.id, 'answered as the change from the drawing the client holds');
});
