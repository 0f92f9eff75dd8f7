/** Durations as people read them: `442 ms`, `1.5 s`, `3 min`, `1 h`. */
export function formatDuration(ms: number): string {
  const round = (n: number) => String(Math.round(n * 100) / 100);
  if (ms < 1000) return `${round(ms)} ms`;
  if (ms < 60_000) return `${round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${round(ms / 60_000)} min`;
  return `${round(ms / 3_600_000)} h`;
}
