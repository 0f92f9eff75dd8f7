/**
 * The Lifeline language server: wiring only. Transports and the tolerant reader live in
 * transport.ts, documents and their analyses in documents.ts, every feature in features/.
 * Each request handler is guarded: ill-typed parameters get an InvalidParams error, a
 * cancelled request the protocol's cancellation error, any other failure is logged and
 * answered with an empty result.
 */
import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
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
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
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
  type WorkspaceSymbolParams,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  StreamMessageWriter,
  TextDocumentSyncKind,
  createConnection,
  type CancellationToken,
  type Connection,
  type ConnectionStrategy,
  type InitializeParams,
  type InitializeResult,
  type Message,
  type ResponseMessage,
} from 'vscode-languageserver/node';
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
import { render, type Renderer } from './features/render';
import { semanticTokens, semanticTokensLegend } from './features/semanticTokens';
import { workspaceSymbols } from './features/workspaceSymbols';
import { RenderRequest } from './protocol';
import { TolerantMessageReader } from './transport';
import { QueuedChanges } from './queuedChanges';
import { guard, invalid, isObject, type Shape } from './guard';
import { renderDocument } from './core/render/index';

const VERSION = '0.1.0';

// ---------------------------------------------------------------------------------------
// Transport: IPC when started by the VS Code client, else stdio (the default).
// ---------------------------------------------------------------------------------------
const strategy: ConnectionStrategy = {
  // A request cancelled while still queued is answered at once, without running it.
  cancelUndispatched: (message: Message): ResponseMessage | undefined => {
    const id = (message as { id?: number | string }).id;
    return id === undefined ? undefined : { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'The request was cancelled before it ran.' } };
  },
};

function connect(argv: readonly string[]): Connection {
  // Sockets and pipes (`--socket=N`, `--pipe=NAME`), rarely used: the library's own transports.
  if (argv.some((a) => /^--(socket|pipe)(=|$)/.test(a))) return createConnection(strategy);
  if (argv.includes('--node-ipc')) {
    process.on('disconnect', () => process.exit(shutdownReceived ? 0 : 1));
    return createConnection(queued.reader(new IPCMessageReader(process)), new IPCMessageWriter(process), strategy);
  }
  // Logging must never write to stdout: it carries the protocol.
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  const reader = new TolerantMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onMalformed((m) => {
    process.stderr.write(`lifeline-language-server: skipped a malformed message (${m.reason})\n`);
    // JSON-RPC 2.0: a body that is not JSON gets a Parse error, JSON that is no message an Invalid Request.
    if (m.answer) {
      const code = m.answer.kind === 'parse-error' ? ErrorCodes.ParseError : ErrorCodes.InvalidRequest;
      const response: ResponseMessage = { jsonrpc: '2.0', id: m.answer.id, error: { code, message: `${m.answer.kind === 'parse-error' ? 'Parse error' : 'Invalid request'}: ${m.reason}.` } };
      void writer.write(response).catch(() => undefined);
    }
  });
  process.stdin.on('end', () => process.exit(shutdownReceived ? 0 : 1));
  return createConnection(queued.reader(reader), writer, strategy);
}

let shutdownReceived = false;
const queued = new QueuedChanges();
const connection = connect(process.argv.slice(2));
const store = new DocumentStore((uri, e) => log(`Lifeline: analysing ${uri} failed, showing what the parser read: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
const workspace = new WorkspaceFiles();
const renderer: Renderer = renderDocument;
let snippetSupport = false;
let watchRegistration = false;

function log(message: string): void {
  try {
    connection.console.error(message);
  } catch {
    process.stderr.write(`${message}\n`);
  }
}

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
connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities ?? {};
  snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
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
      semanticTokensProvider: { legend: semanticTokensLegend, full: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
});

connection.onInitialized(() => {
  if (watchRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.seq' }] }).catch((e) => log(`Lifeline: could not watch files: ${String(e)}`));
  }
  try {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      void connection.workspace.getWorkspaceFolders().then((folders) => workspace.setFolders((folders ?? []).map((f) => f.uri)), () => undefined);
      void e;
    });
  } catch {
    // the client does not announce workspace folder changes
  }
});

connection.onShutdown(() => {
  shutdownReceived = true;
});

// ---------------------------------------------------------------------------------------
// Diagnostics: pushed after every change, with the version they describe. Changes that
// arrive together are analysed once (the next turn of the event loop, no fixed delay),
// always at the latest version, and a version is never published over a newer one. A
// version whose successor is already queued (queuedChanges.ts) is not analysed at all.
// ---------------------------------------------------------------------------------------
const pending = new Set<string>();
const published = new Map<string, number>();

function schedule(uri: string): void {
  if (pending.has(uri)) return;
  pending.add(uri);
  setImmediate(() => {
    pending.delete(uri);
    try {
      const current = store.documents.get(uri);
      if (!current || queued.newerThan(uri, current.version)) return;
      const doc = store.get(uri);
      if (!doc) return;
      if ((published.get(uri) ?? -Infinity) > doc.version) return;
      published.set(uri, doc.version);
      void connection.sendDiagnostics(diagnostics(doc)).catch((e) => log(`Lifeline: publishing diagnostics failed: ${String(e)}`));
    } catch (e) {
      log(`Lifeline: diagnostics for ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  });
}

store.documents.onDidChangeContent((e) => schedule(e.document.uri));
store.documents.onDidClose((e) => {
  const uri = e.document.uri;
  published.delete(uri);
  queued.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes ?? []) workspace.forget(change.uri);
  store.filesChanged();
  for (const uri of store.openUris()) schedule(uri);
});

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------
// Registered with `onRequest` directly: the typed helpers (`onHover`, …) read `params`
// before our guard runs, so a null `params` would crash there instead of being refused.
connection.onRequest(CompletionRequest.type, onDocument('completion', 'position', null, (doc, p: CompletionParams) => completion(doc, p.position, { snippets: snippetSupport })));
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
connection.onRequest(SemanticTokensRequest.type, onDocument('semanticTokens', 'document', { data: [] }, (doc) => semanticTokens(doc)));
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
    return doc ? render(doc, p, renderer) : null;
  }),
);

store.documents.listen(connection);
connection.listen();
