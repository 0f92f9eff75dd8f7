/**
 * Go to definition: a participant's declaration (its first use when it has none), a
 * sequence's own name, a box's own name, a `related:` file, the sequence a `ref` names
 * (in another file: from `workspace` when it holds it, else where the core read it from the disk).
 */
import type { Location, Position } from 'vscode-languageserver-protocol';
import { relatedTarget, toOffset, toRange, type ParsedDocument } from './document';
import { targetAt } from './locate';
import { refItemOf, resolveRef, sequenceNameSpan, type Workspace } from './refs';

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(doc: ParsedDocument, position: Position, workspace: Workspace = []): Location[] {
  const target = targetAt(doc, toOffset(doc, position));
  if (!target) return [];
  switch (target.type) {
    case 'participant': {
      const p = doc.analysis.model.participantById.get(target.id);
      return p ? [{ uri: doc.uri, range: toRange(doc, p.nameSpan) }] : [];
    }
    case 'sequence':
    case 'box':
      return [{ uri: doc.uri, range: toRange(doc, target.span) }];
    case 'related': {
      const uri = relatedTarget(doc.uri, target.statement.value.value);
      return uri ? [{ uri, range: FILE_START }] : [];
    }
    case 'ref': {
      const ref = resolveRef(doc, target.statement, workspace);
      if (!ref) return [];
      // A file that is not open: the name's place as the core read it from the disk.
      if (!ref.doc || !ref.sequence) return [{ uri: ref.uri, range: refItemOf(doc, target.statement)?.target?.nameRange ?? FILE_START }];
      return [{ uri: ref.uri, range: toRange(ref.doc, sequenceNameSpan(ref.doc, ref.sequence)) }];
    }
    case 'message':
      return [];
  }
}
