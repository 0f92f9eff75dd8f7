/**
 * Finding things in the syntax tree: every statement line, every participant name, and
 * what stands at an offset. Hover, definition, references, highlight and rename share it.
 */
import type {
  Branch,
  FragmentStatement,
  MessageItem,
  MessageStatement,
  MetadataStatement,
  NameNode,
  Item,
  Sequence,
  SequenceStatement,
  Span,
  Statement,
} from '../core/index';
import { touches, type ParsedDocument } from './document';

/** One line of the tree: a plain statement, a block's opening line, a branch line, or a block's `end`. */
export type LineNode =
  | { readonly type: 'statement'; readonly statement: Exclude<Statement, FragmentStatement | SequenceStatement>; readonly depth: number }
  | { readonly type: 'sequence'; readonly statement: SequenceStatement; readonly depth: number }
  | { readonly type: 'branch'; readonly fragment: FragmentStatement; readonly branch: Branch; readonly index: number; readonly depth: number }
  | { readonly type: 'end'; readonly block: FragmentStatement | SequenceStatement; readonly span: Span; readonly depth: number };

/** Every line node in source order, with its block depth (0 at top level). */
export function lineNodes(doc: ParsedDocument): LineNode[] {
  const out: LineNode[] = [];
  const visit = (statements: readonly Statement[], depth: number): void => {
    for (const st of statements) {
      if (st.type === 'sequence') {
        out.push({ type: 'sequence', statement: st, depth });
        visit(st.statements, depth + 1);
        if (st.endSpan) out.push({ type: 'end', block: st, span: st.endSpan, depth });
      } else if (st.type === 'fragment') {
        st.branches.forEach((branch, index) => {
          out.push({ type: 'branch', fragment: st, branch, index, depth });
          visit(branch.statements, depth + 1);
        });
        if (st.endSpan) out.push({ type: 'end', block: st, span: st.endSpan, depth });
      } else {
        out.push({ type: 'statement', statement: st, depth });
      }
    }
  };
  visit(doc.analysis.document.statements, 0);
  return out;
}

/** The span of a line node's own line. */
export function lineSpanOf(node: LineNode): Span {
  switch (node.type) {
    case 'statement':
      return node.statement.span;
    case 'sequence':
      return sequenceLineSpan(node.statement);
    case 'branch':
      return node.branch.span;
    case 'end':
      return node.span;
  }
}

/** A sequence statement's own line (its `span` covers the whole block). */
export function sequenceLineSpan(st: SequenceStatement): Span {
  const parts = [st.keywordSpan, st.name?.span, st.within?.span].filter((s): s is Span => s !== undefined);
  const end = Math.max(...parts.map((s) => s.offset + s.length));
  return { offset: st.keywordSpan.offset, length: end - st.keywordSpan.offset };
}

export interface NameOccurrence {
  readonly name: NameNode;
  /** True in a participant declaration. */
  readonly declaration: boolean;
}

/** Every participant name written in the document, in source order. */
export function nameOccurrences(doc: ParsedDocument): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  for (const node of lineNodes(doc)) {
    if (node.type !== 'statement') continue;
    out.push(...namesOf(node.statement));
  }
  return out;
}

function namesOf(st: Statement): NameOccurrence[] {
  switch (st.type) {
    case 'participant':
      return [{ name: st.name, declaration: true }];
    case 'message':
      return [{ name: st.from, declaration: false }, { name: st.to, declaration: false }];
    case 'note':
      return st.targets.map((name) => ({ name, declaration: false }));
    case 'activate':
    case 'deactivate':
    case 'destroy':
      return [{ name: st.name, declaration: false }];
    case 'flow':
      return st.steps.map((name) => ({ name, declaration: false }));
    default:
      return [];
  }
}

/** Every written occurrence of participant `id`, declarations included. */
export function occurrencesOf(doc: ParsedDocument, id: string): NameOccurrence[] {
  return nameOccurrences(doc).filter((o) => o.name.value === id);
}

/** What stands at an offset, for hover, definition, references and rename. */
export type Target =
  | { readonly type: 'participant'; readonly id: string; readonly span: Span; readonly declaration: boolean }
  | { readonly type: 'sequence'; readonly statement: SequenceStatement; readonly span: Span }
  | { readonly type: 'message'; readonly statement: MessageStatement; readonly span: Span }
  | { readonly type: 'related'; readonly statement: MetadataStatement; readonly span: Span };

export function targetAt(doc: ParsedDocument, offset: number): Target | undefined {
  const line = lineNodes(doc).find((n) => touches(lineSpanOf(n), offset));
  if (!line) return undefined;
  if (line.type === 'sequence') {
    const st = line.statement;
    return { type: 'sequence', statement: st, span: st.name?.span ?? st.keywordSpan };
  }
  if (line.type !== 'statement') return undefined;
  const st = line.statement;
  // Names first: between `A` and `->` in `A->B` the cursor is on the name.
  const name = namesOf(st).find((o) => touches(o.name.span, offset));
  if (name) return { type: 'participant', id: name.name.value, span: name.name.span, declaration: name.declaration };
  if (st.type === 'message') return { type: 'message', statement: st, span: st.span };
  if (st.type === 'metadata' && st.key === 'related' && st.value.value && touches(st.value.span, offset)) {
    return { type: 'related', statement: st, span: st.value.span };
  }
  return undefined;
}

/** The model's message item for each message statement, and the sequence it belongs to. */
export function messageItems(doc: ParsedDocument): Map<MessageStatement, { item: MessageItem; sequence: Sequence }> {
  const out = new Map<MessageStatement, { item: MessageItem; sequence: Sequence }>();
  const visit = (items: readonly Item[], sequence: Sequence): void => {
    for (const item of items) {
      if (item.type === 'message') out.set(item.statement, { item, sequence });
      else if (item.type === 'fragment') for (const b of item.branches) visit(b.items, sequence);
    }
  };
  for (const s of doc.analysis.model.sequences) visit(s.items, s);
  return out;
}

/** The model's sequence for a `sequence` statement. */
export function sequenceOf(doc: ParsedDocument, st: SequenceStatement): Sequence | undefined {
  return doc.analysis.model.sequences.find((s) => s.statement === st);
}
