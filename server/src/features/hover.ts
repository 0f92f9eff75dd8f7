/**
 * Hover: a participant (kind, display name, internal/external, description, messages,
 * sequences), a message (kind, timing, timeout and fallback), a sequence (critical path
 * against `within`), a `related:` file, a box (its participants), a `ref` (the sequence it
 * names: purpose and critical path, also from another open file).
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-protocol';
import {
  formatDuration,
  formatName,
  isEdge,
  type ArrowKind,
  type BoxStatement,
  type Participant,
  type RefTargetInfo,
  type Sequence,
  type TimedItem,
} from '../core/index';
import { toOffset, toRange, type ParsedDocument } from './document';
import { messageItems, sequenceOf, targetAt } from './locate';
import { refItemOf, resolveRef, type Workspace } from './refs';

const arrowMeaning: Readonly<Record<ArrowKind, string>> = {
  '->': 'Synchronous request',
  '-->': 'Reply',
  '->>': 'Asynchronous message',
  '-->>': 'Asynchronous reply',
  '-x': 'Lost message',
  '--x': 'Lost reply',
};

/** Markdown-safe inline text (user text never becomes markup). */
function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s.includes('`') ? ` ${s} ` : s}${fence}`;
}

export function hover(doc: ParsedDocument, position: Position, workspace: Workspace = []): Hover | null {
  const target = targetAt(doc, toOffset(doc, position));
  if (!target) return null;
  let value: string | undefined;
  switch (target.type) {
    case 'participant': {
      const p = doc.analysis.model.participantById.get(target.id);
      if (p) value = participantHover(p);
      break;
    }
    case 'message': {
      const entry = messageItems(doc).get(target.statement);
      if (!entry) break;
      const { item } = entry;
      const st = target.statement;
      const end = (name: typeof st.from, id: string) => (isEdge(name) ? name.value : formatName(id));
      const lines = [
        `**${arrowMeaning[item.arrow]}** ${code(`${end(st.from, item.from)} ${item.arrow} ${end(st.to, item.to)}`)}${item.label ? `: ${md(item.label)}` : ''}`,
      ];
      if (isEdge(st.from)) lines.push('arrives from outside the diagram');
      if (isEdge(st.to)) lines.push('leaves the diagram');
      if (item.number !== undefined) lines.push(`Step ${item.number}`);
      const timing: string[] = [];
      if (item.takes) timing.push(`takes ${formatDuration(item.takes.ms)}`);
      if (item.timeout)
        timing.push(`timeout ${formatDuration(item.timeout.duration.ms)}${item.timeout.action ? ` → ${md(item.timeout.action)}` : ''}`);
      if (timing.length) lines.push(timing.join(' · '));
      if (item.activatesTarget) lines.push(`activates ${md(item.to)}`);
      if (item.deactivatesSource) lines.push(`ends the activation of ${md(item.from)}`);
      value = lines.join('\n\n');
      break;
    }
    case 'sequence': {
      const seq = sequenceOf(doc, target.statement);
      if (seq) value = sequenceHover(seq);
      break;
    }
    case 'related':
      value = `Related diagram ${code(target.statement.value.value)} (relative to this file)`;
      break;
    case 'box':
      value = boxHover(doc, target.statement);
      break;
    case 'ref': {
      const ref = resolveRef(doc, target.statement, workspace);
      if (ref?.sequence) value = `**ref** → ${sequenceHover(ref.sequence)}`;
      else if (ref) {
        const span = target.statement.text.span;
        const missing = doc.analysis.diagnostics.some(
          (d) => d.code === 'missing-related' && d.offset >= span.offset && d.offset < span.offset + span.length,
        );
        value = foreignRefHover(refItemOf(doc, target.statement)?.target, target.statement.text.value, missing);
      }
      break;
    }
  }
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, target.span) };
}

function participantHover(p: Participant): string {
  const name = p.displayName !== p.id ? `**${md(p.displayName)}** (${code(formatName(p.id))})` : `**${md(p.id)}**`;
  const head = p.declared ? `${name} — ${p.kind}, ${p.scope}` : `${name} — not declared (drawn as a generic participant)`;
  const lines = [head];
  if (p.description) lines.push(md(p.description));
  if (p.box !== undefined) lines.push(`in the box ${code(formatName(p.box))}`);
  const count = `${p.messageCount} message${p.messageCount === 1 ? '' : 's'}`;
  const seqs = p.sequences.filter((s, i, all) => all.indexOf(s) === i);
  const where = seqs.length ? ` in ${seqs.map((s) => (s ? md(s) : '*the unnamed sequence*')).join(', ')}` : '';
  lines.push(`${count}${where}`);
  return lines.join('\n\n');
}

/** A ref into a file that is not open: what the core read of it, if anything. */
function foreignRefHover(target: RefTargetInfo | undefined, text: string, missing: boolean): string {
  if (!target)
    return `**ref** → ${code(text)} (${missing ? 'not found: the file or the sequence does not exist' : 'the file is not open: its sequence is read when it is'})`;
  const lines = [`**ref** → **sequence** ${md(target.name)} in ${code(target.file ?? '')}`];
  const path = `critical path ${formatDuration(target.criticalPathMs)}`;
  lines.push(target.within ? `${path} / ${formatDuration(target.within.ms)}` : path);
  if (target.purpose) lines.push(`*purpose:* ${md(target.purpose)}`);
  return lines.join('\n\n');
}

function boxHover(doc: ParsedDocument, st: BoxStatement): string {
  const label = st.label ? `**${md(st.label.value)}** (${code(formatName(st.name.value))})` : `**${md(st.name.value)}**`;
  const members = st.participants.map((d) => {
    const p = doc.analysis.model.participantById.get(d.name.value);
    const shown = p && p.displayName !== p.id ? ` — ${md(p.displayName)}` : '';
    return `- ${code(formatName(d.name.value))} ${d.kind}${shown}`;
  });
  const count = `${members.length} participant${members.length === 1 ? '' : 's'}`;
  return [`${label} — box, ${count}`, ...(members.length ? [members.join('\n')] : [])].join('\n\n');
}

/** One step of a critical path: a timed message, or a ref counting its sequence's path (v2). */
function pathStep(t: TimedItem): string {
  if (t.type === 'ref') return `ref ${md(t.target?.name ?? t.text)}: ${formatDuration(t.takes?.ms ?? 0)}`;
  return `${md(t.from)} → ${md(t.to)}${t.label ? ` “${md(t.label)}”` : ''}: ${formatDuration(t.takes!.ms)}`;
}

export function criticalPathLabel(seq: Sequence): string {
  const path = `critical path ${formatDuration(seq.criticalPath.ms)}`;
  return seq.within ? `${path} / ${formatDuration(seq.within.ms)}` : path;
}

function sequenceHover(seq: Sequence): string {
  const lines = [`**sequence** ${seq.name ? md(seq.name) : '*(unnamed)*'}`];
  const over = seq.within && seq.criticalPath.ms > seq.within.ms;
  lines.push(`${criticalPathLabel(seq)}${seq.within ? (over ? ' — **over budget**' : ' — within budget') : ''}`);
  if (seq.criticalPath.path.length) lines.push(seq.criticalPath.path.map((t) => `- ${pathStep(t)}`).join('\n'));
  for (const key of ['purpose', 'trigger', 'outcome', 'scenario'] as const) {
    const v = seq[key];
    if (v) lines.push(`*${key}:* ${md(v)}`);
  }
  return lines.join('\n\n');
}
