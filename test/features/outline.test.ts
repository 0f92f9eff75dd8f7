// Document symbols, folding ranges and inlay hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { formatDuration } from '../../server/src/core/index';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { inlayHints } from '../../server/src/features/inlayHints';
import { at, dedent, docOf, rangeText } from './helpers';

const SRC = dedent(`
  # Header comment
  # second line
  actor User
  service Auth "Auth Service" external
  sequence Login within 1.5s
    User -> Auth: login
    takes 442ms
    alt ok
      Auth --> User: token
      par
        User -> Auth: a
      and
        User -> Auth: b
      end
    else bad
      Auth --> User: 401
    end
  end
  sequence Ping
    User -> Auth: ping
  end
  flow F: User -> Auth
  loop top level
    User -> Auth: again
  end
`);

const kindName = new Map(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${kindName.get(s.kind)}]${s.detail ? ` ${s.detail}` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

test('document symbols: participants, flows, sequences with their fragments, in source order', () => {
  const doc = docOf(SRC);
  const symbols = documentSymbols(doc);
  assert.deepEqual(outline(symbols), [
    'User [Interface] actor',
    'Auth [Module] service · Auth Service · external',
    'Login [Object] within 1.5s',
    '  alt ok [Namespace]',
    '    par [Namespace]',
    'Ping [Object]',
    'F [Function] User → Auth',
    'loop top level [Namespace]',
  ]);
  const check = (s: DocumentSymbol) => {
    const inside = (a: { line: number; character: number }, b: { line: number; character: number }) =>
      a.line < b.line || (a.line === b.line && a.character <= b.character);
    assert.ok(
      inside(s.range.start, s.selectionRange.start) && inside(s.selectionRange.end, s.range.end),
      `${s.name}: selection outside range`,
    );
    (s.children ?? []).forEach(check);
  };
  symbols.forEach(check);
  assert.equal(rangeText(doc, symbols[2].selectionRange), 'Login');
});

test('folding: sequences, each branch of a fragment, comment runs', () => {
  const folds = foldingRanges(docOf(SRC)).map(
    (f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind === FoldingRangeKind.Comment ? ' comment' : ''}`,
  );
  assert.deepEqual(folds, ['1-2 comment', '5-17', '8-14', '10-11', '12-13', '15-16', '19-20', '23-24']);
});

test('folding: an unclosed block folds to its last line; a single comment line does not fold', () => {
  const folds = foldingRanges(docOf('# one\nactor A\nsequence S\n  A -> A\n  alt x\n    A -> A\n')).map(
    (f) => `${f.startLine + 1}-${f.endLine + 1}`,
  );
  assert.deepEqual(folds, ['3-6', '5-6']);
});

test('inlay hints: the critical path against within, on each sequence line', () => {
  const doc = docOf(SRC);
  const hints = inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
  assert.deepEqual(
    hints.map((h) => [at(h.position), h.label]),
    [
      ['5:27', 'critical path 442 ms / 1.5 s'],
      ['19:14', 'critical path 0 ms'],
    ],
  );
  assert.equal(hints[0].paddingLeft, true);
  assert.match(String(hints[0].tooltip), /User → Auth: 442 ms/);
});

test('inlay hints: over budget, budgets in minutes, and only inside the requested range', () => {
  const doc = docOf('actor A\nsequence S within 1s\n  A -> A\n  takes 1.5s\nend\nsequence T within 2min\n  A -> A\n  takes 90s\nend\n');
  const all = inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
  // Figures as the core's formatDuration writes them.
  const minutes = `critical path ${formatDuration(90_000)} / ${formatDuration(120_000)}`;
  assert.deepEqual(
    all.map((h) => h.label),
    ['critical path 1.5 s / 1 s', minutes],
  );
  assert.match(String(all[0].tooltip), /over budget/);
  const some = inlayHints(doc, { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } });
  assert.deepEqual(
    some.map((h) => h.label),
    [minutes],
  );
});

test('inlay hints: updated as you type (a new takes changes the figure)', () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
  const before = inlayHints(docOf('actor A\nsequence S within 1s\n  A -> A\n  takes 100ms\nend'), range)[0].label;
  const after = inlayHints(docOf('actor A\nsequence S within 1s\n  A -> A\n  takes 100ms\n  A -> A\n  takes 250ms\nend'), range)[0].label;
  assert.equal(before, 'critical path 100 ms / 1 s');
  assert.equal(after, 'critical path 350 ms / 1 s');
});
