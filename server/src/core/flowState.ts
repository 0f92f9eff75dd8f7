/**
 * Activation, destruction and creation (v2) as a sequence's walk sees them. One state per
 * sequence, kept as versions of an immutable vector: a fragment's branches each start from
 * the block's start version, and after `end` the walk goes on from the first branch's end
 * version, both taken back in constant time. Nothing is undone or redone, so fragments nested
 * thousands deep stay linear whatever their branches change. (Numbering runs through branches
 * in source order, v2: it is the builder's, not the path's.)
 */
import type { CreationState } from './creation';
import type { ActivationChange, DestroyItem } from './model';
import { emptyVector, forEachDifference, getAt, setAt, type PersistentVector } from './persistentVector';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One participant's state on the path; never changed in place (versions share it). */
interface Entry {
  /** Activation level (0: not active). */
  readonly count: number;
  readonly destroyed: boolean;
  /** A `destroy` waiting for the next message that involves the participant. */
  readonly pending: Mutable<DestroyItem> | undefined;
  /** Created in this sequence (v2) and not created yet on this path. */
  readonly uncreated: boolean;
  /** Its `create` has been read on this path: the next message to it creates it. */
  readonly createRead: boolean;
}

const NOTHING: Entry = { count: 0, destroyed: false, pending: undefined, uncreated: false, createRead: false };

/** The state at one point of the walk: keep it to come back to it. */
export interface FlowVersion {
  readonly entries: PersistentVector<Entry>;
  /** How many participants are destroyed, have a pending `destroy`, are not created yet (fast paths). */
  readonly destroyed: number;
  readonly pending: number;
  readonly uncreated: number;
}

export const NO_CHANGES: readonly ActivationChange[] = [];

export class FlowState implements CreationState {
  /** Participant ids by index and back (an index is never taken back). */
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private now: FlowVersion = { entries: emptyVector(), destroyed: 0, pending: 0, uncreated: 0 };

  constructor(uncreated: Iterable<string> = []) {
    for (const id of uncreated) this.update(id, { uncreated: true });
  }

  /** The current version, to `restore` later. */
  version(): FlowVersion {
    return this.now;
  }

  restore(v: FlowVersion): void {
    this.now = v;
  }

  /** The activation changes that take the state from `from` to `to`, one per participant. */
  changesBetween(from: FlowVersion, to: FlowVersion): readonly ActivationChange[] {
    const out: ActivationChange[] = [];
    forEachDifference(from.entries, to.entries, (index, a, b) => {
      const by = (b?.count ?? 0) - (a?.count ?? 0);
      if (by !== 0) out.push({ participant: this.ids[index], by });
    });
    return out.length === 0 ? NO_CHANGES : out;
  }

  levelOf(id: string): number {
    return this.entry(id).count;
  }

  isDestroyed(id: string): boolean {
    return this.now.destroyed > 0 && this.entry(id).destroyed;
  }

  hasPending(): boolean {
    return this.now.pending > 0;
  }

  pendingOf(id: string): Mutable<DestroyItem> | undefined {
    return this.now.pending > 0 ? this.entry(id).pending : undefined;
  }

  setPending(id: string, item: Mutable<DestroyItem> | undefined): void {
    this.update(id, { pending: item });
  }

  hasUncreated(): boolean {
    return this.now.uncreated > 0;
  }

  isUncreated(id: string): boolean {
    return this.now.uncreated > 0 && this.entry(id).uncreated;
  }

  isCreateRead(id: string): boolean {
    return this.entry(id).createRead;
  }

  /** `create id` is read: the next message to `id` creates it. */
  readCreate(id: string): void {
    if (!this.entry(id).createRead) this.update(id, { createRead: true });
  }

  /** `id` is created by the message being read. */
  created(id: string): void {
    const e = this.entry(id);
    if (e.createRead || e.uncreated) this.update(id, { createRead: false, uncreated: false });
  }

  /** One level more for `id`; returns the change. */
  activate(id: string): ActivationChange {
    this.update(id, { count: this.levelOf(id) + 1 });
    return { participant: id, by: 1 };
  }

  /** One level fewer; undefined (and no change) when `id` is not active. */
  deactivate(id: string): ActivationChange | undefined {
    const n = this.levelOf(id);
    if (n === 0) return undefined;
    this.update(id, { count: n - 1 });
    return { participant: id, by: -1 };
  }

  /** The lifeline ends: every level of its activation goes (undefined when it had none). */
  destroy(id: string): ActivationChange | undefined {
    const n = this.levelOf(id);
    if (!this.entry(id).destroyed || n > 0) this.update(id, { destroyed: true, count: 0 });
    return n === 0 ? undefined : { participant: id, by: -n };
  }

  private entry(id: string): Entry {
    const index = this.indexOf.get(id);
    return (index === undefined ? undefined : getAt(this.now.entries, index)) ?? NOTHING;
  }

  private update(id: string, change: Partial<Entry>): void {
    let index = this.indexOf.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.indexOf.set(id, index);
      this.ids.push(id);
    }
    const before = getAt(this.now.entries, index) ?? NOTHING;
    const after: Entry = { ...before, ...change };
    const was = this.now;
    const counted = (key: 'destroyed' | 'uncreated') => was[key] + Number(after[key]) - Number(before[key]);
    this.now = {
      entries: setAt(was.entries, index, after),
      destroyed: counted('destroyed'),
      uncreated: counted('uncreated'),
      pending: was.pending + Number(after.pending !== undefined) - Number(before.pending !== undefined),
    };
  }
}

/** A list of changes computed when first read (a fragment's and its branches': most are never read by `check`). */
export function lazyChanges<T extends object>(
  target: T,
  compute: () => readonly ActivationChange[],
): T & { readonly activations: readonly ActivationChange[] } {
  let value: readonly ActivationChange[] | undefined;
  return Object.defineProperty(target, 'activations', {
    enumerable: true,
    get: () => (value ??= compute()),
  }) as T & { readonly activations: readonly ActivationChange[] };
}
