/**
 * Custom requests between the Lifeline client and server, declared once; the client
 * imports these same declarations.
 */
import { RequestType, type Range } from 'vscode-languageserver-protocol';

export type RenderCharset = 'ascii' | 'unicode';

export interface RenderParams {
  /** The document to draw (must be open in the server). */
  readonly uri: string;
  readonly charset: RenderCharset;
  /** Draw only the sequence with this name; all sequences when omitted. */
  readonly sequence?: string;
}

export interface ProblemSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  /** The first few problems (errors first, then warnings, in source order). */
  readonly first: readonly { readonly message: string; readonly range: Range; readonly severity: 'error' | 'warning' | 'information' | 'hint'; readonly code: string }[];
}

export interface RenderResult {
  /** The drawing (or the "too large to draw" notice): lines ending in `\n`; rows[i] maps its line i. */
  readonly text: string;
  /** rows[i]: the source range output line i came from, or null (header rows, bare lifelines, gaps). */
  readonly rows: readonly (Range | null)[];
  /** The names of the document's sequences, in order (the implicit one first, '' when unnamed). */
  readonly sequences: readonly string[];
  /** True when `text` holds the "too large to draw" notice. */
  readonly tooLarge: boolean;
  readonly problems: ProblemSummary;
  /** The document version that was drawn (a client drops answers older than what it shows). */
  readonly version: number;
}

/** `lifeline/render`: the preview's drawing of an open document; null when the server does not have it open. */
export const RenderRequest = new RequestType<RenderParams, RenderResult | null, void>('lifeline/render');
