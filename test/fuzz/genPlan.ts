/** The plan of a valid document: what fast-check draws (indices into the pools), so a failing document shrinks to a small one. */
import fc from 'fast-check';
import { TEXT_PIECES, cleanText } from './genPools';

export interface TextPlan {
  readonly pieces: readonly number[];
  readonly sep: readonly boolean[];
}

export const textPlan = (max = 6): fc.Arbitrary<TextPlan> =>
  fc.record({ pieces: fc.array(fc.nat(), { maxLength: max }), sep: fc.array(fc.boolean(), { maxLength: max }) });

export function textOf(p: TextPlan, extra: readonly string[] = []): string {
  const pool = [...TEXT_PIECES, ...extra];
  let out = '';
  p.pieces.forEach((n, i) => {
    out += (i > 0 && (p.sep[i] ?? true) ? ' ' : '') + pool[n % pool.length];
  });
  return cleanText(out);
}

export type StmtPlan =
  | {
      t: 'message';
      from: number;
      to: number;
      arrow: number;
      act: number;
      label: TextPlan | null;
      takes: number | null;
      timeout: [number, TextPlan | null] | null;
      gap: boolean;
    }
  | { t: 'note'; pos: number; targets: number[]; text: TextPlan | null }
  | { t: 'divider'; text: TextPlan | null; style: number }
  | { t: 'delay'; text: TextPlan | null; style: number }
  | { t: 'autonumber' }
  | { t: 'lifeline'; which: number; name: number }
  | { t: 'comment'; text: TextPlan; slashes: boolean }
  | { t: 'blank' }
  | { t: 'fragment'; kind: number; branches: { cond: TextPlan | null; body: StmtPlan[] }[] };

export interface NamePlan {
  readonly base: number;
  readonly suffix: number;
  readonly style: number;
}

export interface DocPlan {
  readonly declared: NamePlan[];
  readonly undeclared: NamePlan[];
  readonly decl: { kind: number; display: TextPlan | null; displayNames: number; scope: number; description: TextPlan | null }[];
  readonly title: TextPlan | null;
  readonly meta: { key: number; value: TextPlan }[];
  readonly implicit: StmtPlan[];
  readonly sequences: { name: TextPlan | null; within: number | null; meta: { key: number; value: TextPlan }[]; body: StmtPlan[] }[];
  readonly flows: { name: TextPlan | null; steps: number[]; unicode: boolean[] }[];
  readonly order: number[];
  readonly eol: number;
  readonly indent: number;
  readonly spacing: number;
}

const stmtArb: fc.Arbitrary<StmtPlan> = fc.letrec<{ stmt: StmtPlan }>((tie) => ({
  stmt: fc.oneof(
    { depthIdentifier: 'stmt', maxDepth: 5, depthSize: 'small' },
    {
      weight: 8,
      arbitrary: fc.record({
        t: fc.constant('message' as const),
        from: fc.nat(),
        to: fc.nat(),
        arrow: fc.nat(),
        act: fc.nat({ max: 5 }),
        label: fc.option(textPlan(), { freq: 6 }),
        takes: fc.option(fc.nat(), { freq: 3 }),
        timeout: fc.option(fc.tuple(fc.nat(), fc.option(textPlan(3))), { freq: 5 }),
        gap: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('note' as const),
        pos: fc.nat({ max: 2 }),
        targets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        text: fc.option(textPlan(), { freq: 6 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('divider' as const), text: fc.option(textPlan(3)), style: fc.nat({ max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('delay' as const), text: fc.option(textPlan(3)), style: fc.nat({ max: 3 }) }) },
    { weight: 1, arbitrary: fc.constant({ t: 'autonumber' as const }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('lifeline' as const), which: fc.nat({ max: 2 }), name: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('comment' as const), text: textPlan(4), slashes: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant({ t: 'blank' as const }) },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('fragment' as const),
        kind: fc.nat(),
        branches: fc.array(fc.record({ cond: fc.option(textPlan(4), { freq: 4 }), body: fc.array(tie('stmt'), { maxLength: 5 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
      }),
    },
  ),
})).stmt;

const namePlan = fc.record({ base: fc.nat(), suffix: fc.nat({ max: 30 }), style: fc.nat({ max: 7 }) });
const metaPlan = fc.record({ key: fc.nat(), value: textPlan(4) });

export const docPlanArb: fc.Arbitrary<DocPlan> = fc.record({
  declared: fc.array(namePlan, { maxLength: 8 }),
  undeclared: fc.array(namePlan, { maxLength: 3 }),
  decl: fc.array(
    fc.record({
      kind: fc.nat(),
      display: fc.option(textPlan(3), { freq: 3 }),
      displayNames: fc.nat(),
      scope: fc.nat({ max: 2 }),
      description: fc.option(textPlan(4), { freq: 3 }),
    }),
    { minLength: 8, maxLength: 8 },
  ),
  title: fc.option(textPlan(3), { freq: 3 }),
  meta: fc.array(metaPlan, { maxLength: 4 }),
  implicit: fc.array(stmtArb, { maxLength: 8 }),
  sequences: fc.array(
    fc.record({
      name: fc.option(textPlan(3), { freq: 6 }),
      within: fc.option(fc.nat(), { freq: 3 }),
      meta: fc.array(metaPlan, { maxLength: 3 }),
      body: fc.array(stmtArb, { maxLength: 10 }),
    }),
    { maxLength: 3 },
  ),
  flows: fc.array(
    fc.record({
      name: fc.option(textPlan(2)),
      steps: fc.array(fc.nat(), { maxLength: 5 }),
      unicode: fc.array(fc.boolean(), { maxLength: 5 }),
    }),
    { maxLength: 2 },
  ),
  order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  eol: fc.nat({ max: 9 }),
  indent: fc.nat({ max: 3 }),
  spacing: fc.nat(),
});
