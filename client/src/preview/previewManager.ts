/**
 * All preview panels, and the editor events they follow: edits re-render the panel of that file,
 * the active `.seq` editor is followed by every unlocked panel, the cursor and the scroll
 * position are mirrored through the source map, and panels come back after a window reload
 * (`WebviewPanelSerializer`).
 *
 * Like the Markdown preview: one "dynamic" (unlocked) preview follows the active editor;
 * locking a preview pins it to its file.
 */
import * as vscode from 'vscode';
import type { ServerClient } from '../client';
import type { SourceRange } from './diagram';
import { PREVIEW_VIEW_TYPE } from './messages';
import { toPreviewState } from './panelState';
import { PreviewPanel, type PanelContext, type PanelHost } from './previewPanel';

export class PreviewManager implements vscode.Disposable, PanelHost {
  private readonly panels = new Set<PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Per file: the top line we asked its editor to scroll to (its echo is not sent back). */
  private readonly expectedEditorTop = new Map<string, number>();
  /** The last `.seq` editor that was active: while a preview has the focus there is no active text editor. */
  private lastSeqEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(
    private readonly ctx: PanelContext,
    server: ServerClient,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return; // dirty-state only
        for (const p of this.panelsFor(e.document.uri)) p.requestRender();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isSeq(editor.document)) {
          this.lastSeqEditor = editor;
          this.follow(editor);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!isSeq(e.textEditor.document)) return;
        const line = e.selections[0]?.active.line;
        if (line === undefined) return;
        for (const p of this.panelsFor(e.textEditor.document.uri)) p.cursorMoved(line);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)),
      ctx.config.onDidChange((e) => {
        if (e.affectsConfiguration('lifeline.preview')) for (const p of this.panels) p.settingsChanged();
      }),
      server.onDidChangeState((state) => {
        // Back after a (re)start: draw again what the server could not answer meanwhile.
        if (state === 'running') for (const p of this.panels) p.requestRender();
      }),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.revive(panel, state),
      }),
    );
  }

  /** Opens (or reveals) the preview of `uri`: in the active column, or beside it. */
  showPreview(uri: vscode.Uri, options: { sideBySide: boolean; locked?: boolean }): PreviewPanel {
    const locked = options.locked ?? false;
    const column = options.sideBySide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const existing = locked ? [...this.panels].find((p) => p.isLocked && p.matches(uri)) : [...this.panels].find((p) => !p.isLocked);
    if (existing) {
      existing.setSource(uri);
      existing.reveal(existing.visible ? existing.panel.viewColumn : column, options.sideBySide);
      return existing;
    }
    return this.add(PreviewPanel.create(this.ctx, this, uri, column, { locked, preserveFocus: options.sideBySide }));
  }

  /** The preview that has the focus (its toolbar commands act on it). */
  activePreview(): PreviewPanel | undefined {
    return [...this.panels].find((p) => p.isActive);
  }

  /** The preview most worth acting on for `uri`: the active one, else a visible one of that file. */
  previewOf(uri: vscode.Uri): PreviewPanel | undefined {
    const mine = this.panelsFor(uri);
    return mine.find((p) => p.isActive) ?? mine.find((p) => p.visible) ?? mine[0];
  }

  // --- PanelHost ---------------------------------------------------------------------------------

  async revealSource(panel: PreviewPanel, range: SourceRange | undefined, select: boolean): Promise<void> {
    const uri = panel.uri;
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const previewColumn = panel.panel.viewColumn;
    const column = shown?.viewColumn ?? (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
      if (!range) return;
      const start = document.validatePosition(new vscode.Position(range.startLine, range.startCharacter));
      const end = document.validatePosition(new vscode.Position(range.endLine, range.endCharacter));
      editor.selection = select ? new vscode.Selection(start, end) : new vscode.Selection(start, start);
      editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (e) {
      this.ctx.log.error(`could not show ${uri.toString()}`, e);
      void vscode.window.showErrorMessage(`Lifeline: could not open ${uri.fsPath || uri.toString()}.`);
    }
  }

  scrollSource(panel: PreviewPanel, line: number): void {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === panel.uri.toString());
    if (!editor) return;
    const top = Math.max(0, Math.min(editor.document.lineCount - 1, Math.floor(line)));
    if (editor.visibleRanges[0]?.start.line === top) return;
    this.expectedEditorTop.set(panel.uri.toString(), top);
    editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
  }

  async copy(panel: PreviewPanel): Promise<void> {
    const text = panel.text;
    if (text === undefined) {
      void vscode.window.showInformationMessage('Lifeline: there is no diagram to copy yet.');
      return;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('$(check) Lifeline: diagram copied', 3000);
  }

  async copySvg(panel: PreviewPanel): Promise<void> {
    await vscode.commands.executeCommand('lifeline.copyAsSvg', { uri: panel.uri, ...panel.drawn });
  }

  async saveSvg(panel: PreviewPanel): Promise<void> {
    await vscode.commands.executeCommand('lifeline.saveAsSvg', { uri: panel.uri, ...panel.drawn });
  }

  lockChanged(panel: PreviewPanel): void {
    // Unlocked again: catch up with the active editor, as an unlocked preview does.
    // Unlocking is a click in the preview, which takes the focus: the editor it follows is the last one.
    const editor = vscode.window.activeTextEditor ?? this.lastSeqEditor;
    if (!panel.isLocked && editor && isSeq(editor.document)) panel.setSource(editor.document.uri);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const p of [...this.panels]) p.dispose();
  }

  // --- internals ---------------------------------------------------------------------------------

  private add(panel: PreviewPanel): PreviewPanel {
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    return panel;
  }

  private revive(panel: vscode.WebviewPanel, raw: unknown): void {
    const state = toPreviewState(raw);
    if (!state) {
      this.ctx.log.warn('a preview could not be restored (no saved state)');
      panel.dispose();
      return;
    }
    this.add(PreviewPanel.revive(this.ctx, this, panel, state));
  }

  private follow(editor: vscode.TextEditor): void {
    for (const p of this.panels) if (!p.isLocked) p.setSource(editor.document.uri);
  }

  private editorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (!isSeq(e.textEditor.document)) return;
    const key = e.textEditor.document.uri.toString();
    const top = e.visibleRanges[0]?.start.line;
    if (top === undefined) return;
    const expected = this.expectedEditorTop.get(key);
    this.expectedEditorTop.delete(key);
    if (expected === top) return; // our own scroll, on the preview's behalf
    for (const p of this.panelsFor(e.textEditor.document.uri)) if (p.visible) p.sourceScrolled(top);
  }

  private panelsFor(uri: vscode.Uri): PreviewPanel[] {
    return [...this.panels].filter((p) => p.matches(uri));
  }
}

export function isSeq(document: vscode.TextDocument): boolean {
  return document.languageId === 'seq';
}
