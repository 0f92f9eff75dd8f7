/**
 * Copy as SVG and Save as SVG…: the standalone picture (the neutral light palette, as
 * `lifeline render --format svg` prints it), asked of the server for an open document, of the
 * active preview (its sequence and durations margin) or of the active `.seq` editor.
 */
import * as vscode from 'vscode';
import type { Ctx } from './commands';
import { reasonOf } from './log';

/** What to draw: the file, and the preview's choices when a preview asked (its toolbar passes them). */
export interface Target {
  readonly uri: vscode.Uri;
  readonly sequence: string | null;
  readonly durations: boolean;
}

function targetOf(ctx: Ctx, arg: unknown): Target | undefined {
  if (isTarget(arg)) return arg;
  const preview = ctx.previews.activePreview();
  if (arg instanceof vscode.Uri) {
    const own = preview?.matches(arg) ? preview.drawn : undefined;
    return { uri: arg, sequence: own?.sequence ?? null, durations: own?.durations ?? false };
  }
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'seq') return { uri: editor.document.uri, sequence: null, durations: false };
  return preview ? { uri: preview.uri, ...preview.drawn } : undefined;
}

function isTarget(arg: unknown): arg is Target {
  const t = arg as Partial<Target> | undefined;
  return t?.uri instanceof vscode.Uri && (t.sequence === null || typeof t.sequence === 'string') && typeof t.durations === 'boolean';
}

async function svgOf(ctx: Ctx, target: Target): Promise<string | undefined> {
  // The server draws open documents only: opening it (no editor needed) sends didOpen.
  await vscode.workspace.openTextDocument(target.uri);
  const svg = await ctx.server.svg({
    uri: target.uri.toString(),
    ...(target.sequence !== null ? { sequence: target.sequence } : {}),
    durations: target.durations,
  });
  if (svg === null) throw new Error(`the language server does not have ${target.uri.toString()} open`);
  return svg;
}

/** The `.svg` beside the `.seq` file: `login.seq` → `login.svg`. */
export function svgBeside(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\.seq$/i, '') + '.svg' });
}

export function copyAsSvg(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const target = targetOf(ctx, arg);
    if (!target) return void vscode.window.showInformationMessage('Lifeline: open a .seq file to copy its picture.');
    try {
      const svg = await svgOf(ctx, target);
      if (svg === undefined) return;
      await vscode.env.clipboard.writeText(svg);
      vscode.window.setStatusBarMessage('$(check) Lifeline: diagram copied as SVG', 4000);
    } catch (e) {
      ctx.log.error('Copy as SVG failed', e);
      void vscode.window.showErrorMessage(`Lifeline: could not draw the picture: ${reasonOf(e)}`);
    }
  };
}

/** Save as SVG…: the save dialog, starting beside the `.seq` file; a second argument (a Uri) saves there without asking. */
export function saveAsSvg(ctx: Ctx) {
  return async (arg?: unknown, to?: unknown): Promise<void> => {
    const target = targetOf(ctx, arg);
    if (!target) return void vscode.window.showInformationMessage('Lifeline: open a .seq file to save its picture.');
    try {
      const svg = await svgOf(ctx, target);
      if (svg === undefined) return;
      const file =
        to instanceof vscode.Uri
          ? to
          : await vscode.window.showSaveDialog({ defaultUri: svgBeside(target.uri), filters: { SVG: ['svg'] } });
      if (!file) return;
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(svg));
      vscode.window.setStatusBarMessage(`$(check) Lifeline: saved ${vscode.workspace.asRelativePath(file)}`, 4000);
    } catch (e) {
      ctx.log.error('Save as SVG failed', e);
      void vscode.window.showErrorMessage(`Lifeline: could not save the picture: ${reasonOf(e)}`);
    }
  };
}
