/**
 * The design document: the seed template "Sequence Diagrams" filled in from a `.seq` model.
 *
 * Sections follow the template's order and headings. A section with nothing to say
 * is left out, so the output never holds a template placeholder. All user text is
 * escaped for Markdown (./escape.ts); diagrams are embedded exactly as `lifeline render`
 * prints them (./diagram.ts), in fences longer than any backtick run they contain.
 *
 * Decisions (see also ./classify.ts for which sequence goes where):
 * - the actors table has four columns, `Actor/System | Description | Type | Scope`, and a
 *   fifth, `Group` (the box's label), when the file has boxes (v2);
 * - a `ref` (v2) sits among the steps as a line of its own, unnumbered (the drawing numbers
 *   messages only, and a message's number there is its step number): the steps around it
 *   continue their numbering;
 * - every sequence, whatever its section, gets purpose/trigger/outcome, its diagram,
 *   its steps and its alternative flows; error sequences lead with **Scenario**,
 *   integration sequences with **System**;
 * - alternative flows are the branches of `alt`/`else`, `opt`, `break`, and the
 *   `option` branches of `critical` (the critical region itself is the main path);
 * - line breaks use a trailing backslash (CommonMark hard break), which survives
 *   editors that trim trailing blanks.
 */
import { criticalPathOf } from '../checks';
import type { MessageItem, Model, Sequence, TimedItem } from '../model';
import { formatDuration } from '../timing';
import { diagramOf, documentText, flowChain, type Charset } from './diagram';
import { capitalise, cell, fence, flatten, heading, inline, lineStart, rawCell, relativeLink } from './escape';
import { integrationPartners, sectionOf, type SequenceSection } from './classify';
import { readSequence, stepRange, type BranchSteps, type FragmentSteps, type RefStep, type SequenceReading, type Step } from './steps';
import {
  branchPhrase,
  isEdgeEnd,
  listOf,
  messageSentence,
  messageShort,
  nameOf,
  notePlace,
  participantTitle,
  refPhrase,
  refSentence,
  stepSentence,
  typeOfKind,
} from './words';

export type { Charset } from './diagram';

export interface ExportOptions {
  /** Diagram charset: `ascii` (the default) or `unicode`. */
  readonly charset?: Charset;
  /** The source file's name (e.g. `checkout.seq`), shown under Document Information. */
  readonly sourceName?: string;
  /**
   * Where each sequence's picture is, relative to the document (e.g. `doc-login.svg`): the
   * document links it instead of embedding the text diagram. The caller writes the files.
   */
  readonly diagramImage?: (sequence: Sequence, title: string) => string;
}

/** The diagrams alone, exactly as `lifeline render` prints them. */
export function exportText(model: Model, options: ExportOptions = {}): string {
  return documentText(model, options.charset ?? 'ascii');
}

/** The filled-in design document as CommonMark (with GFM tables), ending in one newline. */
export function exportMarkdown(model: Model, options: ExportOptions = {}): string {
  const doc = new DocumentContext(model, options.charset ?? 'ascii', options.diagramImage);
  const blocks: (string | undefined)[] = [
    `# ${model.title !== undefined && flatten(model.title) !== '' ? heading(model.title) : 'Sequence Diagrams'}`,
    documentInformation(model, options.sourceName),
    paragraphSection('Diagram Overview', model.metadata.overview),
    actorsAndSystems(model),
    sequenceSection(doc, 'main'),
    processFlows(doc),
    sequenceSection(doc, 'error'),
    sequenceSection(doc, 'integration'),
    timing(doc),
    concurrency(doc),
    paragraphSection('Security Considerations', model.metadata.security),
    notesAndAssumptions(doc),
    relatedDiagrams(model),
  ];
  return `${blocks.filter((b): b is string => b !== undefined).join('\n\n')}\n`;
}

/** What every section needs: the model, the charset, each sequence's section and reading. */
class DocumentContext {
  /** Each sequence with its section, its reading and the name tables use (`Sequence N` when it has none). */
  readonly sequences: readonly { sequence: Sequence; section: SequenceSection; reading: SequenceReading; named: boolean; title: string }[];

  constructor(
    readonly model: Model,
    readonly charset: Charset,
    readonly diagramImage?: ExportOptions['diagramImage'],
  ) {
    // The implicit sequence of a file with no participant and no statement draws nothing: leave it out.
    const drawn = model.sequences.filter((s) => !(s.implicit && s.items.length === 0 && s.lifelines.length === 0));
    this.sequences = drawn.map((sequence, i) => ({
      sequence,
      section: sectionOf(model, sequence),
      reading: readSequence(sequence),
      named: flatten(sequence.name) !== '',
      title: flatten(sequence.name) !== '' ? sequence.name : `Sequence ${i + 1}`,
    }));
  }
}

type SequenceEntry = DocumentContext['sequences'][number];

/** Lines of a block separated by hard line breaks. */
function lines(parts: readonly string[]): string {
  return parts.join('\\\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

function documentInformation(model: Model, sourceName: string | undefined): string | undefined {
  const m = model.metadata;
  const fields: [string, string | undefined][] = [
    ['Project', m.project],
    ['Version', m.version],
    ['Date', m.date],
    ['Designer', m.designer],
    ['Source', sourceName],
  ];
  const given = fields.filter((f): f is [string, string] => f[1] !== undefined && flatten(f[1]) !== '');
  if (given.length === 0) return undefined;
  return `## Document Information\n\n${lines(given.map(([k, v]) => `**${k}**: ${inline(v)}`))}`;
}

function paragraphSection(title: string, text: string | undefined): string | undefined {
  if (text === undefined || flatten(text) === '') return undefined;
  return `## ${title}\n\n${lineStart(text)}`;
}

function actorsAndSystems(model: Model): string | undefined {
  if (model.participants.length === 0) return undefined;
  const boxLabel = new Map((model.boxes ?? []).map((b) => [b.id, b.label]));
  const grouped = boxLabel.size > 0;
  const rows = model.participants.map((p) => {
    const row = [participantTitle(p), cell(p.description ?? ''), typeOfKind[p.kind], p.scope === 'external' ? 'External' : 'Internal'];
    if (grouped) row.push(cell(p.box !== undefined ? (boxLabel.get(p.box) ?? p.box) : ''));
    return row;
  });
  const header = ['Actor/System', 'Description', 'Type', 'Scope', ...(grouped ? ['Group'] : [])];
  return `## Key Actors and Systems\n\n${table(header, rows)}`;
}

const sectionTitles: Readonly<Record<SequenceSection, string>> = {
  main: 'Sequence Diagrams',
  error: 'Error Handling Sequences',
  integration: 'Integration Sequences',
};

function sequenceSection(doc: DocumentContext, section: SequenceSection): string | undefined {
  const entries = doc.sequences.filter((e) => e.section === section);
  if (entries.length === 0) return undefined;
  const parts = entries.map((e, i) => sequenceBlock(doc, e, i + 1));
  return `## ${sectionTitles[section]}\n\n${parts.join('\n\n')}`;
}

function sequenceHeading(e: SequenceEntry, n: number): string {
  const name = heading(e.title);
  switch (e.section) {
    case 'main':
      return e.named ? `### Sequence ${n}: ${name}` : `### Sequence ${n}`;
    case 'error':
      return `### Error Sequence: ${name}`;
    case 'integration':
      return `### Integration Sequence: ${name}`;
  }
}

function sequenceBlock(doc: DocumentContext, e: SequenceEntry, n: number): string {
  const s = e.sequence;
  const fields: string[] = [];
  if (e.section === 'error' && s.scenario !== undefined) fields.push(`**Scenario**: ${inline(s.scenario)}`);
  if (e.section === 'integration') fields.push(`**System**: ${integrationSystems(doc.model, s)}`);
  for (const [label, value] of [
    ['Purpose', s.purpose],
    ['Trigger', s.trigger],
    ['Outcome', s.outcome],
  ] as const) {
    if (value !== undefined && flatten(value) !== '') fields.push(`**${label}**: ${inline(value)}`);
  }
  const blocks = [sequenceHeading(e, n)];
  if (fields.length > 0) blocks.push(lines(fields));
  blocks.push(doc.diagramImage ? imageLink(e.title, doc.diagramImage(s, e.title)) : diagramBlock(doc, s));
  if (e.reading.entries.length > 0) blocks.push(`**Steps**:${stepsBlock(doc, e.reading)}`);
  const alternatives = alternativeFlows(doc, e.reading);
  if (alternatives) blocks.push(`**Alternative Flows**:\n${alternatives}`);
  return blocks.join('\n\n');
}

/**
 * The steps as ordered lists, each ref a paragraph of its own between them (a list resumed
 * after one starts at its next number). Follows `**Steps**:` directly.
 */
function stepsBlock(doc: DocumentContext, reading: SequenceReading): string {
  let out = '';
  let inList = false;
  for (const entry of reading.entries) {
    if ('ref' in entry) {
      out += `\n\n→ ${refSentence(doc.model, entry, refTargetSteps(doc, entry))}`;
      inList = false;
    } else {
      out += `${inList ? '\n' : out === '' ? '\n' : '\n\n'}${entry.n}. ${stepSentence(doc.model, entry)}`;
      inList = true;
    }
  }
  return out;
}

/** `steps 1–4` of the same-file sequence a ref names, '' when it names none here or that one has no step. */
function refTargetSteps(doc: DocumentContext, entry: RefStep): string {
  const target = entry.ref.target;
  if (!target || target.file !== undefined) return '';
  const e = doc.sequences.find((x) => x.sequence.name === target.name);
  return e ? stepRange(e.reading.steps) : '';
}

/** The drawing in a fence, exactly as `render` prints it; past the size limit that is the renderer's notice. */
function diagramBlock(doc: DocumentContext, s: Sequence): string {
  return fence(diagramOf(doc.model, s, doc.charset).lines.join('\n'));
}

/** The picture instead of the text: `![Sequence diagram: name](file.svg)`. */
function imageLink(title: string, path: string): string {
  const destination = encodeURI(path.replace(/\\/g, '/')).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `![Sequence diagram: ${inline(title)}](${destination})`;
}

function integrationSystems(model: Model, s: Sequence): string {
  const { external, queues } = integrationPartners(model, s);
  const ext = external.map((p) => inline(p.displayName));
  const q = queues.map((p) => inline(p.displayName));
  if (ext.length === 0) return `${listOf(q)} (${q.length === 1 ? 'queue' : 'queues'})`;
  return q.length === 0 ? `${listOf(ext)} (external)` : `${listOf(ext)} (external), via ${listOf(q)}`;
}

const ALTERNATIVE_KINDS = new Set(['alt', 'opt', 'break', 'critical']);

function isAlternative(b: BranchSteps): boolean {
  if (!ALTERNATIVE_KINDS.has(b.fragment.kind)) return false;
  return b.fragment.kind !== 'critical' || b.index > 0;
}

/** One list item per alternative branch: its condition, its steps, and what happens in them. */
function alternativeFlows(doc: DocumentContext, reading: SequenceReading): string | undefined {
  const items = reading.fragments
    .flatMap((f) => f.branches.filter(isAlternative))
    .map((b) => {
      const range = stepRange(b.steps);
      const stops = b.fragment.kind === 'break';
      const c = inline(b.branch.condition);
      const label = stops ? (c ? `If ${c}` : 'On a break') : capitalise(branchPhrase(b));
      const where = [range, stops ? 'then the sequence stops' : ''].filter((x) => x !== '').join(', ');
      const what = stepsInWords(doc, b.entries);
      return `- **${label}**${where ? ` (${where})` : ''}: ${what}`;
    });
  return items.length > 0 ? items.join('\n') : undefined;
}

function processFlows(doc: DocumentContext): string | undefined {
  const flows = doc.model.flows;
  if (flows.length === 0) return undefined;
  const blocks = flows.map((f, i) => {
    const name = flatten(f.name) !== '' ? heading(f.name) : `Flow ${i + 1}`;
    return `### ${name}\n\n${fence(flowChain(doc.model, f, doc.charset))}`;
  });
  return `## Process Flows\n\n${blocks.join('\n\n')}`;
}

function timing(doc: DocumentContext): string | undefined {
  const perf = doc.sequences
    .filter((e) => e.sequence.within !== undefined || e.sequence.criticalPath.path.length > 0)
    .map((e) => [cell(e.title), e.sequence.within ? formatDuration(e.sequence.within.ms) : '—', criticalPathCell(doc, e)]);
  const timeouts = doc.sequences.flatMap((e) =>
    e.reading.steps
      .filter((st) => st.message.timeout !== undefined)
      .map((st) => [
        `${cell(e.title)}, step ${st.n}: ${messageShort(doc.model, st.message)}`,
        formatDuration(st.message.timeout!.duration.ms),
        cell(st.message.timeout!.action ?? ''),
      ]),
  );
  const parts: string[] = [];
  if (perf.length > 0) parts.push(`### Performance Requirements\n\n${table(['Sequence', 'Max Duration', 'Critical Path'], perf)}`);
  if (timeouts.length > 0) parts.push(`### Timeout Handling\n\n${table(['Step', 'Timeout', 'Action'], timeouts)}`);
  return parts.length > 0 ? `## Timing Considerations\n\n${parts.join('\n\n')}` : undefined;
}

/** `'GET /summary' (step 2, 30 ms) + *Login* (ref, 150 ms) + … = 270 ms`, with a warning when over the budget. */
function criticalPathCell(doc: DocumentContext, e: SequenceEntry): string {
  const path = e.sequence.criticalPath;
  const items: readonly TimedItem[] = path.path;
  if (items.length === 0) return 'No step has an expected duration (`takes`).';
  const steps = items.map((m) =>
    m.type === 'ref'
      ? `*${inline(m.target?.name ?? m.text)}* (ref, ${formatDuration(m.takes?.ms ?? 0)})`
      : `${stepName(doc, m)} (step ${e.reading.stepOf.get(m)?.n ?? '?'}, ${formatDuration(m.takes!.ms)})`,
  );
  let text = `${steps.join(' + ')} = **${formatDuration(path.ms)}**`;
  const within = e.sequence.within;
  if (within && path.ms > within.ms) text += `, over the budget by ${formatDuration(path.ms - within.ms)}`;
  return rawCell(text);
}

function stepName(doc: DocumentContext, m: MessageItem): string {
  const label = inline(m.label);
  const end = (id: string) => (isEdgeEnd(doc.model, id) ? 'outside' : nameOf(doc.model, id));
  return label !== '' ? `'${label}'` : `${end(m.from)} → ${end(m.to)}`;
}

function concurrency(doc: DocumentContext): string | undefined {
  const blocks = doc.sequences.flatMap((e) => {
    const pars = e.reading.fragments.filter((f) => f.fragment.kind === 'par');
    if (pars.length === 0) return [];
    return [`### Parallel Processing: ${heading(e.title)}\n\n${pars.map((f) => parallelBlock(doc, f)).join('\n\n')}`];
  });
  return blocks.length > 0 ? `## Concurrency Patterns\n\n${blocks.join('\n\n')}` : undefined;
}

/** Listed per branch; past that, a count: nested fragments repeat their steps in every branch around them. */
const MAX_LISTED = 20;

/** A branch's messages (and refs) in words: up to twenty, then how many more. */
function stepsInWords(doc: DocumentContext, steps: readonly (Step | RefStep)[]): string {
  if (steps.length === 0) return 'No message is sent.';
  const shown = steps
    .slice(0, MAX_LISTED)
    .map((st) => ('ref' in st ? refPhrase(st.ref) : messageSentence(doc.model, st.message)))
    .join('; ');
  return steps.length > MAX_LISTED ? `${shown}; and ${steps.length - MAX_LISTED} more.` : `${shown}.`;
}

function parallelBlock(doc: DocumentContext, f: FragmentSteps): string {
  const all = f.branches.flatMap((b) => b.steps);
  const range = stepRange(all);
  const count = f.branches.length;
  let intro = `${range ? capitalise(range) : 'Nothing'} ${count === 1 ? 'in one branch' : `run in ${count} parallel branches`}`;
  // Said of blocks less than eight deep only: each walks everything inside it, and par blocks
  // nested ten thousand deep made that quadratic.
  const longest = count > 1 && f.depth < 8 ? criticalPathOf([f.fragment]) : undefined;
  if (longest && longest.ms > 0) intro += `; the block takes as long as its longest branch, ${formatDuration(longest.ms)}`;
  const items = f.branches.map((b) => {
    const label = inline(b.branch.condition) || `Branch ${b.index + 1}`;
    const where = stepRange(b.steps);
    const what = stepsInWords(doc, b.entries);
    return `- **${label}**${where ? ` (${where})` : ''}: ${what}`;
  });
  return `${intro}:\n\n${items.join('\n')}`;
}

function notesAndAssumptions(doc: DocumentContext): string | undefined {
  const items: string[] = [];
  doc.model.metadata.assumptions.forEach((a, i) => {
    if (flatten(a) !== '') items.push(`- **Assumption ${i + 1}**: ${inline(a)}`);
  });
  let n = 0;
  for (const e of doc.sequences) {
    for (const note of e.reading.notes) {
      if (flatten(note.text) === '') continue;
      n++;
      items.push(`- **Note ${n}** (${inline(e.title)}, ${notePlace(doc.model, note)}): ${inline(note.text)}`);
    }
  }
  return items.length > 0 ? `## Notes and Assumptions\n\n${items.join('\n')}` : undefined;
}

function relatedDiagrams(model: Model): string | undefined {
  const related = model.metadata.related.filter((r) => flatten(r.path) !== '');
  if (related.length === 0) return undefined;
  return `## Related Diagrams\n\n${related.map((r) => `- ${relativeLink(r.path)}`).join('\n')}`;
}
