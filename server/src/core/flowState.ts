/**
 * Activation, destruction and creation (v2) as a sequence's walk sees them. One mutable state per
 * sequence; a fragment with several branches takes each branch back to the block's start by
 * undoing what the branch changed (a journal), never by copying the state, so 20,000 nested
 * fragments or 20,000 activations stay linear. (Numbering runs through branches in source
 * order, v2: it is the builder's, not the path's.)
 */
import type { CreationState } from './creation';
import type { ActivationChange, DestroyItem } from './model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One change, with what it replaced: enough to undo it and to do it again. */
type Change =
  | { readonly kind: 'count'; readonly id: string; readonly before: number; readonly after: number }
  | { readonly kind: 'destroyed'; readonly id: string }
  | {
      readonly kind: 'pending';
      readonly id: string;
      readonly before: Mutable<DestroyItem> | undefined;
      readonly after: Mutable<DestroyItem> | undefined;
    }
  | { readonly kind: 'create-read'; readonly id: string }
  | { readonly kind: 'created'; readonly id: string; readonly wasRead: boolean; readonly wasUncreated: boolean };

export const NO_CHANGES: readonly ActivationChange[] = [];

export class FlowState implements CreationState {
  /** Activation levels per participant (absent when not active). */
  private readonly counts = new Map<string, number>();
  private readonly destroyed = new Set<string>();
  /** `destroy` statements waiting for the next message that involves their participant. */
  private readonly pending = new Map<string, Mutable<DestroyItem>>();
  /** Participants this sequence creates (v2) that are not created yet on this path. */
  private readonly uncreated: Set<string>;
  /** Those whose `create` has been read on this path: the next message to them creates them. */
  private readonly createRead = new Set<string>();
  /** Changes made since the outermost open mark (none are kept while no fragment is open). */
  private readonly journal: Change[] = [];
  private open = 0;

  constructor(uncreated: Iterable<string> = []) {
    this.uncreated = new Set(uncreated);
  }

  levelOf(id: string): number {
    return this.counts.get(id) ?? 0;
  }

  isDestroyed(id: string): boolean {
    return this.destroyed.size > 0 && this.destroyed.has(id);
  }

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  pendingOf(id: string): Mutable<DestroyItem> | undefined {
    return this.pending.get(id);
  }

  setPending(id: string, item: Mutable<DestroyItem> | undefined): void {
    const before = this.pending.get(id);
    this.applyPending(id, item);
    if (this.open > 0) this.journal.push({ kind: 'pending', id, before, after: item });
  }

  hasUncreated(): boolean {
    return this.uncreated.size > 0;
  }

  isUncreated(id: string): boolean {
    return this.uncreated.has(id);
  }

  isCreateRead(id: string): boolean {
    return this.createRead.has(id);
  }

  /** `create id` is read: the next message to `id` creates it. */
  readCreate(id: string): void {
    if (this.createRead.has(id)) return;
    this.createRead.add(id);
    if (this.open > 0) this.journal.push({ kind: 'create-read', id });
  }

  /** `id` is created by the message being read. */
  created(id: string): void {
    const wasRead = this.createRead.delete(id);
    const wasUncreated = this.uncreated.delete(id);
    if (this.open > 0 && (wasRead || wasUncreated)) this.journal.push({ kind: 'created', id, wasRead, wasUncreated });
  }

  /** One level more for `id`; returns the change. */
  activate(id: string): ActivationChange {
    this.setCount(id, this.levelOf(id) + 1);
    return { participant: id, by: 1 };
  }

  /** One level fewer; undefined (and no change) when `id` is not active. */
  deactivate(id: string): ActivationChange | undefined {
    const n = this.levelOf(id);
    if (n === 0) return undefined;
    this.setCount(id, n - 1);
    return { participant: id, by: -1 };
  }

  /** The lifeline ends: every level of its activation goes (undefined when it had none). */
  destroy(id: string): ActivationChange | undefined {
    if (!this.destroyed.has(id)) {
      this.destroyed.add(id);
      if (this.open > 0) this.journal.push({ kind: 'destroyed', id });
    }
    const n = this.levelOf(id);
    if (n === 0) return undefined;
    this.setCount(id, 0);
    return { participant: id, by: -n };
  }

  /** Starts recording changes (a fragment with several branches opens); returns where its branches start. */
  mark(): number {
    this.open++;
    return this.journal.length;
  }

  /**
   * Undoes every change since `mark`: returns them (to redo later) and the activation changes
   * they had made, per participant (what takes the state from the mark to where it was).
   */
  rollback(mark: number): { redo: Change[]; net: ActivationChange[] } {
    const redo = this.journal.slice(mark);
    const endLevels = new Map<string, number>();
    for (let k = redo.length - 1; k >= 0; k--) {
      const c = redo[k];
      if (c.kind === 'count') {
        if (!endLevels.has(c.id)) endLevels.set(c.id, c.after);
        this.applyCount(c.id, c.before);
      } else this.undo(c);
    }
    this.journal.length = mark;
    const net: ActivationChange[] = [];
    for (const [id, after] of endLevels) if (after !== this.levelOf(id)) net.push({ participant: id, by: after - this.levelOf(id) });
    return { redo, net };
  }

  /** Does again what `rollback` undid (the first branch's changes, after the last branch). */
  redo(changes: readonly Change[]): void {
    for (const c of changes) {
      if (c.kind === 'count') this.applyCount(c.id, c.after);
      else if (c.kind === 'destroyed') this.destroyed.add(c.id);
      else if (c.kind === 'pending') this.applyPending(c.id, c.after);
      else if (c.kind === 'create-read') this.createRead.add(c.id);
      else {
        this.createRead.delete(c.id);
        this.uncreated.delete(c.id);
      }
      if (this.open > 0) this.journal.push(c);
    }
  }

  /** Ends a `mark`; the journal empties when no fragment is open. */
  close(): void {
    this.open--;
    if (this.open === 0) this.journal.length = 0;
  }

  /** Undoes one change other than a count. */
  private undo(c: Exclude<Change, { kind: 'count' }>): void {
    if (c.kind === 'destroyed') this.destroyed.delete(c.id);
    else if (c.kind === 'pending') this.applyPending(c.id, c.before);
    else if (c.kind === 'create-read') this.createRead.delete(c.id);
    else {
      if (c.wasRead) this.createRead.add(c.id);
      if (c.wasUncreated) this.uncreated.add(c.id);
    }
  }

  private setCount(id: string, after: number): void {
    const before = this.levelOf(id);
    this.applyCount(id, after);
    if (this.open > 0) this.journal.push({ kind: 'count', id, before, after });
  }

  private applyCount(id: string, n: number): void {
    if (n === 0) this.counts.delete(id);
    else this.counts.set(id, n);
  }

  private applyPending(id: string, item: Mutable<DestroyItem> | undefined): void {
    if (item) this.pending.set(id, item);
    else this.pending.delete(id);
  }
}

/** Changes that undo `changes`. */
export function inverse(changes: readonly ActivationChange[]): ActivationChange[] {
  return changes.map((c) => ({ participant: c.participant, by: -c.by }));
}

/** Two lists of changes as one, one entry per participant (zero sums dropped). */
export function combine(a: readonly ActivationChange[], b: readonly ActivationChange[]): readonly ActivationChange[] {
  if (a.length === 0) return b.length === 0 ? NO_CHANGES : b;
  if (b.length === 0) return a;
  const sum = new Map<string, number>();
  for (const c of [...a, ...b]) sum.set(c.participant, (sum.get(c.participant) ?? 0) + c.by);
  const out: ActivationChange[] = [];
  for (const [participant, by] of sum) if (by !== 0) out.push({ participant, by });
  return out.length === 0 ? NO_CHANGES : out;
}
