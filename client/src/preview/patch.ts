/**
 * A diagram as the change from the one the page already shows. A keystroke changes one row of a
 * 1,000-message drawing (~1,100 rows × ~600 columns, ~700 kB), or, when a label outgrows the gap
 * between two lifelines, shifts every row by a column; sending the whole drawing each time cost
 * more than everything else on the way from the keystroke to the screen. So the extension sends
 * the rows that changed, and a changed row as the edit of an old one when that is shorter (the
 * list encoding is server/src/core/splice.ts, which the server's answers use too).
 *
 * Imported by both sides (the extension computes patches, the page applies them): no `vscode`
 * or Node import here.
 */
import { applyRows, applySplice, diffLists, diffRows, type RowChange, type Splice } from '../../../server/src/core/splice';
import type { Diagram, SourceRange } from './messages';

export type { RowChange, Splice };

export interface DiagramPatch {
  /** The id of the diagram this patch applies to (the page asks for the whole one when it has another). */
  readonly base: number;
  readonly id: number;
  readonly version: number;
  readonly charset: Diagram['charset'];
  readonly tooLarge: boolean;
  /** Absent: that list did not change. */
  readonly lines?: Splice<RowChange>;
  readonly rows?: Splice<SourceRange | null>;
  readonly steps?: Splice<string>;
}

export function sameRange(a: SourceRange | null, b: SourceRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.startLine === b.startLine && a.startCharacter === b.startCharacter && a.endLine === b.endLine && a.endCharacter === b.endCharacter;
}

const same = (a: string, b: string) => a === b;

/** What the page needs to turn `before` into `after`. */
export function diagramPatch(before: Diagram, after: Diagram): DiagramPatch {
  const lines = diffRows(before.lines, after.lines);
  const rows = diffLists(before.rows, after.rows, sameRange);
  const steps = diffLists(before.steps, after.steps, same);
  return {
    base: before.id,
    id: after.id,
    version: after.version,
    charset: after.charset,
    tooLarge: after.tooLarge,
    ...(lines ? { lines } : {}),
    ...(rows ? { rows } : {}),
    ...(steps ? { steps } : {}),
  };
}

/** The diagram a patch makes of `before` (which must be the diagram with id `patch.base`). */
export function applyPatch(before: Diagram, patch: DiagramPatch): Diagram {
  return {
    id: patch.id,
    version: patch.version,
    charset: patch.charset,
    tooLarge: patch.tooLarge,
    lines: patch.lines ? applyRows(before.lines, patch.lines) : before.lines,
    rows: patch.rows ? applySplice(before.rows, patch.rows) : before.rows,
    steps: patch.steps ? applySplice(before.steps, patch.steps) : before.steps,
  };
}
