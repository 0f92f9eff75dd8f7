// CPU time of the processes a test started — code-server, its extension host and the language
// servers it runs, Chromium's browser and renderers — by kind, read from /proc (user + system
// time). On a machine of two cores, what each keystroke costs them all together decides how long
// the keystroke waits for a core; the keystroke e2e reports it per keystroke.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The kinds of process, in the order reports list them. */
export const PROCESS_KINDS = [
  'Chromium renderers',
  'Chromium, other processes',
  'code-server',
  'extension host',
  'Lifeline language server',
  'other language servers',
] as const;

export type ProcessKind = (typeof PROCESS_KINDS)[number];
export type CpuByKind = Record<ProcessKind, number>;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  /** user + system time, in clock ticks. */
  readonly ticks: number;
  readonly cmdline: string;
}

let ticksPerSecond: number | undefined;

function msPerTick(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return 1000 / ticksPerSecond;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 (state) on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), cmdline };
  } catch {
    return undefined; // it ended while we looked
  }
}

/** What a process is, from its command line and its parent's (any other process counts as code-server's). */
export function kindOf(cmdline: string, parentCmdline: string): ProcessKind {
  if (/[\\/](chromium|chrome)$/.test(cmdline.split(' ', 1)[0]))
    return / --type=renderer\b/.test(cmdline) ? 'Chromium renderers' : 'Chromium, other processes';
  if (/ --type=extensionHost\b/.test(cmdline)) return 'extension host';
  if (/[\\/]dist[\\/]server\.js\b/.test(cmdline)) return 'Lifeline language server';
  if (/ --type=extensionHost\b/.test(parentCmdline)) return 'other language servers';
  return 'code-server';
}

/** The CPU time so far of every process below `root` (not `root` itself), in ms, by kind. */
export function cpuOfDescendants(root: number = process.pid): CpuByKind {
  const procs = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) procs.set(p.pid, p);
  }
  const children = new Map<number, Proc[]>();
  for (const p of procs.values()) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(p);
    else children.set(p.ppid, [p]);
  }
  const out = Object.fromEntries(PROCESS_KINDS.map((k) => [k, 0])) as CpuByKind;
  const visit = (parent: Proc | undefined, pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out[kindOf(child.cmdline, parent?.cmdline ?? '')] += child.ticks * msPerTick();
      visit(child, child.pid);
    }
  };
  visit(procs.get(root), root);
  return out;
}

/** `after - before`, per kind (a process that ended between the two is not counted in either). */
export function cpuSince(before: CpuByKind, after: CpuByKind): CpuByKind {
  return Object.fromEntries(PROCESS_KINDS.map((k) => [k, Math.max(0, after[k] - before[k])])) as CpuByKind;
}
