// Section 7 as amended for v2 (boxes, created participants, refs, edge messages): the rules hold on
// generated documents, and each new rule check fails on a drawing broken on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/index';
import { drawLayout, layoutSequence, type Charset, type Layout, type RenderedDiagram } from '../../../server/src/core/render/index';
import { checkRules, userCharsOf } from './helpers';

if (process.env.FC_RUNS) fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS) });

const CHARSETS: Charset[] = ['ascii', 'unicode'];
const NAMES = ['A', 'B', 'C', 'Db', '用户', 'Svc'];
const LABELS = ['', 'hi', 'a longer label', '中文', '😀 ok', 'two\\nlines'];
const ARROWS = ['->', '-->', '->>', '-->>', '-x', '--x'];

/** One statement line of a sequence body, v2 forms included. */
const line = fc.oneof(
  fc
    .record({
      from: fc.constantFrom(...NAMES, '['),
      to: fc.constantFrom(...NAMES, ']'),
      arrow: fc.constantFrom(...ARROWS),
      label: fc.constantFrom(...LABELS),
    })
    .map(({ from, to, arrow, label }) => `${from} ${arrow} ${to}${label ? `: ${label}` : ''}`),
  fc.constantFrom(...NAMES).map((n) => `create ${n}`),
  fc.subarray(NAMES, { minLength: 1, maxLength: 3 }).map((ns) => `ref over ${ns.join(', ')}: Other`),
  fc.constantFrom('autonumber', 'autonumber 10 5', 'autonumber off', 'autonumber resume'),
  fc.constantFrom(...NAMES).map((n) => `note right of ${n}: note`),
  fc.constantFrom('alt x', 'else y', 'end', 'par', 'and', 'loop'),
);

const document = fc
  .record({
    boxed: fc.subarray(NAMES, { maxLength: 4 }),
    split: fc.nat(4),
    body: fc.array(line, { maxLength: 18 }),
  })
  .map(({ boxed, split, body }) => {
    const first = boxed.slice(0, split);
    const second = boxed.slice(split);
    const box = (id: string, ns: string[]) => (ns.length ? [`box ${id} "${id} group"`, ...ns.map((n) => `  participant ${n}`), 'end'] : []);
    const rest = NAMES.filter((n) => !boxed.includes(n)).map((n) => `participant ${n}`);
    return [
      ...rest.slice(0, 1),
      ...box('G1', first),
      ...rest.slice(1),
      ...box('G2', second),
      'sequence Main',
      ...body,
      'end',
      'sequence Other',
      'A -> B: x',
      'end',
    ].join('\n');
  });

test('v2 documents keep every section-7 rule, in both charsets', () => {
  fc.assert(
    fc.property(document, fc.constantFrom(...CHARSETS), (src, charset) => {
      const { model } = analyze(src);
      for (const sequence of model.sequences) {
        const layout = layoutSequence(model, sequence, { charset });
        checkRules(layout, drawLayout(layout, charset), charset, userCharsOf(model));
      }
    }),
    { numRuns: 150 },
  );
});

/** A drawing of `src`'s first sequence, its layout, and a way to break one line of it. */
function drawn(src: string, charset: Charset = 'ascii') {
  const { model } = analyze(src);
  const layout = layoutSequence(model, model.sequences[0], { charset });
  const d = drawLayout(layout, charset);
  checkRules(layout, d, charset, userCharsOf(model));
  const broken = (fix: (lines: string[]) => void): RenderedDiagram => {
    const lines = [...d.lines];
    fix(lines);
    return { ...d, lines };
  };
  return { layout, d, broken, check: (x: RenderedDiagram) => checkRules(layout, x, charset, userCharsOf(model)) };
}

const put = (line: string, col: number, ch: string) => line.slice(0, col) + ch + line.slice(col + 1);
const rowOf = (d: RenderedDiagram, lines: string[], pred: (l: string) => boolean) =>
  lines.findIndex((l, i) => i >= d.headerRows && pred(l));

const BOXED = 'actor U\nbox B "Back"\n  service S\n  database D\nend\nU -> S: hi\nS -> D: q';
const CREATED = 'actor U\nservice S\nU -> S: hi\ncreate participant N "New"\nS -> N: make\nN --> U: done';
const REF = 'actor U\nservice S\nsequence One\n  U -> S: a\n  ref over U, S: Two\nend\nsequence Two\n  U -> S: b\nend';
const EDGES = 'participant A\nparticipant B\n[ -> A: in\nA -> B: x\nB -> ]: out';
const EDGES_FRAMED = 'box G "Grp"\n  participant A\nend\nparticipant B\nalt ok\n  [ -> B: in\n  A -> ]: out\nend\n[ -> A: top';
/** An edge message's row with the side at `col` drawn over by the arrow's body. */
const overSide = (x: ReturnType<typeof drawn>, text: string, col: (layout: Layout) => number) =>
  x.broken((l) => {
    const k = rowOf(x.d, l, (line) => line.includes(text));
    l[k] = put(l[k], col(x.layout), '-');
  });

const broken: [string, string, (x: ReturnType<typeof drawn>) => RenderedDiagram][] = [
  ['a box without its label', BOXED, ({ broken }) => broken((l) => (l[0] = l[0].replace('[Back]', '-Back-')))],
  ['a box side missing on a header row', BOXED, ({ layout, broken }) => broken((l) => (l[1] = put(l[1], layout.boxes![0].left, ' ')))],
  [
    'a box side missing on an arrow row',
    BOXED,
    ({ layout, d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('hi'));
        l[k] = put(l[k], layout.boxes![0].right, ' ');
      }),
  ],
  [
    'a box without its bottom border',
    BOXED,
    ({ broken }) => broken((l) => (l[l.length - 1] = l[l.length - 1].replace(/\+-*\+/, (m) => ' '.repeat(m.length)).trimEnd())),
  ],
  [
    'a created box drawn in the header',
    CREATED,
    ({ layout, d, broken }) =>
      broken((l) => {
        const c = layout.lifelines[2].column;
        l[d.headerRows - 1] = put(l[d.headerRows - 1].padEnd(c + 1), c, 'N');
      }),
  ],
  [
    'a created lifeline drawn above its box',
    CREATED,
    ({ layout, d, broken }) =>
      broken((l) => {
        const c = layout.lifelines[2].column;
        l[d.headerRows] = put(l[d.headerRows].padEnd(c + 1), c, '|');
      }),
  ],
  [
    'a created box missing from its arrow row',
    CREATED,
    ({ d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('make'));
        l[k] = l[k].replace('[New]', '');
      }),
  ],
  [
    'a ref frame without its tag',
    REF,
    ({ d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('[ref]'));
        l[k] = l[k].replace('[ref]', '-----');
      }),
  ],
  [
    'a found message that does not start at column 0',
    EDGES,
    ({ d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('in'));
        l[k] = ' ' + l[k].slice(1);
      }),
  ],
  [
    'a message to the right edge that stops short',
    EDGES,
    ({ d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('out'));
        l[k] = l[k].slice(0, -2) + '>';
      }),
  ],
  ["a found message drawn over its fragment's side", EDGES_FRAMED, (x) => overSide(x, 'in', (l) => frameOf(l).left)],
  ["a message to the edge drawn over its fragment's side", EDGES_FRAMED, (x) => overSide(x, 'out', (l) => frameOf(l).right)],
  ['a found message drawn over a box side', EDGES_FRAMED, (x) => overSide(x, 'top', (l) => l.boxes![0].left)],
  ['a message to the edge drawn over a box side', EDGES_FRAMED, (x) => overSide(x, 'out', (l) => l.boxes![0].right)],
  [
    'an edge label moved across a side',
    EDGES_FRAMED,
    ({ d, broken }) =>
      broken((l) => {
        const k = rowOf(d, l, (x) => x.includes('in'));
        l[k] = l[k].replace(/-(-*)in/, 'in-$1');
      }),
  ],
];

/** The fragment frame around an edge message's row. */
function frameOf(layout: Layout) {
  return layout.rows.find((r) => r.kind === 'arrow' && r.state.frames.length > 0)!.state.frames[0];
}

for (const [name, src, breakIt] of broken) {
  test(`the rules catch ${name}`, () => {
    const x = drawn(src);
    assert.throws(() => x.check(breakIt(x)));
  });
}
