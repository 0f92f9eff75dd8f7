/**
 * The diagram's rows, kept in chunks of about `size` rows: `<pre><span class="rows">` rows `</span>…`.
 *
 * Off-screen chunks are neither laid out nor painted (`content-visibility: auto` in
 * preview.css). That used to be set on every row, and Chromium watches each such element with an
 * intersection observer: at 1,100 rows that check cost more per frame than laying out the rows
 * (a third of the page's rendering time while typing, measured in a Chromium trace of the
 * keystroke benchmark). A chunk of 64 rows keeps the saving with 1/64th of the watching.
 *
 * A chunk holds between 1 and 2 × `size` rows; its `--rows` property tells the CSS how tall it is
 * while it is skipped (every row is one line). Only the DOM API below is used, so the tests can
 * give it a small stand-in.
 */

/** What the list needs of an element: the page's HTMLElement, or a test's stand-in. */
export interface RowBox<E> {
  insertBefore(node: E, child: E | null): unknown;
  append(...nodes: E[]): void;
  remove(): void;
  readonly style: { setProperty(property: string, value: string): void };
}

interface Chunk<E> {
  readonly el: E;
  rows: E[];
}

export class RowList<E extends RowBox<E>> {
  private readonly chunks: Chunk<E>[] = [];
  private flat: E[] = [];

  constructor(
    private readonly container: E,
    private readonly makeChunk: () => E,
    readonly size = 64,
  ) {}

  get length(): number {
    return this.flat.length;
  }

  at(i: number): E | undefined {
    return this.flat[i];
  }

  indexOf(row: E): number {
    return this.flat.indexOf(row);
  }

  /** Rows per chunk, in order (for tests and diagnostics). */
  chunkSizes(): number[] {
    return this.chunks.map((c) => c.rows.length);
  }

  /** Removes `deleteCount` rows at `start` and puts `added` there, in order. */
  splice(start: number, deleteCount: number, added: readonly E[]): void {
    start = Math.max(0, Math.min(start, this.flat.length));
    deleteCount = Math.max(0, Math.min(deleteCount, this.flat.length - start));
    const resized = new Set<Chunk<E>>();
    if (deleteCount > 0) this.remove(start, deleteCount, resized);
    if (added.length > 0) this.insert(start, added, resized);
    for (const c of resized) if (c.rows.length > 0) c.el.style.setProperty('--rows', String(c.rows.length));
    this.flat =
      added.length === 0 && deleteCount === 0 ? this.flat : this.flat.slice(0, start).concat(added, this.flat.slice(start + deleteCount));
  }

  /** The chunk holding row `i` and the row's place in it; `i === length` is the end of the last chunk. */
  private locate(i: number): { index: number; offset: number } {
    let offset = i;
    for (let index = 0; index < this.chunks.length; index++) {
      const n = this.chunks[index].rows.length;
      if (offset < n || (offset === n && index === this.chunks.length - 1)) return { index, offset };
      offset -= n;
    }
    return { index: -1, offset: 0 };
  }

  private remove(start: number, count: number, resized: Set<Chunk<E>>): void {
    let { index, offset } = this.locate(start);
    let left = count;
    while (left > 0 && index < this.chunks.length) {
      const chunk = this.chunks[index];
      const k = Math.min(left, chunk.rows.length - offset);
      if (offset === 0 && k === chunk.rows.length) {
        chunk.el.remove();
        this.chunks.splice(index, 1);
      } else {
        for (const row of chunk.rows.splice(offset, k)) row.remove();
        resized.add(chunk);
        index++;
      }
      left -= k;
      offset = 0;
    }
  }

  private insert(start: number, added: readonly E[], resized: Set<Chunk<E>>): void {
    const { index, offset } = this.locate(start);
    const chunk = this.chunks[index] as Chunk<E> | undefined;
    if (chunk && chunk.rows.length + added.length <= 2 * this.size) {
      const before = chunk.rows[offset] ?? null;
      for (const row of added) chunk.el.insertBefore(row, before);
      chunk.rows.splice(offset, 0, ...added);
      resized.add(chunk);
      return;
    }
    // Too many for one chunk: split it at the insertion point and fill chunks in between.
    let at = index + 1;
    if (chunk && offset < chunk.rows.length) {
      const tail = this.newChunk(chunk.rows.splice(offset));
      this.placeChunk(tail, at);
      resized.add(chunk).add(tail);
    }
    let next = 0;
    if (chunk && chunk.rows.length < this.size) {
      const fill = added.slice(0, this.size - chunk.rows.length);
      chunk.el.append(...fill);
      chunk.rows.push(...fill);
      resized.add(chunk);
      next = fill.length;
    }
    while (next < added.length) {
      const part = this.newChunk(added.slice(next, next + this.size));
      this.placeChunk(part, at++);
      resized.add(part);
      next += part.rows.length;
    }
  }

  private newChunk(rows: E[]): Chunk<E> {
    const el = this.makeChunk();
    el.append(...rows);
    return { el, rows };
  }

  /** Puts a chunk at `index` of the list and before the chunk now there in the page. */
  private placeChunk(chunk: Chunk<E>, index: number): void {
    const after = this.chunks[index];
    this.container.insertBefore(chunk.el, after ? after.el : null);
    this.chunks.splice(index, 0, chunk);
  }
}
