/**
 * The syntax tree: one node per statement line, blocks holding their branches.
 * Every node carries UTF-16 offsets into the source. Values are already unescaped
 * (and names NFC-normalised); `span` covers what was written.
 */
import type { Diagnostic, ParticipantKindName, Span } from './diagnostics';

/** A participant name: an identifier or a quoted name. `value` is NFC-normalised and unescaped. */
export interface NameNode {
  readonly value: string;
  readonly span: Span;
  readonly quoted: boolean;
}

/** Free text (label, description, condition…): unescaped (`\n` is a line break), trimmed. */
export interface TextNode {
  readonly value: string;
  readonly span: Span;
}

export type DurationUnit = 'ms' | 's' | 'min' | 'h';

export interface DurationNode {
  /** As written, e.g. `1.5s`. */
  readonly text: string;
  readonly ms: number;
  readonly span: Span;
}

export type ArrowKind = '->' | '-->' | '->>' | '-->>' | '-x' | '--x';

export const Arrows: readonly ArrowKind[] = ['-->>', '-->', '--x', '->>', '->', '-x'];

/** True for the diagram's edge (`[` or `]` written bare) in a message: no participant. */
export function isEdge(name: NameNode): boolean {
  return !name.quoted && (name.value === '[' || name.value === ']');
}

export type DocumentMetaKey = 'project' | 'version' | 'date' | 'designer' | 'overview' | 'security' | 'assumption' | 'related';
export type SequenceMetaKey = 'purpose' | 'trigger' | 'outcome' | 'scenario';
export type MetaKey = DocumentMetaKey | SequenceMetaKey;

export type FragmentKind = 'alt' | 'opt' | 'loop' | 'par' | 'critical' | 'break' | 'group';
/** The keyword that opens a further branch of a fragment. */
export type BranchKeyword = 'else' | 'and' | 'option';

export const branchKeywordOf: Readonly<Partial<Record<FragmentKind, BranchKeyword>>> = {
  alt: 'else',
  par: 'and',
  critical: 'option',
};

interface StatementBase {
  /** The statement's line, from its first non-blank character to the end of its content (no line break). */
  readonly span: Span;
}

export interface TitleStatement extends StatementBase {
  readonly type: 'title';
  readonly text: TextNode;
}

export interface MetadataStatement extends StatementBase {
  readonly type: 'metadata';
  readonly key: MetaKey;
  readonly keySpan: Span;
  readonly value: TextNode;
}

export interface ParticipantStatement extends StatementBase {
  readonly type: 'participant';
  readonly kind: ParticipantKindName;
  readonly kindSpan: Span;
  readonly name: NameNode;
  readonly displayName?: TextNode;
  readonly scope?: 'internal' | 'external';
  readonly description?: TextNode;
}

/**
 * A message. An edge message (v2) has `[` (the left edge) or `]` (the right edge) as its
 * sender or target: a name node with that value, not quoted (`isEdge`).
 */
export interface MessageStatement extends StatementBase {
  readonly type: 'message';
  readonly from: NameNode;
  readonly arrow: ArrowKind;
  /** Where the arrow starts (its span: `arrowSpanOf`). */
  readonly arrowOffset: number;
  /** `+` activates the target; `-` deactivates the sender. */
  readonly activation?: '+' | '-';
  /** Where the `+`/`-` is, −1 without one (its span: `activationSpanOf`). */
  readonly activationOffset: number;
  readonly to: NameNode;
  readonly label?: TextNode;
}

export interface TakesStatement extends StatementBase {
  readonly type: 'takes';
  readonly keywordSpan: Span;
  /** Missing when the duration is invalid (an `invalid-duration` diagnostic was reported). */
  readonly duration?: DurationNode;
}

export interface TimeoutStatement extends StatementBase {
  readonly type: 'timeout';
  readonly keywordSpan: Span;
  readonly duration?: DurationNode;
  readonly action?: TextNode;
}

export interface LifelineStatement extends StatementBase {
  readonly type: 'activate' | 'deactivate' | 'destroy';
  readonly keywordSpan: Span;
  readonly name: NameNode;
}

export type NotePosition = 'left of' | 'right of' | 'over';

export interface NoteStatement extends StatementBase {
  readonly type: 'note';
  readonly position: NotePosition;
  readonly targets: readonly NameNode[];
  readonly text?: TextNode;
}

export interface DividerStatement extends StatementBase {
  readonly type: 'divider';
  readonly text?: TextNode;
}

export interface DelayStatement extends StatementBase {
  readonly type: 'delay';
  readonly text?: TextNode;
}

/**
 * `autonumber [start [step]]` (`on`), `autonumber off` (or PlantUML's `stop`),
 * `autonumber resume [step]`. `start`/`step` are set only where written.
 */
export interface AutonumberStatement extends StatementBase {
  readonly type: 'autonumber';
  readonly mode: 'on' | 'off' | 'resume';
  readonly start?: number;
  readonly step?: number;
}

/** `box <id> ["Label"]` … `end`: a group of participant declarations (top level only). */
export interface BoxStatement extends StatementBase {
  readonly type: 'box';
  readonly keywordSpan: Span;
  readonly name: NameNode;
  readonly label?: TextNode;
  /** The declarations inside, in source order. */
  readonly participants: readonly ParticipantStatement[];
  /** The `end` (or `end box`) line, when there is one. */
  readonly endSpan?: Span;
}

/**
 * `create <id>`, or `create <kind> <id> …` which also declares the participant
 * (`declaration`, its span from the kind to the end of the line).
 */
export interface CreateStatement extends StatementBase {
  readonly type: 'create';
  readonly keywordSpan: Span;
  readonly name: NameNode;
  readonly declaration?: ParticipantStatement;
}

/**
 * `ref over A, B: text`. When the text may name a sequence — `Name` or `file.seq#Name` —
 * `target` holds its parts; whether it is one is the model's decision.
 */
export interface RefStatement extends StatementBase {
  readonly type: 'ref';
  readonly keywordSpan: Span;
  readonly targets: readonly NameNode[];
  readonly text: TextNode;
  readonly target: RefTarget;
}

export interface RefTarget {
  /** The file part of `file.seq#Name`, relative to the document. */
  readonly file?: TextNode;
  /** The sequence's name (the whole text for a same-file reference). */
  readonly sequence: TextNode;
}

export interface FlowStatement extends StatementBase {
  readonly type: 'flow';
  readonly name?: TextNode;
  readonly steps: readonly NameNode[];
  /** Spans of the arrows between steps (`->` or `→`). */
  readonly arrowSpans: readonly Span[];
}

/** One branch of a fragment: the opener's or an `else`/`and`/`option` line, and the statements under it. */
export interface Branch {
  /** `alt`, `else`, `and`, … — the keyword that opened this branch. */
  readonly keyword: FragmentKind | BranchKeyword;
  readonly keywordSpan: Span;
  /** The branch line's span (keyword and condition). */
  readonly span: Span;
  readonly condition?: TextNode;
  readonly statements: readonly Statement[];
}

export interface FragmentStatement extends StatementBase {
  readonly type: 'fragment';
  readonly kind: FragmentKind;
  readonly branches: readonly Branch[];
  /** The `end` line, when there is one. */
  readonly endSpan?: Span;
}

export interface SequenceStatement extends StatementBase {
  readonly type: 'sequence';
  readonly keywordSpan: Span;
  readonly name?: TextNode;
  readonly within?: DurationNode;
  readonly statements: readonly Statement[];
  readonly endSpan?: Span;
}

export type Statement =
  | TitleStatement
  | MetadataStatement
  | ParticipantStatement
  | MessageStatement
  | TakesStatement
  | TimeoutStatement
  | LifelineStatement
  | NoteStatement
  | DividerStatement
  | DelayStatement
  | AutonumberStatement
  | BoxStatement
  | CreateStatement
  | RefStatement
  | FlowStatement
  | FragmentStatement
  | SequenceStatement;

export interface SeqDocument {
  readonly text: string;
  readonly statements: readonly Statement[];
  /** Errors found while reading (codes `syntax`, `invalid-duration`, `unexpected-keyword`, `unclosed-block`, `nested-box`, `box-content`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Offsets of line starts; lineStarts[0] === 0. */
  readonly lineStarts: readonly number[];
  /** Comment lines (`#` or `//`), each from the marker to the end of its line. */
  readonly comments: readonly Span[];
}
