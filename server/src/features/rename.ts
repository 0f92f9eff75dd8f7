/**
 * Rename participants (every written occurrence) and sequences (their name and every `ref`
 * naming them, v2: in this document and in the documents of `workspace`). The new name
 * is the name itself (`Auth Service`); written in quotes it is read as source (`"Auth\nService"`).
 * It is quoted with `formatName` when it must be. Invalid names are refused with a message
 * that says why; every rename is checked by re-analysing the result before it is offered.
 */
import {
  CancellationToken,
  ResponseError,
  ErrorCodes,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { analyze, formatName, parseDuration, spanOf, type SequenceStatement } from '../core/index';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, sequenceOf, targetAt, type Target } from './locate';
import { refStatements, refsTo, resolveRef, type ResolvedRef, type Workspace } from './refs';

const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidRequest, message);
const NOT_RENAMEABLE = 'Only a participant or a sequence name can be renamed: put the cursor on one.';

type RenameTarget =
  | Extract<Target, { type: 'participant' }>
  /** A sequence, from its own line (`doc` is the document) or from a `ref` naming it (`ref`, `doc` where the sequence is). */
  | { type: 'sequence'; statement: SequenceStatement; doc: ParsedDocument; ref?: ResolvedRef };

function renameTarget(doc: ParsedDocument, position: Position, workspace: Workspace): RenameTarget {
  const target = targetAt(doc, toOffset(doc, position));
  if (target?.type === 'participant') return target;
  if (target?.type === 'sequence') {
    if (!target.statement.name) throw refuse('This sequence has no name to rename: write one after `sequence`.');
    return { type: 'sequence', statement: target.statement, doc };
  }
  if (target?.type === 'ref') {
    const ref = resolveRef(doc, target.statement, workspace);
    if (!ref?.doc || !ref.sequence?.statement?.name)
      throw refuse('This ref names no sequence of an open document: only such a name can be renamed.');
    return { type: 'sequence', statement: ref.sequence.statement, doc: ref.doc, ref };
  }
  throw refuse(NOT_RENAMEABLE);
}

export function prepareRename(doc: ParsedDocument, position: Position, workspace: Workspace = []): { range: Range; placeholder: string } {
  const target = renameTarget(doc, position, workspace);
  if (target.type === 'participant') return { range: toRange(doc, target.span), placeholder: target.id };
  const name = target.statement.name!;
  return { range: toRange(doc, target.ref ? target.ref.nameSpan : name.span), placeholder: name.value };
}

/** Cancelled, it stops before re-analysing the renamed text and answers no change. */
export function rename(
  doc: ParsedDocument,
  position: Position,
  newName: string,
  workspace: Workspace = [],
  token = CancellationToken.None,
): WorkspaceEdit {
  const target = renameTarget(doc, position, workspace);
  if (token.isCancellationRequested) return {};
  if (target.type === 'participant') return { changes: { [doc.uri]: renameParticipant(doc, target.id, newName) } };
  return { changes: renameSequence(target.doc, target.statement, newName, [doc, ...workspace]) };
}

/** The name the user means: trimmed; a fully quoted input is read as source (with its escapes). */
function readNewName(input: string, what: string): string {
  const trimmed = input.trim();
  let name = trimmed;
  if (trimmed.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(trimmed);
    if (!m) throw refuse(`The new ${what} name starts with a quote but does not end with one: write "Name" or Name.`);
    name = m[1].replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  if (!name.trim()) throw refuse(`A ${what} name cannot be empty.`);
  if (/[\r\n]/.test(trimmed)) throw refuse(`A ${what} name stays on one line (inside quotes, \\n is a line break).`);
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(name)) throw refuse(`A ${what} name cannot contain control characters.`);
  return name.normalize('NFC');
}

function renameParticipant(doc: ParsedDocument, id: string, input: string): TextEdit[] {
  const newId = readNewName(input, 'participant');
  if (newId === id) return [];
  if (doc.analysis.model.participantById.has(newId)) {
    throw refuse(`"${newId}" is already a participant: pick another name (renaming would merge the two).`);
  }
  const written = formatName(newId);
  const occurrences = occurrencesOf(doc, id);
  const edits = occurrences.map((o) => ({ range: toRange(doc, o.name.span), newText: written }));
  const after = analyze(
    applySpans(
      doc.analysis.document.text,
      occurrences.map((o) => ({ ...spanOf(o.name.span), newText: written })),
    ),
  );
  const renamed = after.model.participantById.get(newId);
  const count = (renamed?.references.length ?? 0) + (renamed?.declared ? 1 : 0);
  const expected = occurrences.filter((o) => !o.declaration).length + (occurrences.some((o) => o.declaration) ? 1 : 0);
  if (after.model.participantById.has(id) || count !== expected) {
    throw refuse(`"${newId}" cannot stand as a participant name here.`);
  }
  return edits;
}

/** A sequence name as it must be written: escaped, and quoted when it would otherwise read differently. */
export function formatSequenceName(name: string): string {
  const escaped = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  const m = /(?:^|[ \t])within[ \t]+(\S+)$/.exec(name);
  const needsQuotes =
    (m !== null && parseDuration(m[1]) !== undefined) || (name.startsWith('"') && name.endsWith('"')) || name !== name.trim();
  return needsQuotes ? `"${escaped.replace(/"/g, '\\"')}"` : escaped;
}

/** A sequence name as a `ref`'s free text writes it: `\\` and `\n` escaped. */
function refText(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** The edits per document: the sequence's name, and every ref naming it (each checked to still name it). */
function renameSequence(doc: ParsedDocument, st: SequenceStatement, input: string, workspace: Workspace): Record<string, TextEdit[]> {
  const newName = readNewName(input, 'sequence');
  const name = st.name!;
  if (newName === name.value) return { [doc.uri]: [] };
  if (doc.analysis.model.sequences.some((s) => !s.implicit && s.statement !== st && s.name === newName)) {
    throw refuse(`A sequence named "${newName}" already exists: pick another name.`);
  }
  const written = formatSequenceName(newName);
  const after = analyze(applySpans(doc.analysis.document.text, [{ ...spanOf(name.span), newText: written }]));
  const index = doc.analysis.document.statements.indexOf(st);
  const renamed = after.document.statements[index];
  if (renamed?.type !== 'sequence' || renamed.name?.value !== newName || renamed.within?.text !== st.within?.text) {
    throw refuse(`"${newName}" cannot stand as a sequence name here.`);
  }
  const changes: Record<string, TextEdit[]> = { [doc.uri]: [{ range: toRange(doc, name.span), newText: written }] };
  const sequence = sequenceOf(doc, st);
  const refs = sequence ? refsTo(doc, sequence, workspace) : [];
  const byDoc = new Map<ParsedDocument, ResolvedRef[]>();
  for (const { doc: at, ref } of refs) byDoc.set(at, [...(byDoc.get(at) ?? []), ref]);
  for (const [at, list] of byDoc) {
    const spans = list.map((r) => ({ ...spanOf(r.nameSpan), newText: refText(newName) }));
    if (at === doc) spans.push({ ...spanOf(name.span), newText: written });
    const after = analyze(applySpans(at.analysis.document.text, spans));
    const before = refStatements(at);
    const renamedRefs = refStatements({ ...at, analysis: after });
    for (const r of list) {
      const again = renamedRefs[before.indexOf(r.statement)];
      if (again?.target.sequence.value !== newName)
        throw refuse(`"${newName}" cannot stand in the ref on line ${toRange(at, r.statement.span).start.line + 1}.`);
    }
    const edits = list.map((r) => ({ range: toRange(at, r.nameSpan), newText: refText(newName) }));
    changes[at.uri] = at === doc ? [...changes[at.uri], ...edits] : edits;
  }
  return changes;
}

function applySpans(text: string, edits: readonly { offset: number; length: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}
