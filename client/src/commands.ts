/**
 * Every command, as a small factory over the extension's context (rust-analyzer's habit):
 * `extension.ts` registers them by id; each does one thing and says why when it cannot.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerClient } from './client';
import type { Config } from './config';
import { reasonOf, type Log } from './log';
import type { PreviewManager } from './preview/previewManager';
import type { Renderer } from './preview/render';
import { copyAsSvg, saveAsSvg } from './svgExport';

export interface Ctx {
  readonly server: ServerClient;
  readonly config: Config;
  readonly log: Log;
  readonly previews: PreviewManager;
  readonly renderer: Renderer;
  /** The design document of a `.seq` text (from the core, loaded on first use). */
  readonly designDocument: (text: string, options: { charset: 'ascii' | 'unicode'; sourceName: string }) => string;
}

export type Cmd = (...args: unknown[]) => unknown;

/** The `.seq` file a command is about: its argument (Explorer, editor title), the active editor, or the active preview. */
function targetUri(ctx: Ctx, arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'seq') return editor.document.uri;
  return ctx.previews.activePreview()?.uri;
}

function noTarget(what: string): void {
  void vscode.window.showInformationMessage(`Lifeline: open a .seq file to ${what}.`);
}

export function showPreview(ctx: Ctx): Cmd {
  return (arg) => {
    const uri = targetUri(ctx, arg);
    if (!uri) return noTarget('preview it');
    ctx.previews.showPreview(uri, { sideBySide: false });
  };
}

export function showPreviewToSide(ctx: Ctx): Cmd {
  return (arg) => {
    const uri = targetUri(ctx, arg);
    if (!uri) return noTarget('preview it');
    ctx.previews.showPreview(uri, { sideBySide: true });
  };
}

export function showSource(ctx: Ctx): Cmd {
  return async () => {
    const preview = ctx.previews.activePreview();
    if (preview) await ctx.previews.revealSource(preview, undefined, false);
  };
}

export function toggleLock(ctx: Ctx): Cmd {
  return () => ctx.previews.activePreview()?.toggleLock();
}

export function toggleCharset(ctx: Ctx): Cmd {
  return () => ctx.previews.activePreview()?.toggleCharset();
}

/** Copies the diagram as text: the active preview's, else the active editor's file drawn in the configured charset. */
export function copyDiagram(ctx: Ctx): Cmd {
  return async (arg) => {
    const preview = arg === undefined ? ctx.previews.activePreview() : undefined;
    if (preview) return ctx.previews.copy(preview);
    const uri = targetUri(ctx, arg);
    if (!uri) return noTarget('copy its diagram');
    try {
      // Asked without `since`: the answer is the whole drawing.
      const rendered = await ctx.renderer.render(uri, ctx.config.previewCharset, null, undefined);
      const lines = 'diagram' in rendered.change ? rendered.change.diagram.lines : [];
      if (lines.length === 0) {
        void vscode.window.showInformationMessage('Lifeline: this file has nothing to draw yet.');
        return;
      }
      await vscode.env.clipboard.writeText(`${lines.join('\n')}\n`);
      const errors = rendered.status.errorCount;
      vscode.window.setStatusBarMessage(
        errors > 0
          ? `$(warning) Lifeline: diagram copied (the file has ${errors} error${errors === 1 ? '' : 's'})`
          : '$(check) Lifeline: diagram copied',
        4000,
      );
    } catch (e) {
      ctx.log.error('Copy Diagram failed', e);
      void vscode.window.showErrorMessage(`Lifeline: could not draw the diagram: ${reasonOf(e)}`);
    }
  };
}

/**
 * Writes the design document (the template filled in from the file) into an untitled Markdown
 * editor beside the source, and offers to save it next to the source.
 */
export function exportDesignDocument(ctx: Ctx): Cmd {
  return async (arg) => {
    const uri = targetUri(ctx, arg);
    if (!uri) return noTarget('export its design document');
    try {
      const source = await vscode.workspace.openTextDocument(uri);
      const sourceName = path.posix.basename(uri.path);
      const markdown = ctx.designDocument(source.getText(), { charset: ctx.config.previewCharset, sourceName });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      void offerToSave(doc, uri);
    } catch (e) {
      ctx.log.error('Export Design Document failed', e);
      void vscode.window.showErrorMessage(`Lifeline: could not export the design document: ${reasonOf(e)}`);
    }
  };
}

async function offerToSave(doc: vscode.TextDocument, source: vscode.Uri): Promise<void> {
  const choice = await vscode.window.showInformationMessage('Lifeline: the design document is open beside the diagram.', 'Save As…');
  if (choice !== 'Save As…' || doc.isClosed) return;
  const defaultUri = source.with({ path: source.path.replace(/\.seq$/i, '') + '.md' });
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { Markdown: ['md'] } });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.getText()));
  await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
}

export function restartServer(ctx: Ctx): Cmd {
  return async () => {
    if (await ctx.server.restart()) vscode.window.setStatusBarMessage('$(check) Lifeline: language server restarted', 3000);
  };
}

export function showLog(ctx: Ctx): Cmd {
  return () => ctx.log.show();
}

/** Command id → factory: what `extension.ts` registers. */
export const COMMANDS: Readonly<Record<string, (ctx: Ctx) => Cmd>> = {
  'lifeline.showPreview': showPreview,
  'lifeline.showPreviewToSide': showPreviewToSide,
  'lifeline.preview.showSource': showSource,
  'lifeline.preview.toggleLock': toggleLock,
  'lifeline.preview.toggleCharset': toggleCharset,
  'lifeline.copyDiagram': copyDiagram,
  'lifeline.copyAsSvg': copyAsSvg,
  'lifeline.saveAsSvg': saveAsSvg,
  'lifeline.exportDesignDocument': exportDesignDocument,
  'lifeline.restartServer': restartServer,
  'lifeline.showLog': showLog,
};
