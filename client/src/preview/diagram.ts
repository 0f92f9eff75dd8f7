/**
 * The diagram as the page holds it, and the one kind of change that reaches it: the server's
 * row changes (`lifeline/render` with `since`), translated to the page's terms by translate.ts.
 * Every diagram is named by the server's drawing id; a patch names the one it applies to.
 *
 * Imported by both sides (the extension keeps the diagram on the page, the page draws it): no
 * `vscode` or Node import here.
 */
import { applyRows, applySplice, type RowChange, type Splice } from '../../../server/src/core/splice';

export type { RowChange, Splice };

export type Charset = 'ascii' | 'unicode';

/** A source range in the document, 0-based lines and UTF-16 characters (LSP's convention). */
export interface SourceRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** A source line and the statement that starts on it, as the text alternative lists it. */
export type Statement = readonly [line: number, text: string];

/** The rendered diagram: the lines and, per output line, the source range it came from. */
export interface Diagram {
  /** The server's id of this drawing (what `since` and a patch's `base` name). */
  readonly id: string;
  /** The source document's version this diagram was drawn from. */
  readonly version: number;
  readonly charset: Charset;
  /** The output lines (no line breaks inside). */
  readonly lines: readonly string[];
  /** rows[i] is the source range of lines[i], or null (header, blank, title rows). */
  readonly rows: readonly (SourceRange | null)[];
  /** The statement text of the source lines rows start on (the text alternative reads them). */
  readonly statements: readonly Statement[];
  /** True when the renderer drew its "too large to draw" notice instead. */
  readonly tooLarge: boolean;
  /** The picture of the same rows (the picture style), or null (the text style). */
  readonly svg: string | null;
}

/** The change from diagram `base` to diagram `id`, as the server sent it. */
export interface DiagramPatch {
  readonly base: string;
  readonly id: string;
  readonly version: number;
  readonly charset: Charset;
  readonly tooLarge: boolean;
  /** Absent: that list did not change. */
  readonly lines?: Splice<RowChange>;
  readonly rows?: Splice<SourceRange | null>;
  /** The statements of the lines whose rows changed (they replace what was known of those lines). */
  readonly statements?: readonly Statement[];
  /** The new picture, whole; absent: it did not change. */
  readonly svg?: string | null;
}

export const EMPTY_DIAGRAM: Diagram = {
  id: '',
  version: -1,
  charset: 'ascii',
  lines: [],
  rows: [],
  statements: [],
  tooLarge: false,
  svg: null,
};

/** The diagram a patch makes of `before` (which must be the diagram with id `patch.base`). */
export function applyPatch(before: Diagram, patch: DiagramPatch): Diagram {
  const rows = patch.rows ? applySplice(before.rows, patch.rows) : before.rows;
  return {
    id: patch.id,
    version: patch.version,
    charset: patch.charset,
    tooLarge: patch.tooLarge,
    lines: patch.lines ? applyRows(before.lines, patch.lines) : before.lines,
    rows,
    statements: patch.statements || patch.rows ? mergeStatements(before.statements, patch.statements ?? [], rows) : before.statements,
    svg: patch.svg !== undefined ? patch.svg : before.svg,
  };
}

/** A whole diagram as a patch of `before`: every row replaced (drawn again in place, not re-created). */
export function replacement(before: Diagram, after: Diagram): DiagramPatch {
  return {
    base: before.id,
    id: after.id,
    version: after.version,
    charset: after.charset,
    tooLarge: after.tooLarge,
    lines: { start: 0, deleteCount: before.lines.length, items: after.lines },
    rows: { start: 0, deleteCount: before.rows.length, items: after.rows },
    statements: after.statements,
    svg: after.svg,
  };
}

/** `known` with the lines of `changed` taken from it, kept for the lines `rows` still start on. */
function mergeStatements(known: readonly Statement[], changed: readonly Statement[], rows: readonly (SourceRange | null)[]): Statement[] {
  const drawn = new Set<number>();
  for (const r of rows) if (r) drawn.add(r.startLine);
  const byLine = new Map<number, Statement>();
  for (const s of known) if (drawn.has(s[0])) byLine.set(s[0], s);
  for (const s of changed) if (drawn.has(s[0])) byLine.set(s[0], s);
  return [...byLine.values()];
}

/** The most steps the text alternative lists (a screen reader user can still read the file). */
export const MAX_STEPS = 2000;

/**
 * The text alternative: the statement behind each drawn row, once each, in the order they are
 * drawn — "User -> Frontend: submit", "alt wrong password", "note over DB: …".
 */
export function stepsOf(diagram: Pick<Diagram, 'rows' | 'statements'>): string[] {
  const text = new Map(diagram.statements);
  const seen = new Set<number>();
  const steps: string[] = [];
  for (const r of diagram.rows) {
    if (!r || seen.has(r.startLine)) continue;
    seen.add(r.startLine);
    const step = text.get(r.startLine);
    if (step) steps.push(step);
    if (steps.length >= MAX_STEPS) break;
  }
  return steps;
}
