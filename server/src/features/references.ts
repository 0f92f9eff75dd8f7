/** Find references: every written use of a participant (its declarations when asked), or a sequence's name. */
import type { Location, Position } from 'vscode-languageserver-protocol';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, targetAt } from './locate';

export function references(doc: ParsedDocument, position: Position, includeDeclaration: boolean): Location[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (!target) return [];
  if (target.type === 'participant') {
    return occurrencesOf(doc, target.id)
      .filter((o) => includeDeclaration || !o.declaration)
      .map((o) => ({ uri: doc.uri, range: toRange(doc, o.name.span) }));
  }
  if (target.type === 'sequence' && target.statement.name && includeDeclaration) {
    return [{ uri: doc.uri, range: toRange(doc, target.statement.name.span) }];
  }
  return [];
}
