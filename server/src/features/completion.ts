/**
 * Completion by context, read from the text of the line before the cursor (which may not
 * parse yet) and the blocks open around it:
 *   line start        → participants, block snippets, keywords, metadata keys allowed here
 *   after a name      → the arrows
 *   after an arrow, `note over`/`left of`/`right of`, `activate`…, in a flow → participants
 *   after `takes`/`timeout`/`within` → durations
 *   after a kind keyword → the names used but not declared yet
 *   after `ref over A:` → the sequences of this file; after `autonumber` → its forms
 *   the edges `[` and `]` wherever a message's sender or target may go (v2)
 * The server is the one source of snippets, so every editor gets the same ones.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol';
import {
  lineContentEnd,
  documentMetaKeys,
  formatName,
  participantKinds,
  sequenceMetaKeys,
  statementKeywords,
  type Participant,
} from '../core/index';
import { blocksAt, type OpenBlock } from './blocks';
import { relatedTarget, toOffset, toPosition, type ParsedDocument } from './document';
import { lineNodes, lineSpanOf } from './locate';
import type { Workspace } from './refs';
import {
  participantCompletionKind,
  participantItems,
  edgeItems,
  sequenceItems,
  autonumberItems,
  createItems,
  arrowItems,
  durationItems,
  boxItems,
} from './completionItems';

export { participantCompletionKind };

export interface CompletionOptions {
  /** Whether the client expands snippets (`textDocument.completion.completionItem.snippetSupport`). */
  readonly snippets: boolean;
  /** Other open documents: after `ref over A: file.seq#` their sequences are offered (v2). */
  readonly workspace?: Workspace;
}

const NAME = String.raw`(?:"(?:[^"\\]|\\.)*"|[\p{ID_Start}_][\p{ID_Continue}._]*)`;
/** A message's sender: a name or an edge (`[`, `]`). */
const SENDER = String.raw`(?:${NAME}|[[\]])`;
/** A name being typed: a bare prefix or an unterminated quote. */
const PARTIAL = String.raw`(?:"(?:[^"\\]|\\.)*|[\p{ID_Start}_][\p{ID_Continue}._]*)?`;
const ARROW = String.raw`(?:-->>|-->|--x|->>|->|-x)`;

const re = (source: string) => new RegExp(source, 'u');
const FLOW = re(String.raw`^flow\b[^:]*:(.*)$`);
const FLOW_STEP = re(String.raw`(?:^|->|→)\s*(${PARTIAL})$`);
const FLOW_AFTER_NAME = re(String.raw`${NAME}\s+$`);
const AFTER_ARROW = re(String.raw`^${SENDER}\s*(${ARROW})(\s*)([+-]?\s*)(${PARTIAL})$`);
const PARTIAL_ARROW = re(String.raw`^${NAME}(\s*)(-[->x]*)?$`);
const EDGE_ARROW = re(String.raw`^[[\]]\s*(-[->x]*)?$`);
const REF_TARGET = re(String.raw`^ref\s+over\s+(?:${NAME}\s*,\s*)*(${PARTIAL})$`);
const REF_TEXT = re(String.raw`^ref\s+over\s+[^:]*:\s*(.*)$`);
/** `file.seq#` and the sequence name being typed after it. */
const REF_FILE = re(String.raw`^(\S[^#]*?\.seq)\s*#\s*(.*)$`);
const REF_OVER = re(String.raw`^ref\s+(\w*)$`);
const AUTONUMBER = re(String.raw`^autonumber\s+(\w*)$`);
const CREATE = re(String.raw`^create\s+(${PARTIAL})$`);
const NOTE_POSITION = re(String.raw`^note\s+(\w*)$`);
const NOTE_TARGET = re(String.raw`^note\s+(?:over|left\s+of|right\s+of)\s+(?:${NAME}\s*,\s*)*(${PARTIAL})$`);
const LIFELINE = re(String.raw`^(?:activate|deactivate|destroy)\s+(${PARTIAL})$`);
const TIMING = re(String.raw`^(?:takes|timeout)\s+([\w.]*)$`);
const WITHIN = re(String.raw`^sequence\b.*\swithin\s+([\w.]*)$`);
const DECLARATION_NAME = re(String.raw`^(?:create\s+)?(?:actor|system|service|database|queue|participant)\s+(${PARTIAL})$`);
const DECLARATION_SCOPE = re(
  String.raw`^(?:create\s+)?(?:actor|system|service|database|queue|participant)\s+${NAME}\s+(?:"(?:[^"\\]|\\.)*"\s+)?(\w*)$`,
);
const LINE_START = re(String.raw`^(${PARTIAL})$`);

/** Block snippets: [label, snippet body, plain text for clients without snippets, detail]. */
interface SnippetDef {
  readonly label: string;
  readonly body: string;
  readonly plain: string;
  readonly detail: string;
  readonly where: (ctx: LineContext) => boolean;
}

interface LineContext {
  readonly blocks: readonly OpenBlock[];
  /** The innermost open block, if any. */
  readonly inner: OpenBlock | undefined;
  /** The nearest statement line above is a message or a timing line (so `takes`/`timeout` may follow). */
  readonly afterMessage: boolean;
  readonly participants: readonly Participant[];
  /** The sequences a `ref` here may name. */
  readonly sequenceNames: readonly string[];
}

const topLevel = (c: LineContext) => c.blocks.length === 0;
const anywhere = () => true;

function participantChoice(c: LineContext, n: number): string {
  const ids = c.participants.map((p) => formatName(p.id).replace(/[|,\\$}]/g, (ch) => `\\${ch}`));
  if (ids.length === 0) return `\${${n}:A}`;
  return `\${${n}|${ids.join(',')}|}`;
}

function sequenceChoice(c: LineContext, n: number): string {
  const names = c.sequenceNames.map((s) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/[|,\\$}]/g, (ch) => `\\${ch}`),
  );
  return names.length === 0 ? `\${${n}:Sequence}` : `\${${n}|${names.join(',')}|}`;
}

function snippetDefs(c: LineContext): SnippetDef[] {
  return [
    {
      label: 'sequence',
      body: 'sequence ${1:Name}\n  purpose: ${2:what it achieves}\n  $0\nend',
      plain: 'sequence ',
      detail: 'a named sequence … end',
      where: topLevel,
    },
    {
      label: 'alt',
      body: 'alt ${1:condition}\n  $2\nelse ${3:otherwise}\n  $0\nend',
      plain: 'alt ',
      detail: 'alternatives: alt … else … end',
      where: anywhere,
    },
    { label: 'opt', body: 'opt ${1:condition}\n  $0\nend', plain: 'opt ', detail: 'optional: opt … end', where: anywhere },
    { label: 'loop', body: 'loop ${1:condition}\n  $0\nend', plain: 'loop ', detail: 'loop … end', where: anywhere },
    { label: 'par', body: 'par\n  $1\nand\n  $0\nend', plain: 'par', detail: 'parallel: par … and … end', where: anywhere },
    {
      label: 'critical',
      body: 'critical ${1:action}\n  $2\noption ${3:circumstance}\n  $0\nend',
      plain: 'critical ',
      detail: 'critical region: critical … option … end',
      where: anywhere,
    },
    { label: 'break', body: 'break ${1:condition}\n  $0\nend', plain: 'break ', detail: 'break … end', where: anywhere },
    { label: 'group', body: 'group ${1:label}\n  $0\nend', plain: 'group ', detail: 'a labelled group … end', where: anywhere },
    {
      label: 'note',
      body: `note \${1|over,left of,right of|} ${participantChoice(c, 2)}: \${0:text}`,
      plain: 'note ',
      detail: 'note over A: text',
      where: anywhere,
    },
    {
      label: 'takes',
      body: 'takes ${1:100ms}',
      plain: 'takes ',
      detail: 'expected time of the message above',
      where: (x) => x.afterMessage,
    },
    {
      label: 'timeout',
      body: 'timeout ${1:2s}: ${0:fallback action}',
      plain: 'timeout ',
      detail: 'timeout of the message above, with its fallback',
      where: (x) => x.afterMessage,
    },
    {
      label: 'flow',
      body: `flow \${1:Name}: ${participantChoice(c, 2)} -> ${participantChoice(c, 3)}`,
      plain: 'flow ',
      detail: 'a process flow: A -> B -> C',
      where: topLevel,
    },
    {
      label: 'box',
      body: 'box ${1:Id} "${2:Label}"\n  ${3|actor,system,service,database,queue,participant|} $0\nend',
      plain: 'box ',
      detail: 'a group of participants: box … end',
      where: topLevel,
    },
    {
      label: 'ref over',
      body: `ref over ${participantChoice(c, 1)}: ${sequenceChoice(c, 2)}`,
      plain: 'ref over ',
      detail: 'a reference to another sequence',
      where: anywhere,
    },
  ];
}

/** Keywords offered as plain words (the block keywords come as snippets). */
function keywordDefs(c: LineContext): { word: string; insert: string; detail: string }[] {
  const out: { word: string; insert: string; detail: string }[] = [];
  const inner = c.inner?.kind;
  if (topLevel(c)) out.push({ word: 'title', insert: 'title ', detail: 'the document title' });
  for (const k of participantKinds) out.push({ word: k, insert: `${k} `, detail: `declare a participant (${k})` });
  if (c.blocks.length > 0) out.push({ word: 'end', insert: 'end', detail: `close \`${inner}\`` });
  if (inner === 'alt') out.push({ word: 'else', insert: 'else ', detail: 'another case of `alt`' });
  if (inner === 'par') out.push({ word: 'and', insert: 'and', detail: 'another branch of `par`' });
  if (inner === 'critical') out.push({ word: 'option', insert: 'option ', detail: 'another case of `critical`' });
  out.push(
    { word: 'activate', insert: 'activate ', detail: 'start an activation' },
    { word: 'deactivate', insert: 'deactivate ', detail: 'end an activation' },
    { word: 'destroy', insert: 'destroy ', detail: 'end a lifeline after its next message' },
    { word: 'autonumber', insert: 'autonumber', detail: 'number the messages from here' },
    { word: 'autonumber 10 10', insert: 'autonumber 10 10', detail: 'number from 10 in steps of 10' },
    { word: 'autonumber off', insert: 'autonumber off', detail: 'stop numbering' },
    { word: 'autonumber resume', insert: 'autonumber resume', detail: 'go on numbering after `off`' },
    { word: 'create', insert: 'create ', detail: 'the next message to it creates the participant' },
  );
  return out;
}

function metaKeys(c: LineContext): string[] {
  if (topLevel(c)) return [...documentMetaKeys];
  if (c.inner?.kind === 'sequence') return [...sequenceMetaKeys];
  return [];
}

/**
 * Where the cursor is: its line's text before it (always the current text), its position in
 * the current text, and its line start and offset in the analysed text (which may be an
 * older version: see `DocumentStore.forLine`).
 */
interface Cursor {
  readonly prefix: string;
  readonly position: Position;
  readonly lineStart: number;
  readonly offset: number;
  /** The offset for block structure: the cursor, kept on its line of the analysed text. */
  readonly structureOffset: number;
}

/**
 * Completion at `position`. `linePrefix` is the current text of the cursor's line before the
 * cursor when `doc` is an older version that differs from the current one on that line only.
 */
export function completion(doc: ParsedDocument, position: Position, options: CompletionOptions, linePrefix?: string): CompletionList {
  const { text, lineStarts } = doc.analysis.document;
  let cursor: Cursor;
  if (linePrefix === undefined) {
    const offset = toOffset(doc, position);
    const at = toPosition(doc, offset);
    const lineStart = offset - at.character;
    cursor = { prefix: text.slice(lineStart, offset), position: at, lineStart, offset, structureOffset: offset };
  } else {
    const lineStart = lineStarts[position.line];
    const offset = lineStart + linePrefix.length;
    const structureOffset = Math.min(offset, lineContentEnd(text, lineStarts, position.line));
    cursor = { prefix: linePrefix, position: { line: position.line, character: linePrefix.length }, lineStart, offset, structureOffset };
  }
  const prefix = cursor.prefix;
  const indentLength = prefix.length - prefix.trimStart().length;
  const p = prefix.slice(indentLength);
  const items = itemsFor(doc, p, cursor, options);
  return { isIncomplete: false, items };
}

function itemsFor(doc: ParsedDocument, p: string, cursor: Cursor, options: CompletionOptions): CompletionItem[] {
  if (p.startsWith('#') || p.startsWith('//') || p.startsWith('==') || p.startsWith('...') || p.startsWith('…')) return [];
  const participants = doc.analysis.model.participants;
  const { offset, position } = cursor;
  const range = (typed: string): Range => ({ start: { line: position.line, character: position.character - typed.length }, end: position });
  let m: RegExpExecArray | null;

  if ((m = FLOW.exec(p))) {
    const rest = m[1];
    const step = FLOW_STEP.exec(rest);
    if (step) return participantItems(participants, range(step[1]), offset - step[1].length);
    if (FLOW_AFTER_NAME.test(rest)) return [{ label: '->', kind: CompletionItemKind.Operator, detail: 'next step', insertText: '-> ' }];
    return [];
  }
  if ((m = REF_TEXT.exec(p))) {
    const file = REF_FILE.exec(m[1]);
    if (!file) return sequenceItems(doc, range(m[1]), cursor.structureOffset);
    const uri = relatedTarget(doc.uri, file[1]);
    const other = options.workspace?.find((d) => d.uri === uri);
    return other ? sequenceItems(other, range(file[2]), -1) : [];
  }
  if ((m = REF_TARGET.exec(p))) return participantItems(participants, range(m[1]), offset - m[1].length);
  if ((m = REF_OVER.exec(p)))
    return [{ label: 'over', kind: CompletionItemKind.Keyword, textEdit: { range: range(m[1]), newText: 'over ' } }];
  if ((m = AUTONUMBER.exec(p))) return /^\d/.test(m[1]) ? [] : autonumberItems(range(m[1]));
  if ((m = CREATE.exec(p))) return createItems(participants, range(m[1]), offset - m[1].length);
  if ((m = EDGE_ARROW.exec(p))) return arrowItems(range(m[1] ?? ''), false);
  if ((m = AFTER_ARROW.exec(p))) {
    const [, arrow, spaces, activation, typed] = m;
    const items = participantItems(participants, range(typed), offset - typed.length);
    // `+`/`-` on an edge is no message: the edges only where no marker is written.
    if (!activation.trim() && !typed.startsWith('"')) items.push(...edgeItems(range(typed), 'target'));
    // Right after the arrow (`A->`) it may still grow (`->>`): offer the arrows too.
    if (!spaces && !activation && !typed) items.push(...arrowItems(range(arrow), true));
    return items;
  }
  if ((m = NOTE_TARGET.exec(p))) return participantItems(participants, range(m[1]), offset - m[1].length);
  if ((m = NOTE_POSITION.exec(p))) {
    return ['over', 'left of', 'right of'].map((w, i) => ({
      label: w,
      kind: CompletionItemKind.Keyword,
      sortText: String(i),
      textEdit: { range: range(m![1]), newText: `${w} ` },
    }));
  }
  if ((m = LIFELINE.exec(p))) return participantItems(participants, range(m[1]), offset - m[1].length);
  if ((m = TIMING.exec(p)) || (m = WITHIN.exec(p))) return durationItems(doc, range(m[1]), m[1]);
  if ((m = DECLARATION_NAME.exec(p))) {
    return (
      participants
        // Names written on this line only (the partial word, or `create participant` read as a name) are no candidates.
        .filter((x) => !x.declared && x.references.some((r) => r.offset < cursor.lineStart || r.offset > offset))
        .map((x, i) => ({
          label: formatName(x.id),
          kind: participantCompletionKind.participant,
          detail: 'used but not declared yet',
          sortText: String(i).padStart(5, '0'),
          textEdit: { range: range(m![1]), newText: formatName(x.id) },
        }))
    );
  }
  if ((m = DECLARATION_SCOPE.exec(p))) {
    return (['internal', 'external'] as const).map((w) => ({
      label: w,
      kind: CompletionItemKind.Keyword,
      detail: w === 'internal' ? 'part of the system (the default)' : 'outside the system',
      textEdit: { range: range(m![1]), newText: w },
    }));
  }
  if ((m = LINE_START.exec(p))) return lineStartItems(doc, cursor, range(m[1]), options);
  if ((m = PARTIAL_ARROW.exec(p))) {
    const [, spaces, partial] = m;
    // `alt `, `sequence `: a keyword followed by its free text, not a sender.
    if (!partial && (!spaces || statementKeywords.includes(p.trim()))) return [];
    return arrowItems(range(partial ?? ''), false);
  }
  return [];
}

function lineStartItems(doc: ParsedDocument, cursor: Cursor, range: Range, options: CompletionOptions): CompletionItem[] {
  const { offset, lineStart } = cursor;
  const blocks = blocksAt(doc, cursor.structureOffset);
  const previous = lineNodes(doc)
    .filter((n) => lineSpanOf(n).offset < lineStart)
    .pop();
  const afterMessage =
    previous?.type === 'statement' && ['message', 'takes', 'timeout'].includes(previous.statement.type) && previous.depth === blocks.length;
  const here = blocks.find((b) => b.kind === 'sequence')?.statement;
  const sequenceNames = doc.analysis.model.sequences.filter((s) => !s.implicit && s.name !== '' && s.statement !== here).map((s) => s.name);
  const ctx: LineContext = {
    blocks,
    inner: blocks[blocks.length - 1],
    afterMessage,
    participants: doc.analysis.model.participants,
    sequenceNames,
  };
  if (ctx.inner?.kind === 'box') return boxItems(range);
  const items: CompletionItem[] = participantItems(ctx.participants, range, offset - (range.end.character - range.start.character));
  if (range.start.character === range.end.character) items.push(...edgeItems(range, 'sender'));
  for (const s of snippetDefs(ctx)) {
    if (!s.where(ctx)) continue;
    items.push({
      label: s.label,
      kind: options.snippets ? CompletionItemKind.Snippet : CompletionItemKind.Keyword,
      detail: s.detail,
      sortText: `2${s.label}`,
      textEdit: { range, newText: options.snippets ? s.body : s.plain },
      insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    });
  }
  for (const k of keywordDefs(ctx)) {
    items.push({
      label: k.word,
      kind: CompletionItemKind.Keyword,
      detail: k.detail,
      sortText: `3${k.word}`,
      textEdit: { range, newText: k.insert },
    });
  }
  for (const key of metaKeys(ctx)) {
    items.push({
      label: `${key}:`,
      kind: CompletionItemKind.Property,
      detail: 'metadata',
      sortText: `4${key}`,
      filterText: key,
      textEdit: { range, newText: `${key}: ` },
    });
  }
  return items;
}
