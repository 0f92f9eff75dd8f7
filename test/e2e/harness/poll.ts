/** How long a step waits for the workbench by default; a cold VS Code on 2 cores needs generous time. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** How often `waitFor` looks again: the pace of polling, not a wait for anything. */
const POLL_INTERVAL_MS = 100;

/**
 * Reads a value until it satisfies `ok`, and returns it. Never a fixed sleep: the interval is
 * only how often we look. On timeout the error names what we waited for and the last value seen.
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `last error: ${(lastError as Error).message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; ${seen}`);
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}
