/**
 * The Lifeline language server: wiring only. The connection and its transport are in
 * lsp/connection.ts, open documents and their analyses in lsp/documents.ts, diagnostics in
 * lsp/diagnosticsScheduler.ts, the user's settings in lsp/settings.ts, every feature in
 * features/. Each request handler is guarded (lsp/guard.ts): ill-typed parameters get an
 * InvalidParams error, a cancelled request the protocol's cancellation error, any other
 * failure is logged and answered with an empty result.
 */
import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRequest,
  TextDocumentSyncKind,
  WorkspaceSymbolRequest,
  type CancellationToken,
  type CodeActionParams,
  type CompletionParams,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentHighlightParams,
  type DocumentRangeFormattingParams,
  type HoverParams,
  type InlayHintParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type SemanticTokensDeltaParams,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { renderDocument } from './core/index';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { definition } from './features/definition';
import type { ParsedDocument } from './features/document';
import { documentHighlight } from './features/documentHighlight';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { formatting } from './features/formatting';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { Drawings, standaloneSvg, type Renderer } from './features/render';
import { semanticTokens, semanticTokensLegend, SemanticTokensHistory } from './features/semanticTokens';
import { workspaceSymbols } from './features/workspaceSymbols';
import { connect } from './lsp/connection';
import { DiagnosticsScheduler } from './lsp/diagnosticsScheduler';
import { DocumentStore, WorkspaceFiles, uriKey } from './lsp/documents';
import { guard, invalid, isObject, type Shape } from './lsp/guard';
import { AFTER_RECEIVED, Inbox } from './lsp/inbox';
import { RenderRequest, SvgRequest } from './lsp/protocol';
import { SECTION, SettingsCache } from './lsp/settings';

const VERSION = '0.1.0';

const errorText = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
const inbox = new Inbox();
const connection = connect(process.argv.slice(2), (reader) => inbox.reader(reader));
const log = (message: string) => connection.console.error(message);
const store = new DocumentStore((uri, e) => log(`Lifeline: analysing ${uri} failed, showing what the parser read: ${errorText(e)}`));
const workspace = new WorkspaceFiles();
const settings = new SettingsCache((uri, e) => log(`Lifeline: reading the settings for ${uri} failed: ${errorText(e)}`));
const publish = (params: Parameters<typeof connection.sendDiagnostics>[0]) =>
  void connection.sendDiagnostics(params).catch((e) => log(`Lifeline: publishing diagnostics failed: ${String(e)}`));
const scheduler = new DiagnosticsScheduler(store, inbox, settings, publish, log);
const renderer: Renderer = renderDocument;
const drawings = new Drawings();
const tokenHistory = new SemanticTokensHistory();
let snippetSupport = false;
let watchRegistration = false;
let configurationRegistration = false;
let folderChanges = false;
let folders: string[] = [];

process.on('uncaughtException', (e) => log(`Lifeline: uncaught ${errorText(e)}`));
process.on('unhandledRejection', (e) => log(`Lifeline: unhandled rejection ${errorText(e)}`));

/** A guarded handler for a request on one document; unknown documents get `empty`. */
function onDocument<P extends { textDocument: { uri: string } }, R>(
  name: string,
  shape: Shape,
  empty: R,
  run: (doc: ParsedDocument, params: P, token: CancellationToken) => R,
) {
  return guarded<P, R>(name, shape, empty, (params, token) => {
    const doc = store.get(params.textDocument.uri);
    return doc ? run(doc, params, token) : empty;
  });
}

/** The other open documents: cross-file refs (`file.seq#Sequence`) resolve and rename through them. */
function othersThan(doc: ParsedDocument): ParsedDocument[] {
  return store.openUris().flatMap((uri) => {
    const other = uri === doc.uri ? undefined : store.get(uri);
    return other ? [other] : [];
  });
}

function guarded<P, R>(name: string, shape: Shape, empty: R, run: (params: P, token: CancellationToken) => R | Promise<R>) {
  return guard(name, shape, empty, run, log);
}

// ---------------------------------------------------------------------------------------
// Lifecycle (shutdown, exit and the client's process are the framework's)
// ---------------------------------------------------------------------------------------
connection.onInitialize((params) => {
  const caps = params.capabilities ?? {};
  snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  configurationRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  folderChanges = caps.workspace?.workspaceFolders === true;
  if (caps.workspace?.configuration === true)
    settings.pullWith((uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }));
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setFolders(folders);
  return {
    serverInfo: { name: 'lifeline-language-server', version: VERSION },
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [' ', '>', '-', ',', '+', '→'] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentLinkProvider: { resolveProvider: false },
      workspaceSymbolProvider: true,
      inlayHintProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      semanticTokensProvider: { legend: semanticTokensLegend, full: { delta: true } },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
});

connection.onInitialized(() => {
  const failed = (what: string) => (e: unknown) => log(`Lifeline: could not ${what}: ${String(e)}`);
  if (watchRegistration)
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.seq' }] })
      .catch(failed('watch files'));
  // Without a section VS Code would send every change of every setting.
  if (configurationRegistration)
    connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(failed('follow the settings'));
  if (folderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
      workspace.setFolders(folders);
    });
  }
});

// ---------------------------------------------------------------------------------------
// Documents, settings and diagnostics (lsp/diagnosticsScheduler.ts)
// ---------------------------------------------------------------------------------------
connection.onNotification(AFTER_RECEIVED, (params: unknown) => inbox.run(params));
store.documents.onDidChangeContent(({ document }) => scheduler.schedule(document.uri));
store.documents.onDidClose(({ document: { uri } }) => {
  inbox.forget(uri);
  settings.forget(uri);
  drawings.forget(uri);
  tokenHistory.forget(uri);
  scheduler.closed(uri);
});

connection.onDidChangeConfiguration((params) => {
  settings.changed(params?.settings);
  scheduler.scheduleAll();
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes ?? []) workspace.forget(change.uri);
  store.filesChanged();
  scheduler.scheduleAll();
});

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------
// Registered with `onRequest` directly: the typed helpers (`onHover`, …) read `params`
// before our guard runs, so a null `params` would crash there instead of being refused.
// Completion does not wait for the analysis of a keystroke's version when the one before
// differs on the cursor's line only (DocumentStore.forLine).
connection.onRequest(
  CompletionRequest.type,
  guarded('completion', 'position', null, (p: CompletionParams) => {
    const view = store.forLine(p.textDocument.uri, p.position);
    return view
      ? completion(
          view.doc,
          p.position,
          { snippets: snippetSupport, workspace: othersThan(view.doc) },
          view.line?.slice(0, Math.max(0, p.position.character)),
        )
      : null;
  }),
);
connection.onRequest(
  HoverRequest.type,
  onDocument('hover', 'position', null, (doc, p: HoverParams) => hover(doc, p.position, othersThan(doc))),
);
connection.onRequest(
  DefinitionRequest.type,
  onDocument('definition', 'position', [], (doc, p: DefinitionParams) => definition(doc, p.position, othersThan(doc))),
);
connection.onRequest(
  ReferencesRequest.type,
  onDocument('references', 'position', [], (doc, p: ReferenceParams) =>
    references(doc, p.position, p.context?.includeDeclaration !== false, othersThan(doc)),
  ),
);
connection.onRequest(
  DocumentHighlightRequest.type,
  onDocument('documentHighlight', 'position', [], (doc, p: DocumentHighlightParams) => documentHighlight(doc, p.position)),
);
connection.onRequest(
  PrepareRenameRequest.type,
  onDocument('prepareRename', 'position', null, (doc, p: PrepareRenameParams) => prepareRename(doc, p.position, othersThan(doc))),
);
connection.onRequest(
  RenameRequest.type,
  onDocument('rename', 'position', null, (doc, p: RenameParams, token) => {
    if (typeof p.newName !== 'string') throw invalid('rename: expected newName');
    return rename(doc, p.position, p.newName, othersThan(doc), token);
  }),
);
connection.onRequest(
  DocumentLinkRequest.type,
  onDocument('documentLinks', 'document', [], (doc) => documentLinks(doc, othersThan(doc))),
);
connection.onRequest(
  DocumentSymbolRequest.type,
  onDocument('documentSymbol', 'document', [], (doc) => documentSymbols(doc)),
);
connection.onRequest(
  FoldingRangeRequest.type,
  onDocument('foldingRange', 'document', [], (doc) => foldingRanges(doc)),
);
connection.onRequest(
  SemanticTokensRequest.type,
  onDocument('semanticTokens', 'document', { data: [] }, (doc) => tokenHistory.full(doc.uri, semanticTokens(doc))),
);
connection.onRequest(
  SemanticTokensDeltaRequest.type,
  onDocument('semanticTokens/delta', 'document', { data: [] }, (doc, p: SemanticTokensDeltaParams) =>
    typeof p.previousResultId === 'string'
      ? tokenHistory.delta(doc.uri, p.previousResultId, semanticTokens(doc))
      : tokenHistory.full(doc.uri, semanticTokens(doc)),
  ),
);
connection.onRequest(
  InlayHintRequest.type,
  onDocument('inlayHint', 'range', [], (doc, p: InlayHintParams) => inlayHints(doc, p.range, othersThan(doc))),
);
connection.onRequest(
  DocumentFormattingRequest.type,
  onDocument('formatting', 'document', [], (doc, p: DocumentFormattingParams, token) => formatting(doc, p.options, undefined, token)),
);
connection.onRequest(
  DocumentRangeFormattingRequest.type,
  onDocument('rangeFormatting', 'range', [], (doc, p: DocumentRangeFormattingParams, token) => formatting(doc, p.options, p.range, token)),
);
connection.onRequest(
  CodeActionRequest.type,
  onDocument('codeAction', 'range', [], (doc, p: CodeActionParams) => {
    if (!isObject(p.context) || !Array.isArray(p.context.diagnostics)) throw invalid('codeAction: expected context.diagnostics');
    return codeActions(doc, p);
  }),
);
connection.onRequest(
  WorkspaceSymbolRequest.type,
  guarded('workspaceSymbol', 'none', [], async (p: WorkspaceSymbolParams, token) => {
    const query = typeof p.query === 'string' ? p.query : '';
    const open = store
      .openUris()
      .map((uri) => store.get(uri))
      .filter((d): d is ParsedDocument => d !== undefined);
    const seen = new Set(open.map((d) => uriKey(d.uri)));
    const onDisk = (await workspace.list(token)).filter((d) => !seen.has(uriKey(d.uri)));
    return workspaceSymbols([...open, ...onDisk], query, undefined, token);
  }),
);
connection.onRequest(
  RenderRequest,
  guarded('lifeline/render', 'none', null, (p, token) => {
    if (typeof p.uri !== 'string') throw invalid('lifeline/render: expected uri');
    const doc = store.get(p.uri);
    return doc ? drawings.answer(doc, p, renderer, token) : null;
  }),
);
connection.onRequest(
  SvgRequest,
  guarded('lifeline/svg', 'none', null, (p) => {
    if (typeof p.uri !== 'string') throw invalid('lifeline/svg: expected uri');
    const doc = store.get(p.uri);
    return doc ? standaloneSvg(doc, p) : null;
  }),
);

store.documents.listen(connection);
connection.listen();
