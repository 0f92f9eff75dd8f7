/** Prints a drawn plan as a valid document together with what it means. */
import fc from 'fast-check';
import type { ArrowKind } from '../../server/src/core/index';
import { isIdentifier, quoteName } from '../../server/src/core/index';
import { docPlanArb, textOf, type DocPlan, type NamePlan, type StmtPlan } from './genPlan';
import {
  afterKeyword,
  ARROWS,
  BLANK_END,
  BRANCH,
  DOC_META,
  FRAGMENTS,
  isKeyword,
  KINDS,
  NAME_POOL,
  pick,
  SEQ_META,
  UNITS,
} from './genPools';

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

function durationOf(n: number): string {
  const value = n % 100000;
  const unit = UNITS[(n >> 3) % UNITS.length];
  return unit === 'ms' ? `${value}ms` : `${(value % 50) / ((n & 1) === 0 ? 1 : 2)}${unit}`;
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
