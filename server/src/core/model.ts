/**
 * The semantic model: what a diagram means, resolved from the syntax tree.
 * Layout, renderers, export and the language server's features read this.
 * Every item keeps the source span it came from (the preview's source map needs it).
 */
import type {
  ArrowKind,
  BoxStatement,
  BranchKeyword,
  FragmentKind,
  MessageStatement,
  NotePosition,
  ParticipantStatement,
  RefStatement,
  SequenceStatement,
} from './ast';
import type { ParticipantKindName, Span } from './diagnostics';
import type { Position } from './text';

/** The diagram's edges in a message (v2): `[` left, `]` right. Never a participant id. */
export const LEFT_EDGE = '[';
export const RIGHT_EDGE = ']';

/** True for an edge id in a message item's `from`/`to` (a quoted `"["` is a participant, but then it is declared or implicit: check `participantById` first). */
export function isEdgeId(id: string): boolean {
  return id === LEFT_EDGE || id === RIGHT_EDGE;
}

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
  /** The id of the box it is declared in (v2). */
  readonly box?: string;
  /** Declared by `create <kind> <id> …` inside a sequence (v2). */
  readonly createdBy?: boolean;
}

/** `box <id> ["Label"]` … `end` (v2): participants drawn side by side inside a labelled frame. */
export interface Box {
  readonly id: string;
  /** The label, or the id. */
  readonly label: string;
  /** Its participants' ids, in declaration order (contiguous in the lifeline order). */
  readonly participants: readonly string[];
  readonly nameSpan: Span;
  /** The whole block. */
  readonly span: Span;
  readonly statement: BoxStatement;
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
  /** The participant this message creates (v2: the first message to it after `create`). */
  readonly creates?: string;
  readonly statement: MessageStatement;
}

/** What a `ref` names, once resolved (plain data: hover and export read it). */
export interface RefTargetInfo {
  /** The sequence's name. */
  readonly name: string;
  /** For `file.seq#Name`: the file, relative to the document. */
  readonly file?: string;
  /** The referenced sequence's critical path, in ms (0 inside a cycle of refs). */
  readonly criticalPathMs: number;
  readonly within?: Duration;
  readonly purpose?: string;
  /** The referenced sequence's name in its own document (for go-to-definition). */
  readonly nameSpan?: Span;
  /** The same as lines and characters of that document, for a file the reader of the span lacks. */
  readonly nameRange?: { readonly start: Position; readonly end: Position };
}

/** `ref over A, B: text` (v2): a frame over lifelines; a reference when `target` is set. */
export interface RefItem extends ItemBase {
  readonly type: 'ref';
  readonly participants: readonly string[];
  readonly text: string;
  /** The referenced sequence, when the text names one that exists. */
  readonly target?: RefTargetInfo;
  /** The referenced sequence's critical path as one step (absent when it is 0 or unknown). */
  readonly takes?: Duration;
  readonly statement: RefStatement;
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

export type Item = MessageItem | ActivationItem | DestroyItem | NoteItem | DividerItem | DelayItem | FragmentItem | RefItem;

/** A step of a critical path: a message with `takes`, or a ref counting its sequence's path. */
export type TimedItem = MessageItem | RefItem;

export interface CriticalPath {
  readonly ms: number;
  /** The messages whose `takes` add to `ms`, in source order. */
  readonly steps: readonly MessageItem[];
  /** Every step that adds to `ms` in source order: those messages and the refs (v2) counting their sequence's path. */
  readonly path: readonly TimedItem[];
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
  /** The boxes (v2), in source order (absent in a model built by hand: none). */
  readonly boxes?: readonly Box[];
  /** The implicit sequence first (when it has content, or when there is no named sequence), then the named ones. */
  readonly sequences: readonly Sequence[];
  readonly flows: readonly Flow[];
}
