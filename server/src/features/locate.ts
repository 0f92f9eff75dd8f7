/**
 * Finding things in the syntax tree: every statement line, every participant name, and
 * what stands at an offset. Hover, definition, references, highlight and rename share it.
 */
import { isEdge } from '../core/index';
import type {
  BoxStatement,
  Branch,
  FragmentStatement,
  MessageItem,
  MessageStatement,
  MetadataStatement,
  NameNode,
  Item,
  RefStatement,
  Sequence,
  SequenceStatement,
  Span,
  Statement,
} from '../core/index';
import { touches, type ParsedDocument } from './document';

/** One line of the tree: a plain statement, a block's opening line, a branch line, or a block's `end`. */
export type LineNode =
  | {
      readonly type: 'statement';
      readonly statement: Exclude<Statement, FragmentStatement | SequenceStatement | BoxStatement>;
      readonly depth: number;
    }
  | { readonly type: 'sequence'; readonly statement: SequenceStatement; readonly depth: number }
  | { readonly type: 'box'; readonly statement: BoxStatement; readonly depth: number }
  | {
      readonly type: 'branch';
      readonly fragment: FragmentStatement;
      readonly branch: Branch;
      readonly index: number;
      readonly depth: number;
    }
  | {
      readonly type: 'end';
      readonly block: FragmentStatement | SequenceStatement | BoxStatement;
      readonly span: Span;
      readonly depth: number;
    };

/**
 * Every line node in source order, with its block depth (0 at top level). Iterative, so
 * thousands of nested blocks cannot overflow the stack.
 */
export function lineNodes(doc: ParsedDocument): LineNode[] {
  const out: LineNode[] = [];
  type Work = { statements: readonly Statement[]; index: number; depth: number; after?: LineNode[] };
  const stack: Work[] = [{ statements: doc.analysis.document.statements, index: 0, depth: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.index >= top.statements.length) {
      stack.pop();
      if (top.after) out.push(...top.after);
      continue;
    }
    const st = top.statements[top.index++];
    const depth = top.depth;
    if (st.type === 'sequence') {
      out.push({ type: 'sequence', statement: st, depth });
      stack.push({
        statements: st.statements,
        index: 0,
        depth: depth + 1,
        after: st.endSpan ? [{ type: 'end', block: st, span: st.endSpan, depth }] : [],
      });
    } else if (st.type === 'box') {
      out.push({ type: 'box', statement: st, depth });
      stack.push({
        statements: st.participants,
        index: 0,
        depth: depth + 1,
        after: st.endSpan ? [{ type: 'end', block: st, span: st.endSpan, depth }] : [],
      });
    } else if (st.type === 'fragment') {
      // Branches in reverse onto the stack: the first branch is read first; the `end` after the last.
      const works: Work[] = st.branches.map((branch) => ({
        statements: branch.statements,
        index: 0,
        depth: depth + 1,
        after: [] as LineNode[],
      }));
      const heads: LineNode[] = st.branches.map((branch, index) => ({ type: 'branch', fragment: st, branch, index, depth }));
      out.push(heads[0]);
      for (let i = 0; i < works.length; i++) {
        if (i + 1 < works.length) works[i].after!.push(heads[i + 1]);
        else if (st.endSpan) works[i].after!.push({ type: 'end', block: st, span: st.endSpan, depth });
      }
      for (let i = works.length - 1; i >= 0; i--) stack.push(works[i]);
    } else {
      out.push({ type: 'statement', statement: st, depth });
    }
  }
  return out;
}

/** The span of a line node's own line. */
export function lineSpanOf(node: LineNode): Span {
  switch (node.type) {
    case 'statement':
      return node.statement.span;
    case 'sequence':
      return sequenceLineSpan(node.statement);
    case 'box':
      return boxLineSpan(node.statement);
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

/** A box statement's own line (its `span` covers the whole block). */
export function boxLineSpan(st: BoxStatement): Span {
  const last = st.label?.span ?? st.name.span;
  return { offset: st.keywordSpan.offset, length: last.offset + last.length - st.keywordSpan.offset };
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

/** The participant names one statement writes (a block's own line writes none). */
export function namesOf(st: Statement): NameOccurrence[] {
  switch (st.type) {
    case 'participant':
      return [{ name: st.name, declaration: true }];
    case 'message':
      // An edge (`[`, `]`) is no participant.
      return [st.from, st.to].filter((name) => !isEdge(name)).map((name) => ({ name, declaration: false }));
    case 'create':
      return [{ name: st.name, declaration: st.declaration !== undefined }];
    case 'note':
    case 'ref':
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
  | { readonly type: 'box'; readonly statement: BoxStatement; readonly span: Span }
  | { readonly type: 'ref'; readonly statement: RefStatement; readonly span: Span }
  | { readonly type: 'message'; readonly statement: MessageStatement; readonly span: Span }
  | { readonly type: 'related'; readonly statement: MetadataStatement; readonly span: Span };

export function targetAt(doc: ParsedDocument, offset: number): Target | undefined {
  const line = lineNodes(doc).find((n) => touches(lineSpanOf(n), offset));
  if (!line) return undefined;
  if (line.type === 'sequence') {
    const st = line.statement;
    return { type: 'sequence', statement: st, span: st.name?.span ?? st.keywordSpan };
  }
  if (line.type === 'box') return { type: 'box', statement: line.statement, span: line.statement.name.span };
  if (line.type !== 'statement') return undefined;
  const st = line.statement;
  // Names first: between `A` and `->` in `A->B` the cursor is on the name.
  const name = namesOf(st).find((o) => touches(o.name.span, offset));
  if (name) return { type: 'participant', id: name.name.value, span: name.name.span, declaration: name.declaration };
  if (st.type === 'message') return { type: 'message', statement: st, span: st.span };
  if (st.type === 'ref' && touches(st.text.span, offset)) return { type: 'ref', statement: st, span: st.text.span };
  if (st.type === 'metadata' && st.key === 'related' && st.value.value && touches(st.value.span, offset)) {
    return { type: 'related', statement: st, span: st.value.span };
  }
  return undefined;
}

/** The model's message item for each message statement, and the sequence it belongs to (iterative). */
export function messageItems(doc: ParsedDocument): Map<MessageStatement, { item: MessageItem; sequence: Sequence }> {
  const out = new Map<MessageStatement, { item: MessageItem; sequence: Sequence }>();
  for (const sequence of doc.analysis.model.sequences) {
    const stack: (readonly Item[])[] = [sequence.items];
    while (stack.length > 0) {
      for (const item of stack.pop()!) {
        if (item.type === 'message') out.set(item.statement, { item, sequence });
        else if (item.type === 'fragment') for (const b of item.branches) stack.push(b.items);
      }
    }
  }
  return out;
}

/** The model's sequence for a `sequence` statement. */
export function sequenceOf(doc: ParsedDocument, st: SequenceStatement): Sequence | undefined {
  return doc.analysis.model.sequences.find((s) => s.statement === st);
}
