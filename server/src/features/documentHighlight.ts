/**
 * Document highlight: every occurrence of the participant under the cursor (declarations as
 * Write, uses as Read); a sequence's name and the refs naming it in this document (v2).
 */
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-protocol';
import type { Sequence } from '../core/index';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, sequenceOf, targetAt } from './locate';
import { refsTo, resolveRef, sequenceNameSpan } from './refs';

export function documentHighlight(doc: ParsedDocument, position: Position): DocumentHighlight[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (target?.type === 'participant') {
    return occurrencesOf(doc, target.id).map((o) => ({
      range: toRange(doc, o.name.span),
      kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  }
  let sequence: Sequence | undefined;
  if (target?.type === 'sequence' && target.statement.name) sequence = sequenceOf(doc, target.statement);
  if (target?.type === 'ref') {
    const ref = resolveRef(doc, target.statement);
    if (ref?.doc === doc) sequence = ref.sequence;
  }
  if (!sequence) return [];
  return [
    { range: toRange(doc, sequenceNameSpan(doc, sequence)), kind: DocumentHighlightKind.Text },
    ...refsTo(doc, sequence).map(({ ref }) => ({ range: toRange(doc, ref.nameSpan), kind: DocumentHighlightKind.Read })),
  ];
}
