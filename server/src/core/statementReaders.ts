/**
 * Readers of the one-line statements: each reads its line from the scanner (standing after the
 * keyword) and returns the statement, or reports one diagnostic through `fail` and returns
 * undefined. The block statements (`sequence`, fragments, `box`, `end`) are the parser's.
 */
import type {
  ArrowKind,
  AutonumberStatement,
  CreateStatement,
  DurationNode,
  FlowStatement,
  LifelineStatement,
  MessageStatement,
  NameNode,
  NotePosition,
  NoteStatement,
  ParticipantStatement,
  RefStatement,
  RefTarget,
  Statement,
  TextNode,
} from './ast';
import type { DiagnosticCode, ParticipantKindName, Span } from './diagnostics';
import { LineScanner, isBlank, isLineError } from './lineScanner';
import { messageNode, nameNode, textNode } from './nodes';

/** Where readers report: one diagnostic per bad line (`syntax` unless said otherwise). */
export interface Reader {
  readonly text: string;
  /** Reports the diagnostic and returns undefined, so a reader can `return r.fail(…)`. */
  fail(span: Span, message: string, code?: DiagnosticCode): undefined;
  /** Reports a diagnostic for a line that still yields its statement (an invalid duration). */
  warn(span: Span, message: string, code: DiagnosticCode): void;
}

export const participantKinds: readonly ParticipantKindName[] = ['actor', 'system', 'service', 'database', 'queue', 'participant'];

/** A name at the cursor: undefined when there is none, null when an unterminated quote was reported. */
function nameAt(r: Reader, s: LineScanner): NameNode | null | undefined {
  const n = s.name();
  if (n && isLineError(n)) {
    r.fail(n.error, n.message);
    return null;
  }
  return n;
}

/** `[` or `]` at the cursor, read as the diagram's edge (v2). */
export function edgeAt(s: LineScanner): NameNode | undefined {
  const c = s.peek();
  if (c !== 91 /* [ */ && c !== 93 /* ] */) return undefined;
  s.pos++;
  return nameNode(c === 91 ? '[' : ']', s.pos - 1, 1, false);
}

const isEdgeNode = (n: NameNode) => !n.quoted && (n.value === '[' || n.value === ']');

export function readMessage(
  r: Reader,
  s: LineScanner,
  span: Span,
  from: NameNode,
  arrow: { kind: ArrowKind; span: Span },
): MessageStatement | undefined {
  s.skipBlanks();
  let activation: '+' | '-' | undefined;
  let activationOffset = -1;
  const c = s.peek();
  if (c === 43 /* + */ || c === 45 /* - */) {
    activation = c === 43 ? '+' : '-';
    activationOffset = s.pos;
    s.pos++;
    s.skipBlanks();
  }
  const to = edgeAt(s) ?? nameAt(r, s);
  if (to === null) return;
  if (!to) return r.fail(s.atEnd() ? arrow.span : s.wordSpan(), 'A message needs a target after its arrow: write `A -> B: text`.');
  if (isEdgeNode(from) && isEdgeNode(to))
    return r.fail(
      { offset: span.offset, length: to.span.offset + 1 - span.offset },
      'A message runs between a participant and an edge at most: write `[ -> A: text` or `A -> ]: text`.',
    );
  if (activation && isEdgeNode(to))
    return r.fail(
      { offset: activationOffset, length: 1 },
      `\`${activation}\` does not apply to the diagram's edge: write \`${from.quoted ? `"${from.value}"` : from.value} ${arrow.kind} ${to.value}\`.`,
    );
  if (activation === '-' && isEdgeNode(from))
    return r.fail(
      { offset: activationOffset, length: 1 },
      "`-` deactivates the sender, and the diagram's edge is never active: remove the `-`.",
    );
  s.skipBlanks();
  let label: TextNode | undefined;
  if (s.peek() === 58 /* : */) {
    s.pos++;
    label = s.restText();
  } else if (!s.atEnd()) {
    return r.fail(s.wordSpan(), 'Expected `:` before the label: write `A -> B: text`.');
  }
  return messageNode(span.offset, span.length, from, arrow.kind, arrow.span.offset, activation, activationOffset, to, label);
}

export function readTitle(r: Reader, s: LineScanner, span: Span, keywordSpan: Span): Statement | undefined {
  if (s.peek() === 58) s.pos++; // `title: Text`, as in Mermaid's front matter
  const text = s.restText();
  if (!text) return r.fail(keywordSpan, 'A title needs text: write `title Online checkout`.');
  return { type: 'title', span, text };
}

/** `<kind> <id> ["Display"] [internal|external] [: description]`; `prefix` is what precedes the kind (`create `) in examples. */
export function readParticipant(
  r: Reader,
  s: LineScanner,
  span: Span,
  kind: ParticipantKindName,
  kindSpan: Span,
  prefix = '',
): ParticipantStatement | undefined {
  const name = nameAt(r, s);
  if (name === null) return;
  if (!name) return r.fail(s.atEnd() ? kindSpan : s.wordSpan(), `A declaration needs a name: write \`${prefix}${kind} Name\`.`);
  s.skipBlanks();
  let displayName: TextNode | undefined;
  const q = s.quoted();
  if (q) {
    if (isLineError(q)) return r.fail(q.error, q.message);
    displayName = textNode(q.value, q.span.offset, q.span.length);
    s.skipBlanks();
  }
  let scope: 'internal' | 'external' | undefined;
  const scopeSpan = s.keyword('internal', ':') ?? s.keyword('external', ':');
  if (scopeSpan) {
    scope = r.text.startsWith('internal', scopeSpan.offset) ? 'internal' : 'external';
    s.skipBlanks();
  }
  let description: TextNode | undefined;
  if (s.peek() === 58) {
    s.pos++;
    description = s.restText();
  } else if (!s.atEnd()) {
    const word = s.wordSpan();
    const w = r.text.slice(word.offset, word.offset + word.length);
    if (w === 'as') {
      s.pos = word.offset + word.length;
      s.skipBlanks();
      const alias = s.restText();
      const shown = alias ? alias.value.replace(/"/g, '') : 'Display name';
      return r.fail(
        word,
        `Lifeline writes the display name in quotes: write \`${prefix}${kind} ${name.quoted ? `"${name.value}"` : name.value} "${shown}"\`.`,
      );
    }
    return r.fail(
      word,
      `Unexpected \`${w}\` in a declaration: write \`${prefix}${kind} Id "Display name" internal|external: description\`.`,
    );
  }
  return { type: 'participant', span, kind, kindSpan, name, displayName, scope, description };
}

/** `create <id>` or `create <kind> <id> …` (v2). */
export function readCreate(r: Reader, s: LineScanner, span: Span, keywordSpan: Span): CreateStatement | undefined {
  const kindStart = s.pos;
  const kind = participantKinds.find((k) => s.keyword(k) !== undefined);
  if (kind) {
    const kindSpan = { offset: kindStart, length: kind.length };
    s.skipBlanks();
    // `create participant` alone: `participant` is the created one's name (a participant may be called so).
    if (!s.atEnd()) {
      const declaration = readParticipant(
        r,
        s,
        { offset: kindStart, length: span.offset + span.length - kindStart },
        kind,
        kindSpan,
        'create ',
      );
      if (!declaration) return;
      return { type: 'create', span, keywordSpan, name: declaration.name, declaration };
    }
    s.pos = kindStart;
  }
  const name = nameAt(r, s);
  if (name === null) return;
  if (!name)
    return r.fail(
      s.atEnd() ? keywordSpan : s.wordSpan(),
      '`create` needs a participant: write `create Session`, or `create participant Session "Session"` to declare it here.',
    );
  s.skipBlanks();
  if (!s.atEnd()) {
    const word = s.wordSpan();
    const w = r.text.slice(word.offset, word.offset + word.length);
    const hint = w === 'as' ? 'Lifeline writes the display name in quotes, in the long form' : 'Write the kind first to declare it here';
    return r.fail(word, `${hint}: write \`create participant ${name.quoted ? `"${name.value}"` : name.value} "Display name"\`.`);
  }
  return { type: 'create', span, keywordSpan, name };
}

/** Comma-separated participants after `note … ` or `ref over`; `example` shows the statement's form. */
function readTargets(r: Reader, s: LineScanner, keywordSpan: Span, example: string): NameNode[] | undefined {
  const targets: NameNode[] = [];
  for (;;) {
    s.skipBlanks();
    const n = nameAt(r, s);
    if (n === null) return;
    if (!n)
      return r.fail(
        s.atEnd() ? { offset: keywordSpan.offset, length: s.pos - keywordSpan.offset } : s.wordSpan(),
        `Expected a participant: write \`${example}\`.`,
      );
    targets.push(n);
    s.skipBlanks();
    if (s.peek() !== 44 /* , */) return targets;
    s.pos++;
  }
}

export function readNote(r: Reader, s: LineScanner, span: Span, keywordSpan: Span): NoteStatement | undefined {
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
    return r.fail(
      s.atEnd() ? keywordSpan : s.wordSpan(),
      'Write `note left of A: text`, `note right of A: text` or `note over A, B: text`.',
    );
  }
  const targets = readTargets(r, s, keywordSpan, `note ${position} A: text`);
  if (!targets) return;
  if (position !== 'over' && targets.length > 1)
    return r.fail(targets[1].span, `\`note ${position}\` takes one participant: use \`note over A, B\` to span several.`);
  let text: TextNode | undefined;
  if (s.peek() === 58) {
    s.pos++;
    text = s.restText();
  } else if (!s.atEnd()) {
    return r.fail(s.wordSpan(), `Expected \`:\` before the note's text: write \`note ${position} A: text\`.`);
  }
  return { type: 'note', span, position, targets, text };
}

/** `ref over A, B: text` (v2); PlantUML's multi-line `ref over A` … `end ref` is not read. */
export function readRef(r: Reader, s: LineScanner, span: Span, keywordSpan: Span): RefStatement | undefined {
  if (!s.keyword('over', ':,"')) return r.fail(s.atEnd() ? keywordSpan : s.wordSpan(), 'Write `ref over A, B: Sequence name`.');
  const targets = readTargets(r, s, keywordSpan, 'ref over A, B: Sequence name');
  if (!targets) return;
  if (s.peek() !== 58) {
    if (s.atEnd())
      return r.fail(
        { offset: keywordSpan.offset, length: s.pos - keywordSpan.offset },
        'A ref needs its text on the same line: write `ref over A, B: Sequence name`.',
      );
    return r.fail(s.wordSpan(), "Expected `:` before the ref's text: write `ref over A, B: Sequence name`.");
  }
  s.pos++;
  const text = s.restText();
  if (!text)
    return r.fail({ offset: s.pos - 1, length: 1 }, 'A ref needs text after `:`: the name of a sequence, or `file.seq#Sequence name`.');
  return { type: 'ref', span, keywordSpan, targets, text, target: refTarget(r.text, text) };
}

/** `file.seq#Name` splits at its first `#` when what precedes it ends in `.seq`; else the whole text names a sequence. */
function refTarget(source: string, text: TextNode): RefTarget {
  const m = /^(\S[^#]*?\.seq)[ \t]*#[ \t]*(\S.*)$/.exec(text.value);
  if (!m) return { sequence: text };
  const at = text.span.offset;
  const written = source.slice(at, at + text.span.length);
  // Escapes can make the value differ from the source; positions follow the source.
  const hash = written.indexOf('#');
  const fileEnd = written.slice(0, hash).trimEnd().length;
  let nameStart = hash + 1;
  while (nameStart < written.length && isBlank(written.charCodeAt(nameStart))) nameStart++;
  return {
    file: textNode(m[1], at, fileEnd),
    sequence: textNode(m[2], at + nameStart, written.length - nameStart),
  };
}

export function readLifeline(
  r: Reader,
  s: LineScanner,
  span: Span,
  word: LifelineStatement['type'],
  keywordSpan: Span,
): LifelineStatement | undefined {
  const name = nameAt(r, s);
  if (name === null) return;
  if (!name) return r.fail(s.atEnd() ? keywordSpan : s.wordSpan(), `\`${word}\` needs a participant: write \`${word} A\`.`);
  s.skipBlanks();
  if (!s.atEnd()) return r.fail(s.wordSpan(), `\`${word}\` takes one participant.`);
  return { type: word, span, keywordSpan, name };
}

export function readTiming(r: Reader, s: LineScanner, span: Span, word: 'takes' | 'timeout', keywordSpan: Span): Statement | undefined {
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
  if (!durationText) return r.fail(keywordSpan, `\`${word}\` needs a duration: write \`${example}\`.`);
  const duration: DurationNode | undefined = LineScanner.duration(durationText);
  if (!duration)
    r.warn(
      durationText.span,
      `\`${durationText.value}\` is not a duration: write one number and a unit without a space (\`250ms\`, \`1.5s\`, \`3min\`, \`1h\`).`,
      'invalid-duration',
    );
  if (word === 'takes') return { type: 'takes', span, keywordSpan, duration };
  return { type: 'timeout', span, keywordSpan, duration, action };
}

/** `autonumber [start [step]]`, `autonumber off` (or `stop`), `autonumber resume [step]`. */
export function readAutonumber(r: Reader, s: LineScanner, span: Span): AutonumberStatement | undefined {
  const words: { text: string; span: Span }[] = [];
  while (!s.atEnd()) {
    const w = s.wordSpan();
    words.push({ text: r.text.slice(w.offset, w.offset + w.length), span: w });
    s.pos = w.offset + w.length;
    s.skipBlanks();
  }
  const usage = 'write `autonumber`, `autonumber 10` (start), `autonumber 10 5` (start and step), `autonumber off` or `autonumber resume`.';
  const integer = (w: { text: string; span: Span }, min: number, what: string): number | undefined => {
    if (/^\d+$/.test(w.text) && Number(w.text) >= min && Number.isSafeInteger(Number(w.text))) return Number(w.text);
    r.fail(w.span, `The ${what} must be a whole number of at least ${min}: ${usage}`);
    return undefined;
  };
  const first = words[0];
  if (!first) return { type: 'autonumber', span, mode: 'on' };
  if (first.text === 'off' || first.text === 'stop') {
    if (words.length > 1) return r.fail(words[1].span, `\`autonumber ${first.text}\` takes nothing more: ${usage}`);
    return { type: 'autonumber', span, mode: 'off' };
  }
  if (first.text === 'resume') {
    if (words.length > 2) return r.fail(words[2].span, `Too many arguments: ${usage}`);
    if (!words[1]) return { type: 'autonumber', span, mode: 'resume' };
    const step = integer(words[1], 1, 'step');
    return step === undefined ? undefined : { type: 'autonumber', span, mode: 'resume', step };
  }
  if (first.text.startsWith('"')) return r.fail(first.span, `Number formats are not supported: ${usage}`);
  const start = integer(first, 0, 'start');
  if (start === undefined) return;
  if (!words[1]) return { type: 'autonumber', span, mode: 'on', start };
  if (words[1].text.startsWith('"')) return r.fail(words[1].span, `Number formats are not supported: ${usage}`);
  const step = integer(words[1], 1, 'step');
  if (step === undefined) return;
  if (words.length > 2)
    return r.fail(
      words[2].span,
      words[2].text.startsWith('"') ? `Number formats are not supported: ${usage}` : `Too many arguments: ${usage}`,
    );
  return { type: 'autonumber', span, mode: 'on', start, step };
}

export function readFlow(r: Reader, s: LineScanner, span: Span, keywordSpan: Span): FlowStatement | undefined {
  const colon = s.indexOf(':');
  if (colon < 0) return r.fail(keywordSpan, 'Write `flow Name: A -> B -> C`.');
  const name = s.textUntil(colon);
  s.pos = colon + 1;
  const steps: NameNode[] = [];
  const arrowSpans: Span[] = [];
  for (;;) {
    s.skipBlanks();
    const n = nameAt(r, s);
    if (n === null) return;
    if (!n) {
      if (steps.length === 0 && s.atEnd()) break; // `flow X:` being typed: an empty flow.
      return r.fail(
        s.atEnd() ? (arrowSpans[arrowSpans.length - 1] ?? keywordSpan) : s.wordSpan(),
        'Expected a participant in the flow: write `flow Name: A -> B -> C`.',
      );
    }
    steps.push(n);
    s.skipBlanks();
    if (s.atEnd()) break;
    if (s.startsWith('->') && s.peek(2) !== 62 /* > */) {
      arrowSpans.push({ offset: s.pos, length: 2 });
      s.pos += 2;
    } else if (s.startsWith('→')) {
      arrowSpans.push({ offset: s.pos, length: 1 });
      s.pos += 1;
    } else {
      return r.fail(s.wordSpan(), 'Flow steps are joined by `->` or `→`.');
    }
  }
  return { type: 'flow', span, name, steps, arrowSpans };
}

/** `== text ==` and `... text ...` (or `…`): the text between the marks. */
export function readMarked(s: LineScanner, span: Span, type: 'divider' | 'delay'): Statement {
  const isMark = type === 'divider' ? (c: number) => c === 61 /* = */ : (c: number) => c === 46 /* . */ || c === 0x2026; /* … */
  while (s.pos < s.end && isMark(s.peek())) s.pos++;
  let e = s.end;
  while (e > s.pos && isBlank(s.text.charCodeAt(e - 1))) e--;
  while (e > s.pos && isMark(s.text.charCodeAt(e - 1))) e--;
  return { type, span, text: s.textUntil(e) };
}

/** `sequence Name [within <duration>]`: the name (quotes optional) and the budget. */
export function readSequenceHeader(s: LineScanner): { name?: TextNode; within?: DurationNode } {
  let name = s.restText();
  let within: DurationNode | undefined;
  if (!name) return {};
  const text = s.text;
  const m = /(^|[ \t])within[ \t]+(\S+)$/.exec(name.value);
  if (m) {
    const durText = m[2];
    const durOffset = name.span.offset + name.span.length - durText.length;
    const dur = LineScanner.duration(textNode(durText, durOffset, durText.length));
    if (dur && text.slice(durOffset, durOffset + durText.length) === durText) {
      within = dur;
      const nameEnd = name.span.offset + name.span.length - m[0].length + m[1].length;
      name = new LineScanner(text, name.span.offset, nameEnd).restText();
    }
  }
  if (name && name.value.length >= 2 && name.value.startsWith('"') && name.value.endsWith('"')) {
    const sub = new LineScanner(text, name.span.offset, name.span.offset + name.span.length);
    const q = sub.quoted();
    if (q && !isLineError(q) && sub.atEnd()) name = textNode(q.value, name.span.offset, name.span.length);
  }
  return { name, within };
}
