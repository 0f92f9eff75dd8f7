/**
 * Which blocks are open at an offset, also while a line is still being typed. A closed
 * block runs from the line after its opener to its `end`; an unclosed one as far as the
 * block around it (for a top-level block: up to the next `sequence` line or the end of
 * the file — where the parser closes it).
 */
import type { FragmentKind, FragmentStatement, SequenceStatement, Statement } from '../core/index';
import type { ParsedDocument } from './document';
import { sequenceLineSpan } from './locate';

export interface OpenBlock {
  readonly kind: 'sequence' | FragmentKind;
  readonly statement: SequenceStatement | FragmentStatement;
}

/** Open blocks around `offset`, outermost first. */
export function blocksAt(doc: ParsedDocument, offset: number): OpenBlock[] {
  const out: OpenBlock[] = [];
  const { statements, text } = doc.analysis.document;
  const visit = (list: readonly Statement[], limit: number): void => {
    list.forEach((st, i) => {
      if (st.type !== 'sequence' && st.type !== 'fragment') return;
      const opener = st.type === 'sequence' ? sequenceLineSpan(st) : st.branches[0].span;
      const bodyStart = opener.offset + opener.length;
      let bodyEnd: number;
      if (st.endSpan) bodyEnd = st.endSpan.offset;
      else if (st.type === 'sequence') bodyEnd = list.slice(i + 1).find((s) => s.type === 'sequence')?.span.offset ?? limit;
      else bodyEnd = limit;
      if (offset <= bodyStart || offset > bodyEnd || (st.endSpan && offset === bodyEnd)) return;
      out.push({ kind: st.type === 'sequence' ? 'sequence' : st.kind, statement: st });
      if (st.type === 'sequence') visit(st.statements, bodyEnd);
      else for (const b of st.branches) visit(b.statements, bodyEnd);
    });
  };
  visit(statements, text.length);
  return out;
}
