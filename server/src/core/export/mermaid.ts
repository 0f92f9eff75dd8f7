/**
 * `.seq` → Mermaid `sequenceDiagram`. Arrows change names (spec section 4): Lifeline `->` is
 * Mermaid `->>`, `-->` is `-->>`, `->>` is `-)`, `-->>` is `--)`. What Mermaid cannot say
 * (timing, kinds it lacks, descriptions, metadata, several sequences) travels as `%% lifeline: …`.
 */
import type { Analysis } from '../analyze';
import type { ArrowKind } from '../ast';
import { isEdgeId } from '../model';
import { exportBridge, seqFreeText, type Dialect } from './bridge';

const ARROW: Readonly<Record<ArrowKind, string>> = { '->': '->>', '-->': '-->>', '->>': '-)', '-->>': '--)', '-x': '-x', '--x': '--x' };

/** Words Mermaid reads as keywords: never written as a bare participant id. */
const KEYWORDS = new Set([
  'participant',
  'actor',
  'as',
  'end',
  'loop',
  'alt',
  'else',
  'opt',
  'par',
  'par_over',
  'and',
  'critical',
  'option',
  'break',
  'rect',
  'box',
  'note',
  'left',
  'right',
  'over',
  'of',
  'activate',
  'deactivate',
  'destroy',
  'create',
  'autonumber',
  'title',
  'link',
  'links',
  'properties',
  'details',
  'acctitle',
  'accdescr',
  'sequencediagram',
  'off',
]);

/**
 * Text as Mermaid reads it: `;` and entity-like `#…;` encoded, a line break as `<br/>`, and
 * `%%` broken up (`#37;%`): Mermaid obeys a `%%{init: …}%%` directive anywhere in the file.
 */
export function mermaidText(s: string): string {
  return s
    .replace(/#(?=[A-Za-z0-9]+;)|;|%(?=%)/g, (c) => (c === '#' ? '#35;' : c === ';' ? '#59;' : '#37;'))
    .replace(/<(?=br\s*\/?>)/gi, '#lt;')
    .replace(/\r\n|\r|\n/g, '<br/>')
    .trim();
}

const mermaid: Dialect = {
  start: ['sequenceDiagram'],
  finish: [],
  carry: (line) => `%% lifeline: ${line}`,
  comment: (text) => `%% ${text}`,
  safeId: (id) => /^[\p{L}\p{N}_][\p{L}\p{N}_.]*$/u.test(id) && !KEYWORDS.has(id.toLowerCase()),
  title: (text) => (/[\n]/.test(text) ? undefined : `title ${mermaidText(text)}`),
  overview: (text) =>
    text.includes('\n')
      ? ['  accDescr {', ...text.split('\n').map((l) => `    ${l.replace(/[{}]/g, '')}`), '  }']
      : [`  accDescr: ${mermaidText(text)}`],
  participant(p, id, display) {
    const alias = display !== undefined ? ` as ${mermaidText(display)}` : '';
    const typed = p.kind === 'database' || p.kind === 'queue' ? `@{ "type": "${p.kind}" }` : '';
    const keyword = p.kind === 'actor' ? 'actor' : 'participant';
    const exact = (p.kind === 'actor' || p.kind === 'participant' || typed !== '') && p.description === undefined && p.scope === 'internal';
    return { line: `${keyword} ${id}${typed}${alias}`, exact };
  },
  message: (from, arrow, activation, to, label) =>
    isEdgeId(from) || isEdgeId(to)
      ? undefined
      : `${from} ${ARROW[arrow]} ${activation ?? ''}${to}:${label ? ' ' + mermaidText(label) : ''}`,
  lifeline: (keyword, id) => `${keyword} ${id}`,
  create(p, id, display) {
    const exact = (p.kind === 'actor' || p.kind === 'participant') && p.description === undefined && p.scope === 'internal';
    return {
      line: `create ${p.kind === 'actor' ? 'actor' : 'participant'} ${id}${display !== undefined ? ` as ${mermaidText(display)}` : ''}`,
      exact,
    };
  },
  // `transparent` first, so a label that starts with a colour name stays the label.
  boxStart: (label) => `box transparent ${mermaidText(label)}`,
  boxEnd: 'end',
  ref: () => undefined,
  destroyPlacement: 'before',
  note: (position, targets, text) => `Note ${position} ${targets.join(',')}: ${mermaidText(text)}`,
  divider: () => undefined,
  delay: () => undefined,
  autonumber: (args) => (args === '' || args === 'off' || /^\d+( \d+)?$/.test(args) ? `autonumber${args ? ' ' + args : ''}` : undefined),
  // Mermaid has no labelled group: a see-through `rect`, with the `.seq` line carried before it.
  fragment: (kind, condition) =>
    kind === 'group'
      ? `%% lifeline: group${condition ? ' ' + seqFreeText(condition) : ''}\nrect rgba(0, 0, 0, 0)`
      : `${kind}${condition ? ' ' + mermaidText(condition) : ''}`,
  branch: (_owner, keyword, condition) => `${keyword}${condition ? ' ' + mermaidText(condition) : ''}`,
  end: 'end',
};

/** The analysed `.seq` as one Mermaid `sequenceDiagram`. */
export function exportMermaid(analysis: Analysis): string {
  return exportBridge(analysis, mermaid);
}
