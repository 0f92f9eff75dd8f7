/**
 * The Markdown code action "Convert to a ```seq block": the ```mermaid or ```plantuml fence at
 * an offset, and the ```seq fence that replaces it. Text in, edit out; the editor only applies it.
 */
import type { ImportResult } from './common';
import { computeLineStarts, lineOfOffset } from '../text';
import { diagramFences, importDiagram } from './index';

export interface SeqFenceConversion {
  readonly format: 'mermaid' | 'plantuml';
  /** The fence, from the start of its opening line to the end of its closing line (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
  /** The ```seq fence, without a line break after it. */
  readonly newText: string;
  /** The import of the fence's body; its notices and errors are at the Markdown file's lines (1-based). */
  readonly result: ImportResult;
}

/** The diagram fence around `offset` (its opening or closing line included), converted; undefined when there is none. */
export function seqFenceConversion(text: string, offset: number): SeqFenceConversion | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const starts = computeLineStarts(text);
  const line = lineOfOffset(starts, offset);
  const fence = diagramFences(lines).find((f) => f.open <= line && line <= f.to);
  if (!fence) return undefined;
  const imported = importDiagram(lines.slice(fence.from, fence.to).join('\n'), fence.lang);
  // The body was read alone: its lines start after the opening fence.
  const result: ImportResult = {
    ...imported,
    notices: imported.notices.map((n) => ({ ...n, line: n.line + fence.from })),
    errors: imported.errors.map((e) => ({ ...e, line: e.line + fence.from })),
    lineMap: imported.lineMap.map((l) => l + fence.from),
  };
  const opening = /^(\s*)(`{3,}|~{3,})/.exec(lines[fence.open]) ?? ['', '', '```'];
  const indent = opening[1];
  const body = result.text.replace(/\n$/, '').split('\n');
  // Imported lines start with a keyword, a name or `#`, never with a fence marker: the opening's marker closes it.
  const marker = opening[2];
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const newText = [`${marker}seq`, ...body, marker].map((l) => (l === '' ? l : indent + l)).join(eol);
  const closed = fence.to < lines.length;
  const end = closed ? starts[fence.to] + lines[fence.to].length : text.length;
  return { format: fence.lang, start: starts[fence.open], end, newText, result };
}
