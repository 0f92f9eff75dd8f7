/**
 * The preview's one question to the server — `lifeline/render` from the shared protocol file,
 * naming the diagram on the page as `since` — and its answer in the page's terms (translate.ts).
 */
import * as vscode from 'vscode';
import { isRenderDelta, type RenderAnswer, type RenderParams } from '../../../server/src/lsp/protocol';
import type { ServerClient } from '../client';
import type { Charset, Diagram, DiagramPatch } from './diagram';
import type { Status } from './messages';
import { diagramOf, patchOf, statusOf, type LineText } from './translate';

/** The new diagram: the change from the one named as `since`, or whole. */
export type Change = { readonly patch: DiagramPatch } | { readonly diagram: Diagram };

export interface Answer {
  readonly change: Change;
  readonly version: number;
  readonly status: Omit<Status, 'stale'>;
  readonly sequences: readonly string[];
  /** When the (last) request went to the server and when its answer came (epoch ms, see `UpdateTrace`). */
  readonly requestedAt: number;
  readonly answeredAt: number;
}

/** What else to draw: the picture (the text is then ASCII, its grid), the durations margin. */
export type Extras = Pick<RenderParams, 'picture' | 'durations'>;

export interface Renderer {
  /** Draws `uri`; with `since` (the diagram on the page), as the change from it when the server still has it. */
  render(uri: vscode.Uri, charset: Charset, sequence: string | null, since: Diagram | undefined, extras?: Extras): Promise<Answer>;
}

export class ServerRenderer implements Renderer {
  constructor(private readonly server: ServerClient) {}

  async render(
    uri: vscode.Uri,
    charset: Charset,
    sequence: string | null,
    since: Diagram | undefined,
    extras: Extras = {},
  ): Promise<Answer> {
    // The server draws open documents only: opening it (no editor needed) sends didOpen.
    const document = await vscode.workspace.openTextDocument(uri);
    const lineText: LineText = (line) => (line < document.lineCount ? document.lineAt(line).text : undefined);
    // `null`: every sequence; a sequence may be named '' (the implicit one).
    const drawn: Charset = extras.picture === true ? 'ascii' : charset;
    const params: RenderParams = { uri: uri.toString(), charset: drawn, ...(sequence !== null ? { sequence } : {}), ...extras };
    let requestedAt = now();
    let answer = await this.server.render({ ...params, ...(since ? { since: since.id } : {}) });
    if (answer === null || (isRenderDelta(answer) && answer.base !== since?.id)) {
      // The didOpen may still be on its way for a document VS Code had not opened before: ask again.
      requestedAt = now();
      answer = await this.server.render(params);
    }
    const answeredAt = now();
    if (answer === null) throw new Error(`the language server does not have ${uri.toString()} open`);
    return {
      change: changeOf(answer, since, drawn, lineText),
      version: answer.version,
      status: statusOf(answer.problems, answer.version),
      sequences: answer.sequences,
      requestedAt,
      answeredAt,
    };
  }
}

/** A change from `since` as the page's patch (the request above made sure it names `since`), a whole drawing as a diagram. */
function changeOf(answer: RenderAnswer, since: Diagram | undefined, charset: Charset, lineText: LineText): Change {
  if (!isRenderDelta(answer)) return { diagram: diagramOf(answer, charset, lineText) };
  if (!since || answer.base !== since.id)
    throw new Error(`the language server answered with a change from ${answer.base}, which the preview does not hold`);
  return { patch: patchOf(since, answer, charset, lineText) };
}

/** Epoch milliseconds with sub-millisecond precision: the clock of `UpdateTrace`. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
