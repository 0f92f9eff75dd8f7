/**
 * Folding: each sequence, each box (v2) and each fragment branch (from its line to the line before the
 * next branch or the `end`, so the closing line stays visible), and runs of comment lines.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-protocol';
import { lineOf, type ParsedDocument } from './document';
import { lineNodes } from './locate';

export function foldingRanges(doc: ParsedDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  /** The last line of a block: the line before its `end`, or its last line when unclosed. */
  const lastLine = (span: { offset: number; length: number }, endSpan?: { offset: number }) =>
    endSpan ? lineOf(doc, endSpan.offset) - 1 : lineOf(doc, span.offset + span.length);
  for (const node of lineNodes(doc)) {
    if (node.type === 'sequence') {
      add(lineOf(doc, node.statement.keywordSpan.offset), lastLine(node.statement.span, node.statement.endSpan));
    } else if (node.type === 'box') {
      // A box closed by the line that does not belong in it (`box-content`) ends at its last declaration.
      const st = node.statement;
      const last = st.participants[st.participants.length - 1]?.span ?? st.keywordSpan;
      add(lineOf(doc, st.keywordSpan.offset), st.endSpan ? lineOf(doc, st.endSpan.offset) - 1 : lineOf(doc, last.offset + last.length));
    } else if (node.type === 'branch') {
      const next = node.fragment.branches[node.index + 1];
      const start = lineOf(doc, node.branch.span.offset);
      const end = next ? lineOf(doc, next.span.offset) - 1 : lastLine(node.fragment.span, node.fragment.endSpan);
      add(start, end);
    }
  }
  let runStart = -1;
  let runEnd = -1;
  for (const c of doc.analysis.document.comments) {
    const line = lineOf(doc, c.offset);
    if (line === runEnd + 1 && runStart >= 0) {
      runEnd = line;
      continue;
    }
    if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
    runStart = runEnd = line;
  }
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  return out.sort((a, b) => a.startLine - b.startLine);
}
