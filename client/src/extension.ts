/**
 * Lifeline's entry point. It only wires: the log, the settings, the language client (started
 * over IPC from dist/server.js), the preview and the commands. Everything registered here lives
 * as long as the extension (`context.subscriptions`); what belongs to one running server lives
 * in the client's own scope (client.ts).
 */
import * as vscode from 'vscode';
import { registerBridges, type BridgeCore } from './bridges';
import { ServerClient } from './client';
import { startWhenSeqOpens } from './lazyStart';
import { COMMANDS, type Ctx } from './commands';
import { Config } from './config';
import { createLog } from './log';
import type { designDocument, lifelineMarkdownItPlugin } from './markdown/markdownItPlugin';
import { PreviewManager } from './preview/previewManager';
import { ServerRenderer } from './preview/render';

type MarkdownIt = Parameters<typeof lifelineMarkdownItPlugin>[0];

/** What dist/markdownItPlugin.js exports. */
interface CoreBundle {
  readonly lifelineMarkdownItPlugin: typeof lifelineMarkdownItPlugin;
  readonly designDocument: typeof designDocument;
  readonly bridges: BridgeCore;
}

/** What `activate` hands back to VS Code: the Markdown preview calls `extendMarkdownIt`. */
export interface LifelineApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

let server: ServerClient | undefined;

export function activate(context: vscode.ExtensionContext): LifelineApi {
  const log = createLog();
  const config = new Config();
  server = new ServerClient(context.asAbsolutePath('dist/server.js'), log);
  const renderer = new ServerRenderer(server);
  const previews = new PreviewManager({ extensionUri: context.extensionUri, config, log, renderer }, server);
  context.subscriptions.push(log, config, server, previews);

  // The core (parser, layout, renderers, export) is in dist/markdownItPlugin.js, which the
  // extension loads only when a Markdown preview or the export first needs it: the extension's
  // own bundle is the language client and the UI.
  let core: CoreBundle | undefined;
  const loadCore = () => (core ??= loadBundle<CoreBundle>(context.asAbsolutePath('dist/markdownItPlugin.js')));
  const ctx: Ctx = { server, config, log, previews, renderer, designDocument: (text, options) => loadCore().designDocument(text, options) };
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  context.subscriptions.push(...registerBridges({ log, core: () => loadCore().bridges }));
  log.info(`Lifeline ${String(context.extension.packageJSON.version)} activated`);

  // Not awaited: activation (and the Markdown plugin) must not wait for the server; a failure
  // to start is shown to the user by the client itself. Markdown alone does not start it.
  const client = server;
  context.subscriptions.push(startWhenSeqOpens(vscode.workspace, () => void client.ensureStarted()));

  return {
    extendMarkdownIt: (md) =>
      md.use(loadCore().lifelineMarkdownItPlugin, { charset: () => config.previewCharset, style: () => config.markdownStyle }),
  };
}

/** Loads one of our bundles from dist/ at run time (a computed path: esbuild leaves it out of this bundle). */
function loadBundle<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  return require(file) as T;
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
