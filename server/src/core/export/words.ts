/**
 * The diagram in words: participants by display name, each message as one sentence,
 * each fragment branch as a short phrase ("if wrong password", "in parallel: stock").
 * Every function returns Markdown with the user's text already escaped.
 */
import type { FragmentKind } from '../ast';
import type { ParticipantKindName } from '../diagnostics';
import { isEdgeId, type MessageItem, type Model, type NoteItem, type Participant, type RefItem } from '../model';
import { formatDuration } from '../timing';
import { guardLineStart, inline } from './escape';
import type { BranchPlace, RefStep, Step } from './steps';

/** A participant's display name as one line of escaped Markdown (the id when it is unknown). */
export function nameOf(model: Model, id: string): string {
  return inline(model.participantById.get(id)?.displayName ?? id);
}

/** True when a message's end is the diagram's edge (`[` or `]`, v2), not a participant called so. */
export function isEdgeEnd(model: Model, id: string): boolean {
  return isEdgeId(id) && !model.participantById.has(id);
}

/** A message end in a route: the display name, or `outside` for an edge. */
function endName(model: Model, id: string): string {
  return isEdgeEnd(model, id) ? 'outside' : nameOf(model, id);
}

/** Several names as English: `A`, `A and B`, `A, B and C`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const typeOfKind: Readonly<Record<ParticipantKindName, string>> = {
  actor: 'User',
  system: 'System',
  service: 'Service',
  database: 'Database',
  queue: 'Queue',
  participant: 'Participant',
};

/** `Auth (Auth Service)`, or the name alone when the display name is the id. */
export function participantTitle(p: Participant): string {
  const display = inline(p.displayName);
  const id = inline(p.id);
  return display === id ? id : `${id} (${display})`;
}

/** A message label in quotes, or undefined when it has none. */
function quotedLabel(m: MessageItem): string | undefined {
  const label = inline(m.label);
  return label === '' ? undefined : `'${label}'`;
}

/**
 * One message as a sentence without its final period:
 * - request `->`: "Frontend sends 'POST /login' to Auth"
 * - reply `-->`: "Auth returns 'token' to Frontend"
 * - asynchronous `->>` / `-->>`: the same, "… asynchronously"
 * - lost `-x` / `--x`: "The request 'x' from Frontend to Auth is lost"
 * - self messages name the target "itself";
 * - a creating message (v2): "Auth creates Session with 'new(userId)'";
 * - edge messages (v2): "Frontend receives 'GET /' from outside", "Auth sends 'audit' to outside".
 */
export function messageSentence(model: Model, m: MessageItem): string {
  const from = nameOf(model, m.from);
  const to = m.from === m.to ? 'itself' : endName(model, m.to);
  const label = quotedLabel(m);
  const reply = m.arrow.startsWith('--');
  const lost = m.arrow.endsWith('x');
  const async = m.arrow.endsWith('>>') ? ' asynchronously' : '';
  if (isEdgeEnd(model, m.from) && !lost) {
    const what = label ?? (reply ? 'a reply' : async ? 'an asynchronous message' : 'a request');
    return `${endName(model, m.to)} receives ${what} from outside${label ? async : ''}`;
  }
  if (m.creates !== undefined && !lost) {
    return label ? `${from} creates ${to} with ${label}${async}` : `${from} creates ${to}${async}`;
  }
  const source = endName(model, m.from);
  switch (m.arrow) {
    case '->':
    case '-->':
      if (label) return `${from} ${reply ? 'returns' : 'sends'} ${label} to ${to}`;
      return reply ? `${from} replies to ${to}` : `${from} sends a request to ${to}`;
    case '->>':
    case '-->>':
      if (label) return `${from} ${reply ? 'returns' : 'sends'} ${label} to ${to} asynchronously`;
      return reply ? `${from} replies to ${to} asynchronously` : `${from} sends an asynchronous message to ${to}`;
    case '-x':
    case '--x': {
      const what = reply ? 'reply' : 'request';
      return label ? `The ${what} ${label} from ${source} to ${to} is lost` : `A ${what} from ${source} to ${to} is lost`;
    }
  }
}

/** `'POST /login' (Frontend → Auth)`: a message in a table cell. */
export function messageShort(model: Model, m: MessageItem): string {
  const label = inline(m.label);
  const route = `${endName(model, m.from)} → ${endName(model, m.to)}`;
  return label === '' ? route : `'${label}' (${route})`;
}

/**
 * The phrase for "this happens inside that branch":
 * alt/else and critical's options read as conditions, opt as "only if", loop and par and
 * critical and group name their kind and label, break says that the sequence stops.
 */
export function branchPhrase(
  place: Pick<BranchPlace, 'index'> & { fragment: { kind: FragmentKind }; branch: { condition: string } },
): string {
  const c = inline(place.branch.condition);
  switch (place.fragment.kind) {
    case 'alt':
      if (c) return `if ${c}`;
      return place.index === 0 ? 'in the first case' : 'otherwise';
    case 'opt':
      return c ? `only if ${c}` : 'optionally';
    case 'break':
      return c ? `if ${c}, then stop` : 'on a break';
    case 'loop':
      return c ? `loop ${c}` : 'in a loop';
    case 'par':
      return c ? `in parallel: ${c}` : `in parallel, branch ${place.index + 1}`;
    case 'critical':
      if (place.index === 0) return c ? `critical: ${c}` : 'in a critical region';
      return c ? `if ${c}` : `alternative ${place.index}`;
    case 'group':
      return c || 'in a group';
  }
}

/** The branches around a step; past the innermost eight (all a step keeps), how many more. */
function placesPhrase(step: Pick<Step, 'places' | 'depth'>): string {
  const phrases = step.places.map(branchPhrase);
  if (step.depth > step.places.length) phrases.unshift(`inside ${step.depth - step.places.length} more fragments`);
  return phrases.join('; ');
}

/** One numbered step as a sentence, with its fragment context and autonumber when those help. */
export function stepSentence(model: Model, step: Step): string {
  const m = step.message;
  let s = messageSentence(model, m);
  if (m.destroys.length > 0) {
    const ended = listOf(m.destroys.map((id) => nameOf(model, id)));
    s += `; the lifeline of ${ended} ends`;
  }
  const notes: string[] = [];
  if (step.places.length > 0) notes.push(placesPhrase(step));
  if (m.number !== undefined && m.number !== step.n) notes.push(`numbered ${m.number} in the diagram`);
  if (notes.length > 0) s += ` (${notes.join('; ')})`;
  return guardLineStart(`${s}.`);
}

/**
 * A `ref` among the steps (v2): "Continues in *Login* (steps 1–4), over User and Auth."; a ref
 * into another file names it; a ref that names no sequence is a plain reference to its text.
 * `targetSteps` is the referenced sequence's step range in this document ('' when unknown).
 */
export function refSentence(model: Model, entry: RefStep, targetSteps: string): string {
  const { ref } = entry;
  const over = listOf(ref.participants.map((id) => nameOf(model, id)));
  const target = ref.target;
  let s: string;
  if (!target) s = `Refers to '${inline(ref.text)}'`;
  else {
    const where = target.file !== undefined ? ` in ${inline(target.file)}` : targetSteps ? ` (${targetSteps})` : '';
    s = `Continues in *${inline(target.name)}*${where}`;
  }
  if (over) s += `, over ${over}`;
  const notes: string[] = [];
  if (entry.places.length > 0) notes.push(placesPhrase(entry));
  if (ref.takes) notes.push(`its critical path takes ${formatDuration(ref.takes.ms)}`);
  if (notes.length > 0) s += ` (${notes.join('; ')})`;
  return guardLineStart(`${s}.`);
}

/** A ref as a short phrase in a list of what a branch does: "continues in *Login*". */
export function refPhrase(ref: RefItem): string {
  if (!ref.target) return `refers to '${inline(ref.text)}'`;
  return `continues in *${inline(ref.target.name)}*${ref.target.file !== undefined ? ` in ${inline(ref.target.file)}` : ''}`;
}

/** Where a note stands: `right of Shopper`, `over Shop Backend and Payment Gateway`. */
export function notePlace(model: Model, note: NoteItem): string {
  return `${note.position} ${listOf(note.participants.map((id) => nameOf(model, id)))}`;
}
