/** Document highlight: every occurrence of the participant under the cursor; declarations as Write, uses as Read. */
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-protocol';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, targetAt } from './locate';

export function documentHighlight(doc: ParsedDocument, position: Position): DocumentHighlight[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (target?.type === 'participant') {
    return occurrencesOf(doc, target.id).map((o) => ({
      range: toRange(doc, o.name.span),
      kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  }
  if (target?.type === 'sequence' && target.statement.name) {
    return [{ range: toRange(doc, target.statement.name.span), kind: DocumentHighlightKind.Text }];
  }
  return [];
}
