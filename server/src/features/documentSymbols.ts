/** Document symbols: the document's participants and flows; each sequence with its fragments. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { FragmentStatement, ParticipantKindName, Span, Statement } from '../core/index';
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

function symbol(doc: ParsedDocument, name: string, kind: SymbolKind, range: Span, selection: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const s: DocumentSymbol = { name: name.trim() || '(unnamed)', kind, range: toRange(doc, range), selectionRange: toRange(doc, selection) };
  if (detail) s.detail = detail;
  if (children) s.children = children;
  return s;
}

function fragments(doc: ParsedDocument, statements: readonly Statement[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const st of statements) {
    if (st.type !== 'fragment') continue;
    out.push(fragmentSymbol(doc, st));
  }
  return out;
}

function fragmentSymbol(doc: ParsedDocument, st: FragmentStatement): DocumentSymbol {
  const first = st.branches[0];
  const name = `${st.kind}${first.condition ? ` ${first.condition.value.replace(/\n/g, ' ')}` : ''}`;
  const children = st.branches.flatMap((b) => fragments(doc, b.statements));
  return symbol(doc, name, SymbolKind.Namespace, st.span, first.keywordSpan, undefined, children);
}

export function documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const { model } = doc.analysis;
  for (const p of model.participants) {
    if (!p.declared || !p.declaration) continue;
    const detail = [p.kind, p.displayName !== p.id ? p.displayName.replace(/\n/g, ' ') : undefined, p.scope === 'external' ? 'external' : undefined]
      .filter(Boolean)
      .join(' · ');
    out.push(symbol(doc, p.id, participantSymbolKind[p.kind], p.declaration.span, p.declaration.name.span, detail));
  }
  for (const f of model.flows) out.push(symbol(doc, f.name || 'flow', SymbolKind.Function, f.span, f.span, f.steps.join(' → ')));
  // Fragments of the implicit sequence sit at the top level.
  out.push(...fragments(doc, doc.analysis.document.statements));
  for (const seq of model.sequences) {
    const st = seq.statement;
    if (!st) continue;
    const detail = seq.within ? `within ${seq.within.text}` : undefined;
    out.push(symbol(doc, seq.name || 'sequence', SymbolKind.Object, st.span, st.name?.span ?? sequenceLineSpan(st), detail, fragments(doc, st.statements)));
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
