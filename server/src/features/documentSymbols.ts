/** Document symbols: the document's participants (inside their boxes, v2) and flows; each sequence with its fragments. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import type { FragmentStatement, ParticipantKindName, ParticipantStatement, Span, Statement } from '../core/index';
import { toRange, type ParsedDocument } from './document';
import { sequenceLineSpan } from './locate';

export const participantSymbolKind: Readonly<Record<ParticipantKindName, SymbolKind>> = {
  actor: SymbolKind.Interface,
  system: SymbolKind.Class,
  service: SymbolKind.Module,
  database: SymbolKind.Struct,
  queue: SymbolKind.Event,
  participant: SymbolKind.Variable,
};

function symbol(
  doc: ParsedDocument,
  name: string,
  kind: SymbolKind,
  range: Span,
  selection: Span,
  detail?: string,
  children?: DocumentSymbol[],
): DocumentSymbol {
  const s: DocumentSymbol = { name: name.trim() || '(unnamed)', kind, range: toRange(doc, range), selectionRange: toRange(doc, selection) };
  if (detail) s.detail = detail;
  if (children) s.children = children;
  return s;
}

/** Symbols nest at most this deep; deeper fragments are listed flat at the last level (clients and JSON have limits). */
export const MAX_SYMBOL_DEPTH = 32;

/** The fragments among `statements`, each with its nested fragments as children (iterative). */
function fragments(doc: ParsedDocument, statements: readonly Statement[]): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const stack: { statements: readonly Statement[]; into: DocumentSymbol[]; depth: number }[] = [{ statements, into: top, depth: 0 }];
  while (stack.length > 0) {
    const { statements: list, into, depth } = stack.pop()!;
    for (const st of list) {
      if (st.type !== 'fragment') continue;
      const s = fragmentSymbol(doc, st);
      into.push(s);
      const childInto = depth + 1 < MAX_SYMBOL_DEPTH ? (s.children = []) : into;
      const childDepth = Math.min(depth + 1, MAX_SYMBOL_DEPTH);
      for (let i = st.branches.length - 1; i >= 0; i--)
        stack.push({ statements: st.branches[i].statements, into: childInto, depth: childDepth });
    }
  }
  return top;
}

function fragmentSymbol(doc: ParsedDocument, st: FragmentStatement): DocumentSymbol {
  const first = st.branches[0];
  const name = `${st.kind}${first.condition ? ` ${first.condition.value.replace(/\n/g, ' ')}` : ''}`;
  return symbol(doc, name, SymbolKind.Namespace, st.span, first.keywordSpan);
}

export function documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const { model } = doc.analysis;
  const boxes = new Map<ParticipantStatement, DocumentSymbol[]>();
  for (const st of doc.analysis.document.statements) {
    if (st.type !== 'box') continue;
    const members: DocumentSymbol[] = [];
    for (const d of st.participants) boxes.set(d, members);
    const box = symbol(doc, st.name.value, SymbolKind.Package, st.span, st.name.span, st.label?.value.replace(/\n/g, ' '), members);
    out.push(box);
  }
  for (const p of model.participants) {
    if (!p.declared || !p.declaration) continue;
    const detail = [
      p.kind,
      p.displayName !== p.id ? p.displayName.replace(/\n/g, ' ') : undefined,
      p.scope === 'external' ? 'external' : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    (boxes.get(p.declaration) ?? out).push(
      symbol(doc, p.id, participantSymbolKind[p.kind], p.declaration.span, p.declaration.name.span, detail),
    );
  }
  for (const f of model.flows) out.push(symbol(doc, f.name || 'flow', SymbolKind.Function, f.span, f.span, f.steps.join(' → ')));
  // Fragments of the implicit sequence sit at the top level.
  out.push(...fragments(doc, doc.analysis.document.statements));
  for (const seq of model.sequences) {
    const st = seq.statement;
    if (!st) continue;
    const detail = seq.within ? `within ${seq.within.text}` : undefined;
    out.push(
      symbol(
        doc,
        seq.name || 'sequence',
        SymbolKind.Object,
        st.span,
        st.name?.span ?? sequenceLineSpan(st),
        detail,
        fragments(doc, st.statements),
      ),
    );
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
