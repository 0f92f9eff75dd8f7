/**
 * Created participants (v2): `create X` makes the next message to X create it. Tracked per
 * sequence and per branch like activation; a message from or to X before its creating message
 * is `not-yet-created`.
 */
import type { CreateStatement, MessageStatement, NameNode, Statement } from './ast';
import type { Diagnostic, FixData, Span } from './diagnostics';
import { isBlank } from './lineScanner';
import { lineContentEnd, lineOfOffset } from './text';

/** Creation on the path being read (kept by FlowState, undone per branch like activation). */
export interface CreationState {
  /** Whether a participant created in this sequence is not created yet on this path. */
  hasUncreated(): boolean;
  isUncreated(id: string): boolean;
  /** Whether its `create` has been read: the next message to it creates it. */
  isCreateRead(id: string): boolean;
  /** It is created by the message being read. */
  created(id: string): void;
}

/** The `create` statements of a list of statements, nested fragments included (not other sequences). */
export function createsIn(statements: readonly Statement[]): Map<string, CreateStatement> {
  const out = new Map<string, CreateStatement>();
  const pending: (readonly Statement[])[] = [statements];
  while (pending.length > 0) {
    for (const st of pending.pop()!) {
      if (st.type === 'create' && !out.has(st.name.value)) out.set(st.name.value, st);
      else if (st.type === 'fragment') for (const b of st.branches) pending.push(b.statements);
    }
  }
  return out;
}

export interface CreationReport {
  readonly text: string;
  readonly starts: readonly number[];
  report(code: Diagnostic['code'], span: Span, message: string, extra?: { data?: FixData }): void;
}

/**
 * A message on a path: reports a use before creation, and returns the participant the message
 * creates (the first message to a participant whose `create` was read).
 */
export function creationOf(
  state: CreationState,
  st: MessageStatement,
  from: string,
  to: string,
  createOf: ReadonlyMap<string, CreateStatement>,
  r: CreationReport,
): string | undefined {
  if (!state.hasUncreated()) return undefined;
  if (state.isUncreated(from)) notYet(st.from, st, createOf.get(from)!, false, r);
  if (!state.isUncreated(to) || from === to) return undefined;
  if (state.isCreateRead(to)) {
    state.created(to);
    return to;
  }
  notYet(st.to, st, createOf.get(to)!, true, r);
  return undefined;
}

function notYet(name: NameNode, message: MessageStatement, create: CreateStatement, isTarget: boolean, r: CreationReport): void {
  const below = create.span.offset > message.span.offset;
  const where = below ? 'its `create` is below' : 'no message to it has created it yet on this path';
  const fix = isTarget && below ? moveCreateUp(create, message, r) : undefined;
  r.report(
    'not-yet-created',
    name.span,
    `"${name.value}" does not exist yet here: ${where}. Put \`create ${create.name.quoted ? `"${create.name.value}"` : create.name.value}\` right above the message that creates it.`,
    fix ? { data: fix } : {},
  );
}

/** "Move `create` up": the `create` line, cut from where it is and put above the message, with the message's indentation. */
function moveCreateUp(create: CreateStatement, message: MessageStatement, r: CreationReport): FixData {
  const { text, starts: lineStarts } = r;
  const createLine = lineOfOffset(lineStarts, create.span.offset);
  const messageLine = lineOfOffset(lineStarts, message.span.offset);
  let start = lineStarts[createLine];
  const end = createLine + 1 < lineStarts.length ? lineStarts[createLine + 1] : text.length;
  const contentEnd = lineContentEnd(text, lineStarts, createLine);
  // The last line has no break of its own: take the one before it instead.
  if (end === contentEnd && createLine > 0) start = lineContentEnd(text, lineStarts, createLine - 1);
  const lineStart = lineStarts[messageLine];
  let indentEnd = lineStart;
  while (indentEnd < text.length && isBlank(text.charCodeAt(indentEnd))) indentEnd++;
  const eol = text.slice(lineContentEnd(text, lineStarts, messageLine), lineStarts[messageLine + 1] ?? text.length) || '\n';
  return {
    kind: 'not-yet-created',
    lineSpan: { offset: start, length: end - start },
    insertAt: lineStart,
    insertText: `${text.slice(lineStart, indentEnd)}${text.slice(create.span.offset, create.span.offset + create.span.length)}${eol}`,
  };
}
