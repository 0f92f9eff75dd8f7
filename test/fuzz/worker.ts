/**
 * The bounded fuzz run's worker thread: checks inputs away from the thread that keeps time,
 * so a hang or a memory blow-up in the product is caught by the watchdog instead of
 * stalling the run. (The long run, `npm run fuzz`, uses child processes: see campaign.ts.)
 */
import { parentPort } from 'node:worker_threads';
import { checkInput, type CheckResult, type FuzzInput } from './checks';
import { checkNothingLost, type NothingLostInput } from './nothingLost';

export interface WorkerCheckOptions {
  /** Time the product in CPU time of this process instead of wall time (a loaded machine inflates wall time). */
  readonly cpu?: boolean;
  /** For very large inputs: Markdown export in the ASCII charset only, no extra analysis or text export, no walk over every span. */
  readonly light?: boolean;
}

export type WorkerRequest =
  | { readonly type: 'check'; readonly id: number; readonly input: FuzzInput; readonly options?: WorkerCheckOptions }
  | { readonly type: 'nothing-lost'; readonly id: number; readonly input: NothingLostInput };

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'checked'; readonly id: number; readonly result: CheckResult }
  | { readonly type: 'nothing-lost'; readonly id: number; readonly violations: string[] };

/** A test hook for the watchdog's own test: this exact input loops forever in the worker. */
export const HANG_PROBE = '\u0000lifeline-fuzz: hang here\u0000';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function check(input: FuzzInput, options: WorkerCheckOptions = {}): CheckResult {
  if (input.text === HANG_PROBE) for (;;);
  return checkInput(input, {
    clock: options.cpu ? cpuMs : undefined,
    exportCharsets: options.light ? ['ascii'] : undefined,
    extras: !options.light,
    spans: !options.light,
  });
}

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    if (req.type === 'nothing-lost')
      port.postMessage({ type: 'nothing-lost', id: req.id, violations: checkNothingLost(req.input) } satisfies WorkerReply);
    else port.postMessage({ type: 'checked', id: req.id, result: check(req.input, req.options) } satisfies WorkerReply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
