/**
 * Builds the semantic model from the syntax tree and runs the checks of spec section 6
 * that need meaning (names, timing, activation, destruction, duplicates).
 * Total: any syntax tree, however broken, gives a model.
 */
import type {
  BoxStatement,
  CreateStatement,
  FragmentStatement,
  MessageStatement,
  MetadataStatement,
  NameNode,
  ParticipantStatement,
  SeqDocument,
  SequenceStatement,
  Statement,
} from './ast';
import { isEdge } from './ast';
import type { Diagnostic, Span } from './diagnostics';
import { diagnostic } from './diagnostics';
import type {
  Box,
  DestroyItem,
  DocumentMetadata,
  Duration,
  Flow,
  FragmentBranch,
  Item,
  Model,
  Participant,
  RelatedFile,
  Sequence,
} from './model';
import { formatName, guessKind, nearestNames } from './names';
import { lineBreakOf, parse } from './parser';
import { StatementMessageItem } from './messageItem';
import { activationSpanOf, arrowSpanOf, spanOf } from './nodes';
import { cloneCreation, createsIn, creationOf, type CreationState } from './creation';
import { finishTiming, type ForeignSequence, type PendingSequence } from './sequenceTiming';
import { computeLineStarts, lineContentEnd, lineOfOffset } from './text';

export { criticalPathOf } from './sequenceTiming';

export interface ModelOptions {
  /** Whether a `related:` path (relative to the document) exists; omit where the file system is unknown. */
  readonly fileExists?: (relativePath: string) => boolean;
  /**
   * The text of another `.seq` file (relative to the document), undefined when it does not
   * exist: how a `file.seq#Sequence` ref is resolved (v2). Omit where files are unknown.
   */
  readonly readFile?: (relativePath: string) => string | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface MutableParticipant extends Mutable<Omit<Participant, 'references' | 'sequences'>> {
  references: Span[];
  sequences: string[];
  index: number;
}

/** Activation, destruction and numbering: tracked per sequence and per branch. */
interface FlowState {
  active: Map<string, number>;
  activeList: readonly string[];
  destroyed: Set<string>;
  pendingDestroy: Map<string, Mutable<DestroyItem>>;
  creation: CreationState;
}

/** Autonumber (v2): one counter per sequence, running through every branch in source order. */
interface Numbering {
  on: boolean;
  next: number;
  step: number;
}

/** Edit-distance comparisons for all "did you mean" suggestions of one document. */
const SUGGESTION_COMPARISONS = 200_000;
const SINGLE_VALUED = new Set(['project', 'version', 'date', 'designer', 'overview', 'security']);
const EMPTY: readonly string[] = [];

class ModelBuilder {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly participants: MutableParticipant[] = [];
  private readonly byId = new Map<string, MutableParticipant>();
  private readonly firstDeclaration = new Map<string, ParticipantStatement>();
  private title: string | undefined;
  private titleStatement: Statement | undefined;
  private readonly meta: Mutable<DocumentMetadata> & { assumptions: string[]; related: RelatedFile[] } = { assumptions: [], related: [] };
  private readonly metaKeys = new Map<string, MetadataStatement>();
  private readonly flows: Flow[] = [];
  private readonly boxes: Box[] = [];
  private lineStarts: readonly number[] = [];

  constructor(
    private readonly doc: SeqDocument,
    private readonly options: ModelOptions,
  ) {}

  build(): { model: Model; diagnostics: Diagnostic[] } {
    this.lineStarts = this.doc.lineStarts.length ? this.doc.lineStarts : computeLineStarts(this.doc.text);
    this.collectDeclarations(this.doc.statements);

    const implicit = new SequenceBuilder(this, undefined, createsIn(this.doc.statements));
    const named: SequenceBuilder[] = [];
    let implicitHasContent = false;
    for (const st of this.doc.statements) {
      if (st.type === 'sequence') {
        implicit.finishTiming(); // a timing line after a sequence block never reaches back to a top-level message
        const b = new SequenceBuilder(this, st, createsIn(st.statements));
        b.addAll(st.statements);
        named.push(b);
      } else {
        if (implicit.addTopLevel(st)) implicitHasContent = true;
      }
    }
    implicit.finishTiming();
    for (const b of named) b.finishTiming();

    const sequences: Sequence[] = [];
    if (implicitHasContent || named.length === 0) sequences.push(implicit.toSequence(this.title ?? ''));
    const seenNames = new Map<string, SequenceStatement>();
    for (const b of named) {
      const seq = b.toSequence('');
      sequences.push(seq);
      const st = b.statement!;
      const first = seenNames.get(seq.name);
      if (first) {
        const span = st.name?.span ?? st.keywordSpan;
        this.report('duplicate-sequence', span, `A sequence named "${seq.name}" already exists: rename one of them.`, {
          related: [{ ...spanOf(first.name?.span ?? first.keywordSpan), message: 'The first sequence with this name' }],
        });
      } else {
        seenNames.set(seq.name, st);
      }
    }
    finishTiming(sequences as PendingSequence[], { report: (code, span, message, extra) => this.report(code, span, message, extra), sequencesOf: this.foreignSequences() });
    this.checkUnused();
    this.checkRelated();

    const participants: Participant[] = this.participants;
    const model: Model = {
      title: this.title,
      metadata: this.meta,
      participants,
      participantById: this.byId,
      boxes: this.boxes,
      sequences,
      flows: this.flows,
    };
    return { model, diagnostics: this.diagnostics };
  }

  /** `file.seq#Name` refs: each file read and analysed once (its own cross-file refs count 0). */
  private foreignSequences(): ((file: string) => readonly ForeignSequence[] | undefined) | undefined {
    const read = this.options.readFile;
    if (!read) return undefined;
    const cache = new Map<string, readonly ForeignSequence[] | undefined>();
    return (file) => {
      if (!cache.has(file)) {
        const text = read(file);
        cache.set(file, text === undefined ? undefined : buildModel(parse(text)).model.sequences.map((s) => ({
          name: s.name, criticalPathMs: s.criticalPath.ms, within: s.within, purpose: s.purpose, nameSpan: s.statement?.name?.span,
        })));
      }
      return cache.get(file);
    };
  }

  participant(id: string): MutableParticipant | undefined {
    return this.byId.get(id);
  }

  get text(): string {
    return this.doc.text;
  }

  get starts(): readonly number[] {
    return this.lineStarts;
  }

  indexOf(id: string): number {
    return this.byId.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
  }

  lifelinesFor(used: ReadonlySet<MutableParticipant>, implicit: boolean): string[] {
    // A named sequence sorts what it uses (thousands of sequences must not each scan every participant).
    if (!implicit) return [...used].sort((a, b) => a.index - b.index).map((p) => p.id);
    return this.participants.filter((p) => used.has(p) || p.declared).map((p) => p.id);
  }

  textLength(): number {
    return this.doc.text.length;
  }

  report(code: Diagnostic['code'], span: Span, message: string, extra: Pick<Diagnostic, 'related' | 'tags' | 'data'> = {}): void {
    this.diagnostics.push(diagnostic(code, span, message, extra));
  }

  /** Pass 1: declarations, wherever they stand (an explicit stack: nesting depth is unbounded). */
  private collectDeclarations(statements: readonly Statement[]): void {
    const pending: (readonly Statement[])[] = [statements];
    const lists: (readonly Statement[])[] = [];
    while (pending.length > 0) {
      const list = pending.pop()!;
      lists.push(list);
      for (let i = list.length - 1; i >= 0; i--) {
        const st = list[i];
        if (st.type === 'sequence') pending.push(st.statements);
        else if (st.type === 'fragment') for (let b = st.branches.length - 1; b >= 0; b--) pending.push(st.branches[b].statements);
      }
    }
    // Declarations in source order: sort the lists' participant statements by offset; those of
    // `create <kind> <id>` (v2) after them, by where they stand.
    const found: ParticipantStatement[] = [];
    const created: CreateStatement[] = [];
    for (const list of lists) {
      for (const st of list) {
        if (st.type === 'participant') found.push(st);
        else if (st.type === 'box') for (const d of st.participants) found.push(d);
        else if (st.type === 'create' && st.declaration) created.push(st);
      }
    }
    const boxOf = new Map<ParticipantStatement, BoxStatement>();
    for (const st of statements) if (st.type === 'box') for (const d of st.participants) boxOf.set(d, st);
    found.sort((a, b) => a.span.offset - b.span.offset);
    created.sort((a, b) => a.span.offset - b.span.offset);
    const boxStatements = statements.filter((st): st is BoxStatement => st.type === 'box');
    let nextBox = 0;
    for (const st of found) {
      // A box takes its id before its participants (one namespace).
      while (nextBox < boxStatements.length && boxStatements[nextBox].span.offset < st.span.offset) this.declareBox(boxStatements[nextBox++]);
      this.declare(st, boxOf.get(st));
    }
    while (nextBox < boxStatements.length) this.declareBox(boxStatements[nextBox++]);
    for (const st of created) this.declare(st.declaration!, undefined, true);
  }

  /** A box (v2): its id shares the participants' namespace. */
  private declareBox(st: BoxStatement): void {
    const id = st.name.value;
    const first = this.firstDeclaration.get(id) ?? this.boxes.find((b) => b.id === id)?.statement;
    if (first) {
      this.report('duplicate-declaration', st.name.span, `"${id}" is already declared: give the box another name.`, {
        related: [{ ...spanOf(first.name.span), message: `"${id}" is first declared here` }],
      });
    }
    this.boxes.push({ id, label: st.label?.value || id, participants: [], nameSpan: st.name.span, span: st.span, statement: st });
  }

  private declare(st: ParticipantStatement, box?: BoxStatement, createdBy = false): void {
    const id = st.name.value;
    const first = this.firstDeclaration.get(id) ?? this.boxes.find((b) => b.id === id)?.statement;
    if (first) {
      this.report('duplicate-declaration', st.name.span, `"${id}" is already declared: remove this declaration or give it another name.`, {
        related: [{ ...spanOf(first.name.span), message: `"${id}" is first declared here` }],
      });
      return;
    }
    this.firstDeclaration.set(id, st);
    const p: MutableParticipant = {
      id,
      kind: st.kind,
      displayName: st.displayName?.value || id,
      scope: st.scope ?? 'internal',
      description: st.description?.value,
      declared: true,
      declaration: st,
      nameSpan: st.name.span,
      references: [],
      messageCount: 0,
      sequences: [],
      index: this.participants.length,
      box: box?.name.value,
      createdBy: createdBy || undefined,
    };
    if (box) (this.boxes[this.boxes.length - 1].participants as string[]).push(id);
    this.participants.push(p);
    this.byId.set(id, p);
  }

  /** A use of a name: returns its participant, creating an implicit one (and reporting it) when undeclared. */
  use(name: NameNode): MutableParticipant {
    let p = this.byId.get(name.value);
    if (!p) {
      p = {
        id: name.value,
        kind: 'participant',
        displayName: name.value,
        scope: 'internal',
        declared: false,
        nameSpan: name.span,
        references: [],
        messageCount: 0,
        sequences: [],
        index: this.participants.length,
      };
      this.participants.push(p);
      this.byId.set(name.value, p);
    }
    p.references.push(name.span);
    if (!p.declared) this.reportUndeclared(name);
    return p;
  }

  /** Declared ids, fixed once pass 1 is done; suggestions per undeclared name; name comparisons left for them. */
  private declaredIds: string[] | undefined;
  private readonly suggestionsByName = new Map<string, string[]>();
  private comparisonsLeft = SUGGESTION_COMPARISONS;

  /** "Did you mean" names for an undeclared one: computed once per name, within a budget (thousands of undeclared names against thousands of declared ones stay linear). */
  private suggestionsFor(name: string): string[] {
    let s = this.suggestionsByName.get(name);
    if (!s) {
      const declared = (this.declaredIds ??= [...this.firstDeclaration.keys()]);
      s = declared.length <= this.comparisonsLeft ? nearestNames(name, declared) : [];
      this.comparisonsLeft -= Math.min(declared.length, this.comparisonsLeft);
      this.suggestionsByName.set(name, s);
    }
    return s;
  }

  private reportUndeclared(name: NameNode): void {
    const kind = guessKind(name.value);
    const suggestions = this.suggestionsFor(name.value);
    const where = this.declarationInsertion();
    const hint = suggestions.length ? ` (or did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
    this.report('undeclared-participant', name.span, `"${name.value}" is not declared: add \`${kind} ${formatName(name.value)}\` with the other participants${hint}.`, {
      data: {
        kind: 'undeclared-participant',
        name: name.value,
        guessedKind: kind,
        declaration: `${kind} ${formatName(name.value)}`,
        suggestions,
        ...where,
      },
    });
  }

  private insertion: { insertAt: number; prefix: string; suffix: string } | undefined;

  /** After the last declaration line, with its indentation; at the top when there is none. */
  private declarationInsertion(): { insertAt: number; prefix: string; suffix: string } {
    if (this.insertion) return this.insertion;
    const text = this.doc.text;
    const eol = lineBreakOf(text);
    let last: ParticipantStatement | undefined;
    for (const st of this.firstDeclaration.values()) if (!last || st.span.offset > last.span.offset) last = st;
    if (!last) {
      this.insertion = { insertAt: 0, prefix: '', suffix: eol };
    } else {
      const line = lineOfOffset(this.lineStarts, last.span.offset);
      const indent = text.slice(this.lineStarts[line], last.span.offset);
      this.insertion = { insertAt: lineContentEnd(text, this.lineStarts, line), prefix: eol + indent, suffix: '' };
    }
    return this.insertion;
  }

  metadata(st: MetadataStatement): void {
    const key = st.key;
    if (SINGLE_VALUED.has(key)) {
      const first = this.metaKeys.get(key);
      if (first) {
        this.report('duplicate-metadata', st.keySpan, `\`${key}\` is already given: keep one (this one is ignored).`, {
          related: [{ ...spanOf(first.keySpan), message: `The first \`${key}\`` }],
        });
        return;
      }
      this.metaKeys.set(key, st);
      (this.meta as Record<string, unknown>)[key] = st.value.value;
    } else if (key === 'assumption') {
      if (st.value.value) this.meta.assumptions.push(st.value.value);
    } else if (key === 'related') {
      if (st.value.value) this.meta.related.push({ path: st.value.value, span: st.value.span });
    }
  }

  setTitle(st: Statement & { type: 'title' }): void {
    if (this.titleStatement) {
      this.report('duplicate-metadata', { offset: st.span.offset, length: 5 }, '`title` is already given: keep one (this one is ignored).', {
        related: [{ offset: this.titleStatement.span.offset, length: 5, message: 'The first `title`' }],
      });
      return;
    }
    this.titleStatement = st;
    this.title = st.text.value;
  }

  flow(st: Statement & { type: 'flow' }): void {
    const steps = st.steps.map((n) => this.use(n).id);
    this.flows.push({ name: st.name?.value ?? '', steps, span: st.span });
  }

  private checkUnused(): void {
    const text = this.doc.text;
    for (const p of this.participants) {
      if (!p.declared || p.references.length > 0 || !p.declaration) continue;
      const line = lineOfOffset(this.lineStarts, p.declaration.span.offset);
      let start = this.lineStarts[line];
      let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : text.length;
      // Between a lone CR before the line and an LF after it, removing the line with its break
      // would join the two into one CRLF and take a second line: remove the CR before it instead.
      if (text.charCodeAt(start - 1) === 13 && text.charCodeAt(end) === 10) [start, end] = [start - 1, lineContentEnd(text, this.lineStarts, line)];
      this.report('unused-participant', p.declaration.name.span, `"${p.id}" is declared but never used: remove the declaration, or use it in a message.`, {
        tags: ['unnecessary'],
        data: { kind: 'unused-participant', lineSpan: { offset: start, length: end - start } },
      });
    }
  }

  private checkRelated(): void {
    const exists = this.options.fileExists;
    if (!exists) return;
    for (const r of this.meta.related) {
      let ok = false;
      try {
        ok = exists(r.path);
      } catch {
        ok = false;
      }
      if (!ok) this.report('missing-related', r.span, `The related file "${r.path}" does not exist: fix the path (it is relative to this file) or remove the line.`);
    }
  }
}

/** Builds one sequence's items; the implicit sequence gets the top-level statements one by one. */
class SequenceBuilder {
  readonly items: Item[] = [];
  private readonly used = new Set<MutableParticipant>();
  private readonly state: FlowState;
  private readonly numbering: Numbering = { on: false, next: 1, step: 1 };
  private readonly seqMeta: { purpose?: string; trigger?: string; outcome?: string; scenario?: string } = {};
  private lastMessage: StatementMessageItem | undefined;
  private readonly name: string;

  constructor(
    private readonly m: ModelBuilder,
    readonly statement: SequenceStatement | undefined,
    /** The `create` statements of this sequence, by participant (v2). */
    private readonly createOf: ReadonlyMap<string, CreateStatement>,
  ) {
    this.name = statement?.name?.value ?? '';
    const creation: CreationState = { uncreated: new Set(createOf.keys()), pending: new Map() };
    this.state = { active: new Map(), activeList: EMPTY, destroyed: new Set(), pendingDestroy: new Map(), creation };
  }

  addAll(statements: readonly Statement[]): void {
    this.lastMessage = undefined;
    this.build(statements, this.items, this.state);
  }

  /** Adds one top-level statement to the implicit sequence; returns true when it is sequence content. */
  addTopLevel(st: Statement): boolean {
    const before = this.items.length;
    this.buildOne(st, this.items, this.state);
    return this.items.length > before || st.type === 'takes' || st.type === 'timeout' || st.type === 'autonumber' ||
      (st.type === 'metadata' && ['purpose', 'trigger', 'outcome', 'scenario'].includes(st.key));
  }

  /** Forgets the message a following `takes`/`timeout` would attach to. */
  finishTiming(): void {
    this.lastMessage = undefined;
  }

  /**
   * Builds items from statements with an explicit stack of frames (a list being read, or a
   * fragment going through its branches), so that deeply nested fragments cannot overflow
   * the call stack.
   */
  private build(statements: readonly Statement[], into: Item[], state: FlowState): void {
    const stack: BuildFrame[] = [{ kind: 'list', statements, i: 0, into, state }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.kind === 'list') {
        if (frame.i >= frame.statements.length) {
          stack.pop();
          continue;
        }
        const st = frame.statements[frame.i++];
        if (st.type === 'fragment') {
          this.lastMessage = undefined;
          stack.push({ kind: 'fragment', st, into: frame.into, state: frame.state, start: cloneState(frame.state), next: 0, branches: [], firstEnd: undefined });
        } else {
          this.buildOne(st, frame.into, frame.state);
        }
        continue;
      }
      // A fragment: each branch starts from the state at the block's start; afterwards the state is the first branch's.
      if (frame.next === 1) frame.firstEnd = cloneState(frame.state);
      this.lastMessage = undefined;
      if (frame.next < frame.st.branches.length) {
        const b = frame.st.branches[frame.next];
        const branchState = frame.next === 0 ? frame.state : cloneState(frame.start);
        const items: Item[] = [];
        frame.branches.push({ keyword: b.keyword, condition: b.condition?.value ?? '', span: b.span, items });
        frame.next++;
        stack.push({ kind: 'list', statements: b.statements, i: 0, into: items, state: branchState });
        continue;
      }
      stack.pop();
      if (frame.firstEnd) Object.assign(frame.state, frame.firstEnd);
      frame.into.push({ type: 'fragment', kind: frame.st.kind, branches: frame.branches, endSpan: frame.st.endSpan, span: frame.st.span, activeAfter: frame.state.activeList });
    }
  }

  private buildOne(st: Statement, into: Item[], state: FlowState): void {
    if (st.type !== 'takes' && st.type !== 'timeout') this.lastMessage = undefined;
    switch (st.type) {
      case 'title':
        return this.m.setTitle(st);
      case 'metadata':
        if (st.key === 'purpose' || st.key === 'trigger' || st.key === 'outcome' || st.key === 'scenario') {
          this.seqMeta[st.key] = st.value.value;
          return;
        }
        return this.m.metadata(st);
      case 'participant':
        return; // collected in pass 1
      case 'flow':
        return this.m.flow(st);
      case 'sequence':
        return; // top-level only, handled by the model builder
      case 'message':
        return this.message(st, into, state);
      case 'takes':
      case 'timeout':
        return this.timing(st);
      case 'activate':
      case 'deactivate': {
        const p = this.useName(st.name);
        if (st.type === 'activate') this.activate(state, p.id);
        else this.deactivate(state, p.id, st.name.span);
        into.push({ type: st.type, participant: p.id, span: st.span, activeAfter: state.activeList });
        return;
      }
      case 'destroy': {
        const p = this.useName(st.name);
        const item: Mutable<DestroyItem> = { type: 'destroy', participant: p.id, immediate: true, span: st.span, activeAfter: state.activeList };
        state.pendingDestroy.set(p.id, item);
        into.push(item);
        return;
      }
      case 'note': {
        const ids = st.targets.map((t) => this.useName(t).id);
        into.push({ type: 'note', position: st.position, participants: ids, text: st.text?.value ?? '', span: st.span, activeAfter: state.activeList });
        return;
      }
      case 'divider':
        into.push({ type: 'divider', text: st.text?.value ?? '', span: st.span, activeAfter: state.activeList });
        return;
      case 'delay':
        into.push({ type: 'delay', text: st.text?.value ?? '', span: st.span, activeAfter: state.activeList });
        return;
      case 'autonumber':
        return this.autonumber(st);
      case 'box':
        return; // collected in pass 1
      case 'create':
        if (st.declaration) this.used.add(this.m.participant(st.name.value)!);
        else this.useName(st.name);
        state.creation.pending.set(st.name.value, st);
        return;
      case 'ref': {
        const ids = st.targets.map((t) => this.useName(t).id);
        into.push({ type: 'ref', participants: ids, text: st.text.value, statement: st, span: st.span, activeAfter: state.activeList });
        return;
      }
      case 'fragment':
        return this.build([st], into, state);
    }
  }

  private useName(name: NameNode): MutableParticipant {
    const p = this.m.use(name);
    this.used.add(p);
    return p;
  }

  /** `autonumber [start [step]]` restarts; `off` stops; `resume [step]` goes on from the next number. */
  private autonumber(st: Statement & { type: 'autonumber' }): void {
    const n = this.numbering;
    n.on = st.mode !== 'off';
    if (st.mode === 'on') n.next = st.start ?? 1;
    if (st.step !== undefined) n.step = st.step;
    else if (st.mode === 'on') n.step = 1;
  }

  private message(st: MessageStatement, into: Item[], state: FlowState): void {
    const from = isEdge(st.from) ? undefined : this.useName(st.from);
    const to = isEdge(st.to) ? undefined : this.useName(st.to);
    if (!from || !to) return this.edgeMessage(st, from ?? to!, into, state);
    from.messageCount++;
    if (to !== from) to.messageCount++;
    const creates = creationOf(state.creation, st, from.id, to.id, this.createOf, this.m);
    if (state.destroyed.size > 0) {
      this.destroyedUse(state, from, st.from);
      this.destroyedUse(state, to, st.to);
    }
    // Lifelines whose pending `destroy` this message carries out (no list when none is pending).
    let destroys: string[] | undefined;
    if (state.pendingDestroy.size > 0) {
      destroys = [];
      this.carryOutDestroy(state, from.id, destroys);
      if (to !== from) this.carryOutDestroy(state, to.id, destroys);
    }
    if (st.activation === '+') this.activate(state, to.id);
    if (st.activation === '-') this.deactivate(state, from.id, activationSpanOf(st) ?? arrowSpanOf(st));
    for (const id of destroys ?? EMPTY) {
      state.destroyed.add(id);
      if (state.active.has(id)) {
        state.active.delete(id);
        this.refreshActive(state);
      }
    }
    const item = new StatementMessageItem(st, this.nextNumber(), state.activeList, destroys ?? EMPTY, creates);
    into.push(item);
    this.lastMessage = item;
  }

  private nextNumber(): number | undefined {
    const n = this.numbering;
    if (!n.on) return undefined;
    const number = n.next;
    n.next += n.step;
    return number;
  }

  /** A message from or to the diagram's edge (v2): the participant end is checked as in any message. */
  private edgeMessage(st: MessageStatement, p: MutableParticipant, into: Item[], state: FlowState): void {
    p.messageCount++;
    const edge = isEdge(st.from) ? st.from.value : st.to.value;
    const creates = creationOf(state.creation, st, isEdge(st.from) ? edge : p.id, isEdge(st.to) ? edge : p.id, this.createOf, this.m);
    if (state.destroyed.size > 0) this.destroyedUse(state, p, isEdge(st.from) ? st.to : st.from);
    let destroys: string[] | undefined;
    if (state.pendingDestroy.size > 0) {
      destroys = [];
      this.carryOutDestroy(state, p.id, destroys);
    }
    if (st.activation === '+') this.activate(state, p.id);
    if (st.activation === '-') this.deactivate(state, p.id, activationSpanOf(st) ?? arrowSpanOf(st));
    for (const id of destroys ?? EMPTY) {
      state.destroyed.add(id);
      if (state.active.delete(id)) this.refreshActive(state);
    }
    const item = new StatementMessageItem(st, this.nextNumber(), state.activeList, destroys ?? EMPTY, creates);
    into.push(item);
    this.lastMessage = item;
  }

  private destroyedUse(state: FlowState, p: MutableParticipant, node: NameNode): void {
    if (state.destroyed.has(p.id)) {
      this.m.report('destroyed-participant', node.span, `"${p.id}" was destroyed above: remove this message, or move the \`destroy\` below it.`);
    }
  }

  private carryOutDestroy(state: FlowState, id: string, destroys: string[]): void {
    const pending = state.pendingDestroy.get(id);
    if (pending) {
      pending.immediate = false;
      state.pendingDestroy.delete(id);
      destroys.push(id);
    }
  }

  private timing(st: Statement & { type: 'takes' | 'timeout' }): void {
    const target = this.lastMessage;
    if (!target) {
      this.m.report('dangling-timing', st.keywordSpan, `\`${st.type}\` applies to the message right above it: move it under a message.`);
      return;
    }
    if (!st.duration) return; // invalid-duration already reported
    const duration: Duration = { ms: st.duration.ms, text: st.duration.text };
    if (st.type === 'takes') {
      if (target.takes) {
        this.m.report('duplicate-timing', st.keywordSpan, 'This message already has a `takes`: keep one (this one is ignored).');
        return;
      }
      target.takes = duration;
    } else {
      if (target.timeout) {
        this.m.report('duplicate-timing', st.keywordSpan, 'This message already has a `timeout`: keep one (this one is ignored).');
        return;
      }
      target.timeout = { duration, action: st.action?.value };
    }
  }

  private activate(state: FlowState, id: string): void {
    state.active.set(id, (state.active.get(id) ?? 0) + 1);
    this.refreshActive(state);
  }

  private deactivate(state: FlowState, id: string, span: Span): void {
    const n = state.active.get(id) ?? 0;
    if (n === 0) {
      this.m.report('inactive-deactivation', span, `"${id}" is not active here: remove this deactivation, or activate it first (\`+\` before a message's target, or \`activate ${formatName(id)}\`).`);
      return;
    }
    if (n === 1) state.active.delete(id);
    else state.active.set(id, n - 1);
    this.refreshActive(state);
  }

  private refreshActive(state: FlowState): void {
    const ids = [...state.active.keys()];
    ids.sort((a, b) => this.m.indexOf(a) - this.m.indexOf(b));
    state.activeList = ids;
  }

  toSequence(fallbackName: string): Sequence {
    const st = this.statement;
    const lifelines = this.m.lifelinesFor(this.used, st === undefined);
    const within = st?.within ? { ms: st.within.ms, text: st.within.text } : undefined;
    const name = st ? this.name : fallbackName;
    for (const p of this.used) p.sequences.push(name);
    return {
      name,
      implicit: !st,
      statement: st,
      span: st ? st.span : { offset: 0, length: this.m.textLength() },
      within,
      ...this.seqMeta,
      items: this.items,
      lifelines,
      criticalPath: { ms: 0, steps: [], path: [] }, // set by finishTiming, once refs are resolved
    };
  }
}

type BuildFrame =
  | { kind: 'list'; statements: readonly Statement[]; i: number; into: Item[]; state: FlowState }
  | {
      kind: 'fragment';
      st: FragmentStatement;
      into: Item[];
      state: FlowState;
      start: FlowState;
      /** The next branch to build. */
      next: number;
      branches: FragmentBranch[];
      firstEnd: FlowState | undefined;
    };

function cloneState(s: FlowState): FlowState {
  return {
    active: new Map(s.active),
    activeList: s.activeList,
    destroyed: new Set(s.destroyed),
    pendingDestroy: new Map(s.pendingDestroy),
    creation: cloneCreation(s.creation),
  };
}

export function buildModel(doc: SeqDocument, options: ModelOptions = {}): { model: Model; diagnostics: Diagnostic[] } {
  return new ModelBuilder(doc, options).build();
}
