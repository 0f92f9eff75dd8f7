/**
 * Gives memory back once the server is idle after heavy work.
 *
 * V8 collects its old generation only when the heap reaches a limit that grows with it, and
 * shrinks its young generation (grown while a large document was analysed) only in the
 * collections of its memory reducer, which a full collection arms. An idle server gives it
 * reason for neither: after opening a 30,000-message document the server stayed at ~90 MB, and
 * after typing in it at 110–180 MB, until the memory reducer happened to run — 10 to 30 s later
 * in some runs, not within 12 s in others (docs/performance.md).
 *
 * So once no message has arrived for a while and V8 holds at least `growthBytes` more heap than
 * it kept after the last collection, the collector gives memory back in two steps:
 * - after `sealMs` of quiet, a young-generation collection (a few ms). V8 decides whether to
 *   shrink the young generation from its allocation rate over the last five seconds, counted
 *   from collection to collection; this one closes the count of what the work allocated;
 * - after `idleMs` (more than five seconds later), a full collection. It frees the old
 *   generation's garbage; and the allocation rate it reads is the quiet one, so V8 shrinks
 *   the young generation too (32 MB → 1 MB). Without the first step a burst of typing left
 *   ~12 MB counted since the last collection: the rate read as high after seven quiet seconds,
 *   and the young generation stayed at 32 MB.
 * The full collection also arms V8's memory reducer, which ~8 s later compacts the old
 * generation and returns its emptied pages: with 30,000 messages open the server is back at
 * ~76 MB about 15 s after the last message, after typing as after the open (docs/performance.md).
 * This is what TypeScript's tsserver does in one step (its `GcTimer`: a full collection after
 * seven quiet seconds). Nothing runs while messages keep coming, and at most one pair of
 * collections per quiet spell.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A timer that `refresh()` restarts, whether or not it has fired (Node's `Timeout`). */
export interface RestartableTimer {
  refresh(): unknown;
}

export interface IdleCollectorOptions {
  /** Quiet time before the young-generation collection. */
  readonly sealMs: number;
  /** Quiet time before the full collection (more than `sealMs` + 5 s). */
  readonly idleMs: number;
  /** The growth of the heap since the last collection that makes one worthwhile. */
  readonly growthBytes: number;
  readonly collect: Collect;
  /**
   * Bytes of heap V8 holds (`heapTotal`: live objects, garbage not collected yet, and the
   * room of the young generation, which typing grows while the objects in use stay few).
   */
  readonly heapBytes: () => number;
  /** A timer calling `run` after `ms` (default: an unreferenced `setTimeout`, which never keeps the process alive). */
  readonly timer?: (run: () => void, ms: number) => RestartableTimer;
}

/** V8's collections on demand. */
export interface Collect {
  /** The young generation only. */
  minor(): void;
  /** The whole heap. */
  full(): void;
}

export interface Collection {
  readonly heldBefore: number;
  readonly heldAfter: number;
  readonly ms: number;
}

export class IdleCollector {
  private seal: RestartableTimer | undefined;
  /** Counts messages: a full collection runs only if none arrived since its quiet spell began. */
  private generation = 0;
  private keptAfterLast: number;
  private readonly done: Collection[] = [];

  constructor(private readonly options: IdleCollectorOptions) {
    this.keptAfterLast = options.heapBytes();
  }

  /** A message arrived: the quiet time starts again from now. */
  activity(): void {
    this.generation++;
    if (this.seal) this.seal.refresh();
    else this.seal = this.schedule(() => this.sealed(), this.options.sealMs);
  }

  /** The collections run so far (the newest last; at most 16 kept). */
  get collections(): readonly Collection[] {
    return this.done;
  }

  private sealed(): void {
    const heldBefore = this.options.heapBytes();
    if (heldBefore - this.keptAfterLast < this.options.growthBytes) return;
    const generation = this.generation;
    this.options.collect.minor();
    this.schedule(() => {
      if (this.generation === generation) this.full(heldBefore);
    }, this.options.idleMs - this.options.sealMs);
  }

  private full(heldBefore: number): void {
    const start = performance.now();
    this.options.collect.full();
    const ms = performance.now() - start;
    this.keptAfterLast = this.options.heapBytes();
    this.done.push({ heldBefore, heldAfter: this.keptAfterLast, ms });
    if (this.done.length > 16) this.done.shift();
  }

  private schedule(run: () => void, ms: number): RestartableTimer {
    return (this.options.timer ?? unreferencedTimeout)(run, ms);
  }
}

function unreferencedTimeout(run: () => void, ms: number): RestartableTimer {
  return setTimeout(run, ms).unref();
}

/**
 * V8's collections on demand: `globalThis.gc` when Node was started with `--expose-gc`;
 * otherwise the flag is set now and the function read from a new context (the flag applies to
 * contexts made after it is set), then unset. Undefined when neither works.
 */
export function collectionsOnDemand(): Collect | undefined {
  let gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc');
      setFlagsFromString('--no-expose-gc'); // contexts made later get no `gc`
    } catch {
      return undefined; // no collection on demand: memory is returned when V8 decides
    }
  }
  if (typeof gc !== 'function') return undefined;
  const run = gc as (options?: { type: 'minor' }) => void;
  // Without options `gc` collects the whole heap. Node 20's V8 reads `{ type: 'major' }` as a
  // young-generation collection (idleCollector.test.ts watches which kind runs).
  return { minor: () => run({ type: 'minor' }), full: () => run() };
}
