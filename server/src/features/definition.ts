/**
 * Go to definition: a participant's declaration (its first use when it has none), a
 * sequence's own name, a `related:` file.
 */
import type { Location, Position } from 'vscode-languageserver-protocol';
import { toOffset, toRange, type ParsedDocument } from './document';
import { relatedTarget } from './documentLinks';
import { targetAt } from './locate';

export function definition(doc: ParsedDocument, position: Position): Location[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (!target) return [];
  switch (target.type) {
    case 'participant': {
      const p = doc.analysis.model.participantById.get(target.id);
      return p ? [{ uri: doc.uri, range: toRange(doc, p.nameSpan) }] : [];
    }
    case 'sequence':
      return [{ uri: doc.uri, range: toRange(doc, target.span) }];
    case 'related': {
      const uri = relatedTarget(doc.uri, target.statement.value.value);
      return uri ? [{ uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
    }
    case 'message':
      return [];
  }
}
