/**
 * Which blocks are open at an offset, also while a line is still being typed. A closed
 * block runs from the line after its opener to its `end`; an unclosed one as far as the
 * block around it (for a top-level block: up to the next `sequence` line or the end of
 * the file — where the parser closes it).
 */
import type { BoxStatement, FragmentKind, FragmentStatement, SequenceStatement, Statement } from '../core/index';
import type { ParsedDocument } from './document';
import { boxLineSpan, sequenceLineSpan } from './locate';

export interface OpenBlock {
  readonly kind: 'sequence' | 'box' | FragmentKind;
  readonly statement: SequenceStatement | FragmentStatement | BoxStatement;
}

/** Open blocks around `offset`, outermost first (iterative: one block per level, however deep). */
export function blocksAt(doc: ParsedDocument, offset: number): OpenBlock[] {
  const out: OpenBlock[] = [];
  const text = doc.analysis.document.text;
  let list: readonly Statement[] = doc.analysis.document.statements;
  let limit = text.length;
  for (;;) {
    let inner: { st: SequenceStatement | FragmentStatement | BoxStatement; bodyEnd: number } | undefined;
    for (let i = 0; i < list.length && !inner; i++) {
      const st = list[i];
      if (st.type !== 'sequence' && st.type !== 'fragment' && st.type !== 'box') continue;
      const opener = st.type === 'sequence' ? sequenceLineSpan(st) : st.type === 'box' ? boxLineSpan(st) : st.branches[0].span;
      const bodyStart = opener.offset + opener.length;
      if (offset <= bodyStart) break; // blocks are in source order: none further down can hold it
      let bodyEnd: number;
      if (st.endSpan) bodyEnd = st.endSpan.offset;
      else if (st.type === 'box') bodyEnd = boxEnd(st, i + 1 < list.length ? list[i + 1].span.offset - 1 : limit);
      else if (st.type === 'sequence') bodyEnd = list.slice(i + 1).find((s) => s.type === 'sequence')?.span.offset ?? limit;
      else bodyEnd = limit;
      if (offset > bodyEnd || (st.endSpan && offset === bodyEnd)) continue;
      inner = { st, bodyEnd };
    }
    if (!inner) return out;
    const { st, bodyEnd } = inner;
    out.push({ kind: st.type === 'fragment' ? st.kind : st.type, statement: st });
    list = st.type === 'sequence' ? st.statements : st.type === 'box' ? st.participants : branchAt(st, offset).statements;
    limit = bodyEnd;
  }
}

/**
 * Where an unclosed box's body ends: at the statement after it (the line that closed it as
 * `box-content`, or the next top-level one), but not before its last declaration's line end.
 */
function boxEnd(st: BoxStatement, next: number): number {
  const last = st.participants[st.participants.length - 1]?.span;
  return Math.max(next, last ? last.offset + last.length : 0);
}

/** The branch of a fragment that holds `offset` (the last one starting before it). */
function branchAt(st: FragmentStatement, offset: number) {
  let b = st.branches[0];
  for (const x of st.branches) if (x.span.offset < offset) b = x;
  return b;
}
