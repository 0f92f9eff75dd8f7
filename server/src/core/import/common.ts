/**
 * What the Mermaid and PlantUML readers share: the result shape, the writer of `.seq` lines
 * that remembers where each line came from, and the text and name conversions.
 */
import { formatName } from '../names';

/** Something the reader could not carry over, at its 1-based line in the input. */
export interface ImportNotice {
  readonly line: number;
  readonly message: string;
}

/** A syntax error in the input's own language, 1-based line and column. */
export interface ImportError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ImportResult {
  /** The `.seq` text (ends with a line break when not empty). */
  readonly text: string;
  readonly notices: readonly ImportNotice[];
  readonly errors: readonly ImportError[];
  /** For each output line (0-based), the input line (0-based) it came from. */
  readonly lineMap: readonly number[];
}

/** A `.seq` line and the input line (0-based) it came from. */
export interface OutLine {
  readonly text: string;
  readonly from: number;
}

/**
 * Collects one diagram's output in two parts: `head` (declarations and boxes, which `.seq`
 * wants at top level) and `body` (everything else, in order).
 */
export class DiagramWriter {
  readonly head: OutLine[] = [];
  readonly body: OutLine[] = [];
  readonly notices: ImportNotice[] = [];
  readonly errors: ImportError[] = [];
  /** Ids declared by a `lifeline:` comment: the native declaration that follows is left out. */
  readonly declaredByComment = new Set<string>();
  /** Participants used before (or without) a declaration: where in `head` Mermaid and PlantUML would place them. */
  private readonly implicit = new Map<string, { at: number; from: number }>();
  private readonly declared = new Set<string>();
  /** A `lifeline: sequence …` comment was read: the file holds several sequences, whose participants stay as written. */
  severalSequences = false;
  /** The input line offset of this diagram inside its file (Markdown fences, `@startuml` blocks). */
  constructor(readonly lineOffset: number) {}

  /** Ids the exporter had to change (`lifeline: # id P1 "x-y"`), back to the `.seq` id. */
  private readonly renames = new Map<string, string>();

  /** The `.seq` id for a name read from the input. */
  rename(name: string): string {
    return this.renames.get(name) ?? name;
  }

  /** Reads a carried `# id P1 "x-y" [implicit]` line: true when it was one. */
  carriedId(line: string): boolean {
    const m = /^# id (\S+) ("(?:[^"\\]|\\.)*"|\S+)( implicit)?$/.exec(line.trim());
    if (!m) return false;
    const id = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)) : m[2];
    this.renames.set(m[1], id);
    // An implicit participant stays implicit: the declaration the other language needed is left out.
    if (m[3]) this.declaredByComment.add(id);
    return true;
  }

  declare(id: string): void {
    this.declared.add(id);
  }

  /** A participant used in a statement: both tools order lifelines by first appearance, so it is declared there. */
  use(id: string, from: number): void {
    if (id === '[' || id === ']' || this.declared.has(id) || this.implicit.has(id)) return;
    this.implicit.set(id, { at: this.head.length, from: from + this.lineOffset });
  }

  /** Declares the participants that were only used, each where it first appeared among the declarations. */
  finish(): void {
    if (this.severalSequences) return;
    const late = [...this.implicit].filter(([id]) => !this.declared.has(id)).reverse();
    for (const [id, { at, from }] of late) this.head.splice(at, 0, { text: `participant ${seqName(id)}`, from });
  }

  line(text: string, from: number, toHead = false): void {
    (toHead ? this.head : this.body).push({ text, from: from + this.lineOffset });
  }

  /** What could not be carried over: a notice, and a `# dropped:` comment at its place. */
  drop(from: number, what: string, toHead = false): void {
    this.notices.push({ line: from + this.lineOffset + 1, message: what });
    this.line(`# dropped: ${oneLine(what)}`, from, toHead);
  }

  error(from: number, column: number, message: string): void {
    this.errors.push({ line: from + this.lineOffset + 1, column, message });
  }
}

export function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** Free text as `.seq` writes it: a backslash doubled, a line break as `\n`. */
export function seqText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .trim();
}

/** A participant id as `.seq` writes it (quoted when it is no plain identifier or is a keyword). */
export function seqName(s: string): string {
  return formatName(s.normalize('NFC'));
}

/** A quoted display name. */
export function seqQuoted(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')}"`;
}

/** Joins the parts of a file (one per diagram) into one result; `wrap` names each diagram as a sequence. */
export function joinDiagrams(parts: readonly { writer: DiagramWriter; title?: string }[], wrap: boolean): ImportResult {
  const out: OutLine[] = [];
  const notices: ImportNotice[] = [];
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  parts.forEach(({ writer, title }, i) => {
    for (const l of writer.head) {
      // Declarations are shared by all sequences: a second identical one is left out.
      if (wrap && /^(actor|system|service|database|queue|participant) /.test(l.text)) {
        if (seen.has(l.text)) continue;
        seen.add(l.text);
      }
      out.push(l);
    }
    if (wrap) {
      const first = writer.body[0]?.from ?? writer.lineOffset;
      out.push({ text: `sequence ${seqText(title ?? `Diagram ${i + 1}`)}`, from: first });
      for (const l of writer.body) out.push({ text: `  ${l.text}`, from: l.from });
      out.push({ text: 'end', from: writer.body[writer.body.length - 1]?.from ?? first });
    } else {
      out.push(...writer.body);
    }
    notices.push(...writer.notices);
    errors.push(...writer.errors);
  });
  return {
    text: out.map((l) => `${l.text}\n`).join(''),
    notices: notices.sort((a, b) => a.line - b.line),
    errors: errors.sort((a, b) => a.line - b.line || a.column - b.column),
    lineMap: out.map((l) => l.from),
  };
}

const HEAD_START =
  /^(?:(?:actor|system|service|database|queue|participant|box|flow)\s|(?:project|version|date|designer|overview|security|assumption|related)\s*:)/;
/** A message's start: its sender (bare or quoted) and an arrow's first `-`. */
const MESSAGE_START = /^("(?:[^"\\]|\\.)*"|[^\s"-]+)\s*-/;

/** Whether a `lifeline:` comment's line belongs at top level (declarations, boxes, flows, document metadata). */
export function lifelineLineGoesToHead(line: string): boolean {
  const t = line.trim();
  return HEAD_START.test(t) && !MESSAGE_START.test(t);
}

/** The participant id a `.seq` declaration line declares, if it is one (for `lifeline:` comments that replace a native declaration). */
export function declaredId(line: string): string | undefined {
  const m =
    /^(?:create\s+(?:(?:actor|system|service|database|queue|participant)\s+)?|(?:actor|system|service|database|queue|participant)\s+)("(?:[^"\\]|\\.)*"|[^\s":]+)/u.exec(
      line.trim(),
    );
  if (!m) return undefined;
  const raw = m[1];
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)) : raw;
}

/** How often each word (letters, digits, `_`) occurs in `lines`: ids made up for boxes must not collide. */
export function wordCounts(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) for (const m of l.matchAll(/[\p{L}\p{N}_]+/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

/** An id for a box from its label, or `Box<n>` when the label gives none or the id is used elsewhere. */
export function boxId(label: string, n: number, counts: () => Map<string, number>, ownLine: string): string {
  const base = label.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
  if (base === '' || !/^[\p{L}_]/u.test(base)) return `Box${n}`;
  const own = [...ownLine.matchAll(/[\p{L}\p{N}_]+/gu)].filter((m) => m[0] === base).length;
  return (counts().get(base) ?? 0) > own ? `Box${n}` : base;
}

/** HTML named entities people write in diagram text (Mermaid's `#name;`, PlantUML's `&name;`). */
const NAMED: Readonly<Record<string, string>> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: '\u00a0',
  semi: ';',
  num: '#',
  colon: ':',
  comma: ',',
  infin: '∞',
  hearts: '♥',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  laquo: '«',
  raquo: '»',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  ne: '≠',
  le: '≤',
  ge: '≥',
  check: '✓',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  alpha: 'α',
  beta: 'β',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  omega: 'ω',
  Delta: 'Δ',
  star: '☆',
  starf: '★',
};

/** Decodes `#59;`, `#x3B;` and `#quot;` (Mermaid); unknown names and control characters stay as written. */
export function decodeHashEntities(s: string): string {
  if (s.indexOf('#') < 0) return s;
  return s.replace(/#(x[0-9a-fA-F]+|[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (all, code: string) => {
    if (/^x/i.test(code)) return fromCodePoint(parseInt(code.slice(1), 16)) ?? all;
    if (/^[0-9]/.test(code)) return fromCodePoint(parseInt(code, 10)) ?? all;
    return NAMED[code] ?? all;
  });
}

/** Control, bidi and separator characters an entity must not make out of visible text (a terminal or an editor would obey them). */
const INVISIBLE = /^[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]$/;

function fromCodePoint(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  const c = String.fromCodePoint(n);
  return INVISIBLE.test(c) ? undefined : c;
}

/** `<br>`, `<br/>` and `<br />` (any case) are line breaks; other markup stays text. */
export function breaksToNewlines(s: string): string {
  return s.replace(/<br\s*\/?>/gi, '\n');
}

/**
 * The blocks open at a line of the source being imported, innermost last, each with where it
 * opened (line, 1-based column) for the "not closed" error. Boxes hold participants, not
 * statements: they do not indent what they hold.
 */
export class OpenBlocks<B extends string> {
  private readonly open: { block: B; line: number; column: number }[] = [];
  private indenting = 0;

  push(block: B, line: number, text: string): void {
    this.open.push({ block, line, column: text.length - text.trimStart().length + 1 });
    if (block !== 'box') this.indenting++;
  }

  pop(): B | undefined {
    const top = this.open.pop();
    if (top !== undefined && top.block !== 'box') this.indenting--;
    return top?.block;
  }

  top(): B | undefined {
    return this.open[this.open.length - 1]?.block;
  }

  /** Indentation levels (capped: it is only for reading). */
  depth(): number {
    return Math.min(this.indenting, 20);
  }

  /** The blocks still open, innermost first. */
  unclosed(): { block: B; line: number; column: number }[] {
    return [...this.open].reverse();
  }
}

/**
 * The participant kinds both dialects name (PlantUML's declaration keywords, Mermaid's
 * `@{ "type": … }`), each with the Lifeline kind it becomes.
 */
export const FOREIGN_KINDS: Readonly<Record<string, string>> = {
  participant: 'participant',
  actor: 'actor',
  database: 'database',
  queue: 'queue',
  boundary: 'participant',
  control: 'participant',
  entity: 'participant',
  collections: 'participant',
};
