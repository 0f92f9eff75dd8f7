/**
 * Find references: every written use of a participant (its declarations when asked), a
 * sequence's name and every `ref` naming it (v2; in the documents of `workspace` too), a box's name.
 */
import type { Location, Position } from 'vscode-languageserver-protocol';
import type { Sequence } from '../core/index';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, sequenceOf, targetAt } from './locate';
import { refsTo, resolveRef, sequenceNameSpan, type Workspace } from './refs';

export function references(doc: ParsedDocument, position: Position, includeDeclaration: boolean, workspace: Workspace = []): Location[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (!target) return [];
  switch (target.type) {
    case 'participant':
      return occurrencesOf(doc, target.id)
        .filter((o) => includeDeclaration || !o.declaration)
        .map((o) => ({ uri: doc.uri, range: toRange(doc, o.name.span) }));
    case 'sequence': {
      const sequence = sequenceOf(doc, target.statement);
      if (!sequence || !target.statement.name) return [];
      return sequenceReferences(doc, sequence, includeDeclaration, workspace);
    }
    case 'ref': {
      const ref = resolveRef(doc, target.statement, workspace);
      if (!ref?.doc || !ref.sequence) return [];
      return sequenceReferences(ref.doc, ref.sequence, includeDeclaration, [doc, ...workspace]);
    }
    case 'box':
      return includeDeclaration ? [{ uri: doc.uri, range: toRange(doc, target.span) }] : [];
    default:
      return [];
  }
}

function sequenceReferences(doc: ParsedDocument, sequence: Sequence, includeDeclaration: boolean, workspace: Workspace): Location[] {
  const out: Location[] = includeDeclaration ? [{ uri: doc.uri, range: toRange(doc, sequenceNameSpan(doc, sequence)) }] : [];
  for (const { doc: at, ref } of refsTo(doc, sequence, workspace)) out.push({ uri: at.uri, range: toRange(at, ref.nameSpan) });
  return out;
}
