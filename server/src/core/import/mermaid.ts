/**
 * Mermaid `sequenceDiagram` → `.seq`. Reads line by line (and `;`-separated statements), never
 * throws; what Lifeline cannot say becomes a notice and a `# dropped:` comment, and
 * `%% lifeline: …` comments (written by the exporter) are read back as `.seq` lines.
 */
import type { ArrowKind } from '../ast';
import { isCssColour } from './colours';
import {
  breaksToNewlines,
  decodeHashEntities,
  declaredId,
  DiagramWriter,
  joinDiagrams,
  lifelineLineGoesToHead,
  seqName,
  seqQuoted,
  seqText,
  type ImportResult,
  FOREIGN_KINDS,
} from './common';
import { BlockReader } from './reader';

/** Mermaid arrows, longest first, and what each becomes (spec section 4: Mermaid's `->>` is Lifeline's `->`). */
const ARROWS: readonly (readonly [string, ArrowKind, string?])[] = [
  ['<<-->>', '-->', 'a two-headed arrow is drawn with one head (at the target)'],
  ['<<->>', '->', 'a two-headed arrow is drawn with one head (at the target)'],
  ['--|\\', '-->', 'a half arrowhead is drawn whole'],
  ['--|/', '-->', 'a half arrowhead is drawn whole'],
  ['-|\\', '->', 'a half arrowhead is drawn whole'],
  ['-|/', '->', 'a half arrowhead is drawn whole'],
  ['/|--', '-->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['\\|--', '-->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['/|-', '->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['\\|-', '->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['--\\\\', '-->', 'a half arrowhead is drawn whole'],
  ['--//', '-->', 'a half arrowhead is drawn whole'],
  ['//--', '-->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['\\\\--', '-->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['-->>', '-->'],
  ['->>', '->'],
  ['--)', '-->>'],
  ['-)', '->>'],
  ['--x', '--x'],
  ['-x', '-x'],
  ['-\\\\', '->', 'a half arrowhead is drawn whole'],
  ['-//', '->', 'a half arrowhead is drawn whole'],
  ['//-', '->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['\\\\-', '->', 'a reverse half arrowhead is drawn as a whole head at the target'],
  ['-->', '-->', 'a line without arrowhead is drawn with one'],
  ['->', '->', 'a line without arrowhead is drawn with one'],
];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const MESSAGE = new RegExp(`^(.*?)(\\(\\))?(${ARROWS.map(([a]) => escapeRe(a)).join('|')})(\\(\\))?\\s*([+-]?)\\s*([^:]*?)\\s*(?::(.*))?$`);
/** What may follow a participant called like a keyword (`loop->>B`): an arrow. */
const ARROW_START = /^\s*(?:\(\)|<<-|-|\/\||\\\||\/\/|\\\\)/;
const ARROW_OF = new Map(ARROWS.map(([a, k, why]) => [a, { kind: k, why }]));

type Block = 'box' | 'loop' | 'alt' | 'opt' | 'par' | 'critical' | 'break' | 'rect' | 'group';
const FRAGMENTS: Readonly<Record<string, Block>> = {
  loop: 'loop',
  alt: 'alt',
  opt: 'opt',
  par: 'par',
  par_over: 'par',
  critical: 'critical',
  break: 'break',
  rect: 'rect',
};
const BRANCH_OWNER: Readonly<Record<string, Block>> = { else: 'alt', and: 'par', option: 'critical' };

/** Converts a whole Mermaid file (one `sequenceDiagram`). */
export function importMermaid(text: string): ImportResult {
  const lines = text.split(/\r\n|\r|\n/);
  const { writer, title } = readMermaidDiagram(lines, 0, false);
  return joinDiagrams([{ writer, title }], false);
}

/** Reads one diagram from `lines`; `lineOffset` is its first line's index in the file; `named`: the title names a sequence. */
export function readMermaidDiagram(
  lines: readonly string[],
  lineOffset: number,
  named: boolean,
): { writer: DiagramWriter; title?: string } {
  const r = new MermaidReader(lines, new DiagramWriter(lineOffset), named);
  r.run();
  r.w.finish();
  return { writer: r.w, title: r.title };
}

class MermaidReader extends BlockReader<Block> {
  private started = false;

  /** A `lifeline: group …` or `lifeline: box …` comment stands for the next native `rect` or `box`. */
  private replaceNext: 'rect' | 'box' | undefined;

  run(): void {
    let i = this.frontMatter();
    for (; i < this.lines.length; i++) {
      const raw = this.lines[i];
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('%%')) {
        this.comment(trimmed, i);
        continue;
      }
      if (!this.started) {
        if (/^sequenceDiagram\b/.test(trimmed)) {
          this.started = true;
          const rest = trimmed.slice('sequenceDiagram'.length).trim();
          if (rest) this.statements(rest, i, raw.indexOf(rest));
        } else {
          const kind = /^(\w+)/.exec(trimmed)?.[1] ?? trimmed;
          this.w.error(
            i,
            raw.indexOf(trimmed) + 1,
            `expected \`sequenceDiagram\` as the first statement, found \`${kind}\`: only Mermaid sequence diagrams can be imported`,
          );
          return;
        }
        continue;
      }
      if (/^accDescr\s*\{/.test(trimmed)) {
        i = this.accDescrBlock(i, trimmed);
        continue;
      }
      this.statements(raw, i, 0);
    }
    if (!this.started)
      this.w.error(Math.max(0, this.lines.length - 1), 1, 'no `sequenceDiagram` found: only Mermaid sequence diagrams can be imported');
    for (const u of this.stack.unclosed())
      this.w.error(u.line, u.column, `\`${u.block === 'group' ? 'rect' : u.block}\` is not closed: add \`end\``);
  }

  /** YAML front matter (`---` … `---`) at the top: its `title:` is kept, the rest dropped. */
  private frontMatter(): number {
    let i = 0;
    while (i < this.lines.length && this.lines[i].trim() === '') i++;
    if (this.lines[i]?.trim() !== '---') return 0;
    const start = i;
    const other: string[] = [];
    for (i++; i < this.lines.length && this.lines[i].trim() !== '---'; i++) {
      const m = /^title:\s*(.*)$/.exec(this.lines[i].trim());
      if (m) this.setTitle(m[1].replace(/^(["'])(.*)\1$/, '$2'), i);
      else if (this.lines[i].trim() !== '') other.push(this.lines[i].trim().split(':')[0]);
    }
    if (i >= this.lines.length) {
      this.w.error(start, 1, 'front matter opened with `---` is not closed');
      return this.lines.length;
    }
    if (other.length > 0) this.w.drop(start, `front matter (${other.join(', ')}): configuration has no meaning in Lifeline`);
    return i + 1;
  }

  private comment(trimmed: string, i: number): void {
    if (/^%%\{.*\}%%$/.test(trimmed) || trimmed.startsWith('%%{')) {
      this.w.drop(i, 'a %%{init}%% directive: configuration has no meaning in Lifeline');
      return;
    }
    const body = trimmed.slice(2).trim();
    const m = /^lifeline:\s?(.*)$/.exec(body);
    if (!m) {
      this.line(`# ${body}`, i);
      return;
    }
    const seq = m[1];
    if (this.w.carriedId(seq)) return;
    const id = declaredId(seq);
    if (id !== undefined) {
      this.w.declaredByComment.add(id);
      this.w.declare(id);
    }
    if (/^sequence\b/.test(seq.trim())) this.w.severalSequences = true;
    if (/^group\b/.test(seq.trim())) this.replaceNext = 'rect';
    if (/^box\b/.test(seq.trim())) this.replaceNext = 'box';
    const toHead = this.inBox() || (!/^create\b/.test(seq.trim()) && lifelineLineGoesToHead(seq));
    this.w.line((this.inBox() ? '  ' : toHead ? '' : this.indent()) + seq.trim(), i, toHead);
  }

  private accDescrBlock(i: number, first: string): number {
    const parts: string[] = [first.replace(/^accDescr\s*\{/, '')];
    let j = i;
    while (!parts[parts.length - 1].includes('}') && j + 1 < this.lines.length) parts.push(this.lines[++j]);
    const text = parts
      .join('\n')
      .replace(/\}[^}]*$/, '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .join('\n');
    this.accDescr(text, i);
    return j;
  }

  /** One source line: statements separated by `;` (Mermaid's other statement separator). */
  private statements(raw: string, i: number, base: number): void {
    let col = base;
    // `#59;` and the other entity codes end in `;` without ending the statement.
    for (const part of raw.slice(base).split(/(?<!#[A-Za-z0-9]+);/)) {
      const lead = part.length - part.trimStart().length;
      if (part.trim() !== '') this.statement(part.trim(), i, col + lead + 1);
      col += part.length + 1;
    }
  }

  private statement(s: string, i: number, col: number): void {
    const word = /^[A-Za-z_]+/.exec(s)?.[0] ?? '';
    const lower = word.toLowerCase();
    const rest = s.slice(word.length).trim();
    if (this.inBox() && !['participant', 'actor', 'end'].includes(lower)) {
      this.w.error(i, col, `only \`participant\` and \`actor\` declarations go inside a \`box\` (found \`${word || s}\`)`);
      return;
    }
    switch (lower) {
      case 'participant':
      case 'actor':
        if (!ARROW_START.test(s.slice(word.length))) return this.declaration(lower, rest, i, col, false);
        break;
      case 'create': {
        const m = /^(participant|actor)\s+(.*)$/i.exec(rest);
        if (m) return this.declaration(m[1].toLowerCase(), m[2], i, col, true);
        break;
      }
      case 'destroy':
      case 'activate':
      case 'deactivate':
        if (rest && !/[-<>:]/.test(rest)) {
          this.w.use(this.name(rest), i);
          return this.line(`${lower} ${seqName(this.name(rest))}`, i);
        }
        break;
      case 'box':
        if (!ARROW_START.test(s.slice(word.length))) return this.box(rest, i);
        break;
      case 'end':
        if (rest === '') return this.end(i, col);
        break;
      case 'note':
        if (/^(left of|right of|over)\b/i.test(rest)) return this.note(rest, i, col);
        break;
      case 'else':
      case 'and':
      case 'option':
        if (!ARROW_START.test(s.slice(word.length))) return this.branch(lower, rest, i, col);
        break;
      case 'autonumber':
        return this.autonumber(rest, i, col);
      case 'title':
        return this.setTitle(rest.replace(/^:\s*/, ''), i);
      case 'acctitle':
        if (rest.startsWith(':'))
          return this.w.drop(
            i,
            `accTitle "${rest.slice(1).trim()}": an accessible title has no place in Lifeline (the visible title is \`title\`)`,
          );
        break;
      case 'accdescr':
        if (rest.startsWith(':')) return this.accDescr(rest.slice(1).trim(), i);
        break;
      case 'link':
      case 'links':
      case 'properties':
      case 'details':
        if (/^[^-<>]*:/.test(rest)) return this.w.drop(i, `\`${lower}\` (an actor menu): Lifeline draws no menus`);
        break;
      default:
        if (lower in FRAGMENTS && !ARROW_START.test(s.slice(word.length))) return this.fragment(lower, rest, i);
    }
    if (!this.message(s, i, col))
      this.w.error(
        i,
        col,
        `cannot read \`${s.length > 60 ? s.slice(0, 60) + '…' : s}\`: expected a message (\`A->>B: text\`) or a statement such as \`participant\`, \`Note\`, \`loop\` or \`end\``,
      );
  }

  private declaration(keyword: string, rest: string, i: number, col: number, create: boolean): void {
    const m = /^(.*?)\s*(?:@\{(.*)\})?(?:\s+as\s+(.*))?$/.exec(rest);
    const id = this.name(m?.[1] ?? rest);
    if (id === '') return this.w.error(i, col, `\`${keyword}\` needs a name`);
    this.w.declare(id);
    if (this.w.declaredByComment.has(id)) return;
    let kind = keyword;
    let alias = m?.[3]?.trim();
    if (m?.[2] !== undefined) {
      let config: unknown;
      try {
        config = JSON.parse(`{${m[2]}}`);
      } catch {
        return this.w.error(i, col, `the participant's \`@{…}\` is not valid JSON`);
      }
      const c = (config ?? {}) as Record<string, unknown>;
      const type = typeof c.type === 'string' ? c.type : undefined;
      if (type !== undefined) {
        const mapped = FOREIGN_KINDS[type];
        if (mapped === undefined || mapped !== type)
          this.w.drop(i, `participant type \`${type}\` of ${id}: Lifeline has no such kind, declared as ${mapped ?? keyword}`, !create);
        kind = mapped ?? keyword;
      }
      if (alias === undefined && typeof c.alias === 'string') alias = c.alias;
    }
    const display = alias !== undefined && alias !== '' ? ` ${seqQuoted(this.text(alias))}` : '';
    const line = `${create ? 'create ' : ''}${kind} ${seqName(id)}${display}`;
    this.w.line((create ? this.indent() : this.inBox() ? '  ' : '') + line, i, !create);
  }

  private box(rest: string, i: number): void {
    this.open('box', i);
    if (this.replaceNext === 'box') {
      this.replaceNext = undefined;
      return;
    }
    let label = rest;
    const colour = /^(rgba?\([^)]*\)|hsla?\([^)]*\)|#[0-9a-fA-F]{3,8}\b|[A-Za-z]+)\s*/.exec(rest);
    if (colour && (colour[1].includes('(') || colour[1].startsWith('#') || isCssColour(colour[1]))) {
      label = rest.slice(colour[0].length);
      if (colour[1].toLowerCase() !== 'transparent') this.w.drop(i, `box colour ${colour[1]}: Lifeline draws boxes without colour`, true);
    }
    this.writeBox(label, i);
  }

  private fragment(keyword: string, rest: string, i: number): void {
    const block = FRAGMENTS[keyword];
    if (keyword === 'rect') {
      if (this.replaceNext === 'rect') {
        this.replaceNext = undefined;
        this.open('group', i);
        return;
      }
      this.w.drop(i, `the colour of \`rect${rest ? ' ' + rest : ''}\`: drawn as a \`group\` without colour`);
      this.line('group', i);
      this.open('rect', i);
      return;
    }
    if (keyword === 'par_over') this.w.drop(i, '`par_over`: drawn as `par` (Lifeline has no overlapping form)');
    this.line(`${block}${rest ? ' ' + seqText(this.text(rest)) : ''}`, i);
    this.open(block, i);
  }

  private branch(keyword: string, rest: string, i: number, col: number): void {
    const top = this.stack.top();
    if (top !== BRANCH_OWNER[keyword]) {
      this.w.error(i, col, `\`${keyword}\` belongs directly inside \`${BRANCH_OWNER[keyword]}\``);
      return;
    }
    this.line(`${keyword}${rest ? ' ' + seqText(this.text(rest)) : ''}`, i, -1);
  }

  private end(i: number, col: number): void {
    const top = this.close();
    if (top === undefined) return this.w.error(i, col, '`end` with nothing open');
    if (top === 'box') this.w.line('end', i, true);
    else this.line('end', i);
  }

  private note(rest: string, i: number, col: number): void {
    const m = /^(left of|right of|over)\s+([^:]+?)\s*:(.*)$/i.exec(rest);
    if (!m) return this.w.error(i, col, 'a note is written `Note right of A: text` (or `left of`, `over A,B`)');
    const names = m[2].split(',').map((t) => this.name(t));
    for (const n of names) this.w.use(n, i);
    const targets = names.map(seqName).join(', ');
    this.line(`note ${m[1].toLowerCase()} ${targets}: ${seqText(this.text(m[3]))}`, i);
  }

  private autonumber(rest: string, i: number, col: number): void {
    if (rest === '' || rest === 'off') return this.line(rest ? 'autonumber off' : 'autonumber', i);
    const nums = rest.split(/\s+/);
    if (nums.length <= 2 && nums.every((n) => /^\d+$/.test(n))) return this.line(`autonumber ${nums.join(' ')}`, i);
    if (nums.length <= 2 && nums.every((n) => /^\d+(\.\d+)?$/.test(n))) {
      this.w.drop(i, `autonumber ${rest}: Lifeline numbers with whole numbers, ${rest} rounded down`);
      return this.line(
        `autonumber ${nums.map((n) => Math.max(nums.length === 2 && n === nums[1] ? 1 : 0, Math.floor(Number(n)))).join(' ')}`,
        i,
      );
    }
    this.w.error(i, col, '`autonumber` takes a start and a step (`autonumber 10 5`) or `off`');
  }

  private message(s: string, i: number, col: number): boolean {
    const m = MESSAGE.exec(s);
    if (!m) return false;
    const from = this.name(m[1]);
    const to = this.name(m[6]);
    if (from === '' || to === '' || /[<>]/.test(from + to)) return false;
    const arrow = ARROW_OF.get(m[3])!;
    this.w.use(from, i);
    this.w.use(to, i);
    if (arrow.why) this.w.drop(i, `arrow \`${m[3]}\` from ${from} to ${to}: ${arrow.why}`);
    if (m[2] || m[4]) this.w.drop(i, `the central connection \`()\` of ${from} to ${to}: drawn as a plain message`);
    const label = m[7] !== undefined ? this.text(m[7]) : '';
    void col;
    this.line(`${seqName(from)} ${arrow.kind} ${m[5]}${seqName(to)}${label.trim() ? `: ${seqText(label)}` : ''}`, i);
    return true;
  }

  private setTitle(text: string, i: number): void {
    this.title = this.text(text);
    if (!this.named) this.line(`title ${seqText(this.title)}`, i);
  }

  private accDescr(text: string, i: number): void {
    const value = seqText(this.text(text));
    if (this.named) this.line(`purpose: ${value}`, i);
    else this.w.line(`overview: ${value}`, i, true);
  }

  /** A participant name as Mermaid reads it: trimmed, surrounding quotes dropped. */
  private name(raw: string): string {
    return this.w.rename(
      raw
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .normalize('NFC'),
    );
  }

  /** Label text: entity codes decoded, `<br>` a line break. */
  protected text(raw: string): string {
    return decodeHashEntities(breaksToNewlines(raw)).trim();
  }
}
