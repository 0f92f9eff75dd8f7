/**
 * "Nothing lost" (issue 8): what formatting, quick fixes and rename may change, checked on
 * any document. Runs in the fuzz worker (test/features/nothingLost.test.ts sends the inputs).
 *
 * - Formatting is idempotent; it keeps the lines, every token on each line (only blanks
 *   change), every comment's text, and what the document means (each statement's values
 *   and the diagnostics' codes).
 * - Each quick fix changes only what its title says: "Declare X as kind" and "Declare all
 *   undeclared participants" add declaration lines and nothing else; "Change to Y" replaces
 *   the name under the diagnostic and nothing else; "Remove declaration of X" removes that
 *   declaration's line and only that line; "Insert `end` to close `alt`" adds one `end`
 *   line. Every other line is kept, in order, in broken documents too.
 * - A rename changes only the occurrences of the renamed participant (or the sequence's
 *   name): the model afterwards is the one before with that name replaced.
 * The properties are checked on a document and on every version of a sequence of random
 * edits to it, as an editor sends them while someone types.
 */
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isPositionKey, type Analysis, type Diagnostic, type Item, type MessageItem } from '../../server/src/core/index';
import { codeActions } from '../../server/src/features/codeActions';
import { toLspDiagnostic } from '../../server/src/features/diagnostics';
import { safeAnalyze, toPosition, type ParsedDocument } from '../../server/src/features/document';
import { formatting } from '../../server/src/features/formatting';
import { refStatements } from '../../server/src/features/refs';
import { rename } from '../../server/src/features/rename';
import { applyEdit, type Edit } from './gen';

export interface NothingLostInput {
  readonly text: string;
  /** Edits typed one after another; every version is checked. */
  readonly edits: readonly Edit[];
  /** Renames tried on the last version: which participant or named sequence (an index, modulo their number) and the new name. */
  readonly renames: readonly { readonly target: number; readonly name: string }[];
}

const URI = 'file:///nothing-lost.seq';
/** Quick fixes checked per version: the first diagnostics that carry fix data. */
const MAX_FIXED = 12;

export function docOf(text: string): ParsedDocument {
  return { uri: URI, version: 1, analysis: safeAnalyze(text, {}) };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'seq', 1, text), [...edits]);
}

const lines = (text: string) => text.split(/\r\n|\r|\n/);
/** The parser's blanks (spec 1: leading indentation and the blanks around tokens). */
const BLANKS = /[ \t\v\f\ufeff\u00a0]/g;
const squeeze = (line: string) => line.replace(BLANKS, '');
/** Tokens of a line as a reader sees them: quoted names, arrows, words, any other character. */
const TOKEN = /"(?:[^"\\]|\\.)*"?|-->>|-->|--x|->>|->|-x|[\p{L}\p{N}\p{M}_.]+|[^ \t\v\f\ufeff\u00a0]/gu;
const tokens = (line: string) => line.match(TOKEN) ?? [];
const show = (s: string) => JSON.stringify(s.length > 160 ? `${s.slice(0, 160)}…` : s);

/** What a document means, positions dropped: each statement's values, the comments, the diagnostics' codes. */
function meaning(a: Analysis): string {
  const values = JSON.stringify(a.document.statements, (k, v) => (isPositionKey(k) ? undefined : v));
  const comments = a.document.comments.map((c) => a.document.text.slice(c.offset, c.offset + c.length));
  return `${values}\n${JSON.stringify(comments)}\n${a.diagnostics.map((d) => d.code).join(',')}`;
}

export function checkNothingLost(input: NothingLostInput): string[] {
  const out: string[] = [];
  let text = input.text;
  const versions = [text];
  for (const e of input.edits) versions.push((text = applyEdit(text, e)));
  for (const [i, v] of versions.entries()) {
    const found = [...guard('formatting', () => checkFormatting(v)), ...guard('quick fixes', () => checkQuickFixes(v))];
    if (found.length > 0) {
      out.push(`version ${i} ${show(v)}:`, ...found);
      break;
    }
  }
  out.push(...guard('rename', () => checkRenames(text, input.renames)));
  return out.slice(0, 12);
}

function guard(what: string, f: () => string[]): string[] {
  try {
    return f();
  } catch (e) {
    return [`${what} threw ${e instanceof Error ? `${e.message}\n${e.stack?.split('\n').slice(1, 5).join('\n')}` : String(e)}`];
  }
}

// ---------------------------------------------------------------------------

function checkFormatting(text: string): string[] {
  const formatted = apply(text, formatting(docOf(text)));
  return formattingViolations(text, formatted, apply(formatted, formatting(docOf(formatted))));
}

/** What is wrong with formatting `text` into `formatted`, and that into `again`. */
export function formattingViolations(text: string, formatted: string, again: string): string[] {
  const out: string[] = [];
  if (again !== formatted) out.push(`formatting is not idempotent: ${show(formatted)} then ${show(again)}`);
  const a = lines(text);
  const b = lines(formatted);
  if (a.length !== b.length) return [...out, `formatting changed the number of lines from ${a.length} to ${b.length}`];
  a.forEach((line, i) => {
    if (squeeze(line) !== squeeze(b[i])) out.push(`formatting changed more than blanks on line ${i + 1}: ${show(line)} → ${show(b[i])}`);
    else if (tokens(line).join('\u0001') !== tokens(b[i]).join('\u0001'))
      out.push(`formatting changed the tokens of line ${i + 1}: ${show(line)} → ${show(b[i])}`);
  });
  const before = meaning(docOf(text).analysis);
  const after = meaning(docOf(formatted).analysis);
  if (before !== after) out.push(`formatting changed what the document means: ${show(text)} → ${show(formatted)}`);
  return out;
}

// ---------------------------------------------------------------------------

/** The edits of an action to this document; anything else (other files, resource operations) is a violation. */
function editsOf(action: CodeAction): TextEdit[] | string {
  const e = action.edit;
  if (!e || e.documentChanges) return `"${action.title}" has no plain edit`;
  const uris = Object.keys(e.changes ?? {});
  if (uris.some((u) => u !== URI)) return `"${action.title}" edits another document: ${uris.join(', ')}`;
  return e.changes?.[URI] ?? [];
}

/** `after` is `before` with lines inserted at one place: returns them, or undefined. */
function insertedLines(before: string[], after: string[]): string[] | undefined {
  const n = after.length - before.length;
  if (n <= 0) return undefined;
  let k = 0;
  while (k < before.length && before[k] === after[k]) k++;
  for (let i = k; i < before.length; i++) if (before[i] !== after[i + n]) return undefined;
  return after.slice(k, k + n);
}

function checkQuickFixes(text: string): string[] {
  const out: string[] = [];
  const doc = docOf(text);
  const withData = doc.analysis.diagnostics.filter((d) => d.data).slice(0, MAX_FIXED);
  for (const d of withData) {
    const lsp = toLspDiagnostic(doc, d);
    for (const action of codeActions(doc, { context: { diagnostics: [lsp] } })) {
      const edits = editsOf(action);
      if (typeof edits === 'string') {
        out.push(edits);
        continue;
      }
      out.push(...quickFixViolations(doc, d, action.title, apply(text, edits)));
    }
    if (out.length > 0) break;
  }
  return out;
}

/** What is wrong with the quick fix `title`, offered for diagnostic `d` of `doc`, turning the document into `after`. */
export function quickFixViolations(doc: ParsedDocument, d: Diagnostic, title: string, after: string): string[] {
  const out: string[] = [];
  const text = doc.analysis.document.text;
  const before = lines(text);
  const undeclaredNames = new Set(
    doc.analysis.diagnostics.flatMap((x) => (x.data?.kind === 'undeclared-participant' ? [x.data.name] : [])),
  );
  const unclosedBefore = doc.analysis.diagnostics.filter((x) => x.code === 'unclosed-block').length;
  const afterLines = lines(after);
  const fail = (why: string) => out.push(`"${title}" (for ${d.code} at ${d.offset}): ${why}: ${show(text)} → ${show(after)}`);
  const analysisAfter = () => docOf(after).analysis;
  let m: RegExpExecArray | null;
  if ((m = /^Declare (.+) as (\w+)$/s.exec(title))) {
    const added = insertedLines(before, afterLines);
    if (!added || added.length !== 1) fail('expected exactly one new line and every other line kept');
    else if (added[0].replace(/^[ \t]+/, '') !== `${m[2]} ${m[1]}`) fail(`the new line is ${show(added[0])}`);
    else if (
      d.data?.kind === 'undeclared-participant' &&
      analysisAfter().diagnostics.some(
        (x) => x.data?.kind === 'undeclared-participant' && x.data.name === (d.data as { name: string }).name,
      )
    )
      fail('the name is still undeclared');
  } else if (title === 'Declare all undeclared participants') {
    const added = insertedLines(before, afterLines);
    if (!added || added.length !== undeclaredNames.size) fail(`expected ${undeclaredNames.size} new lines and every other line kept`);
    else if (analysisAfter().diagnostics.some((x) => x.code === 'undeclared-participant')) fail('a name is still undeclared');
  } else if ((m = /^Change to (.+)$/s.exec(title))) {
    const start = toPosition(doc, d.offset);
    const end = toPosition(doc, d.offset + d.length);
    const changed = afterLines.length === before.length ? before.flatMap((l, i) => (l === afterLines[i] ? [] : [i])) : undefined;
    if (!changed || changed.length !== 1 || changed[0] !== start.line || start.line !== end.line)
      fail("expected only the diagnostic's line to change");
    else {
      const [l, r] = [before[start.line], afterLines[start.line]];
      const kept =
        l.slice(0, start.character) === r.slice(0, start.character) &&
        l.slice(end.character) === r.slice(r.length - (l.length - end.character));
      if (!kept || r.slice(start.character, r.length - (l.length - end.character)) !== m[1])
        fail(`expected only the name to become ${m[1]}`);
    }
  } else if ((m = /^Remove declaration of (.+)$/s.exec(title))) {
    const line = toPosition(doc, d.offset).line;
    const expected = before.filter((_, i) => i !== line);
    const lastEmptied =
      line === before.length - 1 &&
      afterLines.length === before.length &&
      afterLines[line] === '' &&
      afterLines.slice(0, line).join('\n') === expected.join('\n');
    if (afterLines.join('\n') !== expected.join('\n') && !lastEmptied) fail(`expected line ${line + 1} removed and only it`);
    else if (
      !/^[ \t\v\f\ufeff\u00a0]*(create[ \t]+)?(actor|system|service|database|queue|participant)\b/.test(before[line]) ||
      !before[line].includes(m[1])
    )
      fail(`the removed line is no declaration of ${m[1]}: ${show(before[line])}`);
  } else if ((m = /^Insert `end` to close `(.+)`$/s.exec(title))) {
    const added = insertedLines(before, afterLines);
    // One `end`, or (for a box with boxes opened inside it, as its message says) one per open box.
    const ends = d.message.includes('each box opened inside it') ? added && added.length > 1 : added?.length === 1;
    if (!added || !ends || added.some((l) => l.trim() !== 'end'))
      fail('expected one new `end` line per block it closes and every other line kept');
    else {
      const diags = analysisAfter().diagnostics;
      if (diags.filter((x) => x.code === 'unclosed-block').length !== unclosedBefore - 1)
        fail('the number of unclosed blocks did not go down by one');
      if (
        diags.filter((x) => x.code === 'unexpected-keyword').length >
        doc.analysis.diagnostics.filter((x) => x.code === 'unexpected-keyword').length
      )
        fail('the new `end` is unexpected');
    }
  } else if (title === 'Move `create` up') {
    // The `create` line moves (and may take the indentation of its new place): the same lines, reordered.
    const key = (ls: readonly string[]) =>
      ls
        .map((l) => l.trim())
        .sort()
        .join('\n');
    if (afterLines.length !== before.length || key(afterLines) !== key(before)) fail('expected the same lines, only reordered');
  } else {
    fail('a quick fix whose title says nothing this test knows');
  }
  return out;
}

// ---------------------------------------------------------------------------

/** A name as written (bare or quoted) read as the parser reads it. */
function readName(written: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(written);
  const raw = m ? m[1].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c)) : written;
  return raw.normalize('NFC');
}

function flatMessages(items: readonly Item[], into: MessageItem[] = []): MessageItem[] {
  for (const item of items) {
    if (item.type === 'message') into.push(item);
    else if (item.type === 'fragment') for (const b of item.branches) flatMessages(b.items, into);
  }
  return into;
}

/** What a rename may target: the participants, then the named sequences. */
function renameTargets(doc: ParsedDocument) {
  const participants = doc.analysis.model.participants;
  const named = doc.analysis.document.statements.flatMap((s) => (s.type === 'sequence' && s.name ? [s] : []));
  return { participants, named, total: participants.length + named.length };
}

function checkRenames(text: string, renames: NothingLostInput['renames']): string[] {
  const out: string[] = [];
  const doc = docOf(text);
  const { participants, named, total } = renameTargets(doc);
  if (total === 0) return out;
  for (const r of renames) {
    const k = r.target % total;
    const span = k < participants.length ? participants[k].nameSpan : named[k - participants.length].name!.span;
    let edits: TextEdit[];
    try {
      edits = rename(doc, toPosition(doc, span.offset), r.name).changes?.[URI] ?? [];
    } catch (e) {
      if (e instanceof Error && e.constructor.name === 'ResponseError') continue; // refused, with a message: fine
      throw e;
    }
    out.push(...renameViolations(doc, k, r.name, edits));
  }
  return out;
}

/** Whether the name typed into the rename box is `current` itself: as is, or quoted as source (blanks around it ignored). */
function sameName(typed: string, current: string): boolean {
  const t = typed.trim().normalize('NFC');
  return t === current || t === JSON.stringify(current);
}

/** What is wrong with the edits of renaming target `k` (see renameTargets) to `name`. */
export function renameViolations(doc: ParsedDocument, k: number, name: string, edits: readonly TextEdit[]): string[] {
  const out: string[] = [];
  const text = doc.analysis.document.text;
  const { participants, named } = renameTargets(doc);
  const p = k < participants.length ? participants[k] : undefined;
  const seq = p ? undefined : named[k - participants.length];
  const span = p ? p.nameSpan : seq!.name!.span;
  const after = apply(text, edits);
  const fail = (why: string) =>
    out.push(
      `rename of ${p ? `participant ${JSON.stringify(p.id)}` : `sequence ${JSON.stringify(seq!.name!.value)}`} to ${JSON.stringify(name)}: ${why}: ${show(text)} → ${show(after)}`,
    );
  if (lines(after).length !== lines(text).length) fail('the number of lines changed');
  const a = docOf(after).analysis;
  const current = p ? p.id : seq!.name!.value;
  if (edits.length === 0) {
    // Renaming to the name it already has changes nothing; any other rename that is not refused must change something.
    if (!sameName(name, current)) fail('no edit, and the name is not the one it already has');
    return out;
  }
  if (p) {
    for (const e of edits) {
      const doc0 = TextDocument.create(URI, 'seq', 1, text);
      const written = text.slice(doc0.offsetAt(e.range.start), doc0.offsetAt(e.range.end));
      if (readName(written) !== p.id) fail(`an edit touches ${show(written)}, which is not ${JSON.stringify(p.id)}`);
    }
    const newId = a.model.participants[k]?.id;
    if (a.model.participants.length !== participants.length || newId === undefined) {
      fail('the participants changed in number');
      return out;
    }
    const map = (id: string) => (id === p.id ? newId : id);
    const ids = participants.map((x) => map(x.id)).join('\u0001');
    if (ids !== a.model.participants.map((x) => x.id).join('\u0001')) fail('participants other than the renamed one changed');
    const msgs = (an: Analysis, f: (id: string) => string) =>
      an.model.sequences
        .map((s) =>
          flatMessages(s.items)
            .map((m) => `${f(m.from)} ${m.arrow} ${f(m.to)}: ${m.label}`)
            .join('\n'),
        )
        .join('\n--\n');
    if (msgs(doc.analysis, map) !== msgs(a, (x) => x)) fail('the messages changed beyond the name');
    if (doc.analysis.diagnostics.map((d) => d.code).join(',') !== a.diagnostics.map((d) => d.code).join(','))
      fail('the diagnostics changed');
  } else {
    // One edit on the name, and one on each same-file `ref` naming the sequence (they follow it).
    const doc0 = TextDocument.create(URI, 'seq', 1, text);
    const refTargets = new Set(
      refStatements(doc)
        .filter((r) => r.target.file === undefined && r.target.sequence.value === current)
        .map((r) => r.target.sequence.span.offset),
    );
    const starts = edits.map((e) => doc0.offsetAt(e.range.start));
    if (starts.filter((o) => o === span.offset).length !== 1 || starts.some((o) => o !== span.offset && !refTargets.has(o)))
      fail('expected one edit on the name and the others on refs to it');
    const names = (an: Analysis) => an.model.sequences.map((s) => s.name);
    const b = names(a);
    const before = names(doc.analysis);
    const changed = before.flatMap((n, i) => (n === b[i] ? [] : [i]));
    if (b.length !== before.length || changed.length > 1) fail(`sequence names ${JSON.stringify(before)} became ${JSON.stringify(b)}`);
    const msgs = (an: Analysis) =>
      an.model.sequences
        .map((s) =>
          flatMessages(s.items)
            .map((m) => `${m.from} ${m.arrow} ${m.to}: ${m.label}`)
            .join('\n'),
        )
        .join('\n--\n');
    if (msgs(doc.analysis) !== msgs(a)) fail('the messages changed');
  }
  return out;
}
