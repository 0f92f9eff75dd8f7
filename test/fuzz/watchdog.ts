/**
 * A watchdog around the fuzz worker: each input is checked in a worker thread with a
 * deadline. A hang (no answer in time) or a crash of the worker (out of memory, stack)
 * becomes an error naming the input, the worker is replaced, and the run goes on.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { CheckResult, FuzzInput } from './checks';
import type { NothingLostInput } from './nothingLost';
import type { WorkerCheckOptions, WorkerReply, WorkerRequest } from './worker';

/** A worker running TypeScript through tsx (worker threads do not inherit `--import tsx`). */
export function startWorker(maxMemoryMb = 1024): Worker {
  const file = join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    stdout: false,
    stderr: false,
  });
}

export class HangError extends Error {}

/** Starting a worker compiles the core with tsx: slow on a loaded machine, and not part of any input's time. */
const STARTUP_MS = 180_000;

/** Resolves once the worker has loaded everything and said so. */
export function whenReady(worker: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the fuzz worker did not start within ${STARTUP_MS} ms`)), STARTUP_MS);
    const onMessage = (m: WorkerReply) => {
      if (m.type !== 'ready') return;
      cleanup();
      resolve();
    };
    const fail = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number) => fail(new Error(`the fuzz worker exited with ${code} while starting`));
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', fail);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', fail);
    worker.on('exit', onExit);
  });
}

export class Watchdog {
  private worker: { thread: Worker; ready: Promise<void> } | undefined;
  private nextId = 1;
  /** How many workers had to be replaced (hangs and crashes). */
  restarts = 0;

  constructor(
    private readonly timeoutMs: number,
    /** The worker's heap limit: past it the worker dies and the input is reported as a crash. */
    private readonly maxMemoryMb = 1024,
  ) {}

  /** Starts the worker (if needed) and waits until it is ready, outside any input's deadline. */
  async ready(): Promise<Worker> {
    if (!this.worker) {
      const thread = startWorker(this.maxMemoryMb);
      this.worker = { thread, ready: whenReady(thread) };
    }
    const w = this.worker;
    await w.ready;
    return w.thread;
  }

  /** Checks one input; rejects with a HangError past the deadline, or with the worker's crash. */
  async run(input: FuzzInput, timeoutMs = this.timeoutMs, options?: WorkerCheckOptions): Promise<CheckResult> {
    const reply = await this.ask(
      (id) => ({ type: 'check', id, input, options }),
      `a ${input.kind} input of ${input.text.length} characters: ${JSON.stringify(input.text.slice(0, 400))}`,
      timeoutMs,
    );
    if (reply.type !== 'checked') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  /** Checks the "nothing lost" properties on a document and its edits (test/fuzz/nothingLost.ts). */
  async nothingLost(input: NothingLostInput, timeoutMs = this.timeoutMs): Promise<string[]> {
    const reply = await this.ask(
      (id) => ({ type: 'nothing-lost', id, input }),
      `a document of ${input.text.length} characters with ${input.edits.length} edits: ${JSON.stringify(input.text.slice(0, 400))}`,
      timeoutMs,
    );
    if (reply.type !== 'nothing-lost') throw new Error(`unexpected reply ${reply.type}`);
    return reply.violations;
  }

  private async ask(
    request: (id: number) => WorkerRequest,
    what: string,
    timeoutMs: number,
  ): Promise<Exclude<WorkerReply, { type: 'ready' }>> {
    const worker = await this.ready();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const replace = () => {
        done();
        if (this.worker?.thread === worker) this.worker = undefined;
        this.restarts++;
        void worker.terminate();
      };
      const timer = setTimeout(() => {
        replace();
        reject(new HangError(`no answer within ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'ready' || reply.id !== id) return;
        done();
        resolve(reply);
      };
      const onError = (e: Error) => {
        replace();
        reject(new Error(`the worker crashed (${e.message}) on ${what}`));
      };
      const onExit = (code: number) => onError(new Error(`exit ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request(id));
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.thread.terminate();
  }
}
