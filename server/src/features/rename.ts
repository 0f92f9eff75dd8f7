/**
 * Rename participants (every written occurrence) and sequences (their name). The new name
 * is the name itself (`Auth Service`); written in quotes it is read as source (`"Auth\nService"`).
 * It is quoted with `formatName` when it must be. Invalid names are refused with a message
 * that says why; every rename is checked by re-analysing the result before it is offered.
 */
import { CancellationToken, ResponseError, ErrorCodes, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { analyze, formatName, parseDuration, spanOf, type SequenceStatement } from '../core/index';
import { toOffset, toRange, type ParsedDocument } from './document';
import { occurrencesOf, targetAt, type Target } from './locate';

const refuse = (message: string) => new ResponseError(ErrorCodes.InvalidRequest, message);
const NOT_RENAMEABLE = 'Only a participant or a sequence name can be renamed: put the cursor on one.';

type RenameTarget = Extract<Target, { type: 'participant' }> | (Extract<Target, { type: 'sequence' }> & { statement: SequenceStatement });

function renameTarget(doc: ParsedDocument, position: Position): RenameTarget {
  const target = targetAt(doc, toOffset(doc, position));
  if (target?.type === 'participant') return target;
  if (target?.type === 'sequence') {
    if (!target.statement.name) throw refuse('This sequence has no name to rename: write one after `sequence`.');
    return target;
  }
  throw refuse(NOT_RENAMEABLE);
}

export function prepareRename(doc: ParsedDocument, position: Position): { range: Range; placeholder: string } {
  const target = renameTarget(doc, position);
  if (target.type === 'participant') return { range: toRange(doc, target.span), placeholder: target.id };
  const name = target.statement.name!;
  return { range: toRange(doc, name.span), placeholder: name.value };
}

/** Cancelled, it stops before re-analysing the renamed text and answers no change. */
export function rename(doc: ParsedDocument, position: Position, newName: string, token = CancellationToken.None): WorkspaceEdit {
  const target = renameTarget(doc, position);
  if (token.isCancellationRequested) return {};
  const edits = target.type === 'participant' ? renameParticipant(doc, target.id, newName) : renameSequence(doc, target.statement, newName);
  return { changes: { [doc.uri]: edits } };
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
  const after = analyze(applySpans(doc.analysis.document.text, occurrences.map((o) => ({ ...spanOf(o.name.span), newText: written }))));
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
  const needsQuotes = (m !== null && parseDuration(m[1]) !== undefined) || (name.startsWith('"') && name.endsWith('"')) || name !== name.trim();
  return needsQuotes ? `"${escaped.replace(/"/g, '\\"')}"` : escaped;
}

function renameSequence(doc: ParsedDocument, st: SequenceStatement, input: string): TextEdit[] {
  const newName = readNewName(input, 'sequence');
  const name = st.name!;
  if (newName === name.value) return [];
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
  return [{ range: toRange(doc, name.span), newText: written }];
}

function applySpans(text: string, edits: readonly { offset: number; length: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}
