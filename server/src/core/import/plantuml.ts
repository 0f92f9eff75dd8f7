/**
 * PlantUML sequence diagrams → `.seq`. Each `@startuml … @enduml` block is one diagram (several
 * become named sequences); never throws. Styling and preprocessing are dropped with a notice;
 * `' lifeline: …` comments (written by the exporter) are read back as `.seq` lines.
 */
import {
  declaredId,
  DiagramWriter,
  FOREIGN_KINDS,
  joinDiagrams,
  lifelineLineGoesToHead,
  seqName,
  seqQuoted,
  seqText,
  type ImportResult,
} from './common';
import { BlockReader } from './reader';
import { droppedBlock, droppedCommand, readDeclaration, readMessage } from './plantumlSyntax';

type Block = 'box' | 'alt' | 'opt' | 'loop' | 'par' | 'critical' | 'break' | 'group';
const FRAGMENTS = new Set(['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group']);
const BRANCH_OF: Readonly<Partial<Record<Block, string>>> = { alt: 'else', par: 'and', critical: 'option' };
/** How the exporter writes the `%` of text that PlantUML would run as a builtin call (`%getenv(`). */
const ESCAPED_CALL = /<U\+0025>(?=[A-Za-z_]\w*\s*\()/g;

/** The `@startuml … @enduml` blocks of a file, as [first line, line after the last]; the whole file when there is none. */
export function plantumlBlocks(lines: readonly string[]): [number, number][] {
  const blocks: [number, number][] = [];
  let start = -1;
  lines.forEach((l, i) => {
    if (/^\s*@startuml\b/i.test(l)) start = i + 1;
    else if (/^\s*@enduml\b/i.test(l) && start >= 0) {
      blocks.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) blocks.push([start, lines.length]);
  return blocks.length > 0 ? blocks : [[0, lines.length]];
}

/** Converts a PlantUML file: one block imports as the diagram itself, several as named sequences. */
export function importPlantUml(text: string): ImportResult {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks = plantumlBlocks(lines);
  const named = blocks.length > 1;
  return joinDiagrams(
    blocks.map(([a, b]) => readPlantUmlDiagram(lines.slice(a, b), a, named)),
    named,
  );
}

export function readPlantUmlDiagram(
  lines: readonly string[],
  lineOffset: number,
  named: boolean,
): { writer: DiagramWriter; title?: string } {
  const r = new PlantUmlReader(lines, new DiagramWriter(lineOffset), named);
  r.run();
  r.w.finish();
  return { writer: r.w, title: r.title };
}

interface Call {
  readonly callee: string;
  readonly caller: string;
}

class PlantUmlReader extends BlockReader<Block> {
  private replaceBox = false;
  /** Activations, innermost last, with who called: `return` answers the innermost. */
  private readonly calls: Call[] = [];
  private lastMessage: { from: string; to: string } | undefined;

  run(): void {
    for (let i = 0; i < this.lines.length; i++) {
      // `<U+0025>` before a call is how the exporter writes a `%` PlantUML must not evaluate.
      const raw = this.lines[i].replace(ESCAPED_CALL, '%');
      const s = raw.trim();
      if (s === '') continue;
      if (s.startsWith("'")) {
        this.comment(s.slice(1).trim(), i);
        continue;
      }
      if (s.startsWith("/'")) {
        i = this.blockComment(i);
        continue;
      }
      const closer = droppedBlock(s);
      if (closer) {
        let j = i;
        while (j + 1 < this.lines.length && !closer.test(this.lines[j].trim())) j++;
        this.w.drop(i, `${s.split(/\s/)[0]} block: styling and page decoration have no meaning in Lifeline`);
        i = j;
        continue;
      }
      const dropped = droppedCommand(s);
      if (dropped) {
        this.w.drop(i, `${dropped}: no meaning in Lifeline`);
        continue;
      }
      i = this.statement(s, i, raw.indexOf(s) + 1);
    }
    for (const u of this.stack.unclosed())
      this.w.error(u.line, u.column, `\`${u.block}\` is not closed: add \`end${u.block === 'box' ? ' box' : ''}\``);
  }

  private comment(body: string, i: number): void {
    const m = /^lifeline:\s?(.*)$/.exec(body);
    if (!m) return this.line(`# ${body}`.trimEnd(), i);
    const seq = m[1].trim();
    if (this.w.carriedId(seq)) return;
    const id = declaredId(seq);
    if (id !== undefined) {
      this.w.declaredByComment.add(id);
      this.w.declare(id);
    }
    if (/^sequence\b/.test(seq.trim())) this.w.severalSequences = true;
    if (/^box\b/.test(seq)) this.replaceBox = true;
    const toHead = this.inBox() || (!/^create\b/.test(seq) && lifelineLineGoesToHead(seq));
    this.w.line((this.inBox() ? '  ' : toHead ? '' : this.indent()) + seq, i, toHead);
  }

  private blockComment(i: number): number {
    let j = i;
    const parts: string[] = [];
    for (; j < this.lines.length; j++) {
      parts.push(this.lines[j]);
      if ((j > i || this.lines[i].trim().length > 2) && this.lines[j].trimEnd().endsWith("'/")) break;
    }
    const text = parts.join('\n').trim().replace(/^\/'/, '').replace(/'\/$/, '');
    for (const l of text.split('\n')) if (l.trim()) this.line(`# ${l.trim()}`, i);
    return j;
  }

  private statement(s: string, i: number, col: number): number {
    const word = /^[A-Za-z_]+/.exec(s)?.[0] ?? '';
    const lower = word.toLowerCase();
    const rest = s.slice(word.length).trim();
    const notMessage = !/^\s*[-<\\/ox]*-/.test(s.slice(word.length));
    if (this.inBox() && !(lower in FOREIGN_KINDS || /^end\s*box$/i.test(s))) {
      this.w.error(i, col, `only participant declarations go inside a \`box\` (found \`${word || s}\`)`);
      return i;
    }
    if (lower in FOREIGN_KINDS && notMessage) return (this.declaration(lower, rest, i, col, false), i);
    if (notMessage) {
      switch (lower) {
        case 'create': {
          const m = /^(\w+)\s+(.*)$/.exec(rest);
          if (m && m[1].toLowerCase() in FOREIGN_KINDS) return (this.declaration(m[1].toLowerCase(), m[2], i, col, true), i);
          return (this.declaration('participant', rest, i, col, true), i);
        }
        case 'activate':
        case 'deactivate':
        case 'destroy':
          return (this.lifelineCommand(lower, rest, i, col), i);
        case 'return':
          return (this.returnMessage(rest, i, col), i);
        case 'note':
        case 'hnote':
        case 'rnote':
          return this.note(lower, rest, i, col);
        case 'ref':
          return this.ref(rest, i, col);
        case 'box':
          return (this.box(rest, i), i);
        case 'end':
          return (this.end(rest, i, col), i);
        case 'else':
          return (this.branch(rest, i, col), i);
        case 'autonumber':
          return (this.autonumber(rest, i, col), i);
        case 'title':
          return this.titleLine(rest, i);
        default:
          if (FRAGMENTS.has(lower)) return (this.fragment(lower as Block, rest, i), i);
      }
    }
    if (/^==.*==$/.test(s)) return (this.line(`== ${seqText(s.replace(/^=+|=+$/g, '').trim())} ==`.replace('==  ==', '=='), i), i);
    if (/^\.\.\./.test(s)) {
      const text = s.replace(/^\.{3,}|\.{3,}$/g, '').trim();
      return (this.line(text ? `... ${seqText(text)} ...` : '...', i), i);
    }
    if (/^\|\|\d*\|\|$/.test(s) || s === '|||') return (this.w.drop(i, `spacing \`${s}\`: Lifeline spaces rows itself`), i);
    if (!this.message(s, i))
      this.w.error(
        i,
        col,
        `cannot read \`${s.length > 60 ? s.slice(0, 60) + '…' : s}\`: expected a message (\`A -> B : text\`) or a statement such as \`participant\`, \`note\`, \`alt\` or \`end\``,
      );
    return i;
  }

  private declaration(keyword: string, rest: string, i: number, col: number, create: boolean): void {
    const read = readDeclaration(keyword, rest);
    const d = read && { ...read, id: this.w.rename(read.id) };
    if (d) this.w.declare(d.id);
    if (!d)
      return this.w.error(
        i,
        col,
        `cannot read the declaration \`${keyword} ${rest}\`: write \`${keyword} Name\` or \`${keyword} "Long name" as Name\``,
      );
    if (this.w.declaredByComment.has(d.id)) return;
    const kind = FOREIGN_KINDS[keyword];
    if (kind !== keyword)
      this.w.drop(i, `participant kind \`${keyword}\` of ${d.id}: Lifeline has no such kind, declared as ${kind}`, !create);
    if (d.extras.length > 0)
      this.w.drop(i, `${d.extras.join(' ')} on ${d.id}: colours, stereotypes and order have no meaning in Lifeline`, !create);
    const line = `${create ? 'create ' : ''}${kind} ${seqName(d.id)}${d.display !== undefined ? ` ${seqQuoted(d.display)}` : ''}`;
    this.w.line((create ? this.indent() : this.inBox() ? '  ' : '') + line, i, !create);
  }

  private lifelineCommand(keyword: string, rest: string, i: number, col: number): void {
    const m = /^("[^"]*"|[^\s#]+)\s*(#\S+)?\s*$/.exec(rest);
    if (!m) return this.w.error(i, col, `\`${keyword}\` takes one participant`);
    const id = this.w.rename(m[1].replace(/^"(.*)"$/, '$1'));
    this.w.use(id, i);
    if (m[2]) this.w.drop(i, `the colour ${m[2]} of the activation: Lifeline draws activations without colour`);
    if (keyword === 'activate') this.calls.push({ callee: id, caller: this.lastMessage?.to === id ? this.lastMessage.from : id });
    if (keyword === 'deactivate') this.uncall(id);
    this.line(`${keyword} ${seqName(id)}`, i);
  }

  private returnMessage(rest: string, i: number, col: number): void {
    const call = this.calls.pop();
    if (!call) return this.w.error(i, col, '`return` with no activation to return from');
    this.line(`${seqName(call.callee)} --> -${seqName(call.caller)}${rest ? `: ${seqText(rest)}` : ''}`, i);
    this.lastMessage = { from: call.callee, to: call.caller };
  }

  private note(keyword: string, rest: string, i: number, col: number): number {
    const m = /^(left of|right of|over|left|right)\s*([^:#]*?)\s*(#\S+)?\s*(?::(.*))?$/i.exec(rest);
    if (!m) {
      this.w.error(i, col, 'a note is written `note left of A : text` (or `right of`, `over A, B`), or as a block ending in `end note`');
      return i;
    }
    let text = m[4];
    let end = i;
    if (text === undefined) {
      const body: string[] = [];
      for (end = i + 1; end < this.lines.length && !/^\s*end\s*(note|hnote|rnote)\s*$/i.test(this.lines[end]); end++)
        body.push(this.lines[end].trim());
      if (end >= this.lines.length) this.w.error(i, col, 'this note block has no `end note`');
      text = body.join('\n');
    }
    if (keyword !== 'note') this.w.drop(i, `the shape of \`${keyword}\`: drawn as a plain note`);
    if (m[3]) this.w.drop(i, `the note colour ${m[3]}: Lifeline draws notes without colour`);
    let position = m[1].toLowerCase();
    let targets = m[2]
      .split(',')
      .map((t) => this.w.rename(t.trim().replace(/^"(.*)"$/, '$1')))
      .filter(Boolean);
    if (position === 'left' || position === 'right') {
      // A note beside a message: beside its sender (left) or its target (right).
      const beside = position === 'left' ? this.lastMessage?.from : this.lastMessage?.to;
      if (beside === undefined || beside === '[' || beside === ']') {
        this.w.drop(i, `a note ${position} of no message: kept as a comment`);
        for (const l of text.split('\n')) this.line(`# ${l}`, i);
        return end;
      }
      position = `${position} of`;
      targets = [beside];
    }
    if (targets.length === 0) {
      this.w.error(i, col, 'a note needs a participant (`note over A : text`)');
      return end;
    }
    for (const t of targets) this.w.use(t, i);
    this.line(`note ${position} ${targets.map(seqName).join(', ')}: ${seqText(this.text(text))}`, i);
    return end;
  }

  private ref(rest: string, i: number, col: number): number {
    const m = /^over\s+([^:]+?)\s*(?::(.*))?$/i.exec(rest);
    if (!m) {
      this.w.error(i, col, 'a reference is written `ref over A, B : text`');
      return i;
    }
    let text = m[2];
    let end = i;
    if (text === undefined) {
      const body: string[] = [];
      for (end = i + 1; end < this.lines.length && !/^\s*end\s*ref\s*$/i.test(this.lines[end]); end++) body.push(this.lines[end].trim());
      text = body.join('\n');
    }
    const names = m[1].split(',').map((t) => this.w.rename(t.trim().replace(/^"(.*)"$/, '$1')));
    for (const n of names) this.w.use(n, i);
    const targets = names.map(seqName).join(', ');
    this.line(`ref over ${targets}: ${seqText(this.text(text))}`, i);
    return end;
  }

  private box(rest: string, i: number): void {
    this.open('box', i);
    if (this.replaceBox) {
      this.replaceBox = false;
      return;
    }
    const m = /^(?:"([^"]*)"|([^#]*?))\s*(#\S+)?\s*$/.exec(rest);
    const label = (m?.[1] ?? m?.[2] ?? '').trim();
    if (m?.[3]) this.w.drop(i, `box colour ${m[3]}: Lifeline draws boxes without colour`, true);
    this.writeBox(label, i);
  }

  private fragment(kind: Block, rest: string, i: number): void {
    const text = rest.replace(/^#\S+\s*/, (c) => (this.w.drop(i, `the colour ${c.trim()} of \`${kind}\``), ''));
    this.line(`${kind}${text ? ' ' + seqText(this.text(text)) : ''}`, i);
    this.open(kind, i);
  }

  private branch(rest: string, i: number, col: number): void {
    const top = this.stack.top();
    const keyword = top !== undefined ? BRANCH_OF[top] : undefined;
    if (top === undefined || top === 'box') return this.w.error(i, col, '`else` outside `alt`, `par` or `critical`');
    const text = rest.replace(/^#\S+\s*/, '');
    if (keyword === undefined) {
      this.w.drop(
        i,
        `\`else\` inside \`${top}\`: Lifeline splits only alt, par and critical into branches; the lines below stay in the ${top}`,
      );
      return;
    }
    this.line(`${keyword}${text ? ' ' + seqText(this.text(text)) : ''}`, i, -1);
  }

  private end(rest: string, i: number, col: number): void {
    const top = this.stack.top();
    if (top === undefined) return this.w.error(i, col, '`end` with nothing open');
    if (/^box$/i.test(rest) !== (top === 'box'))
      return this.w.error(i, col, top === 'box' ? 'the open `box` closes with `end box`' : `\`end ${rest}\` while \`${top}\` is open`);
    this.close();
    if (top === 'box') this.w.line('end', i, true);
    else this.line('end', i);
  }

  private autonumber(rest: string, i: number, col: number): void {
    const words = rest
      .replace(/"[^"]*"/, (f) => (this.w.drop(i, `the number format ${f}: Lifeline draws plain numbers`), ''))
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0) return this.line('autonumber', i);
    const first = words[0].toLowerCase();
    if (first === 'stop') return this.line('autonumber off', i);
    if (first === 'resume' && words.length <= 2 && words.slice(1).every((w) => /^\d+$/.test(w)))
      return this.line(`autonumber ${words.join(' ')}`, i);
    if (words.length <= 2 && words.every((w) => /^\d+$/.test(w))) return this.line(`autonumber ${words.join(' ')}`, i);
    this.w.error(i, col, '`autonumber` takes a start and a step (`autonumber 10 5`), `stop` or `resume`');
  }

  private titleLine(rest: string, i: number): number {
    let text = rest;
    let end = i;
    if (rest === '') {
      const body: string[] = [];
      for (end = i + 1; end < this.lines.length && !/^\s*end\s*title\s*$/i.test(this.lines[end]); end++) body.push(this.lines[end].trim());
      text = body.join('\n');
    }
    this.title = this.text(text);
    if (!this.named) this.line(`title ${seqText(this.title)}`, i);
    return end;
  }

  private message(s: string, i: number): boolean {
    const read = readMessage(s);
    if (!read) return false;
    const m = { ...read, from: this.w.rename(read.from), to: this.w.rename(read.to) };
    for (const what of m.lost) this.w.drop(i, `${what} (${m.from} to ${m.to})`);
    this.w.use(m.from, i);
    this.w.use(m.to, i);
    let activation = '';
    const after: string[] = [];
    for (const mark of m.marks) {
      if (mark === '++') {
        activation = '+';
        this.calls.push({ callee: m.to, caller: m.from });
      } else if (mark === '--') {
        if (activation === '+') after.push(`deactivate ${seqName(m.from)}`);
        else activation = '-';
        this.uncall(m.from);
      } else if (mark === '**') this.line(`create ${seqName(m.to)}`, i);
      else if (mark === '!!') this.line(`destroy ${seqName(m.to)}`, i);
    }
    const edge = (n: string) => (n === '[' || n === ']' ? n : seqName(n));
    const label = m.label !== undefined && m.label !== '' ? `: ${seqText(this.text(m.label))}` : '';
    this.line(`${edge(m.from)} ${m.arrow} ${activation}${edge(m.to)}${label}`, i);
    for (const l of after) this.line(l, i);
    this.lastMessage = { from: m.from, to: m.to };
    return true;
  }

  private uncall(id: string): void {
    for (let k = this.calls.length - 1; k >= 0; k--) {
      if (this.calls[k].callee === id) {
        this.calls.splice(k, 1);
        return;
      }
    }
  }

  /** PlantUML text: `\n` is a line break; `<U+…>`-free, Creole markup stays text. */
  protected text(raw: string): string {
    return raw.replace(/\\n/g, '\n').trim();
  }
}
