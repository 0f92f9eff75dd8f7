/**
 * Everything that travels between the extension and the preview's webview, declared once and
 * imported by both sides. Messages carry data only — text, numbers, names — never markup: the
 * webview builds its DOM from them with `textContent`.
 *
 * This file is imported by the browser bundle: no `vscode` or Node import here.
 */

import type { Charset, Diagram, DiagramPatch, SourceRange } from './diagram';

/** How the preview draws: the text diagram, or the picture (SVG) of the same layout. */
export type PreviewStyle = 'text' | 'picture';

/** One problem as the banner shows it: click to jump to `line`/`character`. */
export interface BannerProblem {
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly character: number;
}

/** What the preview shows about its source and its settings (the toolbar reads this). */
export interface PreviewInfo {
  readonly uri: string;
  /** The file name shown in the toolbar and the panel title. */
  readonly fileName: string;
  /** The charset drawn with: the panel's own choice, else the setting. */
  readonly charset: Charset;
  /** The panel's own choice from the toolbar, or null when it follows `lifeline.preview.charset`. */
  readonly charsetOverride: Charset | null;
  readonly locked: boolean;
  /** The style drawn with: the panel's own choice, else `lifeline.preview.style`. */
  readonly style: PreviewStyle;
  /** The durations margin (v2) is drawn. */
  readonly durations: boolean;
  /** The sequence shown alone, or null for all sequences stacked. */
  readonly sequence: string | null;
  /** Every sequence name of the document (the picker's choices). */
  readonly sequences: readonly string[];
}

/** The problems of the newest version, and why the diagram may be an older one. */
export interface Status {
  /** The newest version the extension has an answer for. */
  readonly version: number;
  readonly errorCount: number;
  readonly warningCount: number;
  /** The problems the banner lists (errors first; capped). */
  readonly problems: readonly BannerProblem[];
  /**
   * Why the diagram shown is not the newest version's, when it is not: the newest has errors,
   * or the server could not answer. Null when the diagram is current.
   */
  readonly stale: null | 'errors' | 'server';
  /** A sentence for the banner when the server could not answer. */
  readonly notice?: string;
}

/** What the webview keeps with `setState` and the serializer restores after a reload. */
export interface PreviewState {
  readonly uri: string;
  readonly locked: boolean;
  /** The toolbar's charset choice for this panel, or null to follow the setting. */
  readonly charset: Charset | null;
  /** The toolbar's style choice for this panel, or null to follow the setting. */
  readonly style: PreviewStyle | null;
  readonly durations: boolean;
  readonly sequence: string | null;
  /** Font scale of this panel, 1 = the editor's font size. */
  readonly zoom: number;
  /** The zoom follows the panel's width ("Fit width"). */
  readonly fit: boolean;
  /** The first source line visible at the top of the preview, to scroll back after a reload. */
  readonly scrollLine?: number;
}

/** Initial state, in the page's `<meta id="lifeline-state">` (escaped JSON in an attribute). */
export interface InitialState {
  readonly info: PreviewInfo;
  readonly zoom: number;
  readonly fit: boolean;
  readonly scrollLine?: number;
  /** The last diagram the panel showed, so a re-created webview never starts blank. */
  readonly diagram?: Diagram;
  readonly status?: Status;
}

/**
 * Where one update's time went before it reached the page, as the extension host saw it: epoch
 * milliseconds (`performance.timeOrigin + performance.now()`, the clock the page uses too). The
 * page turns it into `performance` marks, which the e2e reads (and DevTools shows).
 */
export interface UpdateTrace {
  /** When an edit (or another reason to draw) asked for this render. */
  readonly askedAt: number;
  /** When the render request went to the server, and when its answer came back. */
  readonly requestedAt: number;
  readonly answeredAt: number;
  /** When this message was posted to the page. */
  readonly postedAt: number;
}

/**
 * The name of the page's `performance` measure for each update (edit → painted), whose detail is
 * an `UpdateTrace` plus the page's own `receivedAt`, `appliedAt`, `paintedAt` and the `version` drawn.
 */
export const UPDATE_TRACE_MEASURE = 'lifeline: edit → preview painted';

// --- extension → webview ---------------------------------------------------------------------

export type ToWebview =
  /**
   * A new answer and the current problems, with the diagram to show: whole (`diagram`), or as the
   * server's change from the one the page shows (`patch`); neither: keep the one shown.
   */
  | {
      readonly type: 'update';
      readonly info: PreviewInfo;
      readonly diagram?: Diagram;
      readonly patch?: DiagramPatch;
      readonly status: Status;
      readonly trace?: UpdateTrace;
    }
  /** The toolbar's state changed (lock, charset, sequence list) without a new diagram. */
  | { readonly type: 'info'; readonly info: PreviewInfo }
  /** The editor's cursor is on this source line: highlight its rows; scroll them into view. */
  | { readonly type: 'cursor'; readonly line: number }
  /** The editor scrolled: show this source line at the top. */
  | { readonly type: 'scrollTo'; readonly line: number };

// --- webview → extension ---------------------------------------------------------------------

export type FromWebview =
  /** The page loaded and wants the newest content. */
  | { readonly type: 'ready' }
  /** A patch did not apply to the diagram the page has: send the whole diagram. */
  | { readonly type: 'resync' }
  /** Reveal this source position in the editor; `select` selects the range (a row click). */
  | { readonly type: 'reveal'; readonly range: SourceRange; readonly select: boolean }
  /** The user scrolled the preview: this source line is now at its top. */
  | { readonly type: 'scrolled'; readonly line: number }
  | { readonly type: 'selectSequence'; readonly sequence: string | null }
  | { readonly type: 'toggleCharset' }
  | { readonly type: 'toggleLock' }
  | { readonly type: 'toggleStyle' }
  | { readonly type: 'toggleDurations' }
  | { readonly type: 'copy' }
  /** Copy as SVG / Save as SVG…: the standalone picture (light palette). */
  | { readonly type: 'copySvg' }
  | { readonly type: 'saveSvg' }
  | { readonly type: 'showSource' }
  /** The zoom changed (the extension keeps it for the next page and the serializer). */
  | { readonly type: 'zoomed'; readonly zoom: number; readonly fit: boolean };

/** The webview's panel type, shared by the manager, the serializer and `package.json`. */
export const PREVIEW_VIEW_TYPE = 'lifeline.preview';

export const ZOOM = { min: 0.5, max: 3, step: 0.1 } as const;

export function clampZoom(z: number): number {
  if (!Number.isFinite(z)) return 1;
  return Math.round(Math.min(ZOOM.max, Math.max(ZOOM.min, z)) * 100) / 100;
}
