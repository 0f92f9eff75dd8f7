/**
 * Workspace symbols: participants and sequences of every `.seq` file the server knows
 * (open documents and files found under the workspace folders), matched fuzzily: the
 * query's characters in order, case-insensitively.
 */
import { CancellationToken, SymbolKind, type SymbolInformation } from 'vscode-languageserver-protocol';
import { toRange, type ParsedDocument } from './document';
import { participantSymbolKind } from './documentSymbols';
import { sequenceLineSpan } from './locate';

export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let i = 0;
  for (const c of query.toLowerCase()) {
    if (/\s/.test(c)) continue;
    i = n.indexOf(c, i);
    if (i < 0) return false;
    i += c.length;
  }
  return true;
}

function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Cancelled, it stops between documents and answers what it found so far. */
export function workspaceSymbols(
  docs: readonly ParsedDocument[],
  query: string,
  limit = 1000,
  token = CancellationToken.None,
): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const doc of docs) {
    if (token.isCancellationRequested) return out;
    const container = fileName(doc.uri);
    for (const p of doc.analysis.model.participants) {
      if (!p.declared || !p.declaration || !matchesQuery(p.id, query)) continue;
      out.push({
        name: p.id,
        kind: participantSymbolKind[p.kind],
        location: { uri: doc.uri, range: toRange(doc, p.declaration.name.span) },
        containerName: container,
      });
      if (out.length >= limit) return out;
    }
    for (const s of doc.analysis.model.sequences) {
      if (!s.statement || !s.name || !matchesQuery(s.name, query)) continue;
      out.push({
        name: s.name,
        kind: SymbolKind.Object,
        location: { uri: doc.uri, range: toRange(doc, s.statement.name?.span ?? sequenceLineSpan(s.statement)) },
        containerName: container,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
