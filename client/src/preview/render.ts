/**
 * The preview's one question to the server — `lifeline/render` from the shared protocol file —
 * and the translation of its answer into what the page draws (`Diagram`, `Status`).
 */
import * as vscode from 'vscode';
import type { RenderResult } from '../../../server/src/protocol';
import type { ServerClient } from '../client';
import type { BannerProblem, Charset, Diagram, SourceRange, Status } from './messages';

export interface Rendered {
  readonly diagram: Diagram;
  readonly status: Omit<Status, 'stale'>;
  readonly sequences: readonly string[];
  /** When the (last) request went to the server and when its answer came (epoch ms, see `UpdateTrace`). */
  readonly requestedAt: number;
  readonly answeredAt: number;
}

export interface Renderer {
  render(uri: vscode.Uri, charset: Charset, sequence: string | null): Promise<Rendered>;
}

/** The most steps the text alternative lists (a screen reader user can still read the file). */
const MAX_STEPS = 2000;

export class ServerRenderer implements Renderer {
  constructor(private readonly server: ServerClient) {}

  async render(uri: vscode.Uri, charset: Charset, sequence: string | null): Promise<Rendered> {
    // The server draws open documents only: opening it (no editor needed) sends didOpen.
    const document = await vscode.workspace.openTextDocument(uri);
    const params = { uri: uri.toString(), charset, ...(sequence !== null ? { sequence } : {}) };
    let requestedAt = now();
    let result = await this.server.render(params);
    if (result === null) {
      // The didOpen may still be on its way for a document VS Code had not opened before.
      requestedAt = now();
      result = await this.server.render(params);
    }
    const answeredAt = now();
    if (result === null) throw new Error(`the language server does not have ${uri.toString()} open`);
    return { ...toRendered(result, charset, document), requestedAt, answeredAt };
  }
}

/** Every answer is a new diagram, with an id of its own (see `Diagram.id`). */
let nextDiagramId = 1;

/** Epoch milliseconds with sub-millisecond precision: the clock of `UpdateTrace`. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function toRendered(result: RenderResult, charset: Charset, document: vscode.TextDocument | undefined): Omit<Rendered, 'requestedAt' | 'answeredAt'> {
  const lines = linesOf(result.text);
  const rows: (SourceRange | null)[] = lines.map((_, i) => {
    const r = result.rows[i];
    return r ? { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character } : null;
  });
  const p = result.problems;
  const problems: BannerProblem[] = p.first.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.range.start.line,
    character: d.range.start.character,
  }));
  return {
    diagram: { id: nextDiagramId++, version: result.version, charset, lines, rows, steps: stepsOf(rows, document), tooLarge: result.tooLarge },
    status: { version: result.version, errorCount: p.errors, warningCount: p.warnings, problems },
    sequences: result.sequences,
  };
}

/** The drawing's lines: `text` separates them with `\n` and may end with one. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The text alternative: the source statement behind each drawn row, once each, in the order
 * they are drawn — "User -> Frontend: submit", "alt wrong password", "note over DB: …".
 */
function stepsOf(rows: readonly (SourceRange | null)[], document: vscode.TextDocument | undefined): string[] {
  if (!document) return [];
  const seen = new Set<number>();
  const steps: string[] = [];
  for (const r of rows) {
    if (!r || seen.has(r.startLine) || r.startLine >= document.lineCount) continue;
    seen.add(r.startLine);
    const text = document.lineAt(r.startLine).text.trim();
    if (text) steps.push(text);
    if (steps.length >= MAX_STEPS) break;
  }
  return steps;
}
