/**
 * The Lifeline language server: wiring only. The transport, the connection and the protocol's
 * lifecycle live in connection.ts, open documents in openDocuments.ts, their analyses in
 * documents.ts, what has arrived but is not handled yet in inbox.ts, every feature in
 * features/. Each request handler is guarded: ill-typed parameters get an InvalidParams
 * error, a cancelled request the protocol's cancellation error, any other failure is logged
 * and answered with an empty result.
 */
import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHintRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRequest,
  TextDocumentSyncKind,
  WorkspaceSymbolRequest,
  type CancellationToken,
  type CodeActionParams,
  type CompletionParams,
  type ConnectionStrategy,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentHighlightParams,
  type DocumentRangeFormattingParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type InlayHintParams,
  type Message,
  type PrepareRenameParams,
  type PublishDiagnosticsParams,
  type ReferenceParams,
  type RenameParams,
  type SemanticTokensDeltaParams,
  type ResponseMessage,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver-protocol/node';
import { connect } from './connection';
import { DocumentStore, WorkspaceFiles, uriKey } from './documents';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { diagnostics } from './features/diagnostics';
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
import { Drawings, type Renderer } from './features/render';
import { semanticTokens, semanticTokensLegend, SemanticTokensHistory } from './features/semanticTokens';
import { workspaceSymbols } from './features/workspaceSymbols';
import { collectionsOnDemand, IdleCollector } from './idleCollector';
import { AFTER_RECEIVED, Inbox } from './inbox';
import { RenderRequest } from './protocol';
import { guard, invalid, isObject, type Shape } from './guard';
import { renderDocument } from './core/render/index';

const VERSION = '0.1.0';

const strategy: ConnectionStrategy = {
  // A request cancelled while still queued is answered at once, without running it.
  cancelUndispatched: (message: Message): ResponseMessage | undefined => {
    const id = (message as { id?: number | string }).id;
    return id === undefined ? undefined : { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'The request was cancelled before it ran.' } };
  },
};

// After heavy work, memory goes back to the system once the server is quiet (idleCollector.ts).
const collect = collectionsOnDemand();
const collector = collect && new IdleCollector({ sealMs: 1000, idleMs: 7000, growthBytes: 8 * 1024 * 1024, collect, heapBytes: () => process.memoryUsage().heapTotal });
const inbox = new Inbox(() => collector?.activity());
const { connection, log, watchClient } = connect(process.argv.slice(2), { strategy, reader: (r) => inbox.reader(r) });
const store = new DocumentStore((uri, e) => log(`Lifeline: analysing ${uri} failed, showing what the parser read: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
const workspace = new WorkspaceFiles();
const renderer: Renderer = renderDocument;
const drawings = new Drawings();
const tokenHistory = new SemanticTokensHistory();
let snippetSupport = false;
let watchRegistration = false;
let folders: string[] = [];

process.on('uncaughtException', (e) => log(`Lifeline: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => log(`Lifeline: unhandled rejection ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

// ---------------------------------------------------------------------------------------
// Guarded handlers (guard.ts)
// ---------------------------------------------------------------------------------------
/** A guarded handler for a request on one document; unknown documents get `empty`. */
function onDocument<P extends { textDocument: { uri: string } }, R>(name: string, shape: Shape, empty: R, run: (doc: ParsedDocument, params: P, token: CancellationToken) => R) {
  return guarded<P, R>(name, shape, empty, (params, token) => {
    const doc = store.get(params.textDocument.uri);
    return doc ? run(doc, params, token) : empty;
  });
}

function guarded<P, R>(name: string, shape: Shape, empty: R, run: (params: P, token: CancellationToken) => R | Promise<R>) {
  return guard(name, shape, empty, run, log);
}

// ---------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------
connection.onRequest(InitializeRequest.type, (params: InitializeParams): InitializeResult => {
  const caps = params?.capabilities ?? {};
  snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  if (typeof params?.processId === 'number') watchClient(params.processId);
  folders = params?.workspaceFolders?.map((f) => f.uri) ?? (params?.rootUri ? [params.rootUri] : []);
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

connection.onNotification(InitializedNotification.type, () => {
  if (watchRegistration) {
    const registration = { id: 'lifeline.seqFiles', method: DidChangeWatchedFilesNotification.method, registerOptions: { watchers: [{ globPattern: '**/*.seq' }] } };
    void connection.sendRequest(RegistrationRequest.type, { registrations: [registration] }).catch((e) => log(`Lifeline: could not watch files: ${String(e)}`));
  }
});

connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (params) => {
  const removed = new Set(params?.event?.removed?.map((f) => f.uri) ?? []);
  folders = [...folders.filter((f) => !removed.has(f)), ...(params?.event?.added?.map((f) => f.uri) ?? [])];
  workspace.setFolders(folders);
});

// ---------------------------------------------------------------------------------------
// Diagnostics: pushed after every change, with the version they describe. They are worked
// out once the messages already received are handled (inbox.ts; no fixed delay): changes
// that arrive together are analysed once, at the latest version, after the requests that
// came with them are answered. A version whose successor is already queued is not analysed
// at all, and a version is never published over a newer one.
// ---------------------------------------------------------------------------------------
const pending = new Set<string>();
const published = new Map<string, number>();

function schedule(uri: string): void {
  if (pending.has(uri)) return;
  pending.add(uri);
  inbox.afterReceived(() => {
    pending.delete(uri);
    try {
      const current = store.documents.get(uri);
      if (!current || inbox.newerThan(uri, current.version)) return;
      const doc = store.get(uri);
      if (!doc) return;
      if ((published.get(uri) ?? -Infinity) > doc.version) return;
      published.set(uri, doc.version);
      publish(diagnostics(doc));
    } catch (e) {
      log(`Lifeline: diagnostics for ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  });
}

function publish(params: PublishDiagnosticsParams): void {
  void connection.sendNotification(PublishDiagnosticsNotification.type, params).catch((e) => log(`Lifeline: publishing diagnostics failed: ${String(e)}`));
}

connection.onNotification(AFTER_RECEIVED, (params: unknown) => inbox.run(params));
store.documents.onDidChangeContent((document) => schedule(document.uri));
store.documents.onDidClose(({ uri }) => {
  published.delete(uri);
  inbox.forget(uri);
  drawings.forget(uri);
  tokenHistory.forget(uri);
  publish({ uri, diagnostics: [] });
});

connection.onNotification(DidChangeWatchedFilesNotification.type, (params) => {
  for (const change of params.changes ?? []) workspace.forget(change.uri);
  store.filesChanged();
  for (const uri of store.openUris()) schedule(uri);
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
    return view ? completion(view.doc, p.position, { snippets: snippetSupport }, view.line?.slice(0, Math.max(0, p.position.character))) : null;
  }),
);
connection.onRequest(HoverRequest.type, onDocument('hover', 'position', null, (doc, p: HoverParams) => hover(doc, p.position)));
connection.onRequest(DefinitionRequest.type, onDocument('definition', 'position', [], (doc, p: DefinitionParams) => definition(doc, p.position)));
connection.onRequest(ReferencesRequest.type, onDocument('references', 'position', [], (doc, p: ReferenceParams) => references(doc, p.position, p.context?.includeDeclaration !== false)));
connection.onRequest(DocumentHighlightRequest.type, onDocument('documentHighlight', 'position', [], (doc, p: DocumentHighlightParams) => documentHighlight(doc, p.position)));
connection.onRequest(PrepareRenameRequest.type, onDocument('prepareRename', 'position', null, (doc, p: PrepareRenameParams) => prepareRename(doc, p.position)));
connection.onRequest(
  RenameRequest.type,
  onDocument('rename', 'position', null, (doc, p: RenameParams) => {
    if (typeof p.newName !== 'string') throw invalid('rename: expected newName');
    return rename(doc, p.position, p.newName);
  }),
);
connection.onRequest(DocumentLinkRequest.type, onDocument('documentLinks', 'document', [], (doc) => documentLinks(doc)));
connection.onRequest(DocumentSymbolRequest.type, onDocument('documentSymbol', 'document', [], (doc) => documentSymbols(doc)));
connection.onRequest(FoldingRangeRequest.type, onDocument('foldingRange', 'document', [], (doc) => foldingRanges(doc)));
connection.onRequest(SemanticTokensRequest.type, onDocument('semanticTokens', 'document', { data: [] }, (doc) => tokenHistory.full(doc.uri, semanticTokens(doc))));
connection.onRequest(
  SemanticTokensDeltaRequest.type,
  onDocument('semanticTokens/delta', 'document', { data: [] }, (doc, p: SemanticTokensDeltaParams) =>
    typeof p.previousResultId === 'string' ? tokenHistory.delta(doc.uri, p.previousResultId, semanticTokens(doc)) : tokenHistory.full(doc.uri, semanticTokens(doc)),
  ),
);
connection.onRequest(InlayHintRequest.type, onDocument('inlayHint', 'range', [], (doc, p: InlayHintParams) => inlayHints(doc, p.range)));
connection.onRequest(DocumentFormattingRequest.type, onDocument('formatting', 'document', [], (doc, p: DocumentFormattingParams) => formatting(doc, p.options)));
connection.onRequest(DocumentRangeFormattingRequest.type, onDocument('rangeFormatting', 'range', [], (doc, p: DocumentRangeFormattingParams) => formatting(doc, p.options, p.range)));
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
    const open = store.openUris().map((uri) => store.get(uri)).filter((d): d is ParsedDocument => d !== undefined);
    const seen = new Set(open.map((d) => uriKey(d.uri)));
    const onDisk = (await workspace.list(token)).filter((d) => !seen.has(uriKey(d.uri)));
    return workspaceSymbols([...open, ...onDisk], query);
  }),
);
connection.onRequest(
  RenderRequest,
  guarded('lifeline/render', 'none', null, (p) => {
    if (typeof p.uri !== 'string') throw invalid('lifeline/render: expected uri');
    const doc = store.get(p.uri);
    return doc ? drawings.answer(doc, p, renderer) : null;
  }),
);

store.documents.listen(connection);
connection.listen();
