/**
 * The bridges in the editor: Convert to .seq (Mermaid, PlantUML), Export as Mermaid / PlantUML,
 * and the Markdown code action that turns a ```mermaid or ```plantuml fence into a ```seq one.
 * Results open unsaved beside their source (nothing on disk is written or overwritten) with a
 * Save As… offer; the work itself is done by the core (./markdown/bridges.ts), loaded on first use.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Cmd } from './commands';
import { reasonOf, type Log } from './log';
import type * as bridgeCore from './markdown/bridges';

export type BridgeCore = typeof bridgeCore;

export interface BridgeCtx {
  readonly log: Log;
  readonly core: () => BridgeCore;
}

/** The files Convert to .seq reads (the same list as package.json's `when` clauses). */
const IMPORTABLE = /\.(mmd|mermaid|puml|plantuml|pu)$/i;

const FORMATS = {
  mermaid: { name: 'Mermaid', language: 'mermaid' },
  plantuml: { name: 'PlantUML', language: 'plantuml' },
} as const;

/** The command's file: its argument (Explorer, editor title), else the active editor's when it is one the command reads. */
function targetUri(arg: unknown, accepts: (doc: vscode.TextDocument) => boolean): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && accepts(doc) ? doc.uri : undefined;
}

export function convertToSeq(ctx: BridgeCtx): Cmd {
  return async (arg) => {
    const uri = targetUri(arg, (doc) => IMPORTABLE.test(doc.uri.path));
    if (!uri) {
      void vscode.window.showInformationMessage('Lifeline: open a Mermaid (.mmd) or PlantUML (.puml) file to convert it to .seq.');
      return;
    }
    try {
      const source = await vscode.workspace.openTextDocument(uri);
      const core = ctx.core();
      const result = core.convertToSeq(uri.path, source.getText());
      if (!result.ok) {
        void vscode.window.showErrorMessage(`Lifeline: cannot convert ${result.message}`);
        return;
      }
      const name = path.posix.basename(uri.path);
      const dropped =
        result.dropped === 0
          ? ''
          : `; ${result.dropped} thing${result.dropped === 1 ? '' : 's'} could not be carried over (see the "# dropped:" comments)`;
      await openBeside(result.text, 'seq', {
        message: `Lifeline: ${name} converted to .seq (unsaved)${dropped}.`,
        saveAs: sibling(uri, core.siblingName(name, 'seq')),
        filters: { 'Sequence Diagram': ['seq'] },
      });
    } catch (e) {
      ctx.log.error('Convert to .seq failed', e);
      void vscode.window.showErrorMessage(`Lifeline: could not convert the file: ${reasonOf(e)}`);
    }
  };
}

function exportAs(ctx: BridgeCtx, format: bridgeCore.ExportFormat): Cmd {
  const { name: formatName, language } = FORMATS[format];
  return async (arg) => {
    const uri = targetUri(arg, (doc) => doc.languageId === 'seq');
    if (!uri) {
      void vscode.window.showInformationMessage(`Lifeline: open a .seq file to export it as ${formatName}.`);
      return;
    }
    try {
      const source = await vscode.workspace.openTextDocument(uri);
      const core = ctx.core();
      const result = core.exportSeq(source.getText(), format);
      const name = path.posix.basename(uri.path);
      const errors =
        result.errors === 0
          ? ''
          : ` (the file has ${result.errors} error${result.errors === 1 ? '' : 's'}: only what is valid was exported)`;
      // Another extension may own the language (none is bundled with VS Code): plain text otherwise.
      const known = (await vscode.languages.getLanguages()).includes(language);
      const extension = core.EXPORT_EXTENSIONS[format];
      await openBeside(result.text, known ? language : 'plaintext', {
        message: `Lifeline: ${name} exported as ${formatName} (unsaved)${errors}.`,
        saveAs: sibling(uri, core.siblingName(name, extension)),
        filters: { [formatName]: [extension] },
      });
    } catch (e) {
      ctx.log.error(`Export as ${formatName} failed`, e);
      void vscode.window.showErrorMessage(`Lifeline: could not export as ${formatName}: ${reasonOf(e)}`);
    }
  };
}

export const exportAsMermaid = (ctx: BridgeCtx): Cmd => exportAs(ctx, 'mermaid');
export const exportAsPlantUml = (ctx: BridgeCtx): Cmd => exportAs(ctx, 'plantuml');

function sibling(uri: vscode.Uri, name: string): vscode.Uri {
  return uri.with({ path: path.posix.join(path.posix.dirname(uri.path), name) });
}

/**
 * Opens `content` as an untitled document beside the active editor, then says so with a Save As…
 * button. The save dialog starts beside the source and asks before it replaces a file; the saved
 * file then opens in the untitled editor's group.
 */
async function openBeside(
  content: string,
  language: string,
  offer: { message: string; saveAs: vscode.Uri; filters: Record<string, string[]> },
): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  void (async () => {
    const choice = await vscode.window.showInformationMessage(offer.message, 'Save As…');
    if (choice !== 'Save As…' || doc.isClosed) return;
    const target = await vscode.window.showSaveDialog({ defaultUri: offer.saveAs, filters: offer.filters });
    if (!target || doc.isClosed) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(doc.getText()));
    // The saved file opens where the untitled one is (which stays open, unsaved, until closed).
    const viewColumn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.Beside;
    await vscode.window.showTextDocument(target, { viewColumn, preview: false });
  })().catch((e: unknown) => void vscode.window.showErrorMessage(`Lifeline: could not save the file: ${reasonOf(e)}`));
}

/** "Convert to a ```seq block" on a ```mermaid fence holding a `sequenceDiagram` or a ```plantuml fence holding `@startuml`. */
export class SeqFenceActions implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.RefactorRewrite.append('lifeline.seqFence');
  static readonly title = 'Convert to a ```seq block';

  constructor(private readonly core: () => BridgeCore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const text = document.getText();
    // Most Markdown holds no such fence: answer without loading the core.
    if (!/^\s*(`{3,}|~{3,})\s*(mermaid|plantuml|puml)\b/im.test(text)) return [];
    const core = this.core();
    const conversion = core.seqFenceConversion(text, document.offsetAt(range.start));
    if (!conversion) return [];
    const action = new vscode.CodeAction(SeqFenceActions.title, SeqFenceActions.kind);
    if (conversion.result.errors.length > 0) {
      const language = FORMATS[conversion.format].name;
      action.disabled = { reason: `The ${language} diagram has a syntax error at ${core.importErrorMessage(conversion.result.errors)}` };
      return [action];
    }
    action.edit = new vscode.WorkspaceEdit();
    const fence = new vscode.Range(document.positionAt(conversion.start), document.positionAt(conversion.end));
    action.edit.replace(document.uri, fence, conversion.newText);
    return [action];
  }
}

/** Registers the bridge commands and the Markdown code action; what `extension.ts` calls. */
export function registerBridges(ctx: BridgeCtx): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lifeline.convertToSeq', convertToSeq(ctx)),
    vscode.commands.registerCommand('lifeline.exportMermaid', exportAsMermaid(ctx)),
    vscode.commands.registerCommand('lifeline.exportPlantUml', exportAsPlantUml(ctx)),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new SeqFenceActions(ctx.core), {
      providedCodeActionKinds: [SeqFenceActions.kind],
    }),
  ];
}
