/**
 * Custom requests between the Lifeline client and server, declared once; the client
 * imports these same declarations.
 */
import { RequestType, type Range } from 'vscode-languageserver-protocol';
import type { RowChange, Splice } from '../core/index';

export type RenderCharset = 'ascii' | 'unicode';

export interface RenderParams {
  /** The document to draw (must be open in the server). */
  readonly uri: string;
  readonly charset: RenderCharset;
  /** Draw only the sequence with this name; all sequences when omitted. */
  readonly sequence?: string;
  /**
   * The `id` of the drawing the client holds for this uri, charset and sequence: when the server
   * still has it (it keeps its last few), it answers with the change from it (`RenderDelta`).
   */
  readonly since?: string;
  /**
   * Also draw the picture (`svg`): the same layout as SVG, coloured with the editor theme's CSS
   * variables. The text is then drawn in ASCII, the picture's grid, so its rows map the picture's.
   */
  readonly picture?: boolean;
  /** Draw the durations margin (v2), as `lifeline render --durations`. */
  readonly durations?: boolean;
}

export interface ProblemSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly hints: number;
  /** The first few problems (errors first, then warnings, in source order). */
  readonly first: readonly {
    readonly message: string;
    readonly range: Range;
    readonly severity: 'error' | 'warning' | 'information' | 'hint';
    readonly code: string;
  }[];
}

export interface RenderResult {
  /** This drawing's identity (unique across server runs): what `since` names. */
  readonly id: string;
  /** The drawing (or the "too large to draw" notice): lines ending in `\n`; rows[i] maps its line i. */
  readonly text: string;
  /** rows[i]: the source range output line i came from, or null (header rows, bare lifelines, gaps). */
  readonly rows: readonly (Range | null)[];
  /** The names of the document's sequences, in order (the implicit one first, '' when unnamed). */
  readonly sequences: readonly string[];
  /** True when `text` holds the "too large to draw" notice. */
  readonly tooLarge: boolean;
  /** The picture, when asked for (`picture`): row i of it is line i of `text`. */
  readonly svg?: string;
  readonly problems: ProblemSummary;
  /** The document version that was drawn (a client drops answers older than what it shows). */
  readonly version: number;
}

/**
 * The change from the drawing named by `since` (`base`) to this one, `id`: a keystroke usually
 * changes one row of a drawing of a thousand. Absent lists did not change.
 */
export interface RenderDelta {
  readonly id: string;
  readonly base: string;
  /** The drawing's lines (without line breaks), changed rows as edits of old ones where shorter. */
  readonly lines?: Splice<RowChange>;
  readonly rows?: Splice<Range | null>;
  readonly sequences: readonly string[];
  readonly tooLarge: boolean;
  /** The whole new picture, when asked for and it changed. */
  readonly svg?: string;
  readonly problems: ProblemSummary;
  readonly version: number;
}

export type RenderAnswer = RenderResult | RenderDelta;

export function isRenderDelta(a: RenderAnswer): a is RenderDelta {
  return (a as Partial<RenderDelta>).base !== undefined;
}

/** `lifeline/render`: the preview's drawing of an open document; null when the server does not have it open. */
export const RenderRequest = new RequestType<RenderParams, RenderAnswer | null, void>('lifeline/render');

export interface SvgParams {
  readonly uri: string;
  readonly sequence?: string;
  readonly durations?: boolean;
}

/** `lifeline/svg`: the standalone picture (neutral light palette) of an open document, for Copy/Save as SVG; null when not open. */
export const SvgRequest = new RequestType<SvgParams, string | null, void>('lifeline/svg');
