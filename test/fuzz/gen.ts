/**
 * Generators of `.seq` documents for the fuzzers.
 *
 * `validDocument` builds a document that follows the spec (every statement of sections
 * 2–5, Unicode names, CJK/emoji labels, nested fragments, timing lines, comments, every
 * line-break style) together with what it means: the participants in lifeline order and
 * each sequence's messages. The checkers compare the analysis and the rendering with it.
 * "Valid" means no error diagnostics; warnings (undeclared or unused participants, a
 * budget exceeded, a duplicate sequence name) are allowed and happen.
 *
 * The generator draws a plan (indices into a name pool, pieces of text) and a pure
 * function prints it, so fast-check shrinks a failing document to a small one.
 */
import fc from 'fast-check';
import type { ArrowKind, FragmentKind } from '../../server/src/core/index';
import { documentMetaKeys, formatName, isIdentifier, quoteName, sequenceMetaKeys } from '../../server/src/core/index';

// ---------------------------------------------------------------------------
// What a generated document means (sent to the checking worker as plain data).

export interface ExpectedMessage {
  readonly from: string;
  readonly to: string;
  readonly arrow: ArrowKind;
  /** The label as drawn (unescaped, before terminal sanitising); '' when none. */
  readonly label: string;
}

export interface ExpectedSequence {
  readonly name: string;
  readonly implicit: boolean;
  /** Lifeline ids in drawing order. */
  readonly lifelines: readonly string[];
  /** Messages in source order, fragments flattened. */
  readonly messages: readonly ExpectedMessage[];
}

export interface Expectation {
  /** Every participant id with its display name (the id when none), in global lifeline order. */
  readonly participants: readonly { readonly id: string; readonly display: string }[];
  readonly sequences: readonly ExpectedSequence[];
  /** Every piece of user text that may be drawn (names, labels, notes, conditions…), unescaped. */
  readonly userTexts: readonly string[];
  readonly title?: string;
}

export interface GeneratedDocument {
  readonly text: string;
  readonly expect: Expectation;
}

// ---------------------------------------------------------------------------
// Pools.

// Name rules are core's: a form may stand bare where `formatName` leaves it bare; metadata keys
// (`purpose: …`) are quoted too as the first word of a line.
const META_KEYS = new Set<string>([...documentMetaKeys, ...sequenceMetaKeys]);
const isKeyword = (f: string): boolean => (isIdentifier(f) && formatName(f) !== f) || META_KEYS.has(f);

/** Names a participant may have: ASCII, Unicode scripts (LTR and RTL), decomposed forms, keywords, names that need quotes. */
export const NAME_POOL: readonly string[] = [
  'User',
  'Frontend',
  'Auth',
  'DB',
  'A',
  'B',
  'C',
  'x',
  'xena',
  'svc.v2',
  'user_db',
  '_hidden',
  'OrderQueue',
  'PaymentAPI',
  'Zahlungsdienst',
  'Übersicht',
  'café',
  'cafe\u0301',
  'Ελένη',
  'Пользователь',
  '用户',
  '数据库',
  '前端',
  'उपयोगकर्ता',
  'مستخدم',
  'משתמש',
  '사용자',
  'ผู้ใช้',
  'ｶﾀｶﾅ',
  'ℌ𝔢𝔩𝔩𝔬',
  'Ａｕｔｈ',
  'end',
  'note',
  'alt',
  'purpose',
  'participant',
  'within',
  'internal',
  'as',
  'title',
  'Auth Service',
  'Pay 💳',
  'a-b',
  'say "hi"',
  'back\\slash',
  '👩‍💻',
  'two  spaces',
  'tab\there',
  '#hash',
  '// slashes',
  '== x ==',
];

/** Pieces of free text: plain words, markup-looking text, CJK, emoji, RTL, combining marks, zero-width, spec escapes. */
const TEXT_PIECES: readonly string[] = [
  'hi',
  'POST /login',
  'GET /a#b',
  'http://x',
  'a:b',
  '->',
  '-->>',
  '--x',
  'x',
  'end',
  'else',
  '==',
  '...',
  '"quoted"',
  "it's",
  '\\',
  '\\n',
  '\n',
  'a\\b',
  'C:\\temp',
  '<script>alert(1)</script>',
  '</pre>',
  '&amp;',
  '`code`',
  '*bold*',
  '[link](javascript:x)',
  '|',
  '[',
  ']',
  '提交订单',
  '成功',
  '日本語のメモ',
  '🛒',
  '✅',
  '🎉',
  '👩‍👩‍👧',
  '🇩🇪',
  'Zahlungs-\nDienst',
  'naïve',
  'nai\u0308ve',
  'e\u0301\u0301',
  'مرحبا',
  'שלום',
  'abc\u200bdef',
  'zero\u200dwidth',
  '\u2066isolated\u2069',
  '\u202eevil',
  'a\tb',
  '\x1b[31mred\x1b[0m',
  'bell\x07',
  'del\x7f',
  '\u2028',
  'ｆｕｌｌ',
  '한국어',
  'ñ',
  '½',
  '™',
  '  two  ',
  '1.',
  '-',
  '+',
  '#',
  '//',
  'within 2s',
  'takes',
  '…',
];

const ARROWS: readonly ArrowKind[] = ['->', '-->', '->>', '-->>', '-x', '--x'];
const KINDS = ['actor', 'system', 'service', 'database', 'queue', 'participant'] as const;
const FRAGMENTS: readonly FragmentKind[] = ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'];
const BRANCH: Partial<Record<FragmentKind, string>> = { alt: 'else', par: 'and', critical: 'option' };
const UNITS = ['ms', 's', 'min', 'h'] as const;
const DOC_META = ['project', 'version', 'date', 'designer', 'overview', 'security', 'assumption', 'related'] as const;
const SEQ_META = ['purpose', 'trigger', 'outcome', 'scenario'] as const;

/** Characters the parser trims from the ends of free text (and JavaScript's own white space, which the renderer trims at line ends). */
const BLANK_END = /^[\s\u0085\u180e\u200b\ufeff]+|[\s\u0085\u180e\u200b\ufeff]+$/gu;

function cleanText(s: string): string {
  return s.replace(/\r/g, '').replace(BLANK_END, '');
}

/**
 * Text that follows a keyword (a condition, a sequence name, a title, a flow name) must not
 * start with `-`: `alt -> x` is a message from a participant called `alt` (spec 1, "How a line is read").
 */
function afterKeyword(s: string): string {
  return s.replace(/^[-\s]+/u, '').replace(BLANK_END, '');
}

// ---------------------------------------------------------------------------
// The plan: what fast-check draws.

interface TextPlan {
  readonly pieces: readonly number[];
  readonly sep: readonly boolean[];
}

const textPlan = (max = 6): fc.Arbitrary<TextPlan> =>
  fc.record({ pieces: fc.array(fc.nat(), { maxLength: max }), sep: fc.array(fc.boolean(), { maxLength: max }) });

function textOf(p: TextPlan, extra: readonly string[] = []): string {
  const pool = [...TEXT_PIECES, ...extra];
  let out = '';
  p.pieces.forEach((n, i) => {
    out += (i > 0 && (p.sep[i] ?? true) ? ' ' : '') + pool[n % pool.length];
  });
  return cleanText(out);
}

type StmtPlan =
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

interface NamePlan {
  readonly base: number;
  readonly suffix: number;
  readonly style: number;
}

interface DocPlan {
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

function durationOf(n: number): string {
  const value = n % 100000;
  const unit = UNITS[(n >> 3) % UNITS.length];
  return unit === 'ms' ? `${value}ms` : `${(value % 50) / ((n & 1) === 0 ? 1 : 2)}${unit}`;
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

const docPlanArb: fc.Arbitrary<DocPlan> = fc.record({
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

// ---------------------------------------------------------------------------
// Printing.

const quote = quoteName;

/** Free text as written: `\` doubled, line breaks as `\n`. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

interface Name {
  /** The id: NFC, unescaped. */
  readonly id: string;
  /** Ways to write it, each valid anywhere a name stands. */
  readonly forms: readonly string[];
  /** Forms valid as the first word of a declaration's name, and in `note`/`activate`… (keywords quoted). */
  readonly safeForms: readonly string[];
}

function nameOf(p: NamePlan): Name | undefined {
  let raw = NAME_POOL[p.base % NAME_POOL.length];
  if (p.suffix % 4 === 1) raw += String(p.suffix);
  if (p.suffix % 7 === 2) raw = raw + '_' + raw;
  raw = raw.replace(/[\r\n]/g, '');
  if (raw === '') return undefined;
  const id = raw.normalize('NFC');
  const forms: string[] = [quote(id)];
  if (raw !== id) forms.push(quote(raw));
  const bare = [id, raw.normalize('NFD'), raw].filter((f, i, all) => isIdentifier(f) && all.indexOf(f) === i);
  forms.push(...bare);
  const safe = forms.filter((f) => f.startsWith('"') || !isKeyword(f));
  return { id, forms, safeForms: safe.length ? safe : [quote(id)] };
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

class Printer {
  readonly lines: string[] = [];
  readonly userTexts: string[] = [];

  constructor(
    private readonly indentUnit: string,
    private readonly spacing: number,
  ) {}

  line(depth: number, s: string): void {
    this.lines.push(this.indentUnit.repeat(depth) + s);
  }

  text(value: string): string {
    if (value) this.userTexts.push(value);
    return escapeText(value);
  }

  /** ` ` or '' depending on the document's spacing habit and a salt. */
  sp(salt: number): string {
    return ((this.spacing >> (salt % 8)) & 1) === 0 ? ' ' : '';
  }
}

/** A sequence being printed: its messages and the state needed to stay valid. */
class SequenceState {
  readonly messages: ExpectedMessage[] = [];
  readonly used: string[] = [];
  readonly pendingDestroy = new Set<string>();
  readonly dead = new Set<string>();

  use(id: string): void {
    if (!this.used.includes(id)) this.used.push(id);
  }
}

function buildDocument(plan: DocPlan): GeneratedDocument {
  // Names: declared ids are unique (after NFC); undeclared ones differ from every declared one.
  const declared: Name[] = [];
  for (const np of plan.declared) {
    const n = nameOf(np);
    if (n && !declared.some((d) => d.id === n.id)) declared.push(n);
  }
  const undeclared: Name[] = [];
  for (const np of plan.undeclared) {
    const n = nameOf(np);
    if (n && !declared.some((d) => d.id === n.id) && !undeclared.some((d) => d.id === n.id)) undeclared.push(n);
  }
  const all = [...declared, ...undeclared];
  if (all.length === 0) all.push(nameOf({ base: 0, suffix: 0, style: 0 })!);

  const indentUnit = ['  ', '\t', '    ', ''][plan.indent];
  const p = new Printer(indentUnit, plan.spacing);
  const display = new Map<string, string>();
  /** Global order: declarations first, then first use in source order. */
  const firstUse: string[] = [];
  const useGlobal = (id: string) => {
    if (!firstUse.includes(id)) firstUse.push(id);
  };

  const ref = (n: number, safe: boolean, salt: number): Name & { written: string } => {
    const name = all[n % all.length];
    const forms = safe ? name.safeForms : name.forms;
    return { ...name, written: pick(forms, salt) };
  };

  // Chunks of the document, printed in a shuffled order.
  const chunks: (() => void)[] = [];
  const sequences: ExpectedSequence[] = [];
  let implicitSeq: SequenceState | undefined;

  // Declarations.
  chunks.push(() => {
    declared.forEach((name, i) => {
      const d = plan.decl[i % plan.decl.length];
      const kind = pick(KINDS, d.kind);
      let line = `${kind} ${pick(name.safeForms, d.kind + i)}`;
      const shown = d.display ? textOf(d.display, NAME_POOL).replace(/^"|"$/g, '') : '';
      if (shown) {
        line += ` ${quote(shown)}`;
        display.set(name.id, shown.normalize('NFC'));
        p.userTexts.push(shown.normalize('NFC'));
      }
      if (d.scope === 1) line += ' internal';
      if (d.scope === 2) line += ' external';
      if (d.description) line += `${p.sp(i)}:${p.sp(i + 1)}${p.text(textOf(d.description))}`;
      p.line(0, line);
    });
  });

  // Title and document metadata.
  let title: string | undefined;
  chunks.push(() => {
    if (plan.title) {
      const t = afterKeyword(textOf(plan.title).replace(/^[-:\s]+/u, ''));
      if (t) {
        title = t;
        p.line(0, `title ${p.text(t)}`);
      }
    }
    const seen = new Set<string>();
    for (const m of plan.meta) {
      const key = pick(DOC_META, m.key);
      if (seen.has(key) && key !== 'assumption' && key !== 'related') continue; // a second one is a warning: fine, but keep it simple
      seen.add(key);
      p.line(0, `${key}:${p.sp(m.key)}${p.text(textOf(m.value))}`);
    }
  });

  const statements = (list: readonly StmtPlan[], depth: number, seq: SequenceState): void => {
    for (const st of list) statement(st, depth, seq);
  };

  const statement = (st: StmtPlan, depth: number, seq: SequenceState): void => {
    switch (st.t) {
      case 'message': {
        const from = ref(st.from, false, st.arrow + st.act);
        const to = ref(st.to, false, st.from + st.arrow);
        if (seq.dead.has(from.id) || seq.dead.has(to.id)) return; // a message to a destroyed lifeline is an error
        for (const id of [from.id, to.id]) {
          if (seq.pendingDestroy.delete(id)) seq.dead.add(id);
        }
        const arrow = pick(ARROWS, st.arrow);
        const act = st.act === 1 ? '+' : st.act === 2 ? '-' : '';
        const label = st.label ? textOf(st.label) : '';
        // Blanks around the arrow are optional (`-` never continues a name); the spec writes
        // `A -x xena` with one after an `x` head, so this does too. `+`/`-` stick to the target.
        const sep2 = arrow.endsWith('x') && act === '' ? ' ' : p.sp(st.to);
        let line = `${from.written}${p.sp(st.from)}${arrow}${sep2}${act}${to.written}`;
        if (label || st.act === 3) line += `${p.sp(st.arrow)}:${p.sp(st.to + 1)}${p.text(label)}`;
        p.line(depth, line);
        useGlobal(from.id);
        useGlobal(to.id);
        seq.use(from.id);
        seq.use(to.id);
        seq.messages.push({ from: from.id, to: to.id, arrow, label });
        if (st.gap) p.line(depth, st.takes !== null ? '# timing follows' : '');
        if (st.takes !== null) p.line(depth, `takes ${durationOf(st.takes)}`);
        if (st.timeout) {
          const action = st.timeout[1] ? textOf(st.timeout[1]) : '';
          p.line(depth, `timeout ${durationOf(st.timeout[0])}${action ? `${p.sp(st.timeout[0])}:${p.sp(1)}${p.text(action)}` : ''}`);
        }
        return;
      }
      case 'note': {
        const pos = ['over', 'left of', 'right of'][st.pos];
        const targets = (pos === 'over' ? st.targets : st.targets.slice(0, 1)).map((n, i) => ref(n, true, n + i));
        const text = st.text ? textOf(st.text) : '';
        for (const t of targets) {
          useGlobal(t.id);
          seq.use(t.id);
        }
        const list = targets.map((t) => t.written).join(`${p.sp(st.pos)},${p.sp(st.pos + 1)}`);
        p.line(depth, `note ${pos} ${list}${text ? `${p.sp(3)}:${p.sp(4)}${p.text(text)}` : ''}`);
        return;
      }
      case 'divider': {
        const text = st.text
          ? textOf(st.text)
              .replace(/^[=\s]+|[=\s]+$/g, '')
              .replace(BLANK_END, '')
          : '';
        const bars = ['==', '===', '=='][st.style % 3];
        p.line(depth, text ? `${bars} ${p.text(text)} ${st.style === 3 ? '' : bars}`.trimEnd() : bars);
        return;
      }
      case 'delay': {
        const text = st.text
          ? textOf(st.text)
              .replace(/^[.…\s]+|[.…\s]+$/g, '')
              .replace(BLANK_END, '')
          : '';
        const dots = ['...', '…', '.....', '...'][st.style];
        p.line(depth, text ? `${dots} ${p.text(text)} ${st.style === 3 ? '' : dots}`.trimEnd() : dots);
        return;
      }
      case 'autonumber':
        p.line(depth, 'autonumber');
        return;
      case 'lifeline': {
        const which = (['activate', 'deactivate', 'destroy'] as const)[st.which];
        const name = ref(st.name, true, st.name + st.which);
        if (which === 'destroy') {
          if (seq.dead.has(name.id) || seq.pendingDestroy.has(name.id)) return;
          seq.pendingDestroy.add(name.id);
        }
        useGlobal(name.id);
        seq.use(name.id);
        p.line(depth, `${which} ${name.written}`);
        return;
      }
      case 'comment':
        p.line(depth, `${st.slashes ? '//' : '#'} ${textOf(st.text).replace(/\n/g, ' ')}`);
        return;
      case 'blank':
        p.line(0, ['', ' ', '\t', '\u00a0'][depth % 4]);
        return;
      case 'fragment': {
        const kind = pick(FRAGMENTS, st.kind);
        const branchWord = BRANCH[kind];
        const branches = branchWord ? st.branches : st.branches.slice(0, 1);
        branches.forEach((b, i) => {
          const cond = b.cond ? afterKeyword(textOf(b.cond)) : '';
          const word = i === 0 ? kind : branchWord!;
          p.line(depth, cond ? `${word} ${p.text(cond)}` : word);
          statements(b.body, depth + 1, seq);
        });
        p.line(depth, 'end');
        return;
      }
    }
  };

  // The implicit sequence: top-level statements.
  chunks.push(() => {
    if (plan.implicit.length === 0) return;
    implicitSeq = new SequenceState();
    statements(plan.implicit, 0, implicitSeq);
  });

  // Named sequences.
  const named: { name: string; state: SequenceState }[] = [];
  chunks.push(() => {
    for (const s of plan.sequences) {
      // A name in quotes loses them (`sequence "Login"`): keep generated names from starting with one.
      let name = s.name ? afterKeyword(textOf(s.name)).replace(/^["\s]+/u, '') : '';
      if (/(^|[ \t])within[ \t]+\S+$/.test(name)) name = name.replace(/within/g, 'w');
      name = name.replace(BLANK_END, '');
      const within = s.within !== null ? ` within ${durationOf(s.within)}` : '';
      p.line(0, `sequence${name ? ` ${p.text(name)}` : ''}${within}`);
      const seen = new Set<string>();
      for (const m of s.meta) {
        const key = pick(SEQ_META, m.key);
        if (seen.has(key)) continue;
        seen.add(key);
        p.line(1, `${key}:${p.sp(m.key)}${p.text(textOf(m.value))}`);
      }
      const state = new SequenceState();
      statements(s.body, 1, state);
      p.line(0, 'end');
      named.push({ name, state });
    }
  });

  // Process flows.
  chunks.push(() => {
    for (const f of plan.flows) {
      if (f.steps.length === 0) continue;
      const name = f.name ? afterKeyword(textOf(f.name).replace(/:/g, ' ')) : '';
      const steps = f.steps.map((n, i) => ref(n, false, n + i));
      for (const s of steps) useGlobal(s.id);
      const chain = steps.map((s, i) => (i === 0 ? '' : f.unicode[i] ? `${p.sp(i)}→${p.sp(i + 1)}` : ` -> `) + s.written).join('');
      p.line(0, `flow ${name ? p.text(name) : ''}:${p.sp(2)}${chain}`);
    }
  });

  // Comments and blank lines between chunks; chunks in a shuffled order (declarations may follow their uses).
  const order = chunks.map((c, i) => ({ c, key: plan.order[i] ?? i }));
  order.sort((a, b) => a.key - b.key);
  for (const { c } of order) {
    c();
    if (plan.spacing % 3 === 0) p.line(0, '');
  }

  const global = [...declared.map((d) => d.id), ...firstUse.filter((id) => !declared.some((d) => d.id === id))];
  const lifelinesOf = (used: readonly string[], implicit: boolean) =>
    global.filter((id) => used.includes(id) || (implicit && declared.some((d) => d.id === id)));

  const implicitHasContent = implicitSeq !== undefined && hasContent(plan.implicit);
  if (implicitHasContent || named.length === 0) {
    sequences.push({
      name: title ?? '',
      implicit: true,
      lifelines: lifelinesOf(implicitSeq?.used ?? [], true),
      messages: implicitSeq?.messages ?? [],
    });
  }
  for (const n of named)
    sequences.push({ name: n.name, implicit: false, lifelines: lifelinesOf(n.state.used, false), messages: n.state.messages });

  const eol = plan.eol < 5 ? '\n' : plan.eol < 7 ? '\r\n' : plan.eol < 8 ? '\r' : undefined;
  let text: string;
  if (eol) text = p.lines.join(eol) + (plan.spacing % 2 === 0 ? eol : '');
  else text = p.lines.map((l, i) => l + ['\n', '\r\n', '\r'][(i + plan.spacing) % 3]).join('');

  const participants = global.map((id) => ({ id, display: display.get(id) ?? id }));
  const userTexts = [...p.userTexts, ...participants.map((x) => x.display), ...participants.map((x) => x.id)];
  return { text, expect: { participants, sequences, userTexts, title } };
}

/** Whether top-level statements make the implicit sequence (spec: statements outside any sequence). */
function hasContent(list: readonly StmtPlan[]): boolean {
  return list.some((s) => s.t !== 'comment' && s.t !== 'blank');
}

/** A valid document and what it means. */
export const validDocument: fc.Arbitrary<GeneratedDocument> = docPlanArb.map(buildDocument);

// ---------------------------------------------------------------------------
// Near-valid documents: a valid one with characters and lines deleted, inserted, duplicated.

/** Characters a hostile or clumsy edit inserts. */
export const HOSTILE: readonly string[] = [
  '\0',
  '\x1b',
  '\x1b[2J',
  '\x1b]0;pwned\x07',
  '\x9b31m',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\v',
  '\f',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud800',
  '\udfff',
  '\u0301',
  '\u0308\u0308\u0308',
  '"',
  '\\',
  '\\n',
  ':',
  '#',
  '//',
  '-',
  '->',
  '-->>',
  '--x',
  '+',
  '==',
  '...',
  '…',
  '→',
  'end',
  'else',
  'and',
  'option',
  'alt',
  'par',
  'sequence',
  'note over',
  'takes 1s',
  'timeout 2s:',
  'within 1ms',
  'as',
  'actor',
  '用',
  '👩‍💻',
  '🇩🇪',
  '\u0600',
  'ﷺ',
  '𒐫',
  'A',
  ' ',
];

export type Edit =
  | { op: 'delete-char'; at: number; len: number }
  | { op: 'insert'; at: number; piece: number }
  | { op: 'insert-char'; at: number; code: number }
  | { op: 'delete-line'; line: number }
  | { op: 'duplicate-line'; line: number; times: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'insert-line'; line: number; piece: number }
  | { op: 'flip-bit'; at: number; bit: number }
  | { op: 'truncate'; at: number };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete-char' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat() }),
  fc.record({ op: fc.constant('insert-char' as const), at: fc.nat(), code: fc.nat({ max: 0xffff }) }),
  fc.record({ op: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert-line' as const), line: fc.nat(), piece: fc.nat() }),
  fc.record({ op: fc.constant('flip-bit' as const), at: fc.nat(), bit: fc.nat({ max: 15 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Splits a text into lines keeping each line's break. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Applies one edit; positions wrap around the text's length. */
export function applyEdit(text: string, e: Edit, extraLines: readonly string[] = []): string {
  switch (e.op) {
    case 'delete-char': {
      if (text.length === 0) return text;
      const at = e.at % text.length;
      return text.slice(0, at) + text.slice(at + e.len);
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + pick(HOSTILE, e.piece) + text.slice(at);
    }
    case 'flip-bit': {
      if (text.length === 0) return text;
      const at = e.at % text.length;
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << e.bit)) + text.slice(at + 1);
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'insert-char': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + String.fromCharCode(e.code) + text.slice(at);
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines':
    case 'insert-line': {
      const lines = splitLines(text);
      if (e.op === 'insert-line') {
        const pool = extraLines.length > 0 ? extraLines : HOSTILE;
        const at = e.line % (lines.length + 1);
        const piece = pick(pool, e.piece);
        lines.splice(at, 0, /[\r\n]$/.test(piece) ? piece : `${piece}\n`);
        return lines.join('');
      }
      if (lines.length === 0) return text;
      if (e.op === 'delete-line') lines.splice(e.line % lines.length, 1);
      else if (e.op === 'duplicate-line') {
        const i = e.line % lines.length;
        const l = /[\r\n]$/.test(lines[i]) ? lines[i] : `${lines[i]}\n`;
        lines.splice(i, 0, ...new Array<string>(e.times).fill(l));
      } else {
        const a = e.a % lines.length;
        const b = e.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      return lines.join('');
    }
  }
}

/** A valid document after a few random edits. */
export const nearValidDocument: fc.Arbitrary<string> = fc
  .tuple(validDocument, fc.array(editArb, { minLength: 1, maxLength: 6 }))
  .map(([doc, edits]) => edits.reduce((t, e) => applyEdit(t, e), doc.text));

// ---------------------------------------------------------------------------
// Token soup: lines made of the language's tokens and hostile characters in random order.

const SOUP: readonly string[] = [
  ...HOSTILE,
  'A',
  'B',
  '"A B"',
  '"',
  '"unterminated',
  'participant',
  'actor',
  'database',
  'title',
  'flow',
  'activate',
  'deactivate',
  'destroy',
  'autonumber',
  'note',
  'left of',
  'right of',
  'over',
  ',',
  'loop',
  'opt',
  'critical',
  'break',
  'group',
  'takes',
  'timeout',
  '250ms',
  '1.5s',
  '2 secs',
  '-1s',
  '1h30min',
  'purpose:',
  'project:',
  'related:',
  'internal',
  'external',
  '+',
  '-',
  '->>',
  '-x',
  '-->',
  'x',
  ' ',
  '  ',
  '\t',
  '用户',
  'é',
  '::',
  '=',
  '.',
  '"\\"',
  '\\',
  '0',
  '9999999999999999999ms',
  '1e309s',
];

export const soupDocument: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.array(fc.nat(), { maxLength: 10 }), fc.nat({ max: 3 })), { maxLength: 30 })
  .map((lines) =>
    lines.map(([tokens, eol]) => tokens.map((t) => pick(SOUP, t)).join(eol === 0 ? '' : ' ') + ['\n', '\r\n', '\r', '\n'][eol]).join(''),
  );
