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

export interface AutonumberStatement extends StatementBase {
  readonly type: 'autonumber';
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
  | FlowStatement
  | FragmentStatement
  | SequenceStatement;

export interface SeqDocument {
  readonly text: string;
  readonly statements: readonly Statement[];
  /** Errors found while reading (codes `syntax`, `invalid-duration`, `unexpected-keyword`, `unclosed-block`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Offsets of line starts; lineStarts[0] === 0. */
  readonly lineStarts: readonly number[];
  /** Comment lines (`#` or `//`), each from the marker to the end of its line. */
  readonly comments: readonly Span[];
}
