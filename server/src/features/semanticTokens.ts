/**
 * Semantic tokens: participants by kind (each kind its own standard token type, so themes
 * tell them apart), keywords, arrows, durations, labels and other free text, metadata keys,
 * comments. Every token lies on one line; the list is sorted and never overlaps.
 *
 * After an edit the client asks for the change since the tokens it holds (`full/delta`): a
 * keystroke's answer is one small edit instead of every token again (48 kB of JSON on a
 * 1,000-message file, read and re-encoded by the extension host and the workbench per
 * keystroke, on the path the keystroke's preview update takes too).
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import {
  activationSpanOf,
  arrowSpanOf,
  diffLists,
  isEdge,
  type NameNode,
  type ParticipantKindName,
  type Span,
  type Statement,
  type TextNode,
} from '../core/index';
import type { ParsedDocument } from './document';
import { lineNodes } from './locate';
import { resolveRef } from './refs';

export const tokenTypes = [
  'keyword',
  'operator',
  'number',
  'string',
  'property',
  'comment',
  // Participants, one type per kind:
  'interface', // actor
  'class', // system
  'namespace', // service
  'struct', // database
  'event', // queue
  'variable', // participant (and undeclared names)
  'type', // a box (v2)
  'function', // a ref's text that names a sequence (v2)
] as const;
export const tokenModifiers = ['declaration'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenType = (typeof tokenTypes)[number];

export const participantTokenType: Readonly<Record<ParticipantKindName, TokenType>> = {
  actor: 'interface',
  system: 'class',
  service: 'namespace',
  database: 'struct',
  queue: 'event',
  participant: 'variable',
};

interface Token {
  readonly offset: number;
  readonly length: number;
  /** Index in `tokenTypes`. */
  readonly type: number;
  readonly declaration: boolean;
}

const typeIndex = new Map<TokenType, number>(tokenTypes.map((t, i) => [t, i]));

/** The keywords of `wordsBetween`, one regular expression per list (made once). */
const wordPatterns = new Map<string, RegExp>();
function wordPattern(words: readonly string[]): RegExp {
  const key = words.join('|');
  let re = wordPatterns.get(key);
  if (!re) wordPatterns.set(key, (re = new RegExp(`(?<![\\p{ID_Continue}])(${key})(?![\\p{ID_Continue}])`, 'gu')));
  re.lastIndex = 0;
  return re;
}

export function semanticTokens(doc: ParsedDocument): SemanticTokens {
  const tokens: Token[] = [];
  const text = doc.analysis.document.text;
  const participants = doc.analysis.model.participantById;
  const add = (span: Span | undefined, type: TokenType, declaration = false) => {
    if (span && span.length > 0)
      tokens.push({ offset: span.offset, length: span.length, type: typeIndex.get(type) as number, declaration });
  };
  const word = (offset: number, w: string) => add({ offset, length: w.length }, 'keyword');
  const name = (n: NameNode, declaration = false) =>
    add(n.span, isEdge(n) ? 'operator' : participantTokenType[participants.get(n.value)?.kind ?? 'participant'], declaration);
  const str = (t: TextNode | undefined) => add(t?.span, 'string');
  /** Keywords written between two offsets (`internal`, `left of`, `within`), found by scanning. */
  const wordsBetween = (from: number, to: number, words: readonly string[]) => {
    const re = wordPattern(words);
    const slice = text.slice(from, to);
    for (let m = re.exec(slice); m; m = re.exec(slice)) word(from + m.index, m[1]);
  };

  for (const node of lineNodes(doc)) {
    switch (node.type) {
      case 'sequence': {
        const st = node.statement;
        add(st.keywordSpan, 'keyword');
        str(st.name);
        if (st.within) {
          wordsBetween(st.name ? st.name.span.offset + st.name.span.length : st.keywordSpan.offset + 8, st.within.span.offset, ['within']);
          add(st.within.span, 'number');
        }
        break;
      }
      case 'branch':
        add(node.branch.keywordSpan, 'keyword');
        str(node.branch.condition);
        break;
      case 'end':
        add({ offset: node.span.offset, length: 3 }, 'keyword');
        if (node.block.type === 'box') wordsBetween(node.span.offset + 3, node.span.offset + node.span.length, ['box']);
        break;
      case 'box':
        add(node.statement.keywordSpan, 'keyword');
        add(node.statement.name.span, 'type', true);
        str(node.statement.label);
        break;
      case 'statement':
        statementTokens(node.statement);
        break;
    }
  }
  for (const c of doc.analysis.document.comments) add(c, 'comment');

  function statementTokens(st: Statement): void {
    switch (st.type) {
      case 'title':
        word(st.span.offset, 'title');
        str(st.text);
        return;
      case 'metadata':
        add(st.keySpan, 'property');
        str(st.value);
        return;
      case 'create':
        add(st.keywordSpan, 'keyword');
        if (st.declaration) statementTokens(st.declaration);
        else name(st.name);
        return;
      case 'ref':
        add(st.keywordSpan, 'keyword');
        wordsBetween(st.keywordSpan.offset + st.keywordSpan.length, st.targets[0]?.span.offset ?? st.text.span.offset, ['over']);
        for (const t of st.targets) name(t);
        add(st.text.span, resolveRef(doc, st) ? 'function' : 'string');
        return;
      case 'participant': {
        add(st.kindSpan, 'keyword');
        name(st.name, true);
        str(st.displayName);
        if (st.scope) {
          const from = (st.displayName?.span ?? st.name.span).offset + (st.displayName?.span ?? st.name.span).length;
          wordsBetween(from, st.description?.span.offset ?? st.span.offset + st.span.length, ['internal', 'external']);
        }
        str(st.description);
        return;
      }
      case 'message':
        name(st.from);
        add(arrowSpanOf(st), 'operator');
        add(activationSpanOf(st), 'operator');
        name(st.to);
        str(st.label);
        return;
      case 'takes':
      case 'timeout':
        add(st.keywordSpan, 'keyword');
        add(st.duration?.span, 'number');
        if (st.type === 'timeout') str(st.action);
        return;
      case 'activate':
      case 'deactivate':
      case 'destroy':
        add(st.keywordSpan, 'keyword');
        name(st.name);
        return;
      case 'note':
        word(st.span.offset, 'note');
        wordsBetween(st.span.offset + 4, st.targets[0]?.span.offset ?? st.span.offset + 4, ['over', 'left', 'right', 'of']);
        for (const t of st.targets) name(t);
        str(st.text);
        return;
      case 'divider':
      case 'delay':
        str(st.text);
        return;
      case 'autonumber':
        word(st.span.offset, 'autonumber');
        autonumberTokens(st.span);
        return;
      case 'flow':
        word(st.span.offset, 'flow');
        str(st.name);
        for (const s of st.steps) name(s);
        for (const a of st.arrowSpans) add(a, 'operator');
        return;
      default:
        return;
    }
  }

  /** `off`/`resume`/`stop` as keywords, start and step as numbers. */
  function autonumberTokens(span: Span): void {
    const rest = text.slice(span.offset + 10, span.offset + span.length);
    for (const m of rest.matchAll(/\S+/g))
      add({ offset: span.offset + 10 + m.index, length: m[0].length }, /^\d/.test(m[0]) ? 'number' : 'keyword');
  }

  tokens.sort((a, b) => a.offset - b.offset);
  // Sorted by offset: the line of each token is found by walking the line starts forward.
  const lineStarts = doc.analysis.document.lineStarts;
  const data: number[] = [];
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.offset < lastEnd) continue; // never overlap
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= t.offset) line++;
    const character = t.offset - lineStarts[line];
    data.push(line - prevLine, line === prevLine ? character - prevChar : character, t.length, t.type, t.declaration ? 1 : 0);
    prevLine = line;
    prevChar = character;
    lastEnd = t.offset + t.length;
  }
  return { data };
}

/** The one edit that turns `before` into `after` (the splice between their common start and end), or none when they are equal. */
export function tokenEdits(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  const s = diffLists(before, after, (a, b) => a === b);
  return s ? [{ start: s.start, deleteCount: s.deleteCount, data: [...s.items] }] : [];
}

/** The last tokens sent for each document, so that the next answer can be the change since them. */
export class SemanticTokensHistory {
  private readonly sent = new Map<string, { readonly resultId: string; readonly data: readonly number[] }>();
  private next = 0;

  /** All the tokens, remembered under a new result id. */
  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    return { resultId: this.remember(uri, tokens.data), data: tokens.data };
  }

  /** The change since the result `previousResultId`; all the tokens when that result is not the one remembered. */
  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, tokens);
    const edits = tokenEdits(previous.data, tokens.data);
    return { resultId: this.remember(uri, tokens.data), edits };
  }

  private remember(uri: string, data: readonly number[]): string {
    const resultId = String(++this.next);
    this.sent.set(uri, { resultId, data });
    return resultId;
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}
