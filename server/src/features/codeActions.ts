/**
 * Quick fixes of spec section 6, dispatched on the diagnostic's code. The data a fix needs
 * travels with the diagnostic (`FixData`); the server reads it from its own analysis of the
 * current version (matched by code and range), so a client that drops `data`, or sends a
 * diagnostic of an older version, never gets an edit at a stale offset.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { formatName, type DiagnosticCode, type FixData } from '../core/index';
import { toLspDiagnostic, DIAGNOSTIC_SOURCE } from './diagnostics';
import { toPosition, toRange, type ParsedDocument } from './document';

type Fix<K extends FixData['kind']> = Extract<FixData, { kind: K }>;

interface Found {
  /** The diagnostic as the server publishes it for this version. */
  readonly diagnostic: Diagnostic;
  readonly data: FixData;
}

const sameRange = (a: Diagnostic, b: Diagnostic) =>
  a.range.start.line === b.range.start.line &&
  a.range.start.character === b.range.start.character &&
  a.range.end.line === b.range.end.line &&
  a.range.end.character === b.range.end.character;

/**
 * A diagnostic whose range the client reports in other units (Neovim 0.7 sends byte
 * columns back) still names the same problem when code, line and data (or message) agree.
 */
function sameProblem(current: readonly Found[], asked: Diagnostic): Found | undefined {
  const line = asked.range?.start?.line;
  const candidates = current.filter((c) => c.diagnostic.code === asked.code && c.diagnostic.range.start.line === line);
  if (asked.data !== undefined && asked.data !== null) return candidates.find((c) => JSON.stringify(c.data) === JSON.stringify(asked.data));
  return candidates.length === 1 && candidates[0].diagnostic.message === asked.message ? candidates[0] : undefined;
}

export function codeActions(doc: ParsedDocument, params: Pick<CodeActionParams, 'context'>): CodeAction[] {
  const only = params.context.only;
  if (only && only.length > 0 && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const current = doc.analysis.diagnostics.filter((d) => d.data).map((d) => ({ diagnostic: toLspDiagnostic(doc, d), data: d.data! }));
  const actions: CodeAction[] = [];
  const add = (action: CodeAction) => {
    const same = actions.find((a) => a.title === action.title && JSON.stringify(a.edit) === JSON.stringify(action.edit));
    if (same) same.diagnostics = [...(same.diagnostics ?? []), ...(action.diagnostics ?? [])];
    else actions.push(action);
  };
  for (const asked of params.context.diagnostics ?? []) {
    if (asked.source !== undefined && asked.source !== DIAGNOSTIC_SOURCE) continue;
    const found = current.find((c) => c.diagnostic.code === asked.code && sameRange(c.diagnostic, asked)) ?? sameProblem(current, asked);
    if (!found) continue;
    switch (found.diagnostic.code as DiagnosticCode) {
      case 'undeclared-participant':
        undeclared(doc, found as Found & { data: Fix<'undeclared-participant'> }, current).forEach(add);
        break;
      case 'unused-participant':
        add(unused(doc, found as Found & { data: Fix<'unused-participant'> }));
        break;
      case 'unclosed-block':
        add(unclosed(doc, found as Found & { data: Fix<'unclosed-block'> }));
        break;
      case 'not-yet-created':
        add(moveCreateUp(doc, found as Found & { data: Fix<'not-yet-created'> }));
        break;
      case 'unknown-sequence':
        add(changeRef(doc, found as Found & { data: Fix<'unknown-sequence'> }));
        break;
    }
  }
  return actions;
}

function edit(doc: ParsedDocument, edits: TextEdit[]): CodeAction['edit'] {
  return { changes: { [doc.uri]: edits } };
}

function insert(doc: ParsedDocument, offset: number, newText: string): TextEdit {
  const at = toPosition(doc, offset);
  return { range: { start: at, end: at }, newText };
}

function undeclared(doc: ParsedDocument, found: Found & { data: Fix<'undeclared-participant'> }, current: readonly Found[]): CodeAction[] {
  const { data, diagnostic } = found;
  const actions: CodeAction[] = [
    {
      title: `Declare ${formatName(data.name)} as ${data.guessedKind}`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [diagnostic],
      edit: edit(doc, [insert(doc, data.insertAt, data.prefix + data.declaration + data.suffix)]),
    },
  ];
  for (const suggestion of data.suggestions) {
    actions.push({
      title: `Change to ${formatName(suggestion)}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: edit(doc, [{ range: diagnostic.range, newText: formatName(suggestion) }]),
    });
  }
  // Every undeclared name, once each, in first-use order.
  const all = current.filter((c): c is Found & { data: Fix<'undeclared-participant'> } => c.data.kind === 'undeclared-participant');
  const names = new Map<string, Fix<'undeclared-participant'>>();
  for (const c of all) if (!names.has(c.data.name)) names.set(c.data.name, c.data);
  if (names.size > 1) {
    const text = [...names.values()].map((d) => d.prefix + d.declaration + d.suffix).join('');
    actions.push({
      title: 'Declare all undeclared participants',
      kind: CodeActionKind.QuickFix,
      diagnostics: all.map((c) => c.diagnostic),
      edit: edit(doc, [insert(doc, data.insertAt, text)]),
    });
  }
  return actions;
}

function unused(doc: ParsedDocument, found: Found & { data: Fix<'unused-participant'> }): CodeAction {
  const id = diagnosticName(doc, found);
  return {
    title: `Remove declaration of ${id}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [found.diagnostic],
    edit: edit(doc, [{ range: toRange(doc, found.data.lineSpan), newText: '' }]),
  };
}

/** The text the diagnostic covers (a participant name as written). */
function diagnosticName(doc: ParsedDocument, found: Found): string {
  const d = doc.analysis.diagnostics.find((x) => x.data === found.data);
  return d ? doc.analysis.document.text.slice(d.offset, d.offset + d.length) : '';
}

function unclosed(doc: ParsedDocument, found: Found & { data: Fix<'unclosed-block'> }): CodeAction {
  const opener = diagnosticName(doc, found);
  return {
    title: `Insert \`end\` to close \`${opener}\``,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [found.diagnostic],
    edit: edit(doc, [insert(doc, found.data.insertAt, found.data.insertText)]),
  };
}

/** The `create` line cut from below and put right above the message that should create the participant. */
function moveCreateUp(doc: ParsedDocument, found: Found & { data: Fix<'not-yet-created'> }): CodeAction {
  const { data } = found;
  return {
    title: 'Move `create` up',
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [found.diagnostic],
    edit: edit(doc, [insert(doc, data.insertAt, data.insertText), { range: toRange(doc, data.lineSpan), newText: '' }]),
  };
}

function changeRef(doc: ParsedDocument, found: Found & { data: Fix<'unknown-sequence'> }): CodeAction {
  const { data } = found;
  return {
    title: `Change to ${data.replacement}`,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [found.diagnostic],
    edit: edit(doc, [{ range: toRange(doc, data.textSpan), newText: data.replacement }]),
  };
}
