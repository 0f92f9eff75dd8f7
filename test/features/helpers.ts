/**
 * Helpers for in-process feature tests: documents with a `<|>` cursor marker, edits
 * applied to text, ranges shown as the text they cover.
 */
import assert from 'node:assert/strict';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelOptions } from '../../server/src/core/index';
import { safeAnalyze, toOffset, type ParsedDocument } from '../../server/src/features/document';

export const URI = 'file:///work/diagrams/test.seq';
export const CURSOR = '<|>';

/** An analysed document from text (without the cursor marker), analysed as the server does. */
export function docOf(text: string, options: ModelOptions = {}, uri = URI, version = 1): ParsedDocument {
  return { uri, version, analysis: safeAnalyze(text, options) };
}

/** Text with one `<|>`: the document without it, and the position where it stood. */
export function withCursor(marked: string, options: ModelOptions = {}): { doc: ParsedDocument; position: Position; text: string } {
  const at = marked.indexOf(CURSOR);
  assert.ok(at >= 0, `no ${CURSOR} in ${JSON.stringify(marked)}`);
  assert.equal(marked.indexOf(CURSOR, at + 1), -1, `more than one ${CURSOR}`);
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  const td = TextDocument.create(URI, 'seq', 1, text);
  return { doc: docOf(text, options), position: td.positionAt(at), text };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'seq', 1, text), [...edits]);
}

/** Applies the edits a WorkspaceEdit makes to `uri` (changes or documentChanges). */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | null | undefined, uri = URI): string {
  assert.ok(edit, 'expected a WorkspaceEdit');
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
  }
  const others = Object.keys(edit.changes ?? {}).filter((u) => u !== uri);
  assert.deepEqual(others, [], 'edits to other documents');
  return applyEdits(text, edits);
}

/** The text a range covers. */
export function rangeText(doc: ParsedDocument, range: Range): string {
  const text = doc.analysis.document.text;
  return text.slice(toOffset(doc, range.start), toOffset(doc, range.end));
}

/** `line:col` (1-based) of a position, for readable expectations. */
export function at(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}

/** Drops indentation common to all non-blank lines (so table entries can be indented). */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
