/** Document links: each `related:` file, resolved relative to the document. */
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { toRange, type ParsedDocument } from './document';
import { lineNodes } from './locate';

/** The URI a `related:` path points to: relative to the document's own URI; absolute URIs stay as they are. */
export function relatedTarget(documentUri: string, path: string): string | undefined {
  try {
    // A URL only for the web and files: `command:` (run on Ctrl+click with arguments from the
    // file), `vscode:`, `javascript:` and other schemes from someone else's file get no link.
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(path)) return /^(https?|file):/i.test(path) ? new URL(path).toString() : undefined;
    const slashed = path.replace(/\\/g, '/');
    const encoded = slashed
      .split('/')
      .map((segment, i) => (segment === '.' || segment === '..' || (i === 0 && /^[a-zA-Z]:$/.test(segment)) ? segment : encodeURIComponent(segment)))
      .join('/');
    if (/^[a-zA-Z]:\//.test(slashed)) return new URL(`file:///${encoded}`).toString(); // a Windows drive path
    return new URL(encoded, documentUri).toString();
  } catch {
    return undefined;
  }
}

export function documentLinks(doc: ParsedDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const node of lineNodes(doc)) {
    if (node.type !== 'statement' || node.statement.type !== 'metadata' || node.statement.key !== 'related') continue;
    const value = node.statement.value;
    if (!value.value) continue;
    const target = relatedTarget(doc.uri, value.value);
    if (target) links.push({ range: toRange(doc, value.span), target, tooltip: `Open ${value.value}` });
  }
  return links;
}
