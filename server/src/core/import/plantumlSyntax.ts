/**
 * PlantUML's small grammars, one function each: participant declarations (`"Long" as L`),
 * messages (arrows in both directions, edges, `++`/`--`/`**`/`!!`), and which lines are
 * styling or preprocessing that Lifeline has no use for.
 */
import type { ArrowKind } from '../ast';

export interface Declaration {
  readonly keyword: string;
  readonly id: string;
  readonly display?: string;
  /** Things written that Lifeline drops (colour, stereotype, order). */
  readonly extras: readonly string[];
}

const QUOTED = /^"((?:[^"])*)"/;
const BARE = /^[^\s"#<]+/u;

/** `participant "Long name" as L #red <<stereo>> order 10`, and the other orders of name and alias. */
export function readDeclaration(keyword: string, rest: string): Declaration | undefined {
  let s = rest.trim();
  const take = (): { text: string; quoted: boolean } | undefined => {
    const m = QUOTED.exec(s) ?? BARE.exec(s);
    if (!m) return undefined;
    s = s.slice(m[0].length).trim();
    return { text: m[0].startsWith('"') ? m[1] : m[0], quoted: m[0].startsWith('"') };
  };
  const first = take();
  if (!first) return undefined;
  let id = first.text;
  let display: string | undefined;
  if (/^as\s/i.test(s)) {
    s = s.slice(2).trim();
    const second = take();
    if (!second) return undefined;
    // `"Long" as L` and `Long as L`: the alias is the id; `L as "Long"`: the quoted one is shown.
    if (second.quoted && !first.quoted) display = second.text;
    else {
      id = second.text;
      display = first.text;
    }
  } else if (first.quoted) {
    display = undefined;
  }
  const extras: string[] = [];
  for (const m of s.matchAll(/<<[^>]*>>|#\S+|order\s+-?\d+|\$\S+/g)) extras.push(m[0]);
  const left = s.replace(/<<[^>]*>>|#\S+|order\s+-?\d+|\$\S+/g, '').trim();
  if (left !== '') return undefined;
  return { keyword, id, display: display !== undefined && display !== id ? display.replace(/\\n/g, '\n') : undefined, extras };
}

export interface Message {
  readonly from: string;
  readonly to: string;
  readonly arrow: ArrowKind;
  /** `++` on the target, `--` on the source, `**` create target, `!!` destroy target. */
  readonly marks: readonly string[];
  readonly label?: string;
  /** What the arrow said that Lifeline does not draw (colour, circle, half head, both heads). */
  readonly lost: readonly string[];
}

const NAME = String.raw`"[^"]*"|[\p{L}\p{N}_.@$]+`;
const ARROW = String.raw`[ox]?(?:<<|<|\\\\|\\|//|/)?-+(?:\[[^\]]*\]-*)?(?:>>|>|\\\\|\\|//|/)?[ox]?`;
const MESSAGE = new RegExp(String.raw`^(\[|\?|${NAME})?\s*(${ARROW})\s*(\]|\?|${NAME})?\s*((?:(?:\+\+|--|\*\*|!!)\s*)*)(?::(.*))?$`, 'u');

/** A message line, or undefined when the line is no message. */
export function readMessage(s: string): Message | undefined {
  const m = MESSAGE.exec(s);
  if (!m || (m[1] === undefined && m[3] === undefined)) return undefined;
  const arrow = m[2];
  const lost: string[] = [];
  const colour = /\[[^\]]*\]/.exec(arrow);
  if (colour) lost.push(`arrow style ${colour[0]}`);
  const bare = arrow.replace(/\[[^\]]*\]/, '');
  const left = /^[ox]?(<<|<|\\\\|\\|\/\/|\/)?/.exec(bare)![1] ?? '';
  const right = /(>>|>|\\\\|\\|\/\/|\/)?[ox]?$/.exec(bare)![1] ?? '';
  const reversed = left !== '' && right === '';
  if (left !== '' && right !== '') lost.push('a two-headed arrow is drawn with one head');
  const head = reversed ? left : right;
  const tail = reversed ? /[ox]$/.exec(bare)?.[0] : /^[ox]/.exec(bare)?.[0];
  const tip = reversed ? /^[ox]/.exec(bare)?.[0] : /[ox]$/.exec(bare)?.[0];
  if (tail === 'o' || tip === 'o') lost.push('a circle on the arrow');
  if (tail === 'x') lost.push('a cross at the start of the arrow');
  if (head === '\\' || head === '/' || head === '\\\\' || head === '//') lost.push('a half arrowhead is drawn whole');
  const dotted = /--/.test(bare);
  const async = head === '>>' || head === '<<' || head === '\\\\' || head === '//';
  const kind: ArrowKind = tip === 'x' ? (dotted ? '--x' : '-x') : async ? (dotted ? '-->>' : '->>') : dotted ? '-->' : '->';
  let from = unquote(m[1] ?? '[');
  let to = unquote(m[3] ?? ']');
  if (reversed) [from, to] = [to, from];
  if (from === '?' || to === '?') lost.push("a short arrow `?` is drawn from the diagram's edge");
  from = from === '?' ? '[' : from;
  to = to === '?' ? ']' : to;
  const marks = (m[4] ?? '').split(/\s+/).filter(Boolean);
  return { from, to, arrow: kind, marks, label: m[5]?.trim(), lost };
}

function unquote(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1) : s;
}

/** Styling, preprocessing and page layout: dropped with a notice. Returns what it is, for the notice. */
export function droppedCommand(s: string): string | undefined {
  if (s.startsWith('!')) return `preprocessor \`${s.split(/\s/)[0]}\``;
  const word = /^[A-Za-z_]+/.exec(s)?.[0].toLowerCase();
  switch (word) {
    case 'skinparam':
      return '`skinparam` (styling)';
    case 'hide':
    case 'show':
      return `\`${word}\` (display option)`;
    case 'scale':
      return '`scale`';
    case 'caption':
      return '`caption`';
    case 'newpage':
      return '`newpage` (pages are not split)';
    case 'autoactivate':
      return '`autoactivate`';
    case 'mainframe':
      return '`mainframe`';
    case 'header':
    case 'footer':
    case 'center':
    case 'left':
    case 'right':
      return `\`${s.split(/\s/).slice(0, 2).join(' ')}\` (page decoration)`;
    case 'sprite':
      return '`sprite`';
    case 'legend':
      return '`legend`';
    case 'allowmixing':
    case 'allow_mixing':
      return '`allowmixing`';
    default:
      return undefined;
  }
}

/** Multi-line constructs that are dropped whole: opener test and the line that closes them. */
export function droppedBlock(s: string): RegExp | undefined {
  if (/^skinparam\b[^{]*\{\s*$/i.test(s)) return /^\}\s*$/;
  if (/^sprite\b.*\{\s*$/i.test(s)) return /^\}\s*$/;
  if (/^<style>/i.test(s)) return /<\/style>\s*$/i;
  if (/^legend\b/i.test(s)) return /^end\s*legend\s*$/i;
  if (/^(center\s+|left\s+|right\s+)?header\s*$/i.test(s)) return /^end\s*header\s*$/i;
  if (/^(center\s+|left\s+|right\s+)?footer\s*$/i.test(s)) return /^end\s*footer\s*$/i;
  return undefined;
}
