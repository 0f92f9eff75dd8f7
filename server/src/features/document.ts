/**
 * What every feature receives: one analysed version of one document, the conversions between
 * the core's UTF-16 offsets and LSP positions, and the URI a path written in it points to.
 * Features never see the connection.
 */
import type { Position, Range } from 'vscode-languageserver-protocol';
import {
  analyze,
  computeLineStarts,
  offsetAt,
  parse,
  positionAt,
  type Analysis,
  type Model,
  type ModelOptions,
  type SeqDocument,
  type Span,
} from '../core/index';

export interface ParsedDocument {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
}

export function toPosition(doc: ParsedDocument, offset: number): Position {
  const { lineStarts, text } = doc.analysis.document;
  return positionAt(lineStarts, text, offset);
}

export function toRange(doc: ParsedDocument, span: Span): Range {
  return { start: toPosition(doc, span.offset), end: toPosition(doc, span.offset + span.length) };
}

/** The offset of an LSP position; positions past a line's end or the document's end are clamped. */
export function toOffset(doc: ParsedDocument, position: Position): number {
  const { lineStarts, text } = doc.analysis.document;
  return offsetAt(lineStarts, text, position);
}

/** True when `offset` lies in `span`, its end included (a cursor right after a name is on it). */
export function touches(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}

export function spanText(doc: ParsedDocument, span: Span): string {
  return doc.analysis.document.text.slice(span.offset, span.offset + span.length);
}

/** The zero-based line of an offset. */
export function lineOf(doc: ParsedDocument, offset: number): number {
  return toPosition(doc, offset).line;
}

const EMPTY_MODEL: Model = {
  metadata: { assumptions: [], related: [] },
  participants: [],
  participantById: new Map(),
  sequences: [],
  flows: [],
};

/**
 * `analyze`, but total: should the core ever throw (a bug, or input deeper than its
 * recursion allows), the syntax tree alone is used, else an empty document, and the
 * failure is reported through `onFailure`. The server keeps answering either way.
 */
export function safeAnalyze(text: string, options: ModelOptions, onFailure: (e: unknown) => void = () => undefined): Analysis {
  try {
    return analyze(text, options);
  } catch (e) {
    onFailure(e);
  }
  let document: SeqDocument;
  try {
    document = parse(text);
  } catch (e) {
    onFailure(e);
    document = { text, statements: [], diagnostics: [], lineStarts: computeLineStarts(text), comments: [] };
  }
  return { document, model: EMPTY_MODEL, diagnostics: [...document.diagnostics] };
}

/** The URI a `related:` path points to: relative to the document's own URI; absolute URIs stay as they are. */
export function relatedTarget(documentUri: string, path: string): string | undefined {
  try {
    // A URL only for the web and files: `command:` (run on Ctrl+click with arguments from the
    // file), `vscode:`, `javascript:` and other schemes from someone else's file get no link.
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(path)) return /^(https?|file):/i.test(path) ? new URL(path).toString() : undefined;
    const slashed = path.replace(/\\/g, '/');
    const encoded = slashed
      .split('/')
      .map((segment, i) =>
        segment === '.' || segment === '..' || (i === 0 && /^[a-zA-Z]:$/.test(segment)) ? segment : encodeURIComponent(segment),
      )
      .join('/');
    if (/^[a-zA-Z]:\//.test(slashed)) return new URL(`file:///${encoded}`).toString(); // a Windows drive path
    return new URL(encoded, documentUri).toString();
  } catch {
    return undefined;
  }
}
