/**
 * The server's answer in the page's terms: a whole drawing becomes a `Diagram`, a change from
 * the diagram on the page becomes a `DiagramPatch` carrying the server's own splices (its row
 * edits pass through untouched; its source ranges are renamed to the page's fields). Nothing is
 * diffed again here: what changed is what the server said changed.
 *
 * Pure (no `vscode` import): the panel gives it the document's lines.
 */
import type { Range } from 'vscode-languageserver-protocol';
import type { ProblemSummary, RenderDelta, RenderResult } from '../../../server/src/lsp/protocol';
import type { Charset, Diagram, DiagramPatch, SourceRange, Splice, Statement } from './diagram';
import type { BannerProblem, Status } from './messages';

/** The text of a source line (undefined past the end of the document). */
export type LineText = (line: number) => string | undefined;

export function toSourceRange(r: Range | null): SourceRange | null {
  return r ? { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character } : null;
}

/** The statement a row was drawn from, on its first line: "User -> Shop: order", "alt wrong password". */
export function statementAt(r: SourceRange, lineText: LineText): string {
  const text = lineText(r.startLine);
  if (text === undefined) return '';
  return text.slice(r.startCharacter, r.endLine === r.startLine ? r.endCharacter : text.length).trim();
}

/** The drawing's lines: `text` separates them with `\n` and may end with one. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A whole drawing as the page's diagram. */
export function diagramOf(answer: RenderResult, charset: Charset, lineText: LineText): Diagram {
  const lines = linesOf(answer.text);
  const rows = lines.map((_, i) => toSourceRange(answer.rows[i] ?? null));
  return {
    id: answer.id,
    version: answer.version,
    charset,
    lines,
    rows,
    statements: statementsOf(rows, lineText),
    tooLarge: answer.tooLarge,
    svg: answer.svg ?? null,
  };
}

/**
 * The server's change from `base` (the diagram on the page, whose id the answer names) as the
 * page's patch. Rows whose text changed but whose source range did not keep their range from
 * `base`; the statements of every changed row's line are read again (the text alternative).
 */
export function patchOf(base: Diagram, answer: RenderDelta, charset: Charset, lineText: LineText): DiagramPatch {
  const rows = answer.rows && { ...answer.rows, items: answer.rows.items.map(toSourceRange) };
  const rowAt = (j: number): SourceRange | null => {
    if (!rows || j < rows.start) return base.rows[j] ?? null;
    if (j < rows.start + rows.items.length) return rows.items[j - rows.start];
    return base.rows[j - rows.items.length + rows.deleteCount] ?? null;
  };
  const statements = new Map<number, Statement>();
  for (const s of [answer.lines, rows]) if (s) addStatements(statements, rowAt, s, lineText);
  return {
    base: base.id,
    id: answer.id,
    version: answer.version,
    charset,
    tooLarge: answer.tooLarge,
    ...(answer.lines ? { lines: answer.lines } : {}),
    ...(rows ? { rows } : {}),
    ...(statements.size > 0 ? { statements: [...statements.values()] } : {}),
    ...(answer.svg !== undefined ? { svg: answer.svg } : {}),
  };
}

function addStatements(
  into: Map<number, Statement>,
  rowAt: (j: number) => SourceRange | null,
  s: Splice<unknown>,
  lineText: LineText,
): void {
  for (let j = s.start; j < s.start + s.items.length; j++) {
    const r = rowAt(j);
    if (r && !into.has(r.startLine)) into.set(r.startLine, [r.startLine, statementAt(r, lineText)]);
  }
}

function statementsOf(rows: readonly (SourceRange | null)[], lineText: LineText): Statement[] {
  const into = new Map<number, Statement>();
  addStatements(into, (j) => rows[j] ?? null, { start: 0, deleteCount: 0, items: rows }, lineText);
  return [...into.values()];
}

/** The problems as the banner shows them (`stale` is the panel's to say). */
export function statusOf(p: ProblemSummary, version: number): Omit<Status, 'stale'> {
  const problems: BannerProblem[] = p.first.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.range.start.line,
    character: d.range.start.character,
  }));
  return { version, errorCount: p.errors, warningCount: p.warnings, problems };
}
