/**
 * Builds the semantic model from the syntax tree: declarations, metadata, flows and the
 * sequences (sequenceBuilder.ts walks their items); the checks of spec section 6 that need
 * the whole document are in checks.ts. Total: any syntax tree, however broken, gives a model.
 */
import type {
  BoxStatement,
  CreateStatement,
  MetadataStatement,
  NameNode,
  ParticipantStatement,
  SeqDocument,
  SequenceStatement,
  Statement,
} from './ast';
import type { Diagnostic, Span } from './diagnostics';
import { diagnostic } from './diagnostics';
import type { Box, DocumentMetadata, Flow, Model, Participant, RelatedFile, Sequence } from './model';
import { missingRelated, UndeclaredNames, unusedParticipants } from './checks';
import { spanOf } from './nodes';
import { createsIn } from './creation';
import { parse } from './parser';
import { SequenceBuilder } from './sequenceBuilder';
import { finishTiming, refItems, type ForeignSequence, type PendingSequence } from './sequenceTiming';
import { computeLineStarts, positionAt } from './text';

export interface ModelOptions {
  /** Whether a `related:` path (relative to the document) exists; omit where the file system is unknown. */
  readonly fileExists?: (relativePath: string) => boolean;
  /**
   * The text of another `.seq` file (relative to the document), undefined when it does not
   * exist: how a `file.seq#Sequence` ref is resolved (v2). Omit where files are unknown.
   */
  readonly readFile?: (relativePath: string) => string | undefined;
  /** The document's own file name (relative to its folder): a cycle of refs through other files is then `recursive-ref`. */
  readonly fileName?: string;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface MutableParticipant extends Mutable<Omit<Participant, 'references' | 'sequences'>> {
  references: Span[];
  sequences: string[];
  index: number;
}

const SINGLE_VALUED = new Set(['project', 'version', 'date', 'designer', 'overview', 'security']);

export class ModelBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly participants: MutableParticipant[] = [];
  private readonly byId = new Map<string, MutableParticipant>();
  private readonly firstDeclaration = new Map<string, ParticipantStatement>();
  private title: string | undefined;
  private titleStatement: Statement | undefined;
  private readonly meta: Mutable<DocumentMetadata> & { assumptions: string[]; related: RelatedFile[] } = { assumptions: [], related: [] };
  private readonly metaKeys = new Map<string, MetadataStatement>();
  private readonly flows: Flow[] = [];
  private readonly boxes: Box[] = [];
  private readonly boxById = new Map<string, Box>();
  private lineStarts: readonly number[] = [];
  /** Created at the first undeclared name, once every declaration is known. */
  private undeclared: UndeclaredNames | undefined;

  constructor(
    private readonly doc: SeqDocument,
    private readonly options: ModelOptions,
  ) {}

  build(): { model: Model; diagnostics: Diagnostic[] } {
    this.lineStarts = this.doc.lineStarts.length ? this.doc.lineStarts : computeLineStarts(this.doc.text);
    this.collectDeclarations(this.doc.statements);

    const implicit = new SequenceBuilder(this, undefined, createsIn(this.doc.statements));
    const named: SequenceBuilder[] = [];
    let implicitHasContent = false;
    for (const st of this.doc.statements) {
      if (st.type === 'sequence') {
        implicit.finishTiming(); // a timing line after a sequence block never reaches back to a top-level message
        const b = new SequenceBuilder(this, st, createsIn(st.statements));
        b.addAll(st.statements);
        named.push(b);
      } else {
        if (implicit.addTopLevel(st)) implicitHasContent = true;
      }
    }
    implicit.finishTiming();
    for (const b of named) b.finishTiming();

    const sequences: Sequence[] = [];
    if (implicitHasContent || named.length === 0) sequences.push(implicit.toSequence(this.title ?? ''));
    const seenNames = new Map<string, SequenceStatement>();
    for (const b of named) {
      const seq = b.toSequence('');
      sequences.push(seq);
      const st = b.statement!;
      const first = seenNames.get(seq.name);
      if (first) {
        const span = st.name?.span ?? st.keywordSpan;
        this.report('duplicate-sequence', span, `A sequence named "${seq.name}" already exists: rename one of them.`, {
          related: [{ ...spanOf(first.name?.span ?? first.keywordSpan), message: 'The first sequence with this name' }],
        });
      } else {
        seenNames.set(seq.name, st);
      }
    }
    finishTiming(sequences as PendingSequence[], {
      report: (code, span, message, extra) => this.report(code, span, message, extra),
      sequencesOf: this.foreignSequences(),
      fileName: this.options.fileName,
    });
    this.diagnostics.push(...unusedParticipants(this.participants, this.doc.text, this.lineStarts));
    this.diagnostics.push(...missingRelated(this.meta.related, this.options.fileExists));

    const participants: Participant[] = this.participants;
    const model: Model = {
      title: this.title,
      metadata: this.meta,
      participants,
      participantById: this.byId,
      boxes: this.boxes,
      sequences,
      flows: this.flows,
    };
    return { model, diagnostics: this.diagnostics };
  }

  /** `file.seq#Name` refs: each file read and analysed once (its own cross-file refs count 0). */
  private foreignSequences(): ((file: string) => readonly ForeignSequence[] | undefined) | undefined {
    const read = this.options.readFile;
    if (!read) return undefined;
    const cache = new Map<string, readonly ForeignSequence[] | undefined>();
    return (file) => {
      if (!cache.has(file)) {
        const text = read(file);
        const lineStarts = text === undefined ? [] : computeLineStarts(text);
        const at = (offset: number) => positionAt(lineStarts, text ?? '', offset);
        cache.set(
          file,
          text === undefined
            ? undefined
            : buildModel(parse(text)).model.sequences.map((s) => ({
                name: s.name,
                criticalPathMs: s.criticalPath.ms,
                within: s.within,
                purpose: s.purpose,
                nameSpan: s.statement?.name?.span,
                nameRange: s.statement?.name?.span && {
                  start: at(s.statement.name.span.offset),
                  end: at(s.statement.name.span.offset + s.statement.name.span.length),
                },
                refs: refItems(s.items).map((r) =>
                  r.statement.target.file
                    ? { file: r.statement.target.file.value, sequence: r.statement.target.sequence.value }
                    : { sequence: r.text },
                ),
              })),
        );
      }
      return cache.get(file);
    };
  }

  participant(id: string): MutableParticipant | undefined {
    return this.byId.get(id);
  }

  get text(): string {
    return this.doc.text;
  }

  get starts(): readonly number[] {
    return this.lineStarts;
  }

  indexOf(id: string): number {
    return this.byId.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
  }

  lifelinesFor(used: ReadonlySet<MutableParticipant>, implicit: boolean): string[] {
    // A named sequence sorts what it uses (thousands of sequences must not each scan every participant).
    if (!implicit) return [...used].sort((a, b) => a.index - b.index).map((p) => p.id);
    return this.participants.filter((p) => used.has(p) || p.declared).map((p) => p.id);
  }

  textLength(): number {
    return this.doc.text.length;
  }

  report(code: Diagnostic['code'], span: Span, message: string, extra: Pick<Diagnostic, 'related' | 'tags' | 'data'> = {}): void {
    this.diagnostics.push(diagnostic(code, span, message, extra));
  }

  /** Pass 1: declarations, wherever they stand (an explicit stack: nesting depth is unbounded). */
  private collectDeclarations(statements: readonly Statement[]): void {
    const pending: (readonly Statement[])[] = [statements];
    const lists: (readonly Statement[])[] = [];
    while (pending.length > 0) {
      const list = pending.pop()!;
      lists.push(list);
      for (let i = list.length - 1; i >= 0; i--) {
        const st = list[i];
        if (st.type === 'sequence') pending.push(st.statements);
        else if (st.type === 'fragment') for (let b = st.branches.length - 1; b >= 0; b--) pending.push(st.branches[b].statements);
      }
    }
    // Declarations in source order: sort the lists' participant statements by offset; those of
    // `create <kind> <id>` (v2) after them, by where they stand.
    const found: ParticipantStatement[] = [];
    const created: CreateStatement[] = [];
    for (const list of lists) {
      for (const st of list) {
        if (st.type === 'participant') found.push(st);
        else if (st.type === 'box') for (const d of st.participants) found.push(d);
        else if (st.type === 'create' && st.declaration) created.push(st);
      }
    }
    const boxOf = new Map<ParticipantStatement, BoxStatement>();
    const boxStatements = statements.filter((st): st is BoxStatement => st.type === 'box');
    for (const st of boxStatements) for (const d of st.participants) boxOf.set(d, st);
    found.sort((a, b) => a.span.offset - b.span.offset);
    created.sort((a, b) => a.span.offset - b.span.offset);
    let nextBox = 0;
    for (const st of found) {
      // A box takes its id before its participants (one namespace).
      while (nextBox < boxStatements.length && boxStatements[nextBox].span.offset < st.span.offset)
        this.declareBox(boxStatements[nextBox++]);
      this.declare(st, boxOf.get(st));
    }
    while (nextBox < boxStatements.length) this.declareBox(boxStatements[nextBox++]);
    for (const st of created) this.declare(st.declaration!, undefined, true);
  }

  /** A box (v2): its id shares the participants' namespace. */
  private declareBox(st: BoxStatement): void {
    const id = st.name.value;
    const first = this.firstDeclaration.get(id) ?? this.boxById.get(id)?.statement;
    if (first) {
      this.report('duplicate-declaration', st.name.span, `"${id}" is already declared: give the box another name.`, {
        related: [{ ...spanOf(first.name.span), message: `"${id}" is first declared here` }],
      });
    }
    const box: Box = { id, label: st.label?.value || id, participants: [], nameSpan: st.name.span, span: st.span, statement: st };
    this.boxes.push(box);
    if (!first) this.boxById.set(id, box);
  }

  private declare(st: ParticipantStatement, box?: BoxStatement, createdBy = false): void {
    const id = st.name.value;
    const first = this.firstDeclaration.get(id) ?? this.boxById.get(id)?.statement;
    if (first) {
      this.report('duplicate-declaration', st.name.span, `"${id}" is already declared: remove this declaration or give it another name.`, {
        related: [{ ...spanOf(first.name.span), message: `"${id}" is first declared here` }],
      });
      return;
    }
    this.firstDeclaration.set(id, st);
    const p: MutableParticipant = {
      id,
      kind: st.kind,
      displayName: st.displayName?.value || id,
      scope: st.scope ?? 'internal',
      description: st.description?.value,
      declared: true,
      declaration: st,
      nameSpan: st.name.span,
      references: [],
      messageCount: 0,
      sequences: [],
      index: this.participants.length,
      box: box?.name.value,
      createdBy: createdBy || undefined,
    };
    if (box) (this.boxes[this.boxes.length - 1].participants as string[]).push(id);
    this.participants.push(p);
    this.byId.set(id, p);
  }

  /** A use of a name: returns its participant, creating an implicit one (and reporting it) when undeclared. */
  use(name: NameNode): MutableParticipant {
    let p = this.byId.get(name.value);
    if (!p) {
      p = {
        id: name.value,
        kind: 'participant',
        displayName: name.value,
        scope: 'internal',
        declared: false,
        nameSpan: name.span,
        references: [],
        messageCount: 0,
        sequences: [],
        index: this.participants.length,
      };
      this.participants.push(p);
      this.byId.set(name.value, p);
    }
    p.references.push(name.span);
    if (!p.declared)
      this.diagnostics.push(
        (this.undeclared ??= new UndeclaredNames(this.doc.text, this.lineStarts, this.firstDeclaration)).diagnosticFor(name),
      );
    return p;
  }

  metadata(st: MetadataStatement): void {
    const key = st.key;
    if (SINGLE_VALUED.has(key)) {
      const first = this.metaKeys.get(key);
      if (first) {
        this.report('duplicate-metadata', st.keySpan, `\`${key}\` is already given: keep one (this one is ignored).`, {
          related: [{ ...spanOf(first.keySpan), message: `The first \`${key}\`` }],
        });
        return;
      }
      this.metaKeys.set(key, st);
      (this.meta as Record<string, unknown>)[key] = st.value.value;
    } else if (key === 'assumption') {
      if (st.value.value) this.meta.assumptions.push(st.value.value);
    } else if (key === 'related') {
      if (st.value.value) this.meta.related.push({ path: st.value.value, span: st.value.span });
    }
  }

  setTitle(st: Statement & { type: 'title' }): void {
    if (this.titleStatement) {
      this.report(
        'duplicate-metadata',
        { offset: st.span.offset, length: 5 },
        '`title` is already given: keep one (this one is ignored).',
        {
          related: [{ offset: this.titleStatement.span.offset, length: 5, message: 'The first `title`' }],
        },
      );
      return;
    }
    this.titleStatement = st;
    this.title = st.text.value;
  }

  flow(st: Statement & { type: 'flow' }): void {
    const steps = st.steps.map((n) => this.use(n).id);
    this.flows.push({ name: st.name?.value ?? '', steps, span: st.span });
  }
}

export function buildModel(doc: SeqDocument, options: ModelOptions = {}): { model: Model; diagnostics: Diagnostic[] } {
  return new ModelBuilder(doc, options).build();
}
