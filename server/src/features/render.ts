/**
 * The preview's request: draw the document with the core's renderer, map each output row
 * to its source range, and summarise the problems. `Drawings` keeps the last few drawings sent
 * for each document, charset and sequence, so that the next answer can be the change from the one
 * the client names (the one its page shows, which is not the newest while a line is broken).
 */
import { CancellationToken, LSPErrorCodes, ResponseError, type Range } from 'vscode-languageserver-protocol';
import {
  diffLists,
  diffRows,
  renderSvgDocument,
  type DocumentRenderOptions,
  type Model,
  type RenderedDocument,
  type Severity,
} from '../core/index';
import type { ProblemSummary, RenderAnswer, RenderCharset, RenderParams, RenderResult, SvgParams } from '../lsp/protocol';
import { toRange, type ParsedDocument } from './document';

/** The core renderer's signature (`renderDocument` from `core/render`). */
export type Renderer = (model: Model, options: DocumentRenderOptions & { charset: RenderCharset }) => RenderedDocument;

const FIRST_PROBLEMS = 5;
const order: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

export function problemSummary(doc: ParsedDocument): ProblemSummary {
  const all = doc.analysis.diagnostics;
  const count = (s: Severity) => all.filter((d) => d.severity === s).length;
  const first = [...all]
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .sort((a, b) => order[a.severity] - order[b.severity] || a.offset - b.offset)
    .slice(0, FIRST_PROBLEMS)
    .map((d) => ({ message: d.message, range: toRange(doc, d), severity: d.severity, code: d.code }));
  return { errors: count('error'), warnings: count('warning'), infos: count('information'), hints: count('hint'), first };
}

/** What a drawing is asked for with. */
type Asked = Pick<RenderParams, 'charset' | 'sequence' | 'picture' | 'durations'>;

/** The whole drawing, as an answer of its own (what a client that holds none gets). */
export function render(doc: ParsedDocument, params: Asked, renderer: Renderer): RenderResult {
  return whole(doc, draw(doc, params, renderer));
}

/** The standalone picture (light palette), as `lifeline render --format svg` prints it. */
export function standaloneSvg(doc: ParsedDocument, params: Omit<SvgParams, 'uri'>): string {
  const sequence = typeof params.sequence === 'string' ? params.sequence : undefined;
  return renderSvgDocument(doc.analysis.model, { sequence, durations: params.durations === true });
}

type Drawn = ReturnType<typeof draw>;

/** What a drawing is of: the document, the charset, picture and margin, and the sequence (`*`: all of them). */
function keyOf(uri: string, params: Asked): string {
  const kind = `${charsetOf(params)}${params.picture === true ? '+svg' : ''}${params.durations === true ? '+durations' : ''}`;
  return `${uri}\n${kind}\n${typeof params.sequence === 'string' ? `=${params.sequence}` : '*'}`;
}

/** The picture is drawn on the ASCII grid: with it, so is the text whose rows map it. */
const charsetOf = (params: Pick<RenderParams, 'charset' | 'picture'>): RenderCharset =>
  params.charset === 'unicode' && params.picture !== true ? 'unicode' : 'ascii';

/** Draws the document; with `since` (the last drawing of the same key), rows still the same are taken from it. */
function draw(doc: ParsedDocument, params: Asked, renderer: Renderer, since?: RenderedDocument) {
  const sequence = typeof params.sequence === 'string' ? params.sequence : undefined;
  const durations = params.durations === true;
  const model = doc.analysis.model;
  const out = renderer(model, { charset: charsetOf(params), sequence, since, durations });
  const svg = params.picture === true ? renderSvgDocument(model, { sequence, durations, theme: 'vscode' }) : undefined;
  const rows: (Range | null)[] = out.rows.map((span) => (span ? toRange(doc, span) : null));
  return {
    id: newId(),
    drawing: out,
    /** Joined when first read: an answer with changes only never needs it. */
    get text() {
      return out.text;
    },
    lines: out.lines,
    rows,
    sequences: model.sequences.map((s) => s.name),
    tooLarge: out.tooLarge,
    svg,
  };
}

function whole(doc: ParsedDocument, d: Drawn): RenderResult {
  return {
    id: d.id,
    text: d.text,
    rows: d.rows,
    sequences: d.sequences,
    tooLarge: d.tooLarge,
    ...(d.svg !== undefined ? { svg: d.svg } : {}),
    problems: problemSummary(doc),
    version: doc.version,
  };
}

/** Ids unique across server runs: a client that outlives a server never names another drawing. */
const session = Math.random().toString(36).slice(2, 10);
let drawings = 0;
const newId = () => `${session}.${++drawings}`;

const sameRange = (a: Range | null, b: Range | null) =>
  a === null || b === null
    ? a === b
    : a.start.line === b.start.line &&
      a.start.character === b.start.character &&
      a.end.line === b.end.line &&
      a.end.character === b.end.character;

interface Sent {
  readonly id: string;
  /**
   * The core's drawing (its rows are what the next drawing of this key may reuse). Its layouts
   * stay with it: 0.23 MB at 1,000 messages, 5 MB at 30,000, beside the drawing's text (1.6 and
   * 41 MB, kept before too).
   */
  readonly drawing: RenderedDocument;
  readonly rows: readonly (Range | null)[];
  readonly svg: string | undefined;
}

/**
 * Drawings kept per document, charset and sequence: the newest (what the next drawing reuses rows
 * of) and the bases clients named lately (a preview keeps its last good diagram while the newest
 * version has errors; two previews of one file name two).
 */
const KEPT = 3;

/** The last drawings sent per document, charset and sequence; answers as changes from the one named by `since`. */
export class Drawings {
  /** Newest first, the rest by their last use as a base. */
  private readonly sent = new Map<string, Sent[]>();

  /**
   * Cancelled, it stops before drawing and after it with the protocol's cancellation error (there
   * is no empty drawing); the drawings kept stay the bases of later answers.
   */
  answer(
    doc: ParsedDocument,
    params: Asked & Pick<RenderParams, 'since'>,
    renderer: Renderer,
    token = CancellationToken.None,
  ): RenderAnswer {
    const key = keyOf(doc.uri, params);
    const kept = this.sent.get(key) ?? [];
    const stopIfCancelled = () => {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    };
    stopIfCancelled();
    const d = draw(doc, params, renderer, kept[0]?.drawing);
    stopIfCancelled();
    const before = typeof params.since === 'string' ? kept.find((s) => s.id === params.since) : undefined;
    const rest = kept.filter((s) => s !== before);
    this.sent.set(key, [{ id: d.id, drawing: d.drawing, rows: d.rows, svg: d.svg }, ...(before ? [before] : []), ...rest].slice(0, KEPT));
    if (!before) return whole(doc, d);
    const lines = diffRows(before.drawing.lines, d.lines);
    const rows = diffLists(before.rows, d.rows, sameRange);
    return {
      id: d.id,
      base: before.id,
      sequences: d.sequences,
      tooLarge: d.tooLarge,
      ...(d.svg !== undefined && d.svg !== before.svg ? { svg: d.svg } : {}),
      problems: problemSummary(doc),
      version: doc.version,
      ...(lines ? { lines } : {}),
      ...(rows ? { rows } : {}),
    };
  }

  /** The document closed: its drawings are no one's base any more. */
  forget(uri: string): void {
    const prefix = `${uri}\n`;
    for (const key of [...this.sent.keys()]) if (key.startsWith(prefix)) this.sent.delete(key);
  }
}
