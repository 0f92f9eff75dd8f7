/**
 * What `lifeline render`, `check` and `export` read: a `.seq` file as it is, or a Mermaid /
 * PlantUML / Markdown file imported in memory, with the way back from `.seq` lines to its lines.
 */
import { importDiagram, importFormatOf, type ImportFormat } from './index';
import type { ImportResult } from './common';
import type { Diagnostic } from '../diagnostics';
import { positionAt } from '../text';

export interface SeqSource {
  /** The `.seq` text to analyse. */
  readonly text: string;
  /** Set when the file was imported: notices, errors and the line map. */
  readonly imported?: ImportResult;
  /** The imported file's own lines (for positions mapped back). */
  readonly originalLines?: readonly string[];
}

/** The `.seq` text of a file: imported when its name (or `from`) says Mermaid, PlantUML or Markdown. */
export function seqSourceOf(fileName: string, text: string, from?: ImportFormat): SeqSource {
  const format = from ?? importFormatOf(fileName);
  if (format === undefined) return { text };
  const imported = importDiagram(text, format);
  return { text: imported.text, imported, originalLines: text.split(/\r\n|\r|\n/) };
}

/** The original file's 1-based line and column for a 0-based `.seq` line: its source line, at its first non-blank. */
export function originalPosition(
  imported: ImportResult,
  originalLines: readonly string[],
  seqLine: number,
): { line: number; column: number } {
  const map = imported.lineMap;
  const line = map.length === 0 ? 0 : map[Math.max(0, Math.min(seqLine, map.length - 1))];
  const text = originalLines[line] ?? '';
  return { line: line + 1, column: [...text.slice(0, text.length - text.trimStart().length)].length + 1 };
}

/** One problem of an imported file, at its own 1-based line and column. */
export interface ImportedProblem {
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** Its own syntax errors, what was dropped (information `dropped`), and the `.seq` diagnostics mapped back; in line order. */
export function importedProblems(source: SeqSource, diagnostics: readonly Diagnostic[], lineStarts: readonly number[]): ImportedProblem[] {
  const imported = source.imported;
  if (!imported) return [];
  const original = source.originalLines ?? [];
  return [
    ...imported.errors.map((e) => ({ line: e.line, column: e.column, severity: 'error', code: 'syntax', message: e.message })),
    ...imported.notices.map((n) => ({ line: n.line, column: 1, severity: 'information', code: 'dropped', message: n.message })),
    ...diagnostics.map((d) => ({
      ...originalPosition(imported, original, positionAt(lineStarts, source.text, d.offset).line),
      severity: d.severity as string,
      code: d.code as string,
      message: d.message,
    })),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
}
