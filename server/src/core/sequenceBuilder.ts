/**
 * Builds one sequence's items from its statements: activation, destruction, creation (v2) and
 * timing are tracked here per sequence and per branch, numbering per sequence in source
 * order, and each is reported when misused.
 */
import type { CreateStatement, FragmentStatement, MessageStatement, NameNode, SequenceStatement, Statement } from './ast';
import { isEdge } from './ast';
import type { Span } from './diagnostics';
import { FlowState, lazyChanges, NO_CHANGES, type FlowVersion } from './flowState';
import type { ActivationChange, DestroyItem, Duration, FragmentBranch, Item, Sequence } from './model';
import { creationOf } from './creation';
import type { ModelBuilder, Mutable, MutableParticipant } from './modelBuilder';
import { formatName } from './names';
import { StatementMessageItem } from './messageItem';
import { activationSpanOf, arrowSpanOf } from './nodes';

/** Autonumber (v2): one counter per sequence, running through every branch in source order. */
interface Numbering {
  on: boolean;
  next: number;
  step: number;
}

const EMPTY: readonly string[] = [];

/** Builds one sequence's items; the implicit sequence gets the top-level statements one by one. */
export class SequenceBuilder {
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
    this.state = new FlowState(createOf.keys());
  }

  addAll(statements: readonly Statement[]): void {
    this.lastMessage = undefined;
    this.build(statements, this.items, this.state);
  }

  /** Adds one top-level statement to the implicit sequence; returns true when it is sequence content. */
  addTopLevel(st: Statement): boolean {
    const before = this.items.length;
    this.buildOne(st, this.items, this.state);
    return (
      this.items.length > before ||
      st.type === 'takes' ||
      st.type === 'timeout' ||
      st.type === 'autonumber' ||
      (st.type === 'metadata' && ['purpose', 'trigger', 'outcome', 'scenario'].includes(st.key))
    );
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
          const start = frame.state.version();
          stack.push({ kind: 'fragment', st, into: frame.into, state: frame.state, start, next: 0, branches: [], firstEnd: start });
        } else {
          this.buildOne(st, frame.into, frame.state);
        }
        continue;
      }
      // A fragment: each branch starts from the state at the block's start; afterwards the state
      // is the first branch's. Numbering goes on (v2). The changes items carry for the layout
      // are computed from the versions when read.
      const state = frame.state;
      const { start } = frame;
      const end = state.version();
      if (frame.next === 1) frame.firstEnd = end;
      this.lastMessage = undefined;
      if (frame.next < frame.st.branches.length) {
        const b = frame.st.branches[frame.next];
        const items: Item[] = [];
        const branch = { keyword: b.keyword, condition: b.condition?.value ?? '', span: b.span, items };
        frame.branches.push(
          frame.next === 0 ? { ...branch, activations: NO_CHANGES } : lazyChanges(branch, () => state.changesBetween(end, start)),
        );
        state.restore(start);
        frame.next++;
        stack.push({ kind: 'list', statements: b.statements, i: 0, into: items, state });
        continue;
      }
      stack.pop();
      const { firstEnd } = frame;
      state.restore(firstEnd);
      const item = {
        type: 'fragment' as const,
        kind: frame.st.kind,
        branches: frame.branches,
        endSpan: frame.st.endSpan,
        span: frame.st.span,
      };
      frame.into.push(
        frame.branches.length > 1 ? lazyChanges(item, () => state.changesBetween(end, firstEnd)) : { ...item, activations: NO_CHANGES },
      );
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
        const change = st.type === 'activate' ? state.activate(p.id) : this.deactivate(state, p.id, st.name.span);
        into.push({ type: st.type, participant: p.id, span: st.span, activations: change ? [change] : NO_CHANGES });
        return;
      }
      case 'destroy': {
        const p = this.useName(st.name);
        const item: Mutable<DestroyItem> = { type: 'destroy', participant: p.id, immediate: true, span: st.span, activations: NO_CHANGES };
        state.setPending(p.id, item);
        into.push(item);
        return;
      }
      case 'note': {
        const ids = st.targets.map((t) => this.useName(t).id);
        into.push({
          type: 'note',
          position: st.position,
          participants: ids,
          text: st.text?.value ?? '',
          span: st.span,
          activations: NO_CHANGES,
        });
        return;
      }
      case 'divider':
        into.push({ type: 'divider', text: st.text?.value ?? '', span: st.span, activations: NO_CHANGES });
        return;
      case 'delay':
        into.push({ type: 'delay', text: st.text?.value ?? '', span: st.span, activations: NO_CHANGES });
        return;
      case 'autonumber':
        return this.autonumber(st);
      case 'box':
        return; // collected in pass 1
      case 'create':
        if (st.declaration) this.used.add(this.m.participant(st.name.value)!);
        else this.useName(st.name);
        state.readCreate(st.name.value);
        return;
      case 'ref': {
        const ids = st.targets.map((t) => this.useName(t).id);
        into.push({ type: 'ref', participants: ids, text: st.text.value, statement: st, span: st.span, activations: NO_CHANGES });
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

  /** A message; either end may be the diagram's edge (v2), which is no participant and is never checked. */
  private message(st: MessageStatement, into: Item[], state: FlowState): void {
    const from = isEdge(st.from) ? undefined : this.useName(st.from);
    const to = isEdge(st.to) ? undefined : this.useName(st.to);
    if (from) from.messageCount++;
    if (to && to !== from) to.messageCount++;
    const creates = creationOf(state, st, from?.id ?? st.from.value, to?.id ?? st.to.value, this.createOf, this.m);
    if (from) this.destroyedUse(state, from, st.from);
    if (to) this.destroyedUse(state, to, st.to);
    // Lifelines whose pending `destroy` this message carries out (no list when none is pending).
    let destroys: string[] | undefined;
    if (state.hasPending()) {
      destroys = [];
      if (from) this.carryOutDestroy(state, from.id, destroys);
      if (to && to !== from) this.carryOutDestroy(state, to.id, destroys);
    }
    let activations: ActivationChange[] | undefined;
    const change =
      st.activation === '+' && to
        ? state.activate(to.id)
        : st.activation === '-' && from
          ? this.deactivate(state, from.id, activationSpanOf(st) ?? arrowSpanOf(st))
          : undefined;
    if (change) activations = [change];
    for (const id of destroys ?? EMPTY) {
      const ended = state.destroy(id);
      if (ended) (activations ??= []).push(ended);
    }
    const item = new StatementMessageItem(st, this.nextNumber(), activations ?? NO_CHANGES, destroys ?? EMPTY, creates);
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

  private destroyedUse(state: FlowState, p: MutableParticipant, node: NameNode): void {
    if (state.isDestroyed(p.id)) {
      this.m.report(
        'destroyed-participant',
        node.span,
        `"${p.id}" was destroyed above: remove this message, or move the \`destroy\` below it.`,
      );
    }
  }

  private carryOutDestroy(state: FlowState, id: string, destroys: string[]): void {
    const pending = state.pendingOf(id);
    if (pending) {
      pending.immediate = false;
      state.setPending(id, undefined);
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

  /** One level fewer, or `inactive-deactivation` when `id` is not active here. */
  private deactivate(state: FlowState, id: string, span: Span): ActivationChange | undefined {
    const change = state.deactivate(id);
    if (!change) {
      this.m.report(
        'inactive-deactivation',
        span,
        `"${id}" is not active here: remove this deactivation, or activate it first (\`+\` before a message's target, or \`activate ${formatName(id)}\`).`,
      );
    }
    return change;
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
      /** The state at the block's start (each branch starts there) and at the end of its first branch (where the walk goes on after `end`). */
      start: FlowVersion;
      firstEnd: FlowVersion;
      /** The next branch to build. */
      next: number;
      branches: FragmentBranch[];
    };
