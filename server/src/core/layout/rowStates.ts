/**
 * What the lifelines look like as the layout walks down: activation levels, ended and unborn
 * lifelines, the frames around the current row. Rows with equal state share one interned object.
 */
import type { ActivationChange } from '../model';
import type { FrameSpec } from './solver';
import type { RowState } from './types';

/** A set the walk replaces instead of changing (rows share it), with an id for the state's key. */
interface Shared<T> {
  readonly value: T;
  readonly id: number;
}

/** The ended and unborn lifelines at a point of the walk: what each branch of a fragment starts from. */
export interface Lifetimes {
  readonly ended: Shared<ReadonlySet<number>>;
  readonly unborn: Shared<ReadonlySet<number>>;
}

export class RowStates {
  /** Activation levels by lifeline index, changed as the items say (absent: not active). */
  private readonly levels = new Map<number, number>();
  /** The active lifelines' key, while it is known. */
  private activeKey: string | undefined = '';
  private ended: Shared<ReadonlySet<number>> = { value: new Set(), id: 0 };
  /** Created lifelines (v2) whose creating message is still below: their column stays empty. */
  private unborn: Shared<ReadonlySet<number>>;
  private readonly frameStack: FrameSpec[] = [];
  /** The frames around the current row, shared by its states (one array per nesting, not per row). */
  private readonly framesNow: Shared<readonly FrameSpec[]>[] = [{ value: [], id: 0 }];
  private nextShared = 1;
  private readonly cache = new Map<string, RowState>();
  private current: RowState | undefined;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    unborn: Iterable<number>,
  ) {
    this.unborn = { value: new Set(unborn), id: -1 };
  }

  /** How many frames are open around the current row. */
  get depth(): number {
    return this.frameStack.length;
  }

  isEnded(i: number): boolean {
    return this.ended.value.has(i);
  }

  isUnborn(i: number): boolean {
    return this.unborn.value.has(i);
  }

  /** The state of the current row. */
  state(): RowState {
    if (this.current) return this.current;
    const active = [...this.levels.keys()].sort((x, y) => x - y);
    this.activeKey ??= active.join(',');
    return (this.current = this.intern(active, this.activeKey));
  }

  /** The state of a row where an item happens: active before or after it. */
  eventState(changes: readonly ActivationChange[]): RowState {
    let union: Set<number> | undefined;
    for (const c of changes) {
      const i = this.index.get(c.participant);
      if (i !== undefined && c.by > 0 && !this.levels.has(i)) (union ??= new Set(this.levels.keys())).add(i);
    }
    if (!union) return this.state();
    const active = [...union].sort((x, y) => x - y);
    return this.intern(active, active.join(','));
  }

  /** Applies an item's activation changes (levels never go below zero: a hand-made model may say anything). */
  apply(changes: readonly ActivationChange[]): void {
    for (const c of changes) {
      const i = this.index.get(c.participant);
      if (i === undefined || !Number.isFinite(c.by) || c.by === 0) continue;
      const before = this.levels.get(i) ?? 0;
      const after = Math.max(0, before + c.by);
      if (after === 0) this.levels.delete(i);
      else this.levels.set(i, after);
      if ((before === 0) !== (after === 0)) {
        this.activeKey = undefined;
        this.current = undefined;
      }
    }
  }

  end(lifelines: readonly number[]): void {
    const set = new Set(this.ended.value);
    for (const i of lifelines) set.add(i);
    this.ended = { value: set, id: this.nextShared++ };
    this.current = undefined;
  }

  /** A created lifeline (v2) is drawn from its creating message down. */
  born(i: number): void {
    if (!this.unborn.value.has(i)) return;
    const unborn = new Set(this.unborn.value);
    unborn.delete(i);
    this.unborn = { value: unborn, id: this.nextShared++ };
    this.current = undefined;
  }

  lifetimes(): Lifetimes {
    return { ended: this.ended, unborn: this.unborn };
  }

  /** Back to a saved point: a fragment's branches each start from the block's start. */
  restore(saved: Lifetimes): void {
    this.ended = saved.ended;
    this.unborn = saved.unborn;
    this.current = undefined;
  }

  pushFrame(frame: FrameSpec): void {
    this.frameStack.push(frame);
    this.framesNow.push({ value: this.frameStack.slice(), id: this.nextShared++ });
    this.current = undefined;
  }

  popFrame(): void {
    this.frameStack.pop();
    this.framesNow.pop();
    this.current = undefined;
  }

  private intern(active: readonly number[], activeKey: string): RowState {
    const frames = this.framesNow[this.framesNow.length - 1];
    const key = `${activeKey};${this.ended.id};${frames.id};${this.unborn.id}`;
    let s = this.cache.get(key);
    if (!s) {
      s = { active: new Set(active), ended: this.ended.value, frames: frames.value, unborn: this.unborn.value };
      this.cache.set(key, s);
    }
    return s;
  }
}
