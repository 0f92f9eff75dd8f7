/**
 * The walk both bridge exporters share (Mermaid, PlantUML): the syntax tree in source order,
 * each statement written in the other language when it can say it, else kept as a
 * `lifeline:` comment holding the `.seq` line, which the importer reads back.
 */
import type { ArrowKind, FragmentKind, BranchKeyword, CreateStatement, MessageStatement, NoteStatement, Statement } from '../ast';
import { formatName } from '../names';
import type { Analysis } from '../analyze';
import type { Item, Participant } from '../model';

/** What a target language can say; `undefined` means "cannot: keep the `.seq` line as a comment". */
export interface Dialect {
  readonly start: readonly string[];
  readonly finish: readonly string[];
  /** A `lifeline:` comment carrying one `.seq` line. */
  carry(seqLine: string): string;
  /** A plain comment. */
  comment(text: string): string;
  /** An id the language reads back unchanged. */
  safeId(id: string): boolean;
  title(text: string): string | undefined;
  overview(text: string): readonly string[] | undefined;
  /** A declaration; `exact` when nothing of the `.seq` declaration is lost. */
  participant(p: Participant, id: string, display: string | undefined): { readonly line: string; readonly exact: boolean };
  message(from: string, arrow: ArrowKind, activation: '+' | '-' | undefined, to: string, label: string): string | undefined;
  lifeline(keyword: 'activate' | 'deactivate', id: string): string;
  /** `create` of a participant (declared there), and whether nothing of the `.seq` declaration is lost. */
  create(p: Participant, id: string, display: string | undefined): { readonly line: string; readonly exact: boolean };
  /** A box's opening line (its id travels as a `lifeline:` comment) and its closing line. */
  boxStart(label: string): string;
  readonly boxEnd: string;
  ref(targets: readonly string[], text: string): string | undefined;
  /** `destroy` where the language ends the lifeline: `before` the destroying message (Mermaid) or `after` it (PlantUML). */
  readonly destroyPlacement: 'before' | 'after';
  note(position: NoteStatement['position'], targets: readonly string[], text: string): string;
  divider(text: string): string | undefined;
  delay(text: string): string | undefined;
  /** `autonumber` with its arguments as written after the keyword ('' for none). */
  autonumber(args: string): string | undefined;
  fragment(kind: FragmentKind, condition: string): string | undefined;
  branch(owner: FragmentKind, keyword: BranchKeyword, condition: string): string | undefined;
  readonly end: string;
}

/** Writes the analysed `.seq` in the dialect's language. */
export function exportBridge(analysis: Analysis, d: Dialect): string {
  return new BridgeWriter(analysis, d).run();
}

/** A body being written: its statements, the next one, and what to write before and after it. */
interface Block {
  readonly list: readonly Statement[];
  i: number;
  start?: () => void;
  readonly done?: () => void;
}

class BridgeWriter {
  private readonly out: string[] = [];
  private readonly ids = new Map<string, string>();
  private readonly text: string;
  private commentIndex = 0;
  /** Offsets of `destroy` statements whose lifeline ends at once (no later message involves it). */
  private readonly immediateDestroys = new Set<number>();
  /** Offsets of statements holding an `inactive-deactivation` (the other tools reject those). */
  private readonly inactive = new Set<number>();
  private readonly pendingDestroys: string[] = [];
  private readonly created = new Set<string>();
  /** Destroys whose message has been written, due after its timing lines. */
  private readonly destroysDue: string[] = [];
  private depth = 0;
  private titled = false;
  private numbered = false;
  /** No participant at all: numbering, dividers and delays travel as comments. */
  private readonly bare: boolean;

  constructor(
    private readonly a: Analysis,
    private readonly d: Dialect,
  ) {
    this.text = a.document.text;
    this.bare = a.model.participants.length === 0;
    const todo: (readonly Item[])[] = a.model.sequences.map((s) => s.items);
    for (let items = todo.pop(); items; items = todo.pop()) {
      for (const it of items) {
        if (it.type === 'destroy' && it.immediate) this.immediateDestroys.add(it.span.offset);
        if (it.type === 'fragment') for (const b of it.branches) todo.push(b.items);
      }
    }
    for (const diag of a.diagnostics) if (diag.code === 'inactive-deactivation') this.inactive.add(diag.offset);
  }

  run(): string {
    this.out.push(...this.d.start);
    this.collectCreated();
    this.declarations();
    this.statements(this.a.document.statements);
    this.comments(Number.MAX_SAFE_INTEGER);
    for (const id of this.pendingDestroys.splice(0)) this.emit(this.d.carry(`destroy ${id}`));
    this.out.push(...this.d.finish);
    return this.out.map((l) => `${l}\n`).join('');
  }

  /** Every declared participant at the top in lifeline order; implicit ones too when one of them needs a safe id. */
  private declarations(): void {
    const ps = this.a.model.participants;
    const used = new Set(ps.map((p) => p.id));
    let n = 0;
    const fresh = () => {
      let id: string;
      do id = `P${++n}`;
      while (used.has(id));
      used.add(id);
      return id;
    };
    for (const p of ps) this.ids.set(p.id, this.d.safeId(p.id) ? p.id : fresh());
    // A `ref` or an edge message may travel as a comment, and a participant first used in one would
    // move later in the other tool's order: then every participant is declared, in lifeline order.
    const declareAll =
      ps.some((p) => !p.declared && this.ids.get(p.id) !== p.id) || this.a.model.sequences.some((s) => hasCarriedMention(s.items, this.d));
    const boxes = new Map((this.a.model.boxes ?? []).map((b) => [b.id, b]));
    let openBox: string | undefined;
    for (const p of ps) {
      if (p.box !== openBox) {
        if (openBox !== undefined) this.closeBox();
        openBox = p.box;
        const box = openBox !== undefined ? boxes.get(openBox) : undefined;
        if (box) {
          this.carryLine(this.sourceOf(box.statement.span));
          this.emit(this.d.boxStart(box.label));
          this.depth++;
        } else openBox = undefined;
      }
      // A created participant is declared where it is created; a top-level declaration of it travels as a comment.
      if (this.created.has(p.id)) {
        if (p.declared && !p.createdBy) this.emit(this.d.carry(declarationLine(p, p.displayName !== p.id ? p.displayName : undefined)));
        continue;
      }
      const id = this.ids.get(p.id)!;
      // A changed id is carried, so reading back restores it (and keeps an implicit participant implicit).
      if (!p.declared && !declareAll) continue;
      if (id !== p.id || !p.declared) this.emit(this.d.carry(`# id ${id} ${formatName(p.id)}${p.declared ? '' : ' implicit'}`));
      const display = p.displayName !== id ? p.displayName : undefined;
      const { line, exact } = this.d.participant(p, id, display);
      if (p.declared && !exact) this.emit(this.d.carry(declarationLine(p, p.displayName !== p.id ? p.displayName : undefined)));
      this.emit(line);
    }
    if (openBox !== undefined) this.closeBox();
  }

  /** Ids named by a `create` anywhere (walked without recursion). */
  private collectCreated(): void {
    const todo: (readonly Statement[])[] = [this.a.document.statements];
    for (let list = todo.pop(); list; list = todo.pop()) {
      for (const s of list) {
        if (s.type === 'create') this.created.add(s.name.value);
        else if (s.type === 'sequence') todo.push(s.statements);
        else if (s.type === 'fragment') for (const b of s.branches) todo.push(b.statements);
      }
    }
  }

  private closeBox(): void {
    this.depth--;
    this.emit(this.d.boxEnd);
  }

  /** `create` where it stands: the `.seq` line carried, the other language's own form after it. */
  private create(s: CreateStatement): void {
    const p = this.a.model.participantById.get(s.name.value);
    this.carry(s);
    if (!p) return;
    const id = this.id(p.id);
    this.emit(this.d.create(p, id, p.displayName !== id ? p.displayName : undefined).line);
  }

  /** Walks blocks with a stack of its own, so thousands of nested fragments do not overflow the call stack. */
  private statements(root: readonly Statement[]): void {
    const stack: Block[] = [{ list: root, i: 0 }];
    while (stack.length > 0) {
      const f = stack[stack.length - 1];
      if (f.i === 0 && f.start) {
        f.start();
        f.start = undefined;
      }
      if (f.i >= f.list.length) {
        this.flushDestroys();
        stack.pop();
        f.done?.();
        continue;
      }
      const s = f.list[f.i++];
      // A `destroy` written after its message waits for the message's timing lines.
      if (s.type !== 'takes' && s.type !== 'timeout') this.flushDestroys();
      this.comments(s.span.offset);
      const inner = this.statement(s);
      if (inner) for (let k = inner.length - 1; k >= 0; k--) stack.push(inner[k]);
    }
  }

  /** Writes one statement; a block returns its bodies to walk, in order. */
  private statement(s: Statement): Block[] | void {
    switch (s.type) {
      case 'participant':
      case 'box':
        return;
      case 'create':
        return this.create(s);
      case 'ref':
        return this.emitOr(
          this.d.ref(
            s.targets.map((t) => this.id(t.value)),
            s.text.value,
          ),
          s,
        );
      case 'title':
        if (!this.titled) {
          this.titled = true;
          return this.emitOr(this.d.title(s.text.value), s);
        }
        return this.carry(s);
      case 'metadata':
        if (s.key === 'overview') {
          const lines = this.d.overview(s.value.value);
          if (lines) return void this.out.push(...lines);
        }
        return this.carry(s);
      case 'message':
        return this.message(s);
      case 'activate':
      case 'deactivate':
        if (this.inactive.has(s.name.span.offset) || this.inactive.has(s.span.offset)) return this.carry(s);
        return this.emit(this.d.lifeline(s.type, this.id(s.name.value)));
      case 'destroy':
        if (this.immediateDestroys.has(s.span.offset)) return this.carry(s);
        if (this.d.destroyPlacement === 'before') return this.emit(`destroy ${this.id(s.name.value)}`);
        this.pendingDestroys.push(s.name.value);
        return;
      case 'note':
        return this.emit(
          this.d.note(
            s.position,
            s.targets.map((t) => this.id(t.value)),
            s.text?.value ?? '',
          ),
        );
      // With no participant, PlantUML cannot tell a diagram of only these lines is a sequence diagram.
      case 'divider':
        return this.emitOr(this.bare ? undefined : this.d.divider(s.text?.value ?? ''), s);
      case 'delay':
        return this.emitOr(this.bare ? undefined : this.d.delay(s.text?.value ?? ''), s);
      case 'autonumber': {
        if (this.bare) return this.carry(s);
        const args = this.source(s).replace(/^autonumber\s*/, '');
        // PlantUML fails on `resume` or `stop` before any numbering: those stay comments.
        if (/^(resume|off|stop)\b/.test(args) && !this.numbered) return this.carry(s);
        const line = this.d.autonumber(args);
        if (line !== undefined) this.numbered = true;
        return this.emitOr(line, s);
      }
      case 'fragment': {
        const open = this.d.fragment(s.kind, s.branches[0].condition?.value ?? '');
        if (open === undefined) this.carryLine(this.sourceOf(s.branches[0].span));
        else this.emit(open);
        const last = s.branches.length - 1;
        return s.branches.map((b, i) => ({
          list: b.statements,
          i: 0,
          start: () => {
            if (i > 0) {
              this.comments(b.span.offset);
              const line = this.d.branch(s.kind, b.keyword as BranchKeyword, b.condition?.value ?? '');
              if (line === undefined) this.carryLine(this.sourceOf(b.span));
              else this.emit(line);
            }
            this.depth++;
          },
          done: () => {
            this.depth--;
            if (i !== last) return;
            if (s.endSpan) this.comments(s.endSpan.offset);
            this.emit(open === undefined ? this.d.carry('end') : this.d.end);
          },
        }));
      }
      case 'sequence':
        this.carryLine(this.sourceOf(s.span));
        this.depth++;
        return [
          {
            list: s.statements,
            i: 0,
            done: () => {
              this.depth--;
              if (s.endSpan) this.comments(s.endSpan.offset);
              this.emit(this.d.carry('end'));
            },
          },
        ];
      default:
        return this.carry(s);
    }
  }

  private message(s: MessageStatement): void {
    const from = s.from.value;
    const to = s.to.value;
    let activation = s.activation;
    // A `-` that deactivates an inactive sender is a warning in Lifeline and an error in the others: left out.
    if (activation === '-' && this.inactive.has(s.activationOffset)) activation = undefined;
    const pending = this.d.destroyPlacement === 'after' ? this.pendingDestroys.filter((p) => p === from || p === to) : [];
    const line = this.d.message(this.id(from), s.arrow, activation, this.id(to), s.label?.value ?? '');
    if (line === undefined) return this.carry(s);
    this.emit(line);
    for (const p of pending) {
      this.pendingDestroys.splice(this.pendingDestroys.indexOf(p), 1);
      this.destroysDue.push(p);
    }
  }

  private flushDestroys(): void {
    for (const p of this.destroysDue.splice(0)) this.emit(`destroy ${this.id(p)}`);
  }

  /** `.seq` comments (`#`, `//`) before `offset`, as the language's comments. */
  private comments(offset: number): void {
    const cs = this.a.document.comments;
    while (this.commentIndex < cs.length && cs[this.commentIndex].offset < offset) {
      const c = cs[this.commentIndex++];
      this.emit(this.d.comment(this.sourceOf(c).replace(/^(#|\/\/)\s?/, '')));
    }
  }

  private id(name: string): string {
    return this.ids.get(name) ?? name;
  }

  private emitOr(line: string | undefined, s: Statement): void {
    if (line === undefined) this.carry(s);
    else this.emit(line);
  }

  private carry(s: Statement): void {
    this.carryLine(this.source(s));
  }

  private carryLine(line: string): void {
    this.emit(this.d.carry(line));
  }

  private emit(line: string): void {
    for (const l of line.split('\n')) this.out.push(('  '.repeat(Math.min(this.depth, 20) + 1) + l).trimEnd());
  }

  private source(s: Statement): string {
    return this.sourceOf(s.span);
  }

  private sourceOf(span: { offset: number; length: number }): string {
    return this.text
      .slice(span.offset, span.offset + span.length)
      .split(/\r\n|\r|\n/)[0]
      .trim();
  }
}

/** A participant's `.seq` declaration under the id the export gives it. */
function declarationLine(p: Participant, display: string | undefined): string {
  const quoted = display !== undefined ? ` "${display.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"` : '';
  const scope = p.scope === 'external' ? ' external' : '';
  const description = p.description !== undefined ? `: ${seqFreeText(p.description)}` : '';
  return `${p.kind} ${formatName(p.id)}${quoted}${scope}${description}`;
}

/** Free text as `.seq` writes it. */
export function seqFreeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Whether a `ref` or a message the dialect cannot say names a participant (iterative: fragments may nest thousands deep). */
function hasCarriedMention(items: readonly Item[], d: Dialect): boolean {
  const todo: (readonly Item[])[] = [items];
  for (let list = todo.pop(); list; list = todo.pop()) {
    for (const i of list) {
      if (i.type === 'ref') return true;
      if (i.type === 'message' && d.message(i.from, i.arrow, undefined, i.to, '') === undefined) return true;
      if (i.type === 'fragment') for (const b of i.branches) todo.push(b.items);
    }
  }
  return false;
}
