/**
 * `lifeline.diagnostics.undeclaredParticipant`: the severity the user wants for an undeclared
 * participant, applied to the server's diagnostics as they arrive (and again, from the last
 * ones received, when the setting changes). `off` hides them.
 */
import * as vscode from 'vscode';
import type { SeverityOption } from './config';

const CODE = 'undeclared-participant';

const severities: Readonly<Record<Exclude<SeverityOption, 'off'>, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export function applySeverity(diagnostics: readonly vscode.Diagnostic[], option: SeverityOption): vscode.Diagnostic[] {
  if (option === 'off') return diagnostics.filter((d) => codeOf(d) !== CODE);
  return diagnostics.map((d) => {
    if (codeOf(d) !== CODE || d.severity === severities[option]) return d;
    // Same class as the original (the language client's own subclass carries the quick-fix
    // `data` back to the server), only the severity changed.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(d) as object) as vscode.Diagnostic, d);
    copy.severity = severities[option];
    return copy;
  });
}

/** Remembers the server's diagnostics per file, so a settings change can re-apply the severity. */
export class SeverityFilter {
  private readonly received = new Map<string, { uri: vscode.Uri; diagnostics: readonly vscode.Diagnostic[] }>();

  constructor(private readonly option: () => SeverityOption) {}

  /** For the language client's `handleDiagnostics` middleware. */
  filter(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
    if (diagnostics.length === 0) this.received.delete(uri.toString());
    else this.received.set(uri.toString(), { uri, diagnostics });
    return applySeverity(diagnostics, this.option());
  }

  /** Re-applies the setting to what the server last sent. */
  reapply(collection: vscode.DiagnosticCollection | undefined): void {
    if (!collection) return;
    for (const { uri, diagnostics } of this.received.values()) collection.set(uri, applySeverity(diagnostics, this.option()));
  }

  clear(): void {
    this.received.clear();
  }
}
