/**
 * What a `ref over …: text` refers to (v2). The text names a sequence of this file, or
 * `file.seq#Sequence` one of another file, which the features find among the documents they
 * are given (the server's open documents): definition, links, hover, inlay hints, references
 * and rename all read it from here. Text that names no sequence is a plain label.
 */
import type { Item, RefItem, RefStatement, Sequence, Span } from '../core/index';
import { relatedTarget, type ParsedDocument } from './document';
import { lineNodes, sequenceLineSpan } from './locate';

/** The other documents a feature may look into (open editors); the document itself need not be among them. */
export type Workspace = readonly ParsedDocument[];

export interface ResolvedRef {
  readonly statement: RefStatement;
  /** The URI of the file the ref points into (the document's own for a same-file ref). */
  readonly uri: string;
  /** The text naming the sequence (after `#` for another file). */
  readonly nameSpan: Span;
  /** The document and sequence, when they are known (another file must be open). */
  readonly doc?: ParsedDocument;
  readonly sequence?: Sequence;
}

/** Every `ref` statement of the document, in source order. */
export function refStatements(doc: ParsedDocument): RefStatement[] {
  const out: RefStatement[] = [];
  for (const node of lineNodes(doc)) if (node.type === 'statement' && node.statement.type === 'ref') out.push(node.statement);
  return out;
}

/**
 * The model's item for a ref statement: what the core resolved (through the resolver the server
 * gives it, which also reads files that are not open), for when the workspace does not hold the file.
 */
export function refItemOf(doc: ParsedDocument, st: RefStatement): RefItem | undefined {
  for (const sequence of doc.analysis.model.sequences) {
    const stack: (readonly Item[])[] = [sequence.items];
    while (stack.length > 0) {
      for (const item of stack.pop()!) {
        if (item.type === 'ref' && item.statement === st) return item;
        if (item.type === 'fragment') for (const b of item.branches) stack.push(b.items);
      }
    }
  }
  return undefined;
}

/** The named sequence `name` of a document (the implicit one is named by the title). */
export function sequenceNamed(doc: ParsedDocument, name: string): Sequence | undefined {
  if (name === '') return undefined;
  return doc.analysis.model.sequences.find((s) => s.name === name);
}

/** The URI a `file.seq` part points to, the document's own when the ref has none. */
function refUri(doc: ParsedDocument, st: RefStatement): string | undefined {
  return st.target.file ? relatedTarget(doc.uri, st.target.file.value) : doc.uri;
}

/**
 * What a ref refers to, or undefined for a plain label (same-file text naming no sequence, or
 * a file part that is no valid path). A ref into another file resolves without `doc`/`sequence`
 * when that file is not among `workspace`.
 */
export function resolveRef(doc: ParsedDocument, st: RefStatement, workspace: Workspace = []): ResolvedRef | undefined {
  const uri = refUri(doc, st);
  if (uri === undefined) return undefined;
  const name = st.target.sequence;
  if (!st.target.file) {
    const sequence = sequenceNamed(doc, name.value);
    return sequence ? { statement: st, uri, nameSpan: name.span, doc, sequence } : undefined;
  }
  const other = uri === doc.uri ? doc : workspace.find((d) => d.uri === uri);
  const sequence = other && sequenceNamed(other, name.value);
  return { statement: st, uri, nameSpan: name.span, doc: sequence ? other : undefined, sequence };
}

/** Where a sequence's name is written: its `sequence` line's name (or the line), the title for the implicit one. */
export function sequenceNameSpan(doc: ParsedDocument, sequence: Sequence): Span {
  if (sequence.statement) return sequence.statement.name?.span ?? sequenceLineSpan(sequence.statement);
  const title = lineNodes(doc).find((n) => n.type === 'statement' && n.statement.type === 'title');
  return title?.type === 'statement' && title.statement.type === 'title' ? title.statement.text.span : { offset: 0, length: 0 };
}

/** Every ref to `sequence` of `target`, in `target` itself and in the documents of `workspace`. */
export function refsTo(target: ParsedDocument, sequence: Sequence, workspace: Workspace = []): { doc: ParsedDocument; ref: ResolvedRef }[] {
  const out: { doc: ParsedDocument; ref: ResolvedRef }[] = [];
  const docs = [target, ...workspace.filter((d) => d.uri !== target.uri)];
  for (const doc of docs) {
    for (const st of refStatements(doc)) {
      const ref = resolveRef(doc, st, docs);
      if (ref?.uri === target.uri && ref.sequence === sequence) out.push({ doc, ref });
    }
  }
  return out;
}
