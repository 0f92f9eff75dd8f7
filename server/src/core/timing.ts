/** Durations as people read them: `442 ms`, `1.5 s`, `5 min 7 s`, `1 h 30 min`. */
export function formatDuration(ms: number): string {
  const round = (n: number) => String(Math.round(n * 100) / 100);
  if (ms < 1000) return `${round(ms)} ms`;
  if (ms < 60_000) return `${round(ms / 1000)} s`;
  const compound = (big: number, bigUnit: string, smallUnit: string, smallPerBig: number) => {
    const whole = Math.floor(big);
    const rest = Math.round((big - whole) * smallPerBig);
    if (rest === smallPerBig) return `${whole + 1} ${bigUnit}`;
    return rest === 0 ? `${whole} ${bigUnit}` : `${whole} ${bigUnit} ${rest} ${smallUnit}`;
  };
  if (ms < 3_600_000) return compound(ms / 60_000, 'min', 's', 60);
  return compound(ms / 3_600_000, 'h', 'min', 60);
}
