// Generated `.seq` files for the round-trip properties. `shared` keeps to what both Mermaid and
// PlantUML can say natively; otherwise every v1 construct appears (timing, metadata, kinds the
// others lack, dividers, delays, labelled groups, several sequences, comments).
import fc from 'fast-check';

export type Flavour = 'full' | 'shared-mermaid' | 'shared-plantuml';

const NAMES = ['Alice', 'Bob', 'Carol', 'db1', 'Svc.v2', '"Web-App"', '"end"', 'Zahlungsdienst', '用户'];
const SAFE_NAMES = ['Alice', 'Bob', 'Carol', 'db1', 'Zahlungsdienst'];
const LABELS = [
  'hi',
  'GET /a#b',
  'x;y',
  '#35; and #quot;',
  '<br> stays',
  'a\\\\b',
  'two\\nlines',
  'é',
  '用户 ok',
  '<script>alert(1)</script>',
  '"q"',
  'end',
  'a: b',
  "it's",
  '[x] (y) {end}',
  '%% not a comment',
  '',
];
const CONDITIONS = ['ok', 'bad case', 'x > 1', '用户', 'two words here', ''];
const ARROWS = ['->', '-->', '->>', '-->>', '-x', '--x'];

interface Ctx {
  readonly flavour: Flavour;
  readonly names: readonly string[];
}

function line(ctx: Ctx, depth: number): fc.Arbitrary<string[]> {
  const name = fc.constantFrom(...ctx.names);
  const label = fc.constantFrom(...LABELS);
  const cond = fc.constantFrom(...CONDITIONS);
  const full = ctx.flavour === 'full';
  const message = fc
    .tuple(name, fc.constantFrom(...ARROWS), name, label)
    .map(([a, arrow, b, l]) => [`${a} ${arrow} ${b}${l ? `: ${l}` : ''}`]);
  const call = fc
    .tuple(name, name, label, label)
    .filter(([a, b]) => a !== b)
    .map(([a, b, l1, l2]) => [`${a} -> +${b}: ${l1 || 'call'}`, `${b} --> -${a}: ${l2 || 'back'}`]);
  const timed = fc.tuple(message, fc.constantFrom('takes 20ms', 'timeout 2s: retry', 'takes 1.5s')).map(([m, t]) => [...m, t]);
  const note = fc
    .tuple(fc.constantFrom('left of', 'right of', 'over'), name, name, label)
    .map(([pos, a, b, l]) => [`note ${pos} ${pos === 'over' && a !== b ? `${a}, ${b}` : a}: ${l || 'note'}`]);
  const numbering = fc.constantFrom('autonumber');
  const choices: fc.Arbitrary<string[]>[] = [message, message, call, note, numbering.map((s) => [s])];
  if (full) choices.push(timed, fc.constantFrom(['== Phase =='], ['... later ...'], ['...'], ['# a comment']));
  if (ctx.flavour === 'shared-plantuml') choices.push(fc.constantFrom(['== Phase =='], ['... later ...'], ['...']));
  // Language v2: edges and references (PlantUML has both), numbering with a start, off and resume.
  const edge = fc
    .tuple(name, fc.constantFrom(...ARROWS), label, fc.constantFrom(0, 1, 2))
    .map(([a, arrow, l, side]) => [
      side === 0 ? `[ ${arrow} ${a}: ${l || 'in'}` : side === 1 ? `${a} ${arrow} ]: ${l || 'out'}` : `${a} ${arrow} [: ${l || 'back'}`,
    ]);
  const ref = fc
    .tuple(name, name, fc.constantFrom('Checkout', 'a plain label'))
    .map(([a, b, t]) => [`ref over ${a === b ? a : `${a}, ${b}`}: ${t}`]);
  if (ctx.flavour !== 'shared-mermaid') choices.push(edge, ref);
  // `resume` and `off` before any numbering are comments in the export (PlantUML fails on them).
  if (full) choices.push(fc.constantFrom(['autonumber resume'], ['autonumber resume 2'], ['autonumber off']));
  choices.push(fc.constantFrom(['autonumber 10 5'], ['autonumber 3']));
  if (depth < 2) {
    const body = fc
      .array(
        fc.constantFrom(0).chain(() => line(ctx, depth + 1)),
        { minLength: 1, maxLength: 3 },
      )
      .map((ls) => ls.flat().map((l) => `  ${l}`));
    const kinds = ['alt', 'opt', 'loop', 'par', 'critical', 'break', ...(ctx.flavour === 'shared-mermaid' ? [] : ['group'])];
    const branchOf: Record<string, string> = { alt: 'else', par: 'and', critical: 'option' };
    choices.push(
      fc
        .tuple(fc.constantFrom(...kinds), cond, body, fc.array(fc.tuple(cond, body), { maxLength: 2 }))
        .map(([kind, c, first, more]) => [
          `${kind}${c ? ' ' + c : ''}`,
          ...first,
          ...(branchOf[kind] ? more.flatMap(([c2, b]) => [`${branchOf[kind]}${c2 ? ' ' + c2 : ''}`, ...b]) : []),
          'end',
        ]),
    );
  }
  return fc.oneof(...choices);
}

const KINDS_SHARED = ['actor', 'participant', 'database', 'queue'];
const KINDS_ALL = [...KINDS_SHARED, 'system', 'service'];

/** A whole `.seq` file of the flavour. */
export function seqFile(flavour: Flavour): fc.Arbitrary<string> {
  const pool = flavour === 'full' ? NAMES : SAFE_NAMES;
  return fc.uniqueArray(fc.constantFrom(...pool), { minLength: 2, maxLength: 5 }).chain((names) => {
    const ctx: Ctx = { flavour, names };
    const kinds = flavour === 'full' ? KINDS_ALL : KINDS_SHARED;
    const declaration = (n: string) =>
      fc
        .tuple(
          fc.constantFrom(...kinds),
          fc.constantFrom('', ' "Shown name"', ' "Two\\nlines"'),
          fc.constantFrom('', ' external', ': described', ' external: both'),
        )
        .map(([k, d, rest]) => `${k} ${n}${d}${flavour === 'full' ? rest : ''}`);
    const declarations = fc
      .tuple(...names.map((n) => fc.option(declaration(n), { nil: undefined })))
      .map((ds) => ds.filter((d): d is string => d !== undefined));
    const body = fc.array(line(ctx, 0), { minLength: 1, maxLength: 8 }).map((ls) => ls.flat());
    const title = fc.constantFrom('', 'title A title', ...(flavour === 'full' ? ['title Two\\nline title'] : []));
    const meta =
      flavour === 'full' ? fc.constantFrom([], ['project: P', 'overview: what it shows', 'assumption: one']) : fc.constant([] as string[]);
    const sequences =
      flavour === 'full'
        ? fc.array(fc.tuple(fc.constantFrom('First', 'Second within 2s'), body), { maxLength: 2 })
        : fc.constant([] as [string, string[]][]);
    // Declarations in a box or two (language v2), which all three languages have.
    const boxed = fc
      .tuple(declarations, fc.constantFrom(0, 1, 2), fc.constantFrom('', ' "Box label"', ' "Aqua team"'))
      .map(([ds, cut, label]) =>
        cut === 0 || ds.length === 0 ? ds : [`box Group${label}`, ...ds.slice(0, cut).map((d) => `  ${d}`), 'end', ...ds.slice(cut)],
      );
    return fc
      .tuple(title, meta, boxed, body, sequences)
      .map(
        ([t, m, ds, b, seqs]) =>
          [
            t,
            ...m,
            ...ds,
            ...b,
            ...seqs.flatMap(([n, sb], i) => [`sequence ${n} ${i}`, '  purpose: why', ...sb.map((l) => `  ${l}`), 'end']),
          ]
            .filter((l) => l !== '')
            .join('\n') + '\n',
      );
  });
}
