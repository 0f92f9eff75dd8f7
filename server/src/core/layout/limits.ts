/** The charsets and the size limits: what the layout needs to know before it draws anything. */
export type Charset = 'ascii' | 'unicode';

export interface RenderOptions {
  /** `ascii` (the default) or `unicode` (box-drawing characters). */
  charset?: Charset;
  /** Past this many output rows the notice is drawn instead of the diagram (default 100,000). */
  maxRows?: number;
  /** Past this many columns the notice is drawn instead of the diagram (default 4,000). */
  maxColumns?: number;
  /** Past this many cells, rows × columns, the notice is drawn instead (default 20,000,000: memory stays bounded). */
  maxCells?: number;
}

export interface RenderLimits {
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxCells: number;
}

export const DEFAULT_LIMITS: RenderLimits = { maxRows: 100_000, maxColumns: 4_000, maxCells: 20_000_000 };

export function limitsOf(options: RenderOptions | undefined): RenderLimits {
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && v >= 0 && !Number.isNaN(v) ? v : d);
  return {
    maxRows: pick(options?.maxRows, DEFAULT_LIMITS.maxRows),
    maxColumns: pick(options?.maxColumns, DEFAULT_LIMITS.maxColumns),
    maxCells: pick(options?.maxCells, DEFAULT_LIMITS.maxCells),
  };
}

/** Whether a drawing of `rows` × `columns` is past any limit (spec section 7). */
export function isTooLarge(rows: number, columns: number, limits: RenderLimits): boolean {
  return rows > limits.maxRows || columns > limits.maxColumns || rows * columns > limits.maxCells;
}

/** 100000 → "100,000" (fixed, not locale-dependent: the CLI, preview and export print the same text). */
function grouped(n: number): string {
  const s = String(Math.max(0, Math.round(n)));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The one sentence shown instead of a diagram past the size limit (CLI, preview and export alike).
 * ASCII output stays ASCII: `x` between the figures; Unicode output writes `×`.
 */
export const TOO_LARGE_NOTICE = (
  rows: number,
  columns: number,
  limits: RenderLimits = DEFAULT_LIMITS,
  charset: Charset = 'ascii',
): string =>
  `Diagram too large to draw: ${grouped(rows)} rows ${charset === 'unicode' ? '×' : 'x'} ${grouped(columns)} columns ` +
  `(limit ${grouped(limits.maxRows)} rows, ${grouped(limits.maxColumns)} columns or ${grouped(limits.maxCells)} cells). Split it into smaller sequences.`;
