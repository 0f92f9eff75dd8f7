/**
 * `.seq` → PlantUML sequence diagram (`@startuml` … `@enduml`). PlantUML's arrows mean what
 * Lifeline's do (`->>` is asynchronous in both); `destroy` ends a lifeline where it stands, so it
 * is written after the destroying message. What PlantUML cannot say travels as `' lifeline: …`.
 */
import type { Analysis } from '../analyze';
import type { ArrowKind } from '../ast';
import { exportBridge, type Dialect } from './bridge';

const ARROW: Readonly<Record<ArrowKind, string>> = { '->': '->', '-->': '-->', '->>': '->>', '-->>': '-->>', '-x': '->x', '--x': '-->x' };

const KEYWORDS = new Set([
  'participant', 'actor', 'boundary', 'control', 'entity', 'database', 'collections', 'queue', 'as', 'end', 'loop', 'alt',
  'else', 'opt', 'par', 'critical', 'break', 'group', 'note', 'hnote', 'rnote', 'ref', 'over', 'of', 'left', 'right',
  'activate', 'deactivate', 'destroy', 'create', 'return', 'autonumber', 'title', 'box', 'newpage', 'skinparam', 'hide', 'show',
]);

/** Text as PlantUML reads it: a line break as `\n`. */
export function plantumlText(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '\\n').trim();
}

const plantuml: Dialect = {
  start: ['@startuml'],
  finish: ['@enduml'],
  carry: (line) => `' lifeline: ${line}`,
  comment: (text) => `' ${text}`,
  safeId: (id) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !KEYWORDS.has(id.toLowerCase()),
  title: (text) => `title ${plantumlText(text)}`,
  overview: () => undefined,
  participant(p, id, display) {
    const keyword = p.kind === 'actor' || p.kind === 'database' || p.kind === 'queue' ? p.kind : 'participant';
    const exact = p.kind !== 'system' && p.kind !== 'service' && p.description === undefined && p.scope === 'internal' && !display?.includes('"');
    const named = display !== undefined ? `"${plantumlText(display).replace(/"/g, "'")}" as ${id}` : id;
    return { line: `${keyword} ${named}`, exact };
  },
  message: (from, arrow, activation, to, label) =>
    `${from} ${ARROW[arrow]} ${to}${activation === '+' ? ' ++' : activation === '-' ? ' --' : ''} :${label ? ' ' + plantumlText(label) : ''}`,
  lifeline: (keyword, id) => `${keyword} ${id}`,
  destroyPlacement: 'after',
  note: (position, targets, text) => `note ${position} ${targets.join(', ')} : ${plantumlText(text)}`,
  divider: (text) => (text ? `== ${plantumlText(text)} ==` : undefined),
  delay: (text) => (text ? `...${plantumlText(text)}...` : '...'),
  autonumber: (args) =>
    args === '' || /^\d+( \d+)?$/.test(args) ? `autonumber${args ? ' ' + args : ''}` : args === 'off' ? 'autonumber stop' : args === 'resume' ? 'autonumber resume' : undefined,
  fragment: (kind, condition) => `${kind}${condition ? ' ' + plantumlText(condition) : ''}`,
  // PlantUML separates the branches of every fragment with `else`.
  branch: (_owner, _keyword, condition) => `else${condition ? ' ' + plantumlText(condition) : ''}`,
  end: 'end',
};

/** The analysed `.seq` as one PlantUML sequence diagram. */
export function exportPlantUml(analysis: Analysis): string {
  return exportBridge(analysis, plantuml);
}
