/**
 * The `lifeline` settings section, read by the server itself so that every editor gets them:
 * with `workspace/configuration` per document when the client offers it (VS Code, Eglot,
 * lsp-mode, Neovim 0.8+), otherwise from what `workspace/didChangeConfiguration` pushes. Read once
 * per document and kept until the document closes or the settings change.
 */
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { DiagnosticCode } from '../core/index';

export type SeverityOption = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  readonly diagnostics: { readonly undeclaredParticipant: SeverityOption };
}

export const SECTION = 'lifeline';
export const DEFAULT_SETTINGS: Settings = { diagnostics: { undeclaredParticipant: 'warning' } };

const severities: Readonly<Record<Exclude<SeverityOption, 'off'>, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const isOption = (v: unknown): v is SeverityOption => v === 'off' || (typeof v === 'string' && Object.hasOwn(severities, v));

/**
 * The settings in a `lifeline` section as a client sends it: nested (`{diagnostics:
 * {undeclaredParticipant}}`), with dotted keys (`{"diagnostics.undeclaredParticipant"}`), or
 * still wrapped in its section (`{lifeline: …}`); anything missing or ill-typed keeps its default.
 */
export function readSettings(section: unknown): Settings {
  const object = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);
  const outer = object(section) ?? {};
  const s = object(outer[SECTION]) ?? outer;
  const nested =
    typeof s.diagnostics === 'object' && s.diagnostics !== null
      ? (s.diagnostics as Record<string, unknown>).undeclaredParticipant
      : undefined;
  const value = nested ?? s['diagnostics.undeclaredParticipant'];
  return { diagnostics: { undeclaredParticipant: isOption(value) ? value : DEFAULT_SETTINGS.diagnostics.undeclaredParticipant } };
}

const UNDECLARED: DiagnosticCode = 'undeclared-participant';

/** The diagnostics to publish under `settings`: undeclared participants at the chosen severity, or none with `off`. */
export function applySettings(params: PublishDiagnosticsParams, settings: Settings): PublishDiagnosticsParams {
  const option = settings.diagnostics.undeclaredParticipant;
  if (!params.diagnostics.some((d) => d.code === UNDECLARED)) return params;
  const diagnostics =
    option === 'off'
      ? params.diagnostics.filter((d) => d.code !== UNDECLARED)
      : params.diagnostics.map((d) => (d.code === UNDECLARED ? { ...d, severity: severities[option] } : d));
  return { ...params, diagnostics };
}

/** Asks the client for the `lifeline` section of one document (`workspace/configuration`). */
export type FetchSettings = (uri: string) => Promise<unknown>;

/**
 * The settings per document. With `fetch` (the client answers `workspace/configuration`) each
 * document's are asked for once; without it, every document gets the last pushed section.
 */
export class SettingsCache {
  private readonly perDocument = new Map<string, Settings | Promise<Settings>>();
  private pushed: Settings = DEFAULT_SETTINGS;
  private fetch: FetchSettings | undefined;
  private changes = 0;

  constructor(private readonly onFailure: (uri: string, e: unknown) => void = () => undefined) {}

  /** Set once the client said it answers `workspace/configuration`. */
  pullWith(fetch: FetchSettings): void {
    this.fetch = fetch;
  }

  /** Counts settings changes: an answer asked for before the last change is stale. */
  get generation(): number {
    return this.changes;
  }

  /** The settings for `uri`: at once when known, else a promise of the client's answer. */
  get(uri: string): Settings | Promise<Settings> {
    const fetch = this.fetch;
    if (!fetch) return this.pushed;
    const known = this.perDocument.get(uri);
    if (known) return known;
    const asked = fetch(uri).then(
      (section) => readSettings(section),
      (e: unknown) => {
        this.onFailure(uri, e);
        return this.pushed;
      },
    );
    this.perDocument.set(uri, asked);
    void asked.then((s) => {
      if (this.perDocument.get(uri) === asked) this.perDocument.set(uri, s);
    });
    return asked;
  }

  /** `workspace/didChangeConfiguration`: what was read is stale; `settings` is what a push-only client sent. */
  changed(settings: unknown): void {
    this.changes++;
    this.perDocument.clear();
    const section = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)[SECTION] : undefined;
    if (section !== undefined) this.pushed = readSettings(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}
