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
  'participant',
  'actor',
  'boundary',
  'control',
  'entity',
  'database',
  'collections',
  'queue',
  'as',
  'end',
  'loop',
  'alt',
  'else',
  'opt',
  'par',
  'critical',
  'break',
  'group',
  'note',
  'hnote',
  'rnote',
  'ref',
  'over',
  'of',
  'left',
  'right',
  'activate',
  'deactivate',
  'destroy',
  'create',
  'return',
  'autonumber',
  'title',
  'box',
  'newpage',
  'skinparam',
  'hide',
  'show',
]);

/**
 * Text as PlantUML reads it: a line break as `\n`, and the `%` of what reads as a preprocessor
 * call (`%getenv("HOME")`, evaluated anywhere in a line) as `<U+0025>`, which PlantUML shows as `%`.
 */
export function plantumlText(s: string): string {
  return s
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(PREPROCESSOR_CALL, '<U+0025>')
    .trim();
}

/** The `%` of a PlantUML builtin call: `%name(`. */
export const PREPROCESSOR_CALL = /%(?=[A-Za-z_]\w*\s*\()/g;

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
    const exact =
      p.kind !== 'system' && p.kind !== 'service' && p.description === undefined && p.scope === 'internal' && !display?.includes('"');
    const named = display !== undefined ? `"${plantumlText(display).replace(/"/g, "'")}" as ${id}` : id;
    return { line: `${keyword} ${named}`, exact };
  },
  message: (from, arrow, activation, to, label) =>
    `${messageHead(from, arrow, to)}${activation === '+' ? ' ++' : activation === '-' ? ' --' : ''} :${label ? ' ' + plantumlText(label) : ''}`,
  lifeline: (keyword, id) => `${keyword} ${id}`,
  create(p, id, display) {
    const keyword = p.kind === 'actor' || p.kind === 'database' || p.kind === 'queue' ? p.kind : 'participant';
    const exact = p.kind !== 'system' && p.kind !== 'service' && p.description === undefined && p.scope === 'internal';
    return { line: `create ${keyword} ${display !== undefined ? `"${plantumlText(display).replace(/"/g, "'")}" as ${id}` : id}`, exact };
  },
  boxStart: (label) => `box "${plantumlText(label).replace(/"/g, "'")}"`,
  boxEnd: 'end box',
  ref: (targets, text) => `ref over ${targets.join(', ')} : ${plantumlText(text)}`,
  destroyPlacement: 'after',
  note: (position, targets, text) => `note ${position} ${targets.join(', ')} : ${plantumlText(text)}`,
  divider: (text) => (text ? `== ${plantumlText(text)} ==` : undefined),
  delay: (text) => (text ? `...${plantumlText(text)}...` : '...'),
  autonumber: (args) =>
    args === '' || /^\d+( \d+)?$/.test(args) || /^resume( \d+)?$/.test(args)
      ? `autonumber${args ? ' ' + args : ''}`
      : args === 'off' || args === 'stop'
        ? 'autonumber stop'
        : undefined,
  fragment: (kind, condition) => `${kind}${condition ? ' ' + plantumlText(condition) : ''}`,
  // PlantUML separates the branches of every fragment with `else`.
  branch: (_owner, _keyword, condition) => `else${condition ? ' ' + plantumlText(condition) : ''}`,
  end: 'end',
};

/** Sender, arrow and target; an edge (`[`, `]`) is written against the arrow, as PlantUML wants it. */
function messageHead(from: string, arrow: ArrowKind, to: string): string {
  const a = ARROW[arrow];
  const reversed = a.replace(
    /^(-+)(>>|>)(x?)$/,
    (_, dashes: string, head: string, x: string) => `${x}${head === '>>' ? '<<' : '<'}${dashes}`,
  );
  if (from === '[') return `[${a} ${to}`;
  if (to === ']') return `${from} ${a}]`;
  if (to === '[') return `[${reversed} ${from}`;
  if (from === ']') return `${to} ${reversed}]`;
  return `${from} ${a} ${to}`;
}

/** The analysed `.seq` as one PlantUML sequence diagram. */
export function exportPlantUml(analysis: Analysis): string {
  return exportBridge(analysis, plantuml);
}
