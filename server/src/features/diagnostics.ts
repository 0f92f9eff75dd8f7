/**
 * The core's diagnostics as LSP diagnostics: code, severity, related information, the
 * Unnecessary tag for unused declarations, and the quick-fix data carried along.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Diagnostic as CoreDiagnostic, Severity } from '../core/index';
import { toRange, type ParsedDocument } from './document';

export const DIAGNOSTIC_SOURCE = 'lifeline';

const severities: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(doc: ParsedDocument, d: CoreDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: toRange(doc, d),
    severity: severities[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r) }, message: r.message }));
  }
  if (d.tags?.includes('unnecessary')) out.tags = [DiagnosticTag.Unnecessary];
  if (d.data) out.data = d.data;
  return out;
}

/** The `textDocument/publishDiagnostics` notification for one analysed version. */
export function diagnostics(doc: ParsedDocument): PublishDiagnosticsParams {
  return { uri: doc.uri, version: doc.version, diagnostics: doc.analysis.diagnostics.map((d) => toLspDiagnostic(doc, d)) };
}
