/**
 * Generators for language v2 and the bridges: `.seq` documents with boxes, created participants,
 * `ref over`, edge messages and every `autonumber` form (valid, near-valid by random edits, and
 * hostile text in every free-text place), and Mermaid / PlantUML sequence diagrams for `import`.
 * Lines are drawn as plans (indices), so fast-check shrinks a failing input line by line.
 */
import fc from 'fast-check';
import { formatName } from '../../server/src/core/index';
import { applyEdit, editArb, HOSTILE } from './gen';
import { PAYLOADS } from '../fixtures/hostile';

/** Participant names: plain, Unicode, keywords (quoted by core's rules), hostile. */
const NAMES: readonly string[] = [
  'A',
  'B',
  'Auth',
  'DB',
  'Session',
  'café',
  '用户',
  'end',
  'box',
  'create',
  'ref',
  'Pay 💳',
  'x<y>',
  '"q"',
];
/** Free text: ordinary words, line-break escapes, CJK, and the injection corpus (markup, script, bidi). */
const TEXTS: readonly string[] = ['hi', 'POST /login', 'a\\nb', '提交订单 🛒', '#x; %% not a comment', ']]><![CDATA[', '', ...PAYLOADS];
const ARROWS = ['->', '-->', '->>', '-->>', '-x', '--x'];
const KINDS = ['participant', 'actor', 'service', 'database', 'queue', 'system'];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
const name = (n: number): string => formatName(pick(NAMES, n));
const text = (n: number): string => pick(TEXTS, n);

/** A message as indices (names, arrow, label) and an activation form (`act`, below `max`). */
const messagePlan = (max: number) =>
  fc.record({ t: fc.constant('message' as const), from: fc.nat(), to: fc.nat(), arrow: fc.nat(), label: fc.nat(), act: fc.nat({ max }) });

/** A block: a first branch and maybe a second, of lines drawn by `line`. */
const blockPlan = <L, T extends string>(t: T, line: fc.Arbitrary<L>, least: number) =>
  fc.record({
    t: fc.constant(t),
    cond: fc.nat(),
    kind: fc.nat(),
    body: fc.array(line, { minLength: least, maxLength: 4 }),
    other: fc.option(fc.array(line, { minLength: least, maxLength: 4 })),
  });

// ---------------------------------------------------------------------------
// .seq v2.

type V2Line =
  | { t: 'message'; from: number; to: number; arrow: number; label: number; act: number }
  | { t: 'edge'; side: number; who: number; arrow: number; label: number }
  | { t: 'create'; who: number; long: boolean; kind: number; label: number }
  | { t: 'ref'; who: number[]; label: number; target: number }
  | { t: 'autonumber'; form: number; start: number; step: number }
  | { t: 'fragment'; cond: number; kind: number; body: V2Line[]; other: V2Line[] | null };

const v2Line: fc.Arbitrary<V2Line> = fc.letrec<{ line: V2Line }>((tie) => ({
  line: fc.oneof(
    { depthIdentifier: 'v2', maxDepth: 3, depthSize: 'small' },
    { weight: 6, arbitrary: messagePlan(4) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant('edge' as const), side: fc.nat({ max: 3 }), who: fc.nat(), arrow: fc.nat(), label: fc.nat() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant('create' as const), who: fc.nat(), long: fc.boolean(), kind: fc.nat(), label: fc.nat() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('ref' as const),
        who: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        label: fc.nat(),
        target: fc.nat({ max: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('autonumber' as const),
        form: fc.nat({ max: 5 }),
        start: fc.nat({ max: 1000 }),
        step: fc.nat({ max: 20 }),
      }),
    },
    { weight: 1, arbitrary: blockPlan('fragment' as const, tie('line'), 0) },
  ),
})).line;

function printLine(l: V2Line, sequences: readonly string[], indent: string, out: string[]): void {
  switch (l.t) {
    case 'message': {
      const act = ['', '', '', '+', '-'][l.act];
      out.push(`${indent}${name(l.from)} ${pick(ARROWS, l.arrow)} ${act}${name(l.to)}: ${text(l.label)}`);
      return;
    }
    case 'edge': {
      const arrow = pick(ARROWS, l.arrow);
      // `[ -> X`, `X -> ]`, and the near misses `X -> [` (left edge as target) and `] -> X`.
      const [from, to] = [
        ['[', name(l.who)],
        [name(l.who), ']'],
        [name(l.who), '['],
        [']', name(l.who)],
      ][l.side];
      out.push(`${indent}${from} ${arrow} ${to}: ${text(l.label)}`);
      return;
    }
    case 'create':
      out.push(
        l.long
          ? `${indent}create ${pick(KINDS, l.kind)} ${name(l.who)} ${JSON.stringify(text(l.label))}`
          : `${indent}create ${name(l.who)}`,
      );
      return;
    case 'ref': {
      const target = [text(l.label), pick(sequences, l.label) ?? 'S0', `other.seq#${pick(sequences, l.label) ?? 'S0'}`, `S${l.label}x`][
        l.target
      ];
      out.push(`${indent}ref over ${l.who.map(name).join(', ')}: ${target}`);
      return;
    }
    case 'autonumber':
      out.push(
        `${indent}${['autonumber', `autonumber ${l.start}`, `autonumber ${l.start} ${l.step}`, 'autonumber off', 'autonumber resume', `autonumber -${l.start} x`][l.form]}`,
      );
      return;
    case 'fragment':
      out.push(`${indent}alt ${text(l.cond)}`);
      for (const b of l.body) printLine(b, sequences, indent + '  ', out);
      if (l.other) {
        out.push(`${indent}else`);
        for (const b of l.other) printLine(b, sequences, indent + '  ', out);
      }
      out.push(`${indent}end`);
  }
}

interface V2Plan {
  readonly boxes: { label: number; members: number[]; kind: number }[];
  readonly sequences: V2Line[][];
}

const v2Plan: fc.Arbitrary<V2Plan> = fc.record({
  boxes: fc.array(fc.record({ label: fc.nat(), members: fc.array(fc.nat(), { maxLength: 3 }), kind: fc.nat() }), { maxLength: 3 }),
  sequences: fc.array(fc.array(v2Line, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
});

function printV2(plan: V2Plan): string {
  const out: string[] = [];
  const declared = new Set<string>();
  plan.boxes.forEach((b, k) => {
    out.push(`box Box${k} ${JSON.stringify(text(b.label))}`);
    for (const m of b.members) {
      const n = name(m);
      if (declared.has(n)) continue;
      declared.add(n);
      out.push(`  ${pick(KINDS, b.kind)} ${n}`);
    }
    out.push('end');
  });
  const names = plan.sequences.map((_, k) => `S${k}`);
  plan.sequences.forEach((body, k) => {
    out.push(`sequence ${names[k]}`);
    for (const l of body) printLine(l, names, '  ', out);
    out.push('end');
  });
  return out.join('\n') + '\n';
}

/** A v2 document as generated (it may hold errors: a `create` after its message, a ref cycle…). */
export const v2Document: fc.Arbitrary<string> = v2Plan.map(printV2);

/** The same, broken by a few random edits (characters, lines, bits). */
export const nearValidV2Document: fc.Arbitrary<string> = fc
  .tuple(v2Plan, fc.array(editArb, { minLength: 1, maxLength: 4 }))
  .map(([plan, edits]) => edits.reduce((t, e) => applyEdit(t, e), printV2(plan)));

// ---------------------------------------------------------------------------
// Mermaid and PlantUML, for `import`.

/** Names both tools read bare. */
const BRIDGE_NAMES: readonly string[] = ['Alice', 'Bob', 'Auth', 'DB', 'Svc2', 'user_db'];
/** Labels: plain, and hostile text both tools keep as label text. */
const BRIDGE_TEXTS: readonly string[] = [
  'hello',
  'POST /login',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  'javascript:x',
  '提交 🛒',
  'a & b',
];

type BridgeLine =
  | { t: 'message'; from: number; to: number; arrow: number; label: number; act: number }
  | { t: 'note'; who: number; side: number; label: number }
  | { t: 'autonumber' }
  | { t: 'create'; who: number }
  | { t: 'block'; kind: number; cond: number; body: BridgeLine[]; other: BridgeLine[] | null };

const bridgeLine: fc.Arbitrary<BridgeLine> = fc.letrec<{ line: BridgeLine }>((tie) => ({
  line: fc.oneof(
    { depthIdentifier: 'bridge', maxDepth: 3, depthSize: 'small' },
    { weight: 6, arbitrary: messagePlan(3) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('note' as const), who: fc.nat(), side: fc.nat({ max: 2 }), label: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('autonumber' as const) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('create' as const), who: fc.nat() }) },
    { weight: 1, arbitrary: blockPlan('block' as const, tie('line'), 1) },
  ),
})).line;

interface BridgePlan {
  readonly participants: number[];
  readonly box: { label: number; size: number } | null;
  readonly lines: BridgeLine[];
}

const bridgePlan: fc.Arbitrary<BridgePlan> = fc.record({
  participants: fc.array(fc.nat(), { maxLength: 4 }),
  box: fc.option(fc.record({ label: fc.nat(), size: fc.integer({ min: 1, max: 2 }) })),
  lines: fc.array(bridgeLine, { minLength: 1, maxLength: 10 }),
});

interface Dialect {
  readonly head: string;
  readonly foot: string;
  readonly arrows: readonly string[];
  box(label: string, members: string[]): string[];
  message(from: string, arrow: string, to: string, act: number, label: string): string;
  note(who: string, side: number, label: string): string;
  create(who: string): string;
  /** Block keywords: [open, else, close] by kind. */
  readonly blocks: readonly (readonly [string, string, string])[];
}

const MERMAID: Dialect = {
  head: 'sequenceDiagram',
  foot: '',
  arrows: ['->>', '-->>', '->', '-->', '-x', '--x'],
  box: (label, members) => [`box ${label}`, ...members.map((m) => `participant ${m}`), 'end'],
  message: (from, arrow, to, act, label) => `${from}${arrow}${['', '', '+', '-'][act]}${to}: ${label}`,
  note: (who, side, label) => `Note ${['over', 'left of', 'right of'][side]} ${who}: ${label}`,
  create: (who) => `create participant ${who}`,
  blocks: [
    ['alt', 'else', 'end'],
    ['loop', '', 'end'],
    ['opt', '', 'end'],
    ['par', 'and', 'end'],
    ['critical', 'option', 'end'],
  ],
};

const PLANTUML: Dialect = {
  head: '@startuml',
  foot: '@enduml',
  arrows: ['->', '-->', '->>', '-->>', '->x', '-->x'],
  box: (label, members) => [`box "${label}"`, ...members.map((m) => `participant ${m}`), 'end box'],
  message: (from, arrow, to, act, label) => `${from} ${arrow} ${to}${['', '', ' ++', ' --'][act]} : ${label}`,
  note: (who, side, label) => `note ${['over', 'left of', 'right of'][side]} ${who} : ${label}`,
  create: (who) => `create ${who}`,
  blocks: [
    ['alt', 'else', 'end'],
    ['loop', '', 'end'],
    ['opt', '', 'end'],
    ['par', 'else', 'end'],
    ['group', '', 'end'],
  ],
};

function printBridge(d: Dialect, plan: BridgePlan): string {
  const out = [d.head];
  const who = (n: number) => pick(BRIDGE_NAMES, n);
  const label = (n: number) => pick(BRIDGE_TEXTS, n);
  if (plan.box) out.push(...d.box(`Group ${label(plan.box.label).replace(/[^\w ]/g, '')}`.trim(), BRIDGE_NAMES.slice(0, plan.box.size)));
  for (const p of plan.participants) if (!plan.box || BRIDGE_NAMES.indexOf(who(p)) >= plan.box.size) out.push(`participant ${who(p)}`);
  const print = (l: BridgeLine, indent: string) => {
    if (l.t === 'message') out.push(indent + d.message(who(l.from), pick(d.arrows, l.arrow), who(l.to), l.act, label(l.label)));
    else if (l.t === 'note') out.push(indent + d.note(who(l.who), l.side, label(l.label)));
    else if (l.t === 'autonumber') out.push(indent + 'autonumber');
    else if (l.t === 'create') out.push(indent + d.create(who(l.who)));
    else {
      const [open, other, close] = pick(d.blocks, l.kind);
      out.push(`${indent}${open} ${label(l.cond)}`);
      for (const b of l.body) print(b, indent + '  ');
      if (l.other && other) {
        out.push(`${indent}${other}`);
        for (const b of l.other) print(b, indent + '  ');
      }
      out.push(indent + close);
    }
  };
  for (const l of plan.lines) print(l, '  ');
  if (d.foot) out.push(d.foot);
  return out.join('\n') + '\n';
}

/** A bridge input: its format, its text, and whether it was generated as written (no edit). */
export interface BridgeInput {
  readonly format: 'mermaid' | 'plantuml';
  readonly text: string;
  readonly asGenerated: boolean;
}

const bridgeOf = (format: BridgeInput['format'], d: Dialect): fc.Arbitrary<BridgeInput> =>
  fc
    .tuple(
      bridgePlan,
      fc.nat({ max: 3 }),
      fc.array(editArb, { minLength: 1, maxLength: 4 }),
      fc.array(fc.constantFrom(...HOSTILE), { maxLength: 4 }),
    )
    .map(([plan, mode, edits, hostile]) => {
      const text = printBridge(d, plan);
      // Half as generated; a quarter edited at random; a quarter with hostile lines spliced in.
      if (mode <= 1) return { format, text, asGenerated: true };
      if (mode === 2) return { format, text: edits.reduce((t, e) => applyEdit(t, e), text), asGenerated: false };
      const lines = text.split('\n');
      hostile.forEach((h, k) => lines.splice(1 + ((k * 7) % Math.max(1, lines.length - 1)), 0, h));
      return { format, text: lines.join('\n'), asGenerated: false };
    });

export const mermaidInput = bridgeOf('mermaid', MERMAID);
export const plantumlInput = bridgeOf('plantuml', PLANTUML);
