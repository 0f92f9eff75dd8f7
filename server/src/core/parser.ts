/**
 * The parser: reads a `.seq` document line by line into a syntax tree.
 * It never throws. Each bad line yields one diagnostic and is skipped; the next line
 * starts afresh. Blocks are tracked on a stack: `end` closes the innermost, a
 * `sequence` line or the end of the file closes whatever is open.
 */
import type {
  Branch,
  BranchKeyword,
  DocumentMetaKey,
  DurationNode,
  FragmentKind,
  FragmentStatement,
  MetaKey,
  NameNode,
  NotePosition,
  SeqDocument,
  SequenceStatement,
  Statement,
  TextNode,
} from './ast';
import { branchKeywordOf } from './ast';
import type { Diagnostic, ParticipantKindName, Span } from './diagnostics';
import { diagnostic } from './diagnostics';
import { LineScanner, isBlank, type QuotedResult } from './lineScanner';
import { messageNode, textNode } from './nodes';
import { computeLineStarts, lineContentEnd } from './text';

export const participantKinds: readonly ParticipantKindName[] = ['actor', 'system', 'service', 'database', 'queue', 'participant'];
export const documentMetaKeys: readonly DocumentMetaKey[] = ['project', 'version', 'date', 'designer', 'overview', 'security', 'assumption', 'related'];
export const sequenceMetaKeys: readonly MetaKey[] = ['purpose', 'trigger', 'outcome', 'scenario'];
export const fragmentKinds: readonly FragmentKind[] = ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'];
const branchKeywords: readonly BranchKeyword[] = ['else', 'and', 'option'];

/** Every word that starts a statement (for completion and error messages). */
export const statementKeywords: readonly string[] = [
  'title', ...participantKinds, 'sequence', 'end', ...fragmentKinds, ...branchKeywords,
  'note', 'activate', 'deactivate', 'destroy', 'takes', 'timeout', 'autonumber', 'flow',
];

const metaKeySet = new Set<string>([...documentMetaKeys, ...sequenceMetaKeys]);
const keywordSet = new Set<string>(statementKeywords);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface OpenSequence {
  readonly type: 'sequence';
  readonly node: Mutable<SequenceStatement> & { statements: Statement[] };
  /** The line the block opened on (for where an `end` would go). */
  readonly indent: string;
}
interface OpenFragment {
  readonly type: 'fragment';
  readonly node: Mutable<FragmentStatement> & { branches: (Mutable<Branch> & { statements: Statement[] })[] };
  readonly indent: string;
}
type OpenBlock = OpenSequence | OpenFragment;

class Parser {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly top: Statement[] = [];
  private readonly stack: OpenBlock[] = [];
  private readonly comments: Span[] = [];
  private readonly lineStarts: number[];
  /** One scanner, moved from line to line (it keeps the names read so far). */
  private readonly scanner: LineScanner;

  constructor(private readonly text: string) {
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

  private current(): Statement[] {
    const open = this.stack[this.stack.length - 1];
    if (!open) return this.top;
    if (open.type === 'sequence') return open.node.statements;
    return open.node.branches[open.node.branches.length - 1].statements;
  }

  private add(statement: Statement): void {
    this.current().push(statement);
  }

  private error(span: Span, message: string): void {
    this.diagnostics.push(diagnostic('syntax', span, message));
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
    if (s.startsWith('==')) return this.divider(s, span);
    if (s.startsWith('...') || s.startsWith('…')) return this.delay(s, span);

    const lineStart = s.pos;
    const first = s.name();
    if (first && 'ok' in first && !first.ok) return this.error(first.error, 'Unterminated quote: add a closing `"`.');
    const firstName = first && ('ok' in first ? first.name : first);
    if (firstName) {
      const afterName = s.pos;
      s.skipBlanks();
      const arrow = s.arrow();
      if (arrow) return this.message(s, span, firstName, arrow);
      if (!firstName.quoted && s.peek() === 58 /* : */ && metaKeySet.has(firstName.value)) {
        s.pos++;
        return this.metadata(s, span, firstName.value as MetaKey, firstName.span);
      }
      s.pos = afterName;
      if (!firstName.quoted && keywordSet.has(firstName.value)) {
        s.pos = lineStart;
        return this.keywordStatement(s, firstName.value, span, indent, line);
      }
      return this.unknownLine(s, firstName, afterName);
    }
    if (s.arrow()) return this.error({ offset: lineStart, length: s.pos - lineStart }, 'A message needs a sender before its arrow: write `A -> B: text`.');
    this.error(s.wordSpan(), 'Expected a statement: a message (`A -> B: text`), a declaration (`actor User`), or a keyword such as `sequence`, `alt` or `note`.');
  }

  /** A first word that is no keyword and no message: say what was expected, with Mermaid's and PlantUML's habits in mind. */
  private unknownLine(s: LineScanner, first: NameNode, afterName: number): void {
    const word = first.value;
    s.pos = afterName;
    s.skipBlanks();
    if (first.quoted) return this.error(first.span, `Expected an arrow after ${first.value ? `"${first.value}"` : 'the name'}: write \`"${first.value}" -> B: text\`.`);
    const lower = word.toLowerCase();
    if (keywordSet.has(lower) || metaKeySet.has(lower)) return this.error(first.span, `Keywords are lower case: write \`${lower}\`.`);
    if (word === 'sequenceDiagram' || word === 'startuml' || word === 'enduml')
      return this.error(first.span, `Lifeline needs no \`${word}\` line: remove it.`);
    if (word === 'rect' || word === 'box') return this.error(first.span, `\`${word}\` is not part of Lifeline: use \`group <label>\` … \`end\`.`);
    if (word === 'Note' || word === 'NOTE') return this.error(first.span, 'Keywords are lower case: write `note`.');
    if (s.startsWith('→')) return this.error({ offset: s.pos, length: 1 }, '`→` is for process flows only: in a message write `->`.');
    if (s.startsWith('<-') || s.startsWith('<')) return this.error(s.wordSpan(), 'Arrows point left to right in the source: write the sender first, e.g. `B --> A: text`.');
    if (s.peek() === 58) return this.error(first.span, `Unknown metadata key \`${word}\`: use one of ${[...metaKeySet].map((k) => `\`${k}\``).join(', ')}.`);
    if (s.atEnd()) return this.error(first.span, `Expected an arrow after \`${word}\`: write \`${word} -> B: text\`, or declare it with \`participant ${word}\`.`);
    return this.error(first.span, `Unknown statement \`${word}\`: expected a message (\`A -> B: text\`), a declaration (\`actor User\`), or a keyword such as \`sequence\`, \`alt\` or \`note\`.`);
  }

  private message(s: LineScanner, span: Span, from: NameNode, arrow: { kind: import('./ast').ArrowKind; span: Span }): void {
    s.skipBlanks();
    let activation: '+' | '-' | undefined;
    let activationSpan: Span | undefined;
    const c = s.peek();
    if (c === 43 /* + */ || c === 45 /* - */) {
      activation = c === 43 ? '+' : '-';
      activationSpan = { offset: s.pos, length: 1 };
      s.pos++;
      s.skipBlanks();
    }
    const target = s.name();
    if (!target) {
      const where = s.atEnd() ? arrow.span : s.wordSpan();
      return this.error(where, 'A message needs a target after its arrow: write `A -> B: text`.');
    }
    if ('ok' in target && !target.ok) return this.error(target.error, 'Unterminated quote: add a closing `"`.');
    const to = 'ok' in target ? target.name : target;
    s.skipBlanks();
    let label: TextNode | undefined;
    if (s.peek() === 58) {
      s.pos++;
      label = s.restText();
    } else if (!s.atEnd()) {
      return this.error(s.wordSpan(), 'Expected `:` before the label: write `A -> B: text`.');
    }
    this.add(messageNode(span.offset, span.length, from, arrow.kind, arrow.span.offset, activation, activationSpan?.offset ?? -1, to, label));
  }

  private metadata(s: LineScanner, span: Span, key: MetaKey, keySpan: Span): void {
    const value = s.restText() ?? textNode('', s.pos, 0);
    this.add({ type: 'metadata', span, key, keySpan, value });
  }

  private keywordStatement(s: LineScanner, word: string, span: Span, indent: string, line: number): void {
    const keywordSpan = { offset: s.pos, length: word.length };
    s.pos += word.length;
    s.skipBlanks();
    switch (word) {
      case 'title': {
        if (s.peek() === 58) s.pos++; // `title: Text`, as in Mermaid's front matter
        const text = s.restText();
        if (!text) return this.error(keywordSpan, 'A title needs text: write `title Online checkout`.');
        return this.add({ type: 'title', span, text });
      }
      case 'actor': case 'system': case 'service': case 'database': case 'queue': case 'participant':
        return this.participant(s, span, word, keywordSpan);
      case 'sequence':
        return this.sequence(s, span, keywordSpan, indent, line);
      case 'end':
        return this.end(s, span, keywordSpan);
      case 'alt': case 'opt': case 'loop': case 'par': case 'critical': case 'break': case 'group':
        return this.openFragment(s, span, word, keywordSpan, indent);
      case 'else': case 'and': case 'option':
        return this.branch(s, span, word, keywordSpan);
      case 'note':
        return this.note(s, span, keywordSpan);
      case 'activate': case 'deactivate': case 'destroy':
        return this.lifeline(s, span, word, keywordSpan);
      case 'takes': case 'timeout':
        return this.timing(s, span, word, keywordSpan);
      case 'autonumber':
        if (!s.atEnd()) return this.error(s.wordSpan(), '`autonumber` takes no arguments: numbering starts at 1.');
        return this.add({ type: 'autonumber', span });
      case 'flow':
        return this.flow(s, span, keywordSpan);
    }
  }

  private participant(s: LineScanner, span: Span, kind: ParticipantKindName, kindSpan: Span): void {
    const n = s.name();
    if (!n) return this.error(s.atEnd() ? kindSpan : s.wordSpan(), `A declaration needs a name: write \`${kind} Name\`.`);
    if ('ok' in n && !n.ok) return this.error(n.error, 'Unterminated quote: add a closing `"`.');
    const name = 'ok' in n ? n.name : n;
    s.skipBlanks();
    let displayName: TextNode | undefined;
    const q = s.quoted();
    if (q) {
      if (!q.ok) return this.error(q.error, 'Unterminated quote: add a closing `"`.');
      displayName = textNode(q.name.value, q.name.span.offset, q.name.span.length);
      s.skipBlanks();
    }
    let scope: 'internal' | 'external' | undefined;
    const scopeSpan = s.keyword('internal', ':') ?? s.keyword('external', ':');
    if (scopeSpan) {
      scope = this.text.startsWith('internal', scopeSpan.offset) ? 'internal' : 'external';
      s.skipBlanks();
    }
    let description: TextNode | undefined;
    if (s.peek() === 58) {
      s.pos++;
      description = s.restText();
    } else if (!s.atEnd()) {
      const word = s.wordSpan();
      const w = this.text.slice(word.offset, word.offset + word.length);
      if (w === 'as') {
        s.pos = word.offset + word.length;
        s.skipBlanks();
        const alias = s.restText();
        const shown = alias ? alias.value.replace(/"/g, '') : 'Display name';
        return this.error(word, `Lifeline writes the display name in quotes: write \`${kind} ${name.quoted ? `"${name.value}"` : name.value} "${shown}"\`.`);
      }
      return this.error(word, `Unexpected \`${w}\` in a declaration: write \`${kind} Id "Display name" internal|external: description\`.`);
    }
    this.add({ type: 'participant', span, kind, kindSpan, name, displayName, scope, description });
  }

  private sequence(s: LineScanner, span: Span, keywordSpan: Span, indent: string, line: number): void {
    // A `sequence` line closes whatever is still open.
    this.closeAllOpen(line);
    let name = s.restText();
    let within: DurationNode | undefined;
    if (name) {
      const m = /(^|[ \t])within[ \t]+(\S+)$/.exec(name.value);
      if (m) {
        const durText = m[2];
        const durOffset = name.span.offset + name.span.length - durText.length;
        const dur = LineScanner.duration(textNode(durText, durOffset, durText.length));
        if (dur && this.text.slice(durOffset, durOffset + durText.length) === durText) {
          within = dur;
          const nameEnd = name.span.offset + name.span.length - m[0].length + m[1].length;
          const sub = new LineScanner(this.text, name.span.offset, nameEnd);
          name = sub.restText();
        }
      }
      if (name && name.value.length >= 2 && name.value.startsWith('"') && name.value.endsWith('"')) {
        const sub = new LineScanner(this.text, name.span.offset, name.span.offset + name.span.length);
        const q = sub.quoted();
        if (q?.ok && sub.atEnd()) name = textNode(q.name.value, name.span.offset, name.span.length);
      }
    }
    const node: OpenSequence['node'] = { type: 'sequence', span, keywordSpan, name, within, statements: [] };
    this.top.push(node);
    this.stack.push({ type: 'sequence', node, indent });
  }

  private end(s: LineScanner, span: Span, keywordSpan: Span): void {
    if (!s.atEnd()) return this.error(s.wordSpan(), '`end` stands alone on its line.');
    const open = this.stack.pop();
    if (!open) {
      this.diagnostics.push(diagnostic('unexpected-keyword', keywordSpan, '`end` with nothing open: remove it, or open a block (`sequence`, `alt`, `loop`, …) above.'));
      return;
    }
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
      this.diagnostics.push(diagnostic('unexpected-keyword', keywordSpan, `\`${keyword}\` belongs directly inside \`${owner}\` … \`end\`: move it there, or open \`${owner}\` above.`));
      return;
    }
    const condition = s.restText();
    open.node.branches.push({ keyword, keywordSpan, span, condition, statements: [] });
  }

  private note(s: LineScanner, span: Span, keywordSpan: Span): void {
    let position: NotePosition | undefined;
    const posStart = s.pos;
    if (s.keyword('over', ':,"')) position = 'over';
    else if (s.keyword('left')) {
      s.skipBlanks();
      if (s.keyword('of', ':,"')) position = 'left of';
    } else if (s.keyword('right')) {
      s.skipBlanks();
      if (s.keyword('of', ':,"')) position = 'right of';
    }
    if (!position) {
      s.pos = posStart;
      return this.error(s.atEnd() ? keywordSpan : s.wordSpan(), 'Write `note left of A: text`, `note right of A: text` or `note over A, B: text`.');
    }
    const targets: NameNode[] = [];
    for (;;) {
      s.skipBlanks();
      const n = s.name();
      if (!n) return this.error(s.atEnd() ? { offset: keywordSpan.offset, length: s.pos - keywordSpan.offset } : s.wordSpan(), `A note needs a participant: write \`note ${position} A: text\`.`);
      if ('ok' in n && !n.ok) return this.error(n.error, 'Unterminated quote: add a closing `"`.');
      targets.push('ok' in n ? n.name : n);
      s.skipBlanks();
      if (s.peek() === 44 /* , */) {
        s.pos++;
        continue;
      }
      break;
    }
    if (position !== 'over' && targets.length > 1) return this.error(targets[1].span, `\`note ${position}\` takes one participant: use \`note over A, B\` to span several.`);
    let text: TextNode | undefined;
    if (s.peek() === 58) {
      s.pos++;
      text = s.restText();
    } else if (!s.atEnd()) {
      return this.error(s.wordSpan(), `Expected \`:\` before the note's text: write \`note ${position} A: text\`.`);
    }
    this.add({ type: 'note', span, position, targets, text });
  }

  private lifeline(s: LineScanner, span: Span, word: 'activate' | 'deactivate' | 'destroy', keywordSpan: Span): void {
    const n = s.name();
    if (!n) return this.error(s.atEnd() ? keywordSpan : s.wordSpan(), `\`${word}\` needs a participant: write \`${word} A\`.`);
    if ('ok' in n && !n.ok) return this.error(n.error, 'Unterminated quote: add a closing `"`.');
    s.skipBlanks();
    if (!s.atEnd()) return this.error(s.wordSpan(), `\`${word}\` takes one participant.`);
    this.add({ type: word, span, keywordSpan, name: 'ok' in n ? n.name : n });
  }

  private timing(s: LineScanner, span: Span, word: 'takes' | 'timeout', keywordSpan: Span): void {
    const example = word === 'takes' ? 'takes 120ms' : 'timeout 2s: show the retry banner';
    let durationText: TextNode | undefined;
    let action: TextNode | undefined;
    if (word === 'timeout') {
      const colon = s.indexOf(':');
      durationText = s.textUntil(colon >= 0 ? colon : s.end);
      if (colon >= 0) {
        s.pos = colon + 1;
        action = s.restText();
      }
    } else {
      durationText = s.restText();
    }
    if (!durationText) return this.error(keywordSpan, `\`${word}\` needs a duration: write \`${example}\`.`);
    const duration = LineScanner.duration(durationText);
    if (!duration) {
      this.diagnostics.push(diagnostic('invalid-duration', durationText.span, `\`${durationText.value}\` is not a duration: write one number and a unit without a space (\`250ms\`, \`1.5s\`, \`3min\`, \`1h\`).`));
    }
    if (word === 'takes') this.add({ type: 'takes', span, keywordSpan, duration });
    else this.add({ type: 'timeout', span, keywordSpan, duration, action });
  }

  private flow(s: LineScanner, span: Span, keywordSpan: Span): void {
    const colon = s.indexOf(':');
    if (colon < 0) return this.error(keywordSpan, 'Write `flow Name: A -> B -> C`.');
    const name = s.textUntil(colon);
    s.pos = colon + 1;
    const steps: NameNode[] = [];
    const arrowSpans: Span[] = [];
    for (;;) {
      s.skipBlanks();
      const n: NameNode | QuotedResult | undefined = s.name();
      if (!n) {
        if (steps.length === 0 && s.atEnd()) break; // `flow X:` being typed: an empty flow.
        return this.error(s.atEnd() ? arrowSpans[arrowSpans.length - 1] ?? keywordSpan : s.wordSpan(), 'Expected a participant in the flow: write `flow Name: A -> B -> C`.');
      }
      if ('ok' in n && !n.ok) return this.error(n.error, 'Unterminated quote: add a closing `"`.');
      steps.push('ok' in n ? n.name : n);
      s.skipBlanks();
      if (s.atEnd()) break;
      if (s.startsWith('->') && s.peek(2) !== 62 /* > */) {
        arrowSpans.push({ offset: s.pos, length: 2 });
        s.pos += 2;
      } else if (s.startsWith('→')) {
        arrowSpans.push({ offset: s.pos, length: 1 });
        s.pos += 1;
      } else {
        return this.error(s.wordSpan(), 'Flow steps are joined by `->` or `→`.');
      }
    }
    this.add({ type: 'flow', span, name, steps, arrowSpans });
  }

  private divider(s: LineScanner, span: Span): void {
    s.pos += 2;
    while (s.peek() === 61 /* = */) s.pos++;
    let e = s.end;
    while (e > s.pos && isBlank(this.text.charCodeAt(e - 1))) e--;
    while (e > s.pos && this.text.charCodeAt(e - 1) === 61) e--;
    this.add({ type: 'divider', span, text: s.textUntil(e) });
  }

  private delay(s: LineScanner, span: Span): void {
    while (s.peek() === 46 /* . */ || s.peek() === 0x2026 /* … */) s.pos++;
    let e = s.end;
    while (e > s.pos && isBlank(this.text.charCodeAt(e - 1))) e--;
    while (e > s.pos && (this.text.charCodeAt(e - 1) === 46 || this.text.charCodeAt(e - 1) === 0x2026)) e--;
    this.add({ type: 'delay', span, text: s.textUntil(e) });
  }

  /** Closes every open block before line `line` (a `sequence` line or the end of the file), reporting each as unclosed. */
  private closeAllOpen(line: number): void {
    if (this.stack.length === 0) return;
    // `end` goes after the block's last non-blank line before `line`.
    let insertLine = line;
    while (insertLine > 0 && insertLine - 1 > this.lastOpenerLine() && this.lineIsBlank(insertLine - 1)) insertLine--;
    const atDocEnd = insertLine >= this.lineStarts.length;
    const insertAt = atDocEnd ? this.text.length : this.lineStarts[insertLine];
    const endsWithBreak = this.text.length > 0 && /[\r\n]$/.test(this.text);
    // Inside the document, the break of the line before: the document's first break could be a
    // lone CR, which before a line starting with LF would join it into one CRLF and eat a line.
    const eol = atDocEnd ? lineBreakOf(this.text) : this.text.slice(lineContentEnd(this.text, this.lineStarts, insertLine - 1), insertAt);
    while (this.stack.length > 0) {
      const open = this.stack.pop()!;
      const keywordSpan = open.type === 'sequence' ? open.node.keywordSpan : open.node.branches[0].keywordSpan;
      const what = open.type === 'sequence' ? 'sequence' : open.node.kind;
      this.diagnostics.push(
        diagnostic('unclosed-block', keywordSpan, `\`${what}\` is never closed: add \`end\` after its last line.`, {
          data: {
            kind: 'unclosed-block',
            insertAt,
            insertText: atDocEnd ? `${endsWithBreak ? '' : eol}${open.indent}end${endsWithBreak ? eol : ''}` : `${open.indent}end${eol}`,
          },
        }),
      );
      const last = insertAt - open.node.span.offset;
      open.node.span = { offset: open.node.span.offset, length: Math.max(open.node.span.length, trimEndLength(this.text, open.node.span.offset, open.node.span.offset + last)) };
    }
  }

  private lastOpenerLine(): number {
    const open = this.stack[this.stack.length - 1];
    if (!open) return -1;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    const off = open.node.span.offset;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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
