/** Rows of bare lifelines and frame sides that every drawn row starts from. */
import type { Layout, RowState } from '../layout';
import { Runs } from './canvas';
import type { Glyphs } from './glyphs';

/** A row to start drawing from: its text when every cell is one UTF-16 unit (glyphs are), else its cells. */
export class BaseRow {
  /** The text without trailing blanks (what a row that draws nothing prints). */
  readonly trimmed: string | undefined;

  constructor(
    readonly text: string | undefined,
    readonly cells: readonly string[] = [],
  ) {
    this.trimmed = text?.trimEnd();
  }
}

function baseRow(cells: readonly string[]): BaseRow {
  return new BaseRow(cells.every((cell) => cell.length === 1) ? cells.join('') : undefined, cells);
}

/** How many base rows are kept (a long diagram has hundreds of states; rows come back to recent ones). */
const BASE_ROWS_KEPT = 256;

/**
 * Rows of bare lifelines (and frame sides), one per distinct state, kept while they are
 * reused: when more than `BASE_ROWS_KEPT` are kept, the ones used longest ago go (a diagram
 * of 30,000 messages has ~1,000 states; dropping all of them at once rebuilt rows all along).
 */
export class BaseRows {
  private readonly cache = new Map<RowState, { base: BaseRow; used: number }>();
  private readonly delayCache = new Map<RowState, { base: BaseRow; used: number }>();
  private uses = 0;

  constructor(
    private readonly layout: Layout,
    private readonly g: Glyphs,
    private readonly columns: readonly number[],
  ) {}

  of(state: RowState, delay: boolean): BaseRow {
    const cache = delay ? this.delayCache : this.cache;
    const now = ++this.uses;
    const hit = cache.get(state);
    if (hit) {
      hit.used = now;
      return hit.base;
    }
    if (cache.size >= 2 * BASE_ROWS_KEPT) {
      // Keep the BASE_ROWS_KEPT used last.
      const cut = [...cache.values()].map((e) => e.used).sort((x, y) => y - x)[BASE_ROWS_KEPT - 1];
      for (const [k, e] of cache) if (e.used < cut) cache.delete(k);
    }
    const base = this.build(state, delay);
    cache.set(state, { base, used: now });
    return base;
  }

  /** The row as text, from the columns that hold a glyph; blanks between them. */
  private build(state: RowState, delay: boolean): BaseRow {
    const width = this.layout.width;
    const marks: { c: number; s: string }[] = [];
    this.columns.forEach((c, i) => {
      if (!state.ended.has(i) && !state.unborn?.has(i))
        marks.push({ c, s: delay ? this.g.delay : state.active.has(i) ? this.g.active : this.g.lifeline });
    });
    // Participant boxes' sides (v2) on every row, under fragment frames.
    for (const b of this.layout.boxes ?? []) marks.push({ c: b.left, s: this.g.frame.vertical }, { c: b.right, s: this.g.frame.vertical });
    for (const f of state.frames) {
      if (f.left >= 0 && f.left < width) marks.push({ c: f.left, s: this.g.frame.vertical });
      if (f.right >= 0 && f.right < width) marks.push({ c: f.right, s: this.g.frame.vertical });
    }
    if (marks.some((m) => m.s.length !== 1 || m.c < 0 || m.c >= width)) return baseRow(this.cells(state, delay));
    // Stable: on one column the later mark wins (a frame side over a lifeline), as in `cells`.
    marks.sort((x, y) => x.c - y.c);
    let text = '';
    let at = 0;
    for (let k = 0; k < marks.length; k++) {
      const { c, s } = marks[k];
      if (k + 1 < marks.length && marks[k + 1].c === c) continue;
      text += this.blanks.of(' ', c - at) + s;
      at = c + 1;
    }
    return new BaseRow(text + this.blanks.of(' ', width - at));
  }

  private readonly blanks = new Runs();

  /** The row cell by cell (for glyphs that are not one UTF-16 unit). */
  private cells(state: RowState, delay: boolean): string[] {
    const cells = new Array<string>(this.layout.width).fill(' ');
    this.columns.forEach((c, i) => {
      if (!state.ended.has(i) && !state.unborn?.has(i))
        cells[c] = delay ? this.g.delay : state.active.has(i) ? this.g.active : this.g.lifeline;
    });
    for (const b of this.layout.boxes ?? []) {
      if (b.left >= 0 && b.left < cells.length) cells[b.left] = this.g.frame.vertical;
      if (b.right >= 0 && b.right < cells.length) cells[b.right] = this.g.frame.vertical;
    }
    for (const f of state.frames) {
      if (f.left >= 0 && f.left < cells.length) cells[f.left] = this.g.frame.vertical;
      if (f.right >= 0 && f.right < cells.length) cells[f.right] = this.g.frame.vertical;
    }
    return cells;
  }
}
