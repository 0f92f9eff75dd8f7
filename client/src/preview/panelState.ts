/**
 * A preview panel's state, in the groups the panel keeps it: what it shows (the serializer's
 * part), the diagram on screen, the render loop, the page.
 */
import type * as vscode from 'vscode';
import type { Charset, Diagram } from './diagram';
import { clampZoom, type PreviewState, type PreviewStyle, type Status } from './messages';

/** What the panel shows: the file and the user's choices for it (what the serializer keeps). */
export interface View {
  source: vscode.Uri;
  locked: boolean;
  charsetOverride: Charset | null;
  styleOverride: PreviewStyle | null;
  durations: boolean;
  sequence: string | null;
  /** The document's sequence names (the picker's choices). */
  sequences: readonly string[];
  zoom: number;
  fit: boolean;
  scrollLine: number | undefined;
}

/** The diagram on screen, named by the server's id, and the newest version's problems. */
export interface Shown {
  diagram: Diagram | undefined;
  /** The diagram was drawn without errors: versions with errors keep it on screen. */
  good: boolean;
  status: Status | undefined;
  /** The newest version an answer was applied for (older answers are dropped). */
  answeredVersion: number;
}

/** The render loop: one request in flight, the next one noted (see the top of this file). */
export interface Loop {
  /** Bumped whenever what we ask for changes (file, charset, sequence): older answers are dropped. */
  generation: number;
  inFlight: boolean;
  pending: boolean;
  /** The document version we already asked again for (asking once is enough). */
  retriedFor: number;
  /** When the first edit since the last request asked for a render (see `UpdateTrace`). */
  askedAt: number | undefined;
  /** An edit arrived while hidden: render when shown again. */
  dirty: boolean;
}

/** The webview's page: whether it listens, and what it has. */
export interface Page {
  ready: boolean;
  /** The id of the diagram the page has, or will have once it has read the messages posted so far. */
  diagram: string | undefined;
  /** The cursor line the page was last told of (undefined: none yet, or a new page or file). */
  cursorLine: number | undefined;
}

export const noneShown = (): Shown => ({ diagram: undefined, good: false, status: undefined, answeredVersion: -1 });

/** Validates what a restored page saved (it comes from the webview: trust nothing). */
export function toPreviewState(value: unknown): PreviewState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.uri !== 'string' || v.uri === '') return undefined;
  return {
    uri: v.uri,
    locked: v.locked === true,
    charset: v.charset === 'ascii' || v.charset === 'unicode' ? v.charset : null,
    style: v.style === 'text' || v.style === 'picture' ? v.style : null,
    durations: v.durations === true,
    sequence: typeof v.sequence === 'string' ? v.sequence : null,
    zoom: typeof v.zoom === 'number' ? clampZoom(v.zoom) : 1,
    fit: v.fit === true,
    scrollLine: typeof v.scrollLine === 'number' && v.scrollLine >= 0 ? Math.floor(v.scrollLine) : undefined,
  };
}
