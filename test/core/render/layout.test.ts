// The width rules of spec section 7 on hand-built models, the size limit, totality, and speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item, MessageItem, Model, Sequence } from '../../../server/src/core/model';
import { analyze } from '../../../server/src/core/analyze';
import {
  DEFAULT_LIMITS,
  drawLayout,
  layoutSequence,
  renderDocument,
  renderSequence,
  TOO_LARGE_NOTICE,
} from '../../../server/src/core/render/index';
import { changes, checkRules, delay, divider, fragment, message, modelOf, note, userCharsOf } from './helpers';

const columnsOf = (m: { model: Model; sequence: Sequence }) => layoutSequence(m.model, m.sequence).lifelines.map((l) => l.column);

test('a span too narrow is widened evenly over its gaps, the remainder to the rightmost ones', () => {
  // [A] [B] [C] [D]: header gaps of 5; A -> D needs 1 + 15 + 4 = 20, has 15: +1 each, +1 more on the last two.
  const m = modelOf(['A', 'B', 'C', 'D'], [message('A', 'D', 'x'.repeat(15))]);
  assert.deepEqual(columnsOf(m), [1, 7, 14, 21]);
});

test('messages are taken from the shortest span to the longest', () => {
  // B -> C (one gap, needs 15) first, then A -> C (needs 25, has 20): +2 each, the odd cell to the right gap.
  // In source order the result would be [1, 13, 28] instead.
  const m = modelOf(['A', 'B', 'C'], [message('A', 'C', 'x'.repeat(20)), message('B', 'C', 'y'.repeat(10))]);
  assert.deepEqual(columnsOf(m), [1, 8, 26]);
});

test('each gap starts at what the header boxes need: 2 blank cells between boxes', () => {
  const m = modelOf(
    [
      ['A', 'Alpha'],
      ['B', 'B'],
      ['C', 'Gamma ray'],
    ],
    [message('A', 'B'), message('B', 'C')],
  );
  const l = layoutSequence(m.model, m.sequence);
  assert.deepEqual(
    l.lifelines.map((x) => [x.box.left, x.box.width, x.column]),
    [
      [0, 7, 3],
      [9, 3, 10],
      [14, 11, 19],
    ],
  );
  assert.equal(renderSequence(m.model, m.sequence).lines[0], '[Alpha]  [B]  [Gamma ray]');
});

test('an arrow with no label needs its head and three body cells', () => {
  const m = modelOf(['Alpha', 'Beta'], [message('Alpha', 'Beta'), message('Beta', 'Alpha', '', '-->>')]);
  // Header gap 3 + 3 + 2 = 8 already holds `------>` (needs 1 + 4).
  assert.deepEqual(renderSequence(m.model, m.sequence).lines.slice(2), ['   |------>|', '   |<<.....|']);
});

test('the first box starts at column 0 unless a note or a frame needs room on the left', () => {
  assert.equal(columnsOf(modelOf(['A', 'B'], [message('A', 'B', 'hi')]))[0], 1);
  // note left of A: a box of 9 cells, a blank, then the lifeline.
  const noted = modelOf(['A', 'B'], [note('left of', ['A'], 'hello'), message('A', 'B', 'hi')]);
  assert.equal(columnsOf(noted)[0], 10);
  const d = renderSequence(noted.model, noted.sequence);
  assert.deepEqual(d.lines.slice(0, 5), [
    '         [A]    [B]',
    '          |      |',
    '+-------+ |      |',
    '| hello | |      |',
    '+-------+ |      |',
  ]);
  // A frame around A: its side two cells left of the lifeline.
  const framed = modelOf(['A', 'B'], [fragment('opt', [['', [message('A', 'B', 'hi')]]])]);
  assert.equal(columnsOf(framed)[0], 2);
});

test('frames nest, each side in a gap with a blank on both sides', () => {
  const m = modelOf(
    ['A', 'B', 'C'],
    [
      message('A', 'B', 'go'),
      fragment('loop', [
        [
          '',
          [
            fragment('alt', [
              ['x', [message('B', 'C', 'one')]],
              ['y', [message('C', 'B', 'two', '-->')]],
            ]),
          ],
        ],
      ]),
    ],
  );
  const d = renderSequence(m.model, m.sequence);
  // The outer frame's side is 4 cells left of B (the inner one's 2, a blank, the side), so A..B is 4 + 2 = 6 wide at least; `go` needs 7.
  assert.deepEqual(d.lines, [
    '[A]    [B]        [C]',
    ' |      |          |',
    ' |--go->|          |',
    ' |  +-[loop]-----------+',
    ' |  | +-[alt x]------+ |',
    ' |  | | |---one--->| | |',
    ' |  | +- - [else y] -+ |',
    ' |  | | |<...two...| | |',
    ' |  | +--------------+ |',
    ' |  +------------------+',
  ]);
});

test('activation draws # from the activating message to the one that ends it; destroy draws X and ends the lifeline', () => {
  const { model, sequence } = modelOf(
    ['A', 'B'],
    [
      message('A', 'B', 'go', '->', { activatesTarget: true, activations: changes('+B') }),
      message('B', 'B', 'work', '->'),
      message('B', 'A', 'done', '-->', { deactivatesSource: true, activations: changes('-B'), destroys: ['B'] }),
      message('A', 'A', 'alone'),
    ],
  );
  // `alone` needs no room before B: B's lifeline has ended, its column is empty.
  assert.deepEqual(renderSequence(model, sequence).lines, [
    '[A]      [B]',
    ' |        |',
    ' |---go-->#',
    ' |        #---.',
    ' |        #   | work',
    " |        #<--'",
    ' |<.done..#',
    ' |        X',
    ' |---.',
    ' |   | alone',
    " |<--'",
  ]);
});

test('a multi-line label puts its first lines above the arrow row; all map to the message', () => {
  const m = modelOf(['A', 'B'], [message('A', 'B', 'first line\nsecond')]);
  const d = renderSequence(m.model, m.sequence);
  assert.deepEqual(d.lines.slice(2), [' |  first line  |', ' |----second--->|']);
  assert.deepEqual(d.rows.slice(2), [m.sequence.items[0].span, m.sequence.items[0].span]);
});

test('a multi-line display name makes a taller header, boxes bottom-aligned', () => {
  const m = modelOf([['A', 'Auth\nService'], 'B'], [message('A', 'B', 'x')]);
  assert.deepEqual(renderSequence(m.model, m.sequence).lines.slice(0, 3), ['[ Auth  ]', '[Service]  [B]', '    |       |']);
  const u = renderSequence(m.model, m.sequence, { charset: 'unicode' });
  assert.equal(u.headerRows, 4);
  assert.deepEqual(u.lines.slice(0, 5), ['┌───────┐', '│ Auth  │  ┌─┐', '│Service│  │B│', '└───┬───┘  └┬┘', '    │       │']);
});

test('the too-large notice: one sentence, the same everywhere', () => {
  assert.equal(
    TOO_LARGE_NOTICE(120000, 300, { maxRows: 100000, maxColumns: 4000, maxCells: 20_000_000 }),
    'Diagram too large to draw: 120,000 rows x 300 columns (limit 100,000 rows, 4,000 columns or 20,000,000 cells). Split it into smaller sequences.',
  );
  assert.match(TOO_LARGE_NOTICE(120000, 300, DEFAULT_LIMITS, 'unicode'), /120,000 rows × 300 columns/, 'Unicode output may use ×');
  const m = modelOf(['A', 'B'], [message('A', 'B', 'hello'), message('B', 'A', 'bye', '-->')]);
  const wide = renderSequence(m.model, m.sequence, { maxColumns: 10 });
  assert.equal(wide.tooLarge, true);
  assert.deepEqual(wide.lines, [TOO_LARGE_NOTICE(4, 13, { ...DEFAULT_LIMITS, maxColumns: 10 })]);
  assert.deepEqual(wide.rows, [undefined]);
  assert.equal(renderSequence(m.model, m.sequence, { maxRows: 3 }).tooLarge, true);
  assert.equal(renderSequence(m.model, m.sequence, { maxRows: 4, maxColumns: 13 }).tooLarge, false, 'at the limit is still drawn');
  assert.equal(renderSequence(m.model, m.sequence, { charset: 'unicode', maxRows: 4 }).tooLarge, true, 'the Unicode header is taller');
  const huge = modelOf(['A', 'B'], [message('A', 'B', 'x'.repeat(5000))]);
  assert.equal(renderSequence(huge.model, huge.sequence).tooLarge, true, 'default limit: 4,000 columns');
});

test('the cell limit: rows x columns past it draws the notice, at the limit the diagram', () => {
  const m = modelOf(['A', 'B'], [message('A', 'B', 'hello'), message('B', 'A', 'bye', '-->')]);
  // 4 rows x 13 columns = 52 cells.
  assert.equal(renderSequence(m.model, m.sequence, { maxCells: 52 }).tooLarge, false);
  const over = renderSequence(m.model, m.sequence, { maxCells: 51 });
  assert.deepEqual(over.lines, [TOO_LARGE_NOTICE(4, 13, { ...DEFAULT_LIMITS, maxCells: 51 })]);
  assert.equal(over.tooLarge, true);
  assert.equal(layoutSequence(m.model, m.sequence, { maxCells: 51 }).tooLarge, true);
});

test('the cell limit is kept before the walk: rows certainly past it are never laid out', () => {
  const items = Array.from({ length: 5000 }, (_, i) => message('A', 'B', `m${i}`));
  const m = modelOf(['A', 'B'], items);
  const layout = layoutSequence(m.model, m.sequence, { maxCells: 10_000 });
  assert.equal(layout.tooLarge, true);
  assert.equal(layout.rows.length, 0, 'given up before a row was made');
  assert.ok(layout.rowCount >= 5000 && layout.rowCount * layout.width > 10_000, 'its figures are lower bounds past the limit');
  assert.match(drawLayout(layout).lines[0], /^Diagram too large to draw: 5,002 rows x \d+ columns/);
});

test('the early cell limit counts participant boxes (v2): their sides widen, their borders add rows', () => {
  // [A] [B] in a box: 12 columns at least (8 without the box), 104 rows at least (102 without).
  const lines = Array.from({ length: 100 }, (_, i) => `  A -> B: m${i}`).join('\n');
  const { model } = analyze(`box Back\n  participant A\n  participant B\nend\nsequence S\n${lines}\nend`);
  const layout = layoutSequence(model, model.sequences[0], { maxCells: 1040 });
  assert.equal(layout.tooLarge, true);
  assert.equal(layout.rows.length, 0, 'given up before the walk');
  assert.ok(layout.rowCount >= 104 && layout.width >= 12);
});

test('the durations margin (v2) counts in the cell limit: the drawing it widens is what is measured', () => {
  // 4 rows x 10 columns drawn; the margin (`* 120ms` at column 12) and `critical path 150ms` make it 19 wide.
  const { model } = analyze('sequence S\n  A -> B: hi\n  takes 120ms\n  B --> A: ok\n  takes 30ms\nend');
  assert.equal(renderDocument(model, { sequence: 'S', maxCells: 60 }).tooLarge, false);
  const over = renderDocument(model, { sequence: 'S', maxCells: 60, durations: true });
  assert.equal(over.tooLarge, true);
  assert.deepEqual(over.lines, [TOO_LARGE_NOTICE(4, 19, { ...DEFAULT_LIMITS, maxCells: 60 })]);
  assert.equal(renderDocument(model, { sequence: 'S', maxCells: 76, durations: true }).tooLarge, false);
});

test('a layout draws in either charset with the same widths', () => {
  const m = modelOf(['A', 'B'], [message('A', 'B', 'async', '->>'), message('B', 'A', 'lost', '--x'), note('over', ['A', 'B'], 'n')]);
  const layout = layoutSequence(m.model, m.sequence);
  const u = drawLayout(layout, 'unicode');
  checkRules(layout, u, 'unicode');
  // The async head keeps the ASCII head's two cells: `─▷`.
  assert.deepEqual(u.lines.slice(4, 7), ['  │──async──▷│', '  │×┄┄lost┄┄┄│', '╭──────────────╮']);
  assert.deepEqual(renderSequence(m.model, m.sequence, { charset: 'unicode' }).lines, u.lines);
});

test('total: broken and half-built models render without throwing', () => {
  const odd = (x: Partial<MessageItem>): Item => ({ ...message('A', 'B'), ...x });
  const models: { model: Model; sequence: Sequence }[] = [
    modelOf([], []),
    modelOf(
      [],
      [
        divider('d'),
        delay('wait'),
        note('over', [], 'floating'),
        fragment('alt', [
          ['', []],
          ['no', []],
        ]),
      ],
    ),
    modelOf(['A'], [message('A', 'Ghost', 'to a name without a lifeline'), note('right of', ['Nobody'], 'n')]),
    modelOf(
      ['A', 'B'],
      [
        odd({ label: '' }),
        odd({
          activations: [...changes('+Z', '+A', '-Q'), { participant: 'A', by: Number.NaN }, { participant: 'A', by: Infinity }],
          destroys: ['Q', 'B', 'B'],
        }),
      ],
    ),
    modelOf(['A', 'B'], [{ type: 'fragment', kind: 'opt', branches: [], span: { offset: 1, length: 1 }, activations: [] } as Item]),
    modelOf(
      ['A', 'B'],
      [message('A', 'B', 'x', '->', { destroys: ['B'] }), message('A', 'B', 'after destruction'), message('B', 'B', 'self after')],
    ),
    modelOf(['A'], [message('A', 'A', ''), note('left of', ['A'], ''), delay(''), divider('')]),
  ];
  for (const { model, sequence } of models) {
    for (const charset of ['ascii', 'unicode'] as const) {
      const layout = layoutSequence(model, sequence, { charset });
      const d = drawLayout(layout, charset);
      for (const line of d.lines) assert.ok(!/\s$/.test(line));
      assert.equal(d.lines.length, d.rows.length);
      if (sequence.lifelines.length > 0) checkRules(layout, d, charset, userCharsOf(model));
    }
  }
});
