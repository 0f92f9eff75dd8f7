// The process groups code-server runs in: killed whole when stopped, and when this process
// exits or is interrupted before stopping them.
import { readFileSync } from 'node:fs';

/** Processes groups we started and have not stopped yet; killed if this process exits early. */
export const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});
// Our groups are not in the terminal's foreground group, so Ctrl+C does not reach them. When
// nobody else handles the signal (start.ts does, and stops gracefully), stop them and exit as
// the signal would have.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    for (const pgid of liveGroups) killGroup(pgid, 'SIGTERM');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

export async function stopGroup(pgid: number): Promise<void> {
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await delay(50);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await delay(50);
  liveGroups.delete(pgid);
}

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** True while any process of the group lives (a zombie leader counts until it is reaped). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readFileOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
