/**
 * Formatting, line by line: 2 spaces per block level, one space around arrows and after
 * colons, no trailing blanks (but those inside a quote left open). Each line is rebuilt from
 * the source slices of its parts, so a label, a name or a comment is never changed; a line
 * the parser did not understand, or whose tokens a reader would see differently once
 * re-spaced (a stray quote), keeps its content. Idempotent. As a last guard the result is
 * parsed again and must mean the same as the input (same statements, same values); otherwise
 * only indentation is changed.
 */
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-protocol';
import {
  isBlank,
  isPositionKey,
  lineContentEnd,
  type Analysis,
  type NameNode,
  type ParticipantStatement,
  type Statement,
  type TextNode,
} from '../core/index';
import { blocksAt } from './blocks';
import { lineOf, safeAnalyze, toPosition, type ParsedDocument } from './document';
import { lineNodes, lineSpanOf, type LineNode } from './locate';
import { CancellationToken } from 'vscode-languageserver-protocol';

const INDENT = '  ';
/**
 * Indentation stops growing past this depth: 10,000 nested blocks would otherwise make
 * ~100 MB of blanks. No hand-written diagram comes near it.
 */
export const MAX_INDENT_DEPTH = 64;
const indent = (depth: number) => INDENT.repeat(Math.min(depth, MAX_INDENT_DEPTH));

/** Cancelled, it stops before each re-analysis of the result and answers nothing. */
export function formatting(doc: ParsedDocument, _options?: FormattingOptions, range?: Range, token = CancellationToken.None): TextEdit[] {
  const { text, lineStarts } = doc.analysis.document;
  const before = meaning(doc.analysis);
  let lines = formattedLines(doc, true);
  if (token.isCancellationRequested) return [];
  if (meaning(safeAnalyze(applyLines(doc, lines), {})) !== before) {
    lines = formattedLines(doc, false);
    if (token.isCancellationRequested) return [];
    if (meaning(safeAnalyze(applyLines(doc, lines), {})) !== before) return [];
  }
  const edits: TextEdit[] = [];
  lines.forEach((content, line) => {
    if (content === undefined) return;
    if (range && (line < range.start.line || line > range.end.line)) return;
    const start = lineStarts[line];
    const end = lineContentEnd(text, lineStarts, line);
    if (text.slice(start, end) === content) return;
    edits.push({ range: { start: toPosition(doc, start), end: toPosition(doc, end) }, newText: content });
  });
  return edits;
}

/** The new content of each line (undefined: leave the line as it is). */
function formattedLines(doc: ParsedDocument, rebuild: boolean): (string | undefined)[] {
  const { text, lineStarts, comments } = doc.analysis.document;
  const out: (string | undefined)[] = new Array(lineStarts.length).fill(undefined);
  for (let line = 0; line < lineStarts.length; line++) {
    const end = lineContentEnd(text, lineStarts, line);
    const content = text.slice(lineStarts[line], end);
    // Blanks between a CR and an LF stay: emptied, the two breaks would become one CRLF and the line would vanish.
    const joins = text.charCodeAt(lineStarts[line] - 1) === 13 && text.charCodeAt(end) === 10;
    if (content.trim() === '' && !joins) out[line] = '';
  }
  for (const c of comments) {
    out[lineOf(doc, c.offset)] = indent(blocksAt(doc, c.offset).length) + text.slice(c.offset, c.offset + c.length);
  }
  for (const node of lineNodes(doc)) {
    const span = lineSpanOf(node);
    const line = lineOf(doc, span.offset);
    const raw = text.slice(span.offset, span.offset + span.length);
    const rebuilt = rebuild ? rebuildLine(doc, node, raw) : undefined;
    const trailing = text.slice(span.offset + span.length, lineContentEnd(text, lineStarts, line));
    out[line] = indent(node.depth) + (rebuilt && sameReaderTokens(raw, rebuilt) ? rebuilt : raw) + blanksInOpenQuote(raw, trailing);
  }
  return out;
}

/**
 * Tokens of a line as a reader (and the highlighting) sees them: a quoted string (to its closing
 * quote or the end of the line), an arrow, a word, any other character. Free text may hold a
 * stray `"` (a flow's name runs to its `:`, so `flow a"b: X -> Y` is valid): re-spacing such a
 * line would move blanks in and out of what reads as a string, so it keeps its spacing.
 */
const READER_TOKEN = /"(?:[^"\\]|\\.)*"?|-->>|-->|--x|->>|->|-x|[\p{L}\p{N}\p{M}_.]+|[^ \t\v\f\ufeff\u00a0]/gu;
function sameReaderTokens(a: string, b: string): boolean {
  const ta = a.match(READER_TOKEN) ?? [];
  const tb = b.match(READER_TOKEN) ?? [];
  return ta.length === tb.length && ta.every((t, i) => t === tb[i]);
}

/**
 * The blanks after a statement that a reader sees inside a string: a quote left open runs to
 * the end of the line (`A -> B: "Pay ` while the name is being typed), so its trailing blanks
 * are the string's and stay. Any other trailing blanks go ('').
 */
function blanksInOpenQuote(statement: string, trailing: string): string {
  const onlyBlanks = trailing !== '' && Array.from(trailing).every((c) => isBlank(c.charCodeAt(0)));
  return onlyBlanks && !sameReaderTokens(statement, statement + trailing) ? trailing : '';
}

function applyLines(doc: ParsedDocument, lines: readonly (string | undefined)[]): string {
  const { text, lineStarts } = doc.analysis.document;
  let out = '';
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = lineContentEnd(text, lineStarts, line);
    const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    out += (lines[line] ?? text.slice(start, end)) + text.slice(end, next);
  }
  return out;
}

/** Rebuilds a statement line from its parts; undefined keeps the line's content (only its indentation changes). */
function rebuildLine(doc: ParsedDocument, node: LineNode, raw: string): string | undefined {
  const text = doc.analysis.document.text;
  const src = (n: NameNode | TextNode | { span: { offset: number; length: number } }) =>
    text.slice(n.span.offset, n.span.offset + n.span.length);
  /** `: text`, a bare `:` when the colon is written with nothing after it, or nothing. */
  const tail = (t: TextNode | undefined) => (t ? `: ${src(t)}` : raw.endsWith(':') ? ':' : '');
  switch (node.type) {
    case 'end':
      // PlantUML's `end box` stays as written.
      return node.block.type === 'box' && /^end\s+box$/.test(raw) ? 'end box' : 'end';
    case 'box': {
      const st = node.statement;
      return ['box', src(st.name), st.label && src(st.label)].filter(Boolean).join(' ');
    }
    case 'branch':
      return node.branch.condition ? `${node.branch.keyword} ${src(node.branch.condition)}` : node.branch.keyword;
    case 'sequence': {
      const st = node.statement;
      return ['sequence', st.name && src(st.name), st.within && `within ${src(st.within)}`].filter(Boolean).join(' ');
    }
    case 'statement':
      return rebuildStatement(node.statement, src, tail, raw);
  }
}

function rebuildStatement(
  st: Exclude<Statement, { type: 'sequence' | 'fragment' | 'box' }>,
  src: (n: NameNode | TextNode | { span: { offset: number; length: number } }) => string,
  tail: (t: TextNode | undefined) => string,
  raw: string,
): string | undefined {
  switch (st.type) {
    case 'message':
      return `${src(st.from)} ${st.arrow} ${st.activation ?? ''}${src(st.to)}${tail(st.label)}`;
    case 'participant':
      return declaration(st, src, tail);
    case 'create':
      return `create ${st.declaration ? declaration(st.declaration, src, tail) : src(st.name)}`;
    case 'ref':
      return `ref over ${st.targets.map(src).join(', ')}: ${src(st.text)}`;
    case 'metadata':
      return `${st.key}:${st.value.value ? ` ${src(st.value)}` : ''}`;
    case 'title':
      return /^title\s*:/.test(raw) ? `title: ${src(st.text)}` : `title ${src(st.text)}`;
    case 'takes':
      return st.duration ? `takes ${src(st.duration)}` : undefined;
    case 'timeout':
      return st.duration ? `timeout ${src(st.duration)}${tail(st.action)}` : undefined;
    case 'activate':
    case 'deactivate':
    case 'destroy':
      return `${st.type} ${src(st.name)}`;
    case 'note':
      return `note ${st.position} ${st.targets.map(src).join(', ')}${tail(st.text)}`;
    case 'autonumber':
      // Words and numbers only: one space between them.
      return raw.trim().split(/\s+/).join(' ');
    case 'flow': {
      if (!st.name) return undefined;
      // The arrows as written (`->` or `→`).
      const steps = st.steps.map((s, i) => (i === 0 ? src(s) : `${src({ span: st.arrowSpans[i - 1] })} ${src(s)}`));
      return `flow ${src(st.name)}:${steps.length ? ` ${steps.join(' ')}` : ''}`;
    }
    case 'divider':
    case 'delay':
      return undefined;
  }
}

function declaration(
  st: ParticipantStatement,
  src: (n: NameNode | TextNode | { span: { offset: number; length: number } }) => string,
  tail: (t: TextNode | undefined) => string,
): string {
  return [st.kind, src(st.name), st.displayName && src(st.displayName), st.scope].filter(Boolean).join(' ') + tail(st.description);
}

/** What a parse means, every position dropped: each line node with its values, the comments, the diagnostic codes. */
function meaning(a: Analysis): string {
  const text = a.document.text;
  const doc: ParsedDocument = { uri: '', version: 0, analysis: a };
  const values = (v: object) => JSON.stringify(v, (k, x) => (isPositionKey(k) || k === 'statements' || k === 'branches' ? undefined : x));
  const parts: string[] = [];
  for (const node of lineNodes(doc)) {
    switch (node.type) {
      case 'statement':
        parts.push(`${node.depth} ${values(node.statement)}`);
        break;
      case 'sequence':
        parts.push(`${node.depth} sequence ${values({ name: node.statement.name, within: node.statement.within })}`);
        break;
      case 'box':
        parts.push(`${node.depth} box ${values({ name: node.statement.name, label: node.statement.label })}`);
        break;
      case 'branch':
        parts.push(`${node.depth} ${node.branch.keyword} ${values({ condition: node.branch.condition })}`);
        break;
      case 'end':
        parts.push(`${node.depth} end`);
        break;
    }
  }
  for (const c of a.document.comments) parts.push(text.slice(c.offset, c.offset + c.length));
  // `missing-related` depends on the file system, which the re-analysis does not see.
  parts.push(
    a.diagnostics
      .filter((d) => d.code !== 'missing-related')
      .map((d) => d.code)
      .join(','),
  );
  return parts.join('\n');
}
