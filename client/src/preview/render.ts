/**
 * The preview's one question to the server — `lifeline/render` from the shared protocol file —
 * and the translation of its answer into what the page draws (`Diagram`, `Status`).
 */
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageclient/node';
import { isRenderDelta, type ProblemSummary, type RenderAnswer, type RenderParams } from '../../../server/src/lsp/protocol';
import { applyRows, applySplice } from '../../../server/src/core/splice';
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

/** How many drawings are held (the least recently used go first). */
const HELD = 8;

/** A whole drawing as the server sent it, or as its changes made it. */
export interface Drawing {
  readonly id: string;
  readonly lines: readonly string[];
  readonly rows: readonly (Range | null)[];
  readonly sequences: readonly string[];
  readonly tooLarge: boolean;
  readonly problems: ProblemSummary;
  readonly version: number;
}

export class ServerRenderer implements Renderer {
  /** The last drawing per document, charset and sequence: the next request asks for the change from it. */
  private readonly held = new Map<string, Drawing>();

  constructor(private readonly server: ServerClient) {}

  async render(uri: vscode.Uri, charset: Charset, sequence: string | null): Promise<Rendered> {
    // The server draws open documents only: opening it (no editor needed) sends didOpen.
    const document = await vscode.workspace.openTextDocument(uri);
    // `null`: every sequence; a sequence may be named '' (the implicit one).
    const key = `${uri.toString()}\n${charset}\n${sequence === null ? '*' : `=${sequence}`}`;
    const params: RenderParams = { uri: uri.toString(), charset, ...(sequence !== null ? { sequence } : {}) };
    let requestedAt = now();
    let drawing = this.apply(key, await this.server.render({ ...params, ...this.since(key) }));
    if (drawing === null) {
      // The didOpen may still be on its way for a document VS Code had not opened before; or
      // the change came for a drawing this side no longer holds: ask for the whole one.
      requestedAt = now();
      drawing = this.apply(key, await this.server.render(params));
    }
    const answeredAt = now();
    if (drawing === null) throw new Error(`the language server does not have ${uri.toString()} open`);
    return { ...toRendered(drawing, charset, document), requestedAt, answeredAt };
  }

  private since(key: string): { since?: string } {
    const held = this.held.get(key);
    return held ? { since: held.id } : {};
  }

  /** The whole drawing an answer gives (null: none, or a change from a drawing not held). */
  private apply(key: string, answer: RenderAnswer | null): Drawing | null {
    if (answer === null) return null;
    let drawing: Drawing;
    if (isRenderDelta(answer)) {
      const base = this.held.get(key);
      if (!base || base.id !== answer.base) return null;
      const lines = answer.lines ? applyRows(base.lines, answer.lines) : base.lines;
      const rows = answer.rows ? applySplice(base.rows, answer.rows) : base.rows;
      drawing = { ...answer, lines, rows };
    } else {
      drawing = { ...answer, lines: linesOf(answer.text) };
    }
    this.held.delete(key);
    this.held.set(key, drawing);
    // A few are enough: one per open preview and charset.
    for (const old of this.held.keys()) {
      if (this.held.size <= HELD) break;
      this.held.delete(old);
    }
    return drawing;
  }
}

/** Every answer is a new diagram, with an id of its own (see `Diagram.id`). */
let nextDiagramId = 1;

/** Epoch milliseconds with sub-millisecond precision: the clock of `UpdateTrace`. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function toRendered(result: Drawing, charset: Charset, document: vscode.TextDocument | undefined): Omit<Rendered, 'requestedAt' | 'answeredAt'> {
  const lines = result.lines;
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
