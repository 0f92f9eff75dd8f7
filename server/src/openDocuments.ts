/**
 * The documents the client has open, kept in sync from didOpen, didChange (incremental or
 * whole) and didClose — what vscode-languageserver's `TextDocuments` did, without its
 * framework. A didChange without changes is ignored; one without a version is refused with
 * an error (it cannot be ordered); a change to a document that is not open is ignored.
 */
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

type Listener = (document: TextDocument) => void;

export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();
  private readonly changed: Listener[] = [];
  private readonly closed: Listener[] = [];

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  keys(): string[] {
    return [...this.documents.keys()];
  }

  /** After a document opens, and after each change to it. */
  onDidChangeContent(listener: Listener): void {
    this.changed.push(listener);
  }

  onDidClose(listener: Listener): void {
    this.closed.push(listener);
  }

  listen(connection: ProtocolConnection): void {
    connection.onNotification(DidOpenTextDocumentNotification.type, ({ textDocument: td }) => {
      const document = TextDocument.create(td.uri, td.languageId, td.version, td.text);
      this.documents.set(td.uri, document);
      this.fire(this.changed, document);
    });
    connection.onNotification(DidChangeTextDocumentNotification.type, ({ textDocument: td, contentChanges }) => {
      if (contentChanges.length === 0) return;
      if (td.version === null || td.version === undefined) throw new Error(`a change to ${td.uri} without a version`);
      const document = this.documents.get(td.uri);
      if (!document) return;
      this.fire(this.changed, TextDocument.update(document, contentChanges, td.version));
    });
    connection.onNotification(DidCloseTextDocumentNotification.type, ({ textDocument: td }) => {
      const document = this.documents.get(td.uri);
      if (!document) return;
      this.documents.delete(td.uri);
      this.fire(this.closed, document);
    });
  }

  private fire(listeners: readonly Listener[], document: TextDocument): void {
    for (const l of listeners) l(document);
  }
}
