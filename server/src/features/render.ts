/**
 * The preview's request: draw the document with the core's renderer, map each output row
 * to its source range, and summarise the problems.
 */
import type { Range } from 'vscode-languageserver-protocol';
import type { Model, Severity, Span } from '../core/index';
import type { ProblemSummary, RenderCharset, RenderParams, RenderResult } from '../protocol';
import { toRange, type ParsedDocument } from './document';

/** The core renderer's signature (`renderDocument` from `core/render`). */
export type Renderer = (
  model: Model,
  options: { charset: RenderCharset; sequence?: string },
) => { text: string; rows: readonly (Span | undefined)[]; sequences: readonly string[]; tooLarge: boolean };

const FIRST_PROBLEMS = 5;
const order: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

export function problemSummary(doc: ParsedDocument): ProblemSummary {
  const all = doc.analysis.diagnostics;
  const count = (s: Severity) => all.filter((d) => d.severity === s).length;
  const first = [...all]
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .sort((a, b) => order[a.severity] - order[b.severity] || a.offset - b.offset)
    .slice(0, FIRST_PROBLEMS)
    .map((d) => ({ message: d.message, range: toRange(doc, d), severity: d.severity, code: d.code }));
  return { errors: count('error'), warnings: count('warning'), infos: count('information'), hints: count('hint'), first };
}

export function render(doc: ParsedDocument, params: Pick<RenderParams, 'charset' | 'sequence'>, renderer: Renderer): RenderResult {
  const charset: RenderCharset = params.charset === 'unicode' ? 'unicode' : 'ascii';
  const sequence = typeof params.sequence === 'string' ? params.sequence : undefined;
  const out = renderer(doc.analysis.model, { charset, sequence });
  const rows: (Range | null)[] = out.rows.map((span) => (span ? toRange(doc, span) : null));
  return {
    text: out.text,
    rows,
    sequences: doc.analysis.model.sequences.map((s) => s.name),
    tooLarge: out.tooLarge,
    problems: problemSummary(doc),
    version: doc.version,
  };
}
