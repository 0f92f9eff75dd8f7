/**
 * The extension's settings, typed: one getter per setting the extension itself reads, fresh
 * each time (VS Code caches the configuration), and the event the rest of the client listens
 * to. The language server reads its own (`lifeline.diagnostics.*`) with `workspace/configuration`,
 * and the language client reads `lifeline.trace.server` (its id is `lifeline`).
 */
import * as vscode from 'vscode';

export type Charset = 'ascii' | 'unicode';

export const SECTION = 'lifeline';

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

  /** `lifeline.preview.style`: a new preview draws text diagrams or pictures. */
  get previewStyle(): 'text' | 'picture' {
    return this.cfg.get<string>('preview.style') === 'picture' ? 'picture' : 'text';
  }

  /** `lifeline.preview.charset`: how the preview and Copy Diagram draw. */
  get previewCharset(): Charset {
    return this.cfg.get<string>('preview.charset') === 'unicode' ? 'unicode' : 'ascii';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
