/**
 * Document links: each `related:` file, resolved relative to the document, and each `ref`
 * that names a sequence (v2), pointing at the sequence's line (`#L12`, which editors open
 * at that line) when its document is known, else at the file.
 */
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { relatedTarget, toPosition, toRange, type ParsedDocument } from './document';
import { lineNodes } from './locate';
import { refStatements, resolveRef, sequenceNameSpan, type Workspace } from './refs';

export function documentLinks(doc: ParsedDocument, workspace: Workspace = []): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const node of lineNodes(doc)) {
    if (node.type !== 'statement' || node.statement.type !== 'metadata' || node.statement.key !== 'related') continue;
    const value = node.statement.value;
    if (!value.value) continue;
    const target = relatedTarget(doc.uri, value.value);
    if (target) links.push({ range: toRange(doc, value.span), target, tooltip: `Open ${value.value}` });
  }
  for (const st of refStatements(doc)) {
    const ref = resolveRef(doc, st, workspace);
    if (!ref) continue;
    const name = st.target.sequence.value;
    if (!ref.doc || !ref.sequence) {
      links.push({ range: toRange(doc, st.text.span), target: ref.uri, tooltip: `Open ${st.target.file?.value ?? ''}` });
      continue;
    }
    const line = toPosition(ref.doc, sequenceNameSpan(ref.doc, ref.sequence).offset).line + 1;
    links.push({ range: toRange(doc, st.text.span), target: `${ref.uri}#L${line}`, tooltip: `Go to the sequence ${name}` });
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
