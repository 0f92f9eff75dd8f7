/**
 * The parser: reads a `.seq` document line by line into a syntax tree.
 * It never throws. Each bad line yields one diagnostic and is skipped; the next line
 * starts afresh. Blocks are tracked on a stack: `end` closes the innermost, a
 * `sequence` line or the end of the file closes whatever is open.
 */
import type {
  BoxStatement,
  Branch,
  BranchKeyword,
  DocumentMetaKey,
  FragmentKind,
  FragmentStatement,
  MetaKey,
  ParticipantStatement,
  SeqDocument,
  SequenceStatement,
  Statement,
} from './ast';
import { branchKeywordOf } from './ast';
import type { Diagnostic, DiagnosticCode, Span } from './diagnostics';
import { diagnostic } from './diagnostics';
import { LineScanner, isBlank, isLineError } from './lineScanner';
import { textNode } from './nodes';
import { boxHint, restSpan, unknownLineHint } from './parserHints';
import {
  edgeAt,
  participantKinds,
  readAutonumber,
  readCreate,
  readFlow,
  readLifeline,
  readMarked,
  readMessage,
  readNote,
  readParticipant,
  readRef,
  readSequenceHeader,
  readTiming,
  readTitle,
  type Reader,
} from './statementReaders';
import { computeLineStarts, lineContentEnd, lineOfOffset } from './text';

export { participantKinds };
export const documentMetaKeys: readonly DocumentMetaKey[] = [
  'project',
  'version',
  'date',
  'designer',
  'overview',
  'security',
  'assumption',
  'related',
];
export const sequenceMetaKeys: readonly MetaKey[] = ['purpose', 'trigger', 'outcome', 'scenario'];
export const fragmentKinds: readonly FragmentKind[] = ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'];
const branchKeywords: readonly BranchKeyword[] = ['else', 'and', 'option'];

/** Every word that starts a statement (for completion and error messages). */
export const statementKeywords: readonly string[] = [
  'title',
  ...participantKinds,
  'sequence',
  'end',
  ...fragmentKinds,
  ...branchKeywords,
  'note',
  'activate',
  'deactivate',
  'destroy',
  'takes',
  'timeout',
  'autonumber',
  'flow',
  'box',
  'create',
  'ref',
];

const metaKeySet = new Set<string>([...documentMetaKeys, ...sequenceMetaKeys]);
const keywordSet = new Set<string>(statementKeywords);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface OpenSequence {
  readonly type: 'sequence';
  readonly node: Mutable<SequenceStatement> & { statements: Statement[] };
  /** The opener line's indentation (for where an `end` would go). */
  readonly indent: string;
}
interface OpenFragment {
  readonly type: 'fragment';
  readonly node: Mutable<FragmentStatement> & { branches: (Mutable<Branch> & { statements: Statement[] })[] };
  readonly indent: string;
}
interface OpenBox {
  readonly type: 'box';
  readonly node: Mutable<BoxStatement> & { participants: ParticipantStatement[] };
  readonly indent: string;
  /** A `box` inside a box (reported `nested-box`): its `end` closes nothing; its declarations join the outer box. */
  readonly nested: boolean;
}
type OpenBlock = OpenSequence | OpenFragment | OpenBox;

class Parser implements Reader {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly top: Statement[] = [];
  private readonly stack: OpenBlock[] = [];
  private readonly comments: Span[] = [];
  private readonly lineStarts: number[];
  /** One scanner, moved from line to line (it keeps the names read so far). */
  private readonly scanner: LineScanner;

  constructor(readonly text: string) {
    this.lineStarts = computeLineStarts(text);
    this.scanner = new LineScanner(text, 0, 0);
  }

  parse(): SeqDocument {
    for (let line = 0; line < this.lineStarts.length; line++) this.parseLine(line);
    this.closeAllOpen(this.lineStarts.length);
    return {
      text: this.text,
      statements: this.top,
      diagnostics: this.diagnostics,
      lineStarts: this.lineStarts,
      comments: this.comments,
    };
  }

  fail(span: Span, message: string, code: DiagnosticCode = 'syntax'): undefined {
    this.diagnostics.push(diagnostic(code, span, message));
    return undefined;
  }

  warn(span: Span, message: string, code: DiagnosticCode): void {
    this.diagnostics.push(diagnostic(code, span, message));
  }

  private current(): Statement[] {
    const open = this.stack[this.stack.length - 1];
    if (!open || open.type === 'box') return this.top;
    if (open.type === 'sequence') return open.node.statements;
    return open.node.branches[open.node.branches.length - 1].statements;
  }

  private add(statement: Statement | undefined): void {
    if (!statement) return;
    const open = this.stack[this.stack.length - 1];
    if (open?.type === 'box') {
      if (statement.type === 'participant') {
        open.node.participants.push(statement);
        return;
      }
      this.leaveBox(statement.span);
    }
    this.current().push(statement);
  }

  /**
   * A line inside a box that is no declaration: `box-content`, and the box closes just before it
   * (the rest of the file reads as if the `end` had been there).
   */
  private leaveBox(line: Span): void {
    if (this.stack[this.stack.length - 1]?.type !== 'box') return;
    let e = line.offset;
    while (e < line.offset + line.length && !isBlank(this.text.charCodeAt(e))) e++;
    this.fail(
      { offset: line.offset, length: Math.max(1, e - line.offset) },
      'A box holds only participant declarations: close it with `end` above this line.',
      'box-content',
    );
    while (this.stack[this.stack.length - 1]?.type === 'box') this.stack.pop();
  }

  private parseLine(line: number): void {
    const start = this.lineStarts[line];
    const end = lineContentEnd(this.text, this.lineStarts, line);
    const s = this.scanner;
    s.reset(start, end);
    s.skipBlanks();
    if (s.atEnd()) return;
    if (s.peek() === 35 /* # */ || (s.peek() === 47 && s.peek(1) === 47) /* // */) {
      this.comments.push({ offset: s.pos, length: end - s.pos });
      return;
    }
    const indent = this.text.slice(start, s.pos);
    const lineSpan = trimmedSpan(this.text, s.pos, end);
    this.statement(s, lineSpan, indent, line);
  }

  private statement(s: LineScanner, span: Span, indent: string, line: number): void {
    if (s.startsWith('==')) return this.add(readMarked(s, span, 'divider'));
    if (s.startsWith('...') || s.startsWith('…')) return this.add(readMarked(s, span, 'delay'));

    const lineStart = s.pos;
    const edge = edgeAt(s);
    const first = edge ?? s.name();
    if (first && isLineError(first)) return this.fail(first.error, first.message);
    if (first) {
      const afterName = s.pos;
      s.skipBlanks();
      const arrow = s.arrow();
      if (arrow) return this.add(readMessage(this, s, span, first, arrow));
      if (edge)
        return this.fail(
          edge.span,
          `\`${edge.value}\` is the diagram's ${edge.value === '[' ? 'left' : 'right'} edge in a message: write \`${edge.value === '[' ? '[ -> A' : '] -> A'}: text\`.`,
        );
      if (!first.quoted && s.peek() === 58 /* : */ && metaKeySet.has(first.value)) {
        s.pos++;
        const value = s.restText() ?? textNode('', s.pos, 0);
        return this.add({ type: 'metadata', span, key: first.value as MetaKey, keySpan: first.span, value });
      }
      s.pos = afterName;
      if (!first.quoted && keywordSet.has(first.value)) {
        s.pos = lineStart;
        return this.keywordStatement(s, first.value, span, indent, line);
      }
      const hint = unknownLineHint(s, first, keywordSet, metaKeySet);
      return this.fail(hint.span, hint.message);
    }
    if (s.arrow())
      return this.fail(
        { offset: lineStart, length: s.pos - lineStart },
        'A message needs a sender before its arrow: write `A -> B: text`.',
      );
    this.fail(
      s.wordSpan(),
      'Expected a statement: a message (`A -> B: text`), a declaration (`actor User`), or a keyword such as `sequence`, `alt` or `note`.',
    );
  }

  private keywordStatement(s: LineScanner, word: string, span: Span, indent: string, line: number): void {
    const keywordSpan = { offset: s.pos, length: word.length };
    s.pos += word.length;
    s.skipBlanks();
    switch (word) {
      case 'title':
        return this.add(readTitle(this, s, span, keywordSpan));
      case 'actor':
      case 'system':
      case 'service':
      case 'database':
      case 'queue':
      case 'participant':
        return this.add(readParticipant(this, s, span, word, keywordSpan));
      case 'sequence':
        return this.sequence(s, span, keywordSpan, indent, line);
      case 'end':
        return this.end(s, span, keywordSpan);
      case 'alt':
      case 'opt':
      case 'loop':
      case 'par':
      case 'critical':
      case 'break':
      case 'group':
        return this.openFragment(s, span, word, keywordSpan, indent);
      case 'else':
      case 'and':
      case 'option':
        return this.branch(s, span, word, keywordSpan);
      case 'box':
        return this.box(s, span, keywordSpan, indent);
      case 'create':
        return this.add(readCreate(this, s, span, keywordSpan));
      case 'ref':
        return this.add(readRef(this, s, span, keywordSpan));
      case 'note':
        return this.add(readNote(this, s, span, keywordSpan));
      case 'activate':
      case 'deactivate':
      case 'destroy':
        return this.add(readLifeline(this, s, span, word, keywordSpan));
      case 'takes':
      case 'timeout':
        return this.add(readTiming(this, s, span, word, keywordSpan));
      case 'autonumber':
        return this.add(readAutonumber(this, s, span));
      case 'flow':
        return this.add(readFlow(this, s, span, keywordSpan));
    }
  }

  private sequence(s: LineScanner, span: Span, keywordSpan: Span, indent: string, line: number): void {
    this.leaveBox(span);
    // A `sequence` line closes whatever is still open.
    this.closeAllOpen(line);
    const { name, within } = readSequenceHeader(s);
    const node: OpenSequence['node'] = { type: 'sequence', span, keywordSpan, name, within, statements: [] };
    this.top.push(node);
    this.stack.push({ type: 'sequence', node, indent });
  }

  /** `box <id> ["Label"]` (v2): top level only; inside a box it is `nested-box`. */
  private box(s: LineScanner, span: Span, keywordSpan: Span, indent: string): void {
    const open = this.stack[this.stack.length - 1];
    if (open && open.type !== 'box')
      return this.fail(
        keywordSpan,
        '`box` groups participant declarations at the top level: move it above the sequences, outside any block.',
        'unexpected-keyword',
      );
    const example = 'write `box Backend "Backend services"`';
    const name = s.name();
    if (!name) return this.fail(s.atEnd() ? keywordSpan : s.wordSpan(), `A box needs a name: ${example}.`);
    if (isLineError(name)) return this.fail(name.error, name.message);
    s.skipBlanks();
    let label;
    const q = s.quoted();
    if (q) {
      if (isLineError(q)) return this.fail(q.error, q.message);
      label = textNode(q.value, q.span.offset, q.span.length);
      s.skipBlanks();
    }
    if (!s.atEnd()) {
      const rest = restSpan(s);
      const hint = boxHint(name, label?.value, this.text.slice(rest.offset, rest.offset + rest.length), rest);
      return this.fail(hint.span, hint.message);
    }
    if (open) {
      this.fail(keywordSpan, 'A box cannot hold another box: close the first with `end` before opening the next.', 'nested-box');
      this.stack.push({ type: 'box', node: open.node, indent, nested: true });
      return;
    }
    const node: OpenBox['node'] = { type: 'box', span, keywordSpan, name, label, participants: [] };
    this.top.push(node);
    this.stack.push({ type: 'box', node, indent, nested: false });
  }

  private end(s: LineScanner, span: Span, keywordSpan: Span): void {
    const open = this.stack[this.stack.length - 1];
    if (!s.atEnd()) {
      // PlantUML closes a box with `end box`.
      if (!s.keyword('box') || !s.restIsBlank()) return this.fail(s.wordSpan(), '`end` stands alone on its line.');
      if (open?.type !== 'box') return this.fail(span, '`end box` closes a box, and no box is open here: write `end`.');
    }
    if (!open)
      return this.fail(
        keywordSpan,
        '`end` with nothing open: remove it, or open a block (`sequence`, `alt`, `loop`, …) above.',
        'unexpected-keyword',
      );
    this.stack.pop();
    if (open.type === 'box' && open.nested) return;
    open.node.endSpan = span;
    open.node.span = { offset: open.node.span.offset, length: span.offset + span.length - open.node.span.offset };
  }

  private openFragment(s: LineScanner, span: Span, kind: FragmentKind, keywordSpan: Span, indent: string): void {
    const condition = s.restText();
    const first: Mutable<Branch> & { statements: Statement[] } = { keyword: kind, keywordSpan, span, condition, statements: [] };
    const node: OpenFragment['node'] = { type: 'fragment', span, kind, branches: [first] };
    this.add(node);
    this.stack.push({ type: 'fragment', node, indent });
  }

  private branch(s: LineScanner, span: Span, keyword: BranchKeyword, keywordSpan: Span): void {
    const open = this.stack[this.stack.length - 1];
    const owner = (Object.keys(branchKeywordOf) as FragmentKind[]).find((k) => branchKeywordOf[k] === keyword)!;
    if (!open || open.type !== 'fragment' || branchKeywordOf[open.node.kind] !== keyword) {
      return this.fail(
        keywordSpan,
        `\`${keyword}\` belongs directly inside \`${owner}\` … \`end\`: move it there, or open \`${owner}\` above.`,
        'unexpected-keyword',
      );
    }
    const condition = s.restText();
    open.node.branches.push({ keyword, keywordSpan, span, condition, statements: [] });
  }

  /** Closes every open block before line `line` (a `sequence` line or the end of the file), reporting each as unclosed. */
  private closeAllOpen(line: number): void {
    if (this.stack.length === 0) return;
    // `end` goes after the block's last non-blank line before `line`.
    const opener = this.stack[this.stack.length - 1].node.span.offset;
    const openerLine = lineOfOffset(this.lineStarts, opener);
    let insertLine = line;
    while (insertLine > 0 && insertLine - 1 > openerLine && this.lineIsBlank(insertLine - 1)) insertLine--;
    const atDocEnd = insertLine >= this.lineStarts.length;
    const insertAt = atDocEnd ? this.text.length : this.lineStarts[insertLine];
    const endsWithBreak = this.text.length > 0 && /[\r\n]$/.test(this.text);
    // Inside the document, the break of the line before: the document's first break could be a
    // lone CR, which before a line starting with LF would join it into one CRLF and eat a line.
    const eol = atDocEnd ? lineBreakOf(this.text) : this.text.slice(lineContentEnd(this.text, this.lineStarts, insertLine - 1), insertAt);
    const endLine = (indent: string) =>
      atDocEnd ? `${endsWithBreak ? '' : eol}${indent}end${endsWithBreak ? eol : ''}` : `${indent}end${eol}`;
    // A nested box (reported as `nested-box`) takes an `end` of its own, so its outer box's fix inserts both.
    let nestedEnds = '';
    while (this.stack.length > 0) {
      const open = this.stack.pop()!;
      if (open.type === 'box' && open.nested) {
        nestedEnds += endLine(open.indent);
        continue;
      }
      const keywordSpan = open.type === 'fragment' ? open.node.branches[0].keywordSpan : open.node.keywordSpan;
      const what = open.type === 'fragment' ? open.node.kind : open.type;
      this.diagnostics.push(
        diagnostic(
          'unclosed-block',
          keywordSpan,
          `\`${what}\` is never closed: add \`end\` after its last line${nestedEnds ? ', and one for each box opened inside it' : ''}.`,
          {
            data: {
              kind: 'unclosed-block',
              insertAt,
              insertText: nestedEnds + endLine(open.indent),
            },
          },
        ),
      );
      nestedEnds = '';
      const last = insertAt - open.node.span.offset;
      open.node.span = {
        offset: open.node.span.offset,
        length: Math.max(open.node.span.length, trimEndLength(this.text, open.node.span.offset, open.node.span.offset + last)),
      };
    }
  }

  private lineIsBlank(line: number): boolean {
    const end = lineContentEnd(this.text, this.lineStarts, line);
    for (let i = this.lineStarts[line]; i < end; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }
}

function trimmedSpan(text: string, start: number, end: number): Span {
  let e = end;
  while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
  return { offset: start, length: e - start };
}

function trimEndLength(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e - start;
}

/** The document's line break: its first one, else LF. */
export function lineBreakOf(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** Parses a document. Never throws. */
export function parse(text: string): SeqDocument {
  return new Parser(text).parse();
}
