/**
 * One preview panel: the webview, the file it shows, and the render loop that keeps it current.
 *
 * The render loop (the Markdown preview's habit): an edit asks for a render; when none is in
 * flight the request goes out at once, otherwise the panel only notes that another is due and
 * sends one — for the newest text — when the answer arrives. Answers for an older version than
 * the one shown, or for settings that changed meanwhile (file, charset, sequence), are dropped.
 * No timer: the pace is the server's.
 *
 * Every request names the diagram on the page (`since`, the server's id for it) and the server
 * answers with its change from that one, which goes to the page as it is (translate.ts). On
 * errors the last diagram without errors stays on the page, so the next change is from it again;
 * the banner lists the problems.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../config';
import { reasonOf, type Log } from '../log';
import { applyPatch, type Charset, type Diagram, type SourceRange } from './diagram';
import { previewHtml } from './html';
import {
  clampZoom,
  PREVIEW_VIEW_TYPE,
  type FromWebview,
  type PreviewInfo,
  type PreviewState,
  type PreviewStyle,
  type ToWebview,
  type UpdateTrace,
} from './messages';
import { noneShown, type Loop, type Page, type View } from './panelState';
import { now, type Answer, type Change, type Renderer } from './render';

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
  /** Copy as SVG / Save as SVG… of what the panel shows (the standalone picture). */
  copySvg(panel: PreviewPanel): Promise<void>;
  saveSvg(panel: PreviewPanel): Promise<void>;
  lockChanged(panel: PreviewPanel): void;
}

export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  private readonly view: View;
  private shown = noneShown();
  private readonly loop: Loop = { generation: 0, inFlight: false, pending: false, retriedFor: -1, askedAt: undefined, dirty: false };
  private readonly page: Page = { ready: false, diagram: undefined, cursorLine: undefined };
  private isDisposed = false;

  private constructor(
    private readonly ctx: PanelContext,
    private readonly host: PanelHost,
    readonly panel: vscode.WebviewPanel,
    state: PreviewState,
  ) {
    this.view = {
      source: vscode.Uri.parse(state.uri),
      locked: state.locked,
      charsetOverride: state.charset,
      styleOverride: state.style,
      durations: state.durations,
      sequence: state.sequence,
      sequences: [],
      zoom: clampZoom(state.zoom),
      fit: state.fit,
      scrollLine: state.scrollLine,
    };

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

  static create(
    ctx: PanelContext,
    host: PanelHost,
    uri: vscode.Uri,
    column: vscode.ViewColumn,
    options: { locked: boolean; preserveFocus: boolean },
  ): PreviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      title(uri, options.locked),
      { viewColumn: column, preserveFocus: options.preserveFocus },
      webviewOptions(ctx.extensionUri),
    );
    const p = new PreviewPanel(ctx, host, panel, {
      uri: uri.toString(),
      locked: options.locked,
      charset: null,
      style: null,
      durations: false,
      sequence: null,
      zoom: 1,
      fit: false,
    });
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
    return this.view.source;
  }

  get isLocked(): boolean {
    return this.view.locked;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  get isActive(): boolean {
    return this.panel.active;
  }

  /** The text on screen, as `lifeline render` prints it (what Copy copies). */
  get text(): string | undefined {
    const lines = this.shown.diagram?.lines ?? [];
    return lines.length > 0 ? `${lines.join('\n')}\n` : undefined;
  }

  get charset(): Charset {
    return this.view.charsetOverride ?? this.ctx.config.previewCharset;
  }

  get style(): PreviewStyle {
    return this.view.styleOverride ?? this.ctx.config.previewStyle;
  }

  /** The sequence shown alone (null: all of them) and whether the durations margin is drawn: what Save as SVG draws. */
  get drawn(): { readonly sequence: string | null; readonly durations: boolean } {
    return { sequence: this.view.sequence, durations: this.view.durations };
  }

  matches(uri: vscode.Uri): boolean {
    return this.view.source.toString() === uri.toString();
  }

  reveal(column?: vscode.ViewColumn, preserveFocus = false): void {
    this.panel.reveal(column ?? this.panel.viewColumn, preserveFocus);
  }

  /** Shows another file (the preview follows the active editor unless locked). */
  setSource(uri: vscode.Uri): void {
    if (this.matches(uri)) return;
    this.view.source = uri;
    this.view.sequence = null;
    this.view.sequences = [];
    this.shown = noneShown();
    this.view.scrollLine = undefined;
    this.page.cursorLine = undefined;
    this.loop.generation++;
    this.updateTitle();
    this.postInfo();
    this.requestRender();
  }

  toggleLock(): void {
    this.view.locked = !this.view.locked;
    this.updateTitle();
    this.postInfo();
    this.host.lockChanged(this);
  }

  toggleCharset(): void {
    this.view.charsetOverride = this.charset === 'ascii' ? 'unicode' : 'ascii';
    this.paramsChanged();
  }

  toggleStyle(): void {
    this.view.styleOverride = this.style === 'text' ? 'picture' : 'text';
    this.paramsChanged();
  }

  toggleDurations(): void {
    this.view.durations = !this.view.durations;
    this.paramsChanged();
  }

  /** `lifeline.preview.charset` or `.style` changed: panels without their own choice follow it. */
  settingsChanged(): void {
    if (this.view.charsetOverride === null || this.view.styleOverride === null) this.paramsChanged();
  }

  setSequence(sequence: string | null): void {
    if (sequence === this.view.sequence) return;
    this.view.sequence = sequence;
    this.paramsChanged();
  }

  /**
   * The editor's cursor moved in our file. Posted only when its line changes: typing moves the
   * cursor on every key, and the page needs nothing from a move within the line.
   */
  cursorMoved(line: number): void {
    if (!this.page.ready || line === this.page.cursorLine) return;
    this.page.cursorLine = line;
    this.post({ type: 'cursor', line });
  }

  /** The source editor scrolled: keep the preview beside it. */
  sourceScrolled(line: number): void {
    this.post({ type: 'scrollTo', line });
  }

  /** Our document changed (an edit), or the server is back: draw the newest text. */
  requestRender(): void {
    if (this.isDisposed) return;
    this.loop.askedAt ??= now();
    if (!this.panel.visible) {
      this.loop.dirty = true;
      return;
    }
    if (this.loop.inFlight) {
      this.loop.pending = true;
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
    this.loop.generation++;
    // A different view of the file: its first answer is shown even with errors.
    this.shown.good = false;
    this.shown.answeredVersion = -1;
    this.postInfo();
    this.requestRender();
  }

  private async render(): Promise<void> {
    const loop = this.loop;
    loop.inFlight = true;
    loop.pending = false;
    loop.dirty = false;
    const askedAt = loop.askedAt ?? now();
    loop.askedAt = undefined;
    const generation = loop.generation;
    const uri = this.view.source;
    try {
      const picture = this.style === 'picture';
      const answer = await this.ctx.renderer.render(uri, this.charset, this.view.sequence, this.shown.diagram, {
        picture,
        durations: this.view.durations,
      });
      if (this.isDisposed || generation !== loop.generation) return;
      if (answer.version < this.shown.answeredVersion) {
        this.ctx.log.trace(`preview: dropped the answer for version ${answer.version} (have ${this.shown.answeredVersion})`);
        return;
      }
      this.apply(answer, { askedAt, requestedAt: answer.requestedAt, answeredAt: answer.answeredAt });
      // The server answered for an older text than the editor's (its didChange was still on the
      // way): ask again once for the newest.
      const current = findDocument(uri)?.version;
      if (current !== undefined && current > answer.version && current !== loop.retriedFor) {
        loop.retriedFor = current;
        loop.pending = true;
        loop.askedAt ??= askedAt;
      }
    } catch (e) {
      if (this.isDisposed || generation !== loop.generation) return;
      this.ctx.log.warn(`preview: rendering ${uri.toString()} failed: ${reasonOf(e)}`);
      const status = this.shown.status;
      this.shown.status = {
        version: status?.version ?? -1,
        errorCount: status?.errorCount ?? 0,
        warningCount: status?.warningCount ?? 0,
        problems: status?.problems ?? [],
        stale: 'server',
        notice: `The preview could not be updated: ${reasonOf(e)}. It shows the last diagram drawn.`,
      };
      this.postUpdate(undefined);
    } finally {
      loop.inFlight = false;
      if ((loop.pending || loop.dirty) && !this.isDisposed) {
        loop.pending = false;
        this.requestRender();
      }
    }
  }

  /**
   * Takes the answer's diagram, unless its version has errors and the one on screen had none:
   * that one stays (by its id), and the server's next change is from it again.
   */
  private apply(answer: Answer, trace: Omit<UpdateTrace, 'postedAt'>): void {
    const shown = this.shown;
    shown.answeredVersion = answer.version;
    const view = this.view;
    if (view.sequence === null) view.sequences = answer.sequences;
    else if (!answer.sequences.includes(view.sequence) && view.sequences.length === 0) view.sequences = answer.sequences;
    const hasErrors = answer.status.errorCount > 0;
    const keep = hasErrors && shown.good;
    if (!keep) {
      const change = answer.change;
      shown.diagram = 'diagram' in change ? change.diagram : applyPatch(shown.diagram as Diagram, change.patch);
      shown.good = !hasErrors;
    }
    shown.status = { ...answer.status, stale: keep ? 'errors' : null };
    this.postUpdate(keep ? undefined : answer.change, trace);
  }

  /**
   * Posts the status, and the diagram on screen if the page does not have it: as the server's
   * change when that is from the page's diagram, else whole.
   */
  private postUpdate(change: Change | undefined, trace?: Omit<UpdateTrace, 'postedAt'>): void {
    const status = this.shown.status;
    const diagram = this.shown.diagram;
    if (this.isDisposed || !this.page.ready || !status) return;
    let content: Pick<Extract<ToWebview, { type: 'update' }>, 'diagram' | 'patch'> = {};
    if (diagram && diagram.id !== this.page.diagram) {
      content = change && 'patch' in change && change.patch.base === this.page.diagram ? { patch: change.patch } : { diagram };
      this.page.diagram = diagram.id;
    }
    this.post({ type: 'update', info: this.info(), ...content, status, ...(trace ? { trace: { ...trace, postedAt: now() } } : {}) });
  }

  // --- the page ----------------------------------------------------------------------------------

  private info(): PreviewInfo {
    return {
      uri: this.view.source.toString(),
      fileName: path.posix.basename(this.view.source.path),
      charset: this.charset,
      charsetOverride: this.view.charsetOverride,
      locked: this.view.locked,
      style: this.style,
      durations: this.view.durations,
      sequence: this.view.sequence,
      sequences: this.view.sequences,
    };
  }

  private postInfo(): void {
    this.post({ type: 'info', info: this.info() });
  }

  private post(message: ToWebview): void {
    if (this.isDisposed || !this.page.ready) return;
    void this.panel.webview.postMessage(message);
  }

  /** The page, with everything it needs to draw at once (so a re-created page never starts blank). */
  private setHtml(): void {
    this.page.ready = false;
    this.page.cursorLine = undefined;
    this.page.diagram = this.shown.diagram?.id;
    const webview = this.panel.webview;
    webview.html = previewHtml(
      {
        cspSource: webview.cspSource,
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, 'media', 'preview.css')),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview.js')),
      },
      {
        info: this.info(),
        zoom: this.view.zoom,
        fit: this.view.fit,
        scrollLine: this.view.scrollLine,
        diagram: this.shown.diagram,
        status: this.shown.status,
      },
    );
  }

  private onViewState(): void {
    if (this.panel.visible) {
      if (this.loop.dirty) this.requestRender();
    } else {
      // A hidden webview is torn down; the page it gets when shown again starts from the newest state.
      this.setHtml();
    }
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.page.ready = true;
        this.post({ type: 'info', info: this.info() });
        this.postUpdate(undefined);
        if (this.loop.dirty || (!this.shown.diagram && !this.loop.inFlight)) this.requestRender();
        return;
      case 'resync':
        this.page.diagram = undefined;
        this.postUpdate(undefined);
        return;
      case 'reveal':
        void this.host.revealSource(this, m.range, m.select);
        return;
      case 'scrolled':
        this.view.scrollLine = m.line;
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
      case 'toggleStyle':
        this.toggleStyle();
        return;
      case 'toggleDurations':
        this.toggleDurations();
        return;
      case 'copy':
        void this.host.copy(this);
        return;
      case 'copySvg':
        void this.host.copySvg(this);
        return;
      case 'saveSvg':
        void this.host.saveSvg(this);
        return;
      case 'showSource':
        void this.host.revealSource(this, undefined, false);
        return;
      case 'zoomed':
        this.view.zoom = clampZoom(m.zoom);
        this.view.fit = m.fit === true;
        return;
    }
  }

  private updateTitle(): void {
    this.panel.title = title(this.view.source, this.view.locked);
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
