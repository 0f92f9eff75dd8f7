/**
 * The preview's side of the source map: which output rows belong to a source line, which source
 * line a row shows, and a guard that tells our own scrolling from the user's (so an editor
 * scroll that moves the preview does not bounce back to the editor, and the other way round).
 */
import type { SourceRange } from '../diagram';

export class RowIndex {
  constructor(private readonly rows: readonly (SourceRange | null)[]) {}

  get length(): number {
    return this.rows.length;
  }

  range(row: number): SourceRange | null {
    return this.rows[row] ?? null;
  }

  /** The rows drawn from this source line (a message's arrow row, a self message's loop, a frame's border). */
  rowsAt(line: number): number[] {
    const out: number[] = [];
    this.rows.forEach((r, i) => {
      if (r && r.startLine <= line && line <= r.endLine && !this.isContainer(r, line)) out.push(i);
    });
    // A fragment or a sequence spans many lines; it is highlighted only from its own lines.
    return out;
  }

  /** The row to show at the top for a source line: the last mapped row starting at or before it. */
  rowForLine(line: number): number | undefined {
    let best: number | undefined;
    let bestLine = -1;
    this.rows.forEach((r, i) => {
      if (r && r.startLine <= line && r.startLine > bestLine) {
        best = i;
        bestLine = r.startLine;
      }
    });
    return best;
  }

  /** The source line a row stands for: its own range, else the nearest mapped row above it. */
  lineForRow(row: number): number | undefined {
    for (let i = Math.min(row, this.rows.length - 1); i >= 0; i--) {
      const r = this.rows[i];
      if (r) return r.startLine;
    }
    for (let i = row + 1; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (r) return r.startLine;
    }
    return undefined;
  }

  /**
   * A range that covers several lines (a fragment frame's border row, a sequence heading) only
   * answers for its first line: the cursor inside an `alt` lights its messages, not the frame.
   */
  private isContainer(r: SourceRange, line: number): boolean {
    return r.endLine > r.startLine && line !== r.startLine;
  }
}

/**
 * Tells an echo from a user action: before we scroll on the other side's behalf we note where
 * we are going; the scroll event that lands there is ours and is not reported back.
 */
export class EchoGuard {
  private expected: number | undefined;

  /** We are about to move to `position`. */
  expect(position: number): void {
    this.expected = position;
  }

  /** True when this event is the echo of our own move (consumes the expectation). */
  isEcho(position: number, tolerance = 2): boolean {
    const e = this.expected;
    if (e === undefined) return false;
    this.expected = undefined;
    return Math.abs(position - e) <= tolerance;
  }

  clear(): void {
    this.expected = undefined;
  }
}
