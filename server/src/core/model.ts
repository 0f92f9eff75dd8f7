/**
 * The semantic model: what a diagram means, resolved from the syntax tree.
 * Layout, renderers, export and the language server's features read this.
 * Every item keeps the source span it came from (the preview's source map needs it).
 */
import type {
  ArrowKind,
  BranchKeyword,
  FragmentKind,
  MessageStatement,
  NotePosition,
  ParticipantStatement,
  SequenceStatement,
} from './ast';
import type { ParticipantKindName, Span } from './diagnostics';

export interface Duration {
  readonly ms: number;
  /** As written, e.g. `1.5s`. */
  readonly text: string;
}

export interface Participant {
  /** The id (NFC-normalised, unescaped). */
  readonly id: string;
  readonly kind: ParticipantKindName;
  /** The display name, or the id; may contain `\n` line breaks. */
  readonly displayName: string;
  readonly scope: 'internal' | 'external';
  readonly description?: string;
  /** False for an implicit participant (used without a declaration). */
  readonly declared: boolean;
  readonly declaration?: ParticipantStatement;
  /** The name's span in its first declaration, or its first use for an implicit participant. */
  readonly nameSpan: Span;
  /** Every use of the name outside its declaration (messages, notes, flows, activations), in source order. */
  readonly references: readonly Span[];
  /** How many messages it sends or receives, over all sequences. */
  readonly messageCount: number;
  /** Names of the sequences that use it. */
  readonly sequences: readonly string[];
}

/** One participant's activation changing: `by` levels more (positive) or fewer (negative). */
export interface ActivationChange {
  readonly participant: string;
  readonly by: number;
}

interface ItemBase {
  /** The source line(s) of the item. */
  readonly span: Span;
  /**
   * How the item changes who is active, applied after it (empty for most items): changes, not
   * the active list, which every item copying made 20,000 activations quadratic. A fragment's
   * take the state from its last branch's end to its first branch's (spec: after `end` the
   * state is the first branch's).
   */
  readonly activations: readonly ActivationChange[];
}

export interface Timeout {
  readonly duration: Duration;
  readonly action?: string;
}

export interface MessageItem extends ItemBase {
  readonly type: 'message';
  readonly from: string;
  readonly to: string;
  readonly arrow: ArrowKind;
  /** The label (may contain `\n`); empty when none. */
  readonly label: string;
  /** The autonumber of this message when numbering is on. */
  readonly number?: number;
  readonly activatesTarget: boolean;
  readonly deactivatesSource: boolean;
  readonly takes?: Duration;
  readonly timeout?: Timeout;
  /** Lifelines that end right after this message (a pending `destroy`). */
  readonly destroys: readonly string[];
  readonly statement: MessageStatement;
}

export interface ActivationItem extends ItemBase {
  readonly type: 'activate' | 'deactivate';
  readonly participant: string;
}

export interface DestroyItem extends ItemBase {
  readonly type: 'destroy';
  readonly participant: string;
  /** True when no later message involves the participant: its lifeline ends here. */
  readonly immediate: boolean;
}

export interface NoteItem extends ItemBase {
  readonly type: 'note';
  readonly position: NotePosition;
  /** One participant for left of / right of; one or more for over. */
  readonly participants: readonly string[];
  readonly text: string;
}

export interface DividerItem extends ItemBase {
  readonly type: 'divider';
  readonly text: string;
}

export interface DelayItem extends ItemBase {
  readonly type: 'delay';
  readonly text: string;
}

export interface FragmentBranch {
  readonly keyword: FragmentKind | BranchKeyword;
  /** Condition or label; empty when none. */
  readonly condition: string;
  /** The branch's own line. */
  readonly span: Span;
  /** Applied at the branch's start: back to the state at the block's start (empty for the first branch). */
  readonly activations: readonly ActivationChange[];
  readonly items: readonly Item[];
}

export interface FragmentItem extends ItemBase {
  readonly type: 'fragment';
  readonly kind: FragmentKind;
  readonly branches: readonly FragmentBranch[];
  /** The `end` line, when present. */
  readonly endSpan?: Span;
}

export type Item = MessageItem | ActivationItem | DestroyItem | NoteItem | DividerItem | DelayItem | FragmentItem;

export interface CriticalPath {
  readonly ms: number;
  /** The messages whose `takes` add up to `ms`, in source order. */
  readonly steps: readonly MessageItem[];
}

export interface Sequence {
  /** The sequence's name; the implicit sequence takes the title, else ''. */
  readonly name: string;
  readonly implicit: boolean;
  readonly statement?: SequenceStatement;
  /** The whole sequence block in the source (for the implicit one: the document). */
  readonly span: Span;
  readonly within?: Duration;
  readonly purpose?: string;
  readonly trigger?: string;
  readonly outcome?: string;
  readonly scenario?: string;
  readonly items: readonly Item[];
  /** Lifelines drawn, in the global participant order. */
  readonly lifelines: readonly string[];
  readonly criticalPath: CriticalPath;
}

export interface Flow {
  readonly name: string;
  readonly steps: readonly string[];
  readonly span: Span;
}

export interface RelatedFile {
  readonly path: string;
  readonly span: Span;
}

export interface DocumentMetadata {
  readonly project?: string;
  readonly version?: string;
  readonly date?: string;
  readonly designer?: string;
  readonly overview?: string;
  readonly security?: string;
  readonly assumptions: readonly string[];
  readonly related: readonly RelatedFile[];
}

export interface Model {
  readonly title?: string;
  readonly metadata: DocumentMetadata;
  /** Declared participants in declaration order, then implicit ones in first-use order. */
  readonly participants: readonly Participant[];
  readonly participantById: ReadonlyMap<string, Participant>;
  /** The implicit sequence first (when it has content, or when there is no named sequence), then the named ones. */
  readonly sequences: readonly Sequence[];
  readonly flows: readonly Flow[];
}
