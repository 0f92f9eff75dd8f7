/**
 * One preview panel: the webview, the file it shows, and the render loop that keeps it current.
 *
 * The render loop (the Markdown preview's habit): an edit asks for a render; when none is in
 * flight the request goes out at once, otherwise the panel only notes that another is due and
 * sends one — for the newest text — when the answer arrives. Answers for an older version than
 * the one shown, or for settings that changed meanwhile (file, charset, sequence), are dropped.
 * No timer: the pace is the server's.
 *
 * On errors the last diagram without errors stays, and the banner lists the problems.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../config';
import { reasonOf, type Log } from '../log';
import { previewHtml } from './html';
import { diagramPatch, type DiagramPatch } from './patch';
import {
  clampZoom,
  PREVIEW_VIEW_TYPE,
  type Charset,
  type Diagram,
  type FromWebview,
  type PreviewInfo,
  type PreviewState,
  type SourceRange,
  type Status,
  type ToWebview,
  type UpdateTrace,
} from './messages';
import { now, type Renderer } from './render';

export interface PanelContext {
  readonly extensionUri: vscode.Uri;
  readonly config: Config;
  readonly log: Log;
  readonly renderer: Renderer;
}

/** What a panel asks of its manager: where the source is shown, and telling it about itself. */
export interface PanelHost {
  /** Shows the source at `range` (selects it when `select`), in the editor beside the preview. */
  revealSource(panel: PreviewPanel, range: SourceRange | undefined, select: boolean): Promise<void>;
  /** The user scrolled the preview: scroll the source editor so `line` is at its top. */
  scrollSource(panel: PreviewPanel, line: number): void;
  copy(panel: PreviewPanel): Promise<void>;
  lockChanged(panel: PreviewPanel): void;
}

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  private source: vscode.Uri;
  private locked: boolean;
  private charsetOverride: Charset | null;
  private sequence: string | null;
  private sequences: readonly string[] = [];
  private zoom: number;
  private scrollLine: number | undefined;

  /** The diagram on screen, and the last one drawn from a version without errors. */
  private shown: Diagram | undefined;
  private lastGood: Diagram | undefined;
  private status: Status | undefined;
  /**
   * The diagram the page has, or will have once it has read the messages posted so far: updates
   * send the change from it (a keystroke changes a row or two of a drawing that may be 700 kB).
   */
  private onPage: Diagram | undefined;
  /** The newest version an answer was applied for (older answers are dropped). */
  private answeredVersion = -1;

  /** Bumped whenever what we ask for changes (file, charset, sequence): older answers are dropped. */
  private generation = 0;
  private inFlight = false;
  private pending = false;
  /** The document version we already asked again for (asking once is enough). */
  private retriedFor = -1;
  /** When the first edit since the last request asked for a render (see `UpdateTrace`). */
  private askedAt: number | undefined;
  /** An edit arrived while hidden: render when shown again. */
  private dirty = false;
  private pageReady = false;
  /** The cursor line the page was last told of (undefined: none yet, or a new page or file). */
  private cursorOnPage: number | undefined;
  private isDisposed = false;

  private constructor(
    private readonly ctx: PanelContext,
    private readonly host: PanelHost,
    readonly panel: vscode.WebviewPanel,
    state: PreviewState,
  ) {
    this.source = vscode.Uri.parse(state.uri);
    this.locked = state.locked;
    this.charsetOverride = state.charset;
    this.sequence = state.sequence;
    this.zoom = clampZoom(state.zoom);
    this.scrollLine = state.scrollLine;

    panel.webview.options = webviewOptions(ctx.extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(ctx.extensionUri, 'media', 'seq-light.svg'),
      dark: vscode.Uri.joinPath(ctx.extensionUri, 'media', 'seq-dark.svg'),
    };
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidChangeViewState(() => this.onViewState()),
    );
    this.updateTitle();
    this.setHtml();
  }

  static create(ctx: PanelContext, host: PanelHost, uri: vscode.Uri, column: vscode.ViewColumn, options: { locked: boolean; preserveFocus: boolean }): PreviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      title(uri, options.locked),
      { viewColumn: column, preserveFocus: options.preserveFocus },
      webviewOptions(ctx.extensionUri),
    );
    const p = new PreviewPanel(ctx, host, panel, { uri: uri.toString(), locked: options.locked, charset: null, sequence: null, zoom: 1 });
    p.requestRender();
    return p;
  }

  /** A panel VS Code restored after a reload, with the state its page saved. */
  static revive(ctx: PanelContext, host: PanelHost, panel: vscode.WebviewPanel, state: PreviewState): PreviewPanel {
    const p = new PreviewPanel(ctx, host, panel, state);
    p.requestRender();
    return p;
  }

  get uri(): vscode.Uri {
    return this.source;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  get isActive(): boolean {
    return this.panel.active;
  }

  /** The text on screen, as `lifeline render` prints it (what Copy copies). */
  get text(): string | undefined {
    return this.shown && this.shown.lines.length > 0 ? `${this.shown.lines.join('\n')}\n` : undefined;
  }

  get charset(): Charset {
    return this.charsetOverride ?? this.ctx.config.previewCharset;
  }

  matches(uri: vscode.Uri): boolean {
    return this.source.toString() === uri.toString();
  }

  reveal(column?: vscode.ViewColumn, preserveFocus = false): void {
    this.panel.reveal(column ?? this.panel.viewColumn, preserveFocus);
  }

  /** Shows another file (the preview follows the active editor unless locked). */
  setSource(uri: vscode.Uri): void {
    if (this.matches(uri)) return;
    this.source = uri;
    this.sequence = null;
    this.sequences = [];
    this.shown = undefined;
    this.lastGood = undefined;
    this.status = undefined;
    this.answeredVersion = -1;
    this.scrollLine = undefined;
    this.cursorOnPage = undefined;
    this.generation++;
    this.updateTitle();
    this.postInfo();
    this.requestRender();
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
    this.postInfo();
    this.host.lockChanged(this);
  }

  toggleCharset(): void {
    this.charsetOverride = this.charset === 'ascii' ? 'unicode' : 'ascii';
    this.paramsChanged();
  }

  /** The `lifeline.preview.charset` setting changed: panels without their own choice follow it. */
  settingsChanged(): void {
    if (this.charsetOverride === null) this.paramsChanged();
  }

  setSequence(sequence: string | null): void {
    if (sequence === this.sequence) return;
    this.sequence = sequence;
    this.paramsChanged();
  }

  /**
   * The editor's cursor moved in our file. Posted only when its line changes: typing moves the
   * cursor on every key, and the page needs nothing from a move within the line.
   */
  cursorMoved(line: number): void {
    if (!this.pageReady || line === this.cursorOnPage) return;
    this.cursorOnPage = line;
    this.post({ type: 'cursor', line });
  }

  /** The source editor scrolled: keep the preview beside it. */
  sourceScrolled(line: number): void {
    this.post({ type: 'scrollTo', line });
  }

  /** Our document changed (an edit), or the server is back: draw the newest text. */
  requestRender(): void {
    if (this.isDisposed) return;
    this.askedAt ??= now();
    if (!this.panel.visible) {
      this.dirty = true;
      return;
    }
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    void this.render();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  // --- rendering ---------------------------------------------------------------------------------

  private paramsChanged(): void {
    this.generation++;
    // A different view of the file: its first answer is shown even with errors.
    this.lastGood = undefined;
    this.answeredVersion = -1;
    this.postInfo();
    this.requestRender();
  }

  private async render(): Promise<void> {
    this.inFlight = true;
    this.pending = false;
    this.dirty = false;
    const askedAt = this.askedAt ?? now();
    this.askedAt = undefined;
    const generation = this.generation;
    const uri = this.source;
    try {
      const answer = await this.ctx.renderer.render(uri, this.charset, this.sequence);
      if (this.isDisposed || generation !== this.generation) return;
      if (answer.diagram.version < this.answeredVersion) {
        this.ctx.log.trace(`preview: dropped the answer for version ${answer.diagram.version} (have ${this.answeredVersion})`);
        return;
      }
      this.apply(answer.diagram, answer.status, answer.sequences, { askedAt, requestedAt: answer.requestedAt, answeredAt: answer.answeredAt });
      // The server answered for an older text than the editor's (its didChange was still on the
      // way): ask again once for the newest.
      const current = findDocument(uri)?.version;
      if (current !== undefined && current > answer.diagram.version && current !== this.retriedFor) {
        this.retriedFor = current;
        this.pending = true;
        this.askedAt ??= askedAt;
      }
    } catch (e) {
      if (this.isDisposed || generation !== this.generation) return;
      this.ctx.log.warn(`preview: rendering ${uri.toString()} failed: ${reasonOf(e)}`);
      this.status = {
        version: this.status?.version ?? -1,
        errorCount: this.status?.errorCount ?? 0,
        warningCount: this.status?.warningCount ?? 0,
        problems: this.status?.problems ?? [],
        stale: 'server',
        notice: `The preview could not be updated: ${reasonOf(e)}. It shows the last diagram drawn.`,
      };
      this.postUpdate(undefined);
    } finally {
      this.inFlight = false;
      if ((this.pending || this.dirty) && !this.isDisposed) {
        this.pending = false;
        this.requestRender();
      }
    }
  }

  private apply(diagram: Diagram, status: Omit<Status, 'stale'>, sequences: readonly string[], trace: Omit<UpdateTrace, 'postedAt'>): void {
    this.answeredVersion = diagram.version;
    if (this.sequence === null) this.sequences = sequences;
    else if (!sequences.includes(this.sequence) && this.sequences.length === 0) this.sequences = sequences;
    const hasErrors = status.errorCount > 0;
    let next: Diagram | undefined;
    if (!hasErrors) {
      next = diagram;
      this.lastGood = diagram;
    } else if (!this.lastGood) {
      // Nothing good to keep yet (a file opened broken): show what is valid so far.
      next = diagram;
    }
    if (next) this.shown = next;
    this.status = { ...status, stale: hasErrors && this.lastGood ? 'errors' : null };
    this.postUpdate(next, trace);
  }

  /** Posts the status, and the diagram to show (if any) as the change from the one on the page. */
  private postUpdate(diagram: Diagram | undefined, trace?: Omit<UpdateTrace, 'postedAt'>): void {
    const status = this.status;
    if (this.isDisposed || !this.pageReady || !status) return;
    let content: { diagram?: Diagram; patch?: DiagramPatch } = {};
    if (diagram && diagram !== this.onPage) {
      content = this.onPage ? { patch: diagramPatch(this.onPage, diagram) } : { diagram };
      this.onPage = diagram;
    }
    this.post({ type: 'update', info: this.info(), ...content, status, ...(trace ? { trace: { ...trace, postedAt: now() } } : {}) });
  }

  // --- the page ----------------------------------------------------------------------------------

  private info(): PreviewInfo {
    return {
      uri: this.source.toString(),
      fileName: path.posix.basename(this.source.path),
      charset: this.charset,
      charsetOverride: this.charsetOverride,
      locked: this.locked,
      sequence: this.sequence,
      sequences: this.sequences,
    };
  }

  private postInfo(): void {
    this.post({ type: 'info', info: this.info() });
  }

  private post(message: ToWebview): void {
    if (this.isDisposed || !this.pageReady) return;
    void this.panel.webview.postMessage(message);
  }

  /** The page, with everything it needs to draw at once (so a re-created page never starts blank). */
  private setHtml(): void {
    this.pageReady = false;
    this.cursorOnPage = undefined;
    this.onPage = this.shown;
    const webview = this.panel.webview;
    webview.html = previewHtml(
      {
        cspSource: webview.cspSource,
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, 'media', 'preview.css')),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview.js')),
      },
      { info: this.info(), zoom: this.zoom, scrollLine: this.scrollLine, diagram: this.shown, status: this.status },
    );
  }

  private onViewState(): void {
    if (this.panel.visible) {
      if (this.dirty) this.requestRender();
    } else {
      // A hidden webview is torn down; the page it gets when shown again starts from the newest state.
      this.setHtml();
    }
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        this.post({ type: 'info', info: this.info() });
        this.postUpdate(this.shown);
        if (this.dirty || (!this.shown && !this.inFlight)) this.requestRender();
        return;
      case 'resync':
        this.onPage = undefined;
        this.postUpdate(this.shown);
        return;
      case 'reveal':
        void this.host.revealSource(this, m.range, m.select);
        return;
      case 'scrolled':
        this.scrollLine = m.line;
        this.host.scrollSource(this, m.line);
        return;
      case 'selectSequence':
        this.setSequence(m.sequence);
        return;
      case 'toggleCharset':
        this.toggleCharset();
        return;
      case 'toggleLock':
        this.toggleLock();
        return;
      case 'copy':
        void this.host.copy(this);
        return;
      case 'showSource':
        void this.host.revealSource(this, undefined, false);
        return;
      case 'zoomed':
        this.zoom = clampZoom(m.zoom);
        return;
    }
  }

  private updateTitle(): void {
    this.panel.title = title(this.source, this.locked);
  }
}

function title(uri: vscode.Uri, locked: boolean): string {
  const name = path.posix.basename(uri.path);
  return locked ? `[Preview] ${name}` : `Preview ${name}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

function findDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** Validates what a restored page saved (it comes from the webview: trust nothing). */
export function toPreviewState(value: unknown): PreviewState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.uri !== 'string' || v.uri === '') return undefined;
  return {
    uri: v.uri,
    locked: v.locked === true,
    charset: v.charset === 'ascii' || v.charset === 'unicode' ? v.charset : null,
    sequence: typeof v.sequence === 'string' ? v.sequence : null,
    zoom: typeof v.zoom === 'number' ? clampZoom(v.zoom) : 1,
    scrollLine: typeof v.scrollLine === 'number' && v.scrollLine >= 0 ? Math.floor(v.scrollLine) : undefined,
  };
}
