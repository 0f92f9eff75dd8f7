/**
 * The extension's settings, typed: one getter per setting, read fresh each time (VS Code caches
 * the configuration), and the event the rest of the client listens to.
 *
 * Settings whose change needs a server restart are listed in `RESTART_SETTINGS`; the others the
 * server (or the preview) picks up live.
 */
import * as vscode from 'vscode';

export type Charset = 'ascii' | 'unicode';
export type SeverityOption = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type TraceOption = 'off' | 'messages' | 'verbose';

export const SECTION = 'lifeline';

/** Settings the running server cannot pick up; changing one offers a restart. */
export const RESTART_SETTINGS: readonly string[] = [];

export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires when any `lifeline.*` setting changes. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) this.changed.fire(e);
    });
  }

  /** The settings for any resource (`null`): the workspace's, or the user's. */
  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION, null);
  }

  /** `lifeline.markdown.style`: ```seq blocks in Markdown as text diagrams or as pictures. */
  get markdownStyle(): 'text' | 'picture' {
    return this.cfg.get<string>('markdown.style') === 'picture' ? 'picture' : 'text';
  }

  /** `lifeline.preview.charset`: how the preview and Copy Diagram draw. */
  get previewCharset(): Charset {
    return this.cfg.get<string>('preview.charset') === 'unicode' ? 'unicode' : 'ascii';
  }

  /** `lifeline.diagnostics.undeclaredParticipant`: the severity the server reports it with. */
  get undeclaredParticipantSeverity(): SeverityOption {
    const v = this.cfg.get<string>('diagnostics.undeclaredParticipant');
    return v === 'error' || v === 'information' || v === 'hint' || v === 'off' ? v : 'warning';
  }

  /** `lifeline.trace.server`: read by the language client itself (its id is `lifeline`). */
  get traceServer(): TraceOption {
    const v = this.cfg.get<string>('trace.server');
    return v === 'messages' || v === 'verbose' ? v : 'off';
  }

  /** What the server is told at start and on every change (the `lifeline` section, typed). */
  serverSettings(): ServerSettings {
    return { diagnostics: { undeclaredParticipant: this.undeclaredParticipantSeverity } };
  }

  needsRestart(e: vscode.ConfigurationChangeEvent): boolean {
    return RESTART_SETTINGS.some((s) => e.affectsConfiguration(`${SECTION}.${s}`));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export interface ServerSettings {
  diagnostics: { undeclaredParticipant: SeverityOption };
}
