/** Test helpers for the core: diagnostics printed as `[l:c..l:c] code: text` (1-based), spans as text. */
import { analyze, positionAt, type Diagnostic, type Span } from '../../server/src/core/index';

export function spanText(text: string, span: Span): string {
  return text.slice(span.offset, span.offset + span.length);
}

export interface ShownDiagnostic {
  code: string;
  severity: string;
  /** 1-based line:col of the start (col in UTF-16 units +1). */
  at: string;
  /** The text the range covers. */
  text: string;
}

export function show(text: string, d: Diagnostic, lineStarts: readonly number[]): ShownDiagnostic {
  const p = positionAt(lineStarts, text, d.offset);
  return { code: d.code, severity: d.severity, at: `${p.line + 1}:${p.character + 1}`, text: spanText(text, d) };
}

export function diagnosticsOf(text: string, options: Parameters<typeof analyze>[1] = {}): ShownDiagnostic[] {
  const a = analyze(text, options);
  return a.diagnostics.map((d) => show(text, d, a.document.lineStarts));
}

/** Drops indentation common to all non-blank lines (so table entries can be indented). */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
