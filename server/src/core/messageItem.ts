/**
 * A message of the model, compact: what its statement already says (sender, target, arrow,
 * label, activation, span) is read from the statement instead of copied, so an item holds
 * only what the model adds — its number, the activation changes after it, the lifelines it ends,
 * its timing. Messages are most of a document's items.
 *
 * A class, unlike the syntax tree's nodes (nodes.ts), which are object literals so that V8
 * allocates them straight into the old generation. As a literal an item would have to copy
 * those seven fields: measured at 30,000 messages, the garbage collector's scavenges went from
 * 41 to 34 ms per analysis and render, but the settled server grew by 2.5 MB, over its 80 MB
 * budget (docs/performance.md, fourth round). With the derived fields taken out of `MessageItem`
 * (read through functions over the statement) the literal holds 8 fields, and that was measured
 * too: no gain in the whole analysis and drawing at 30,000 messages (docs/performance.md, fifth
 * round), so the class stays.
 */
import type { ArrowKind, MessageStatement } from './ast';
import type { Span } from './diagnostics';
import type { ActivationChange, Duration, MessageItem, Timeout } from './model';

/** The one empty `destroys` list (most messages end no lifeline). */
const NONE: readonly string[] = [];

export class StatementMessageItem implements MessageItem {
  readonly type = 'message' as const;
  takes: Duration | undefined = undefined;
  timeout: Timeout | undefined = undefined;
  readonly destroys: readonly string[];

  constructor(
    readonly statement: MessageStatement,
    readonly number: number | undefined,
    readonly activations: readonly ActivationChange[],
    destroys: readonly string[],
  ) {
    this.destroys = destroys.length === 0 ? NONE : destroys;
  }

  /** The sender's id (the name as written, unescaped and NFC-normalised). */
  get from(): string {
    return this.statement.from.value;
  }

  get to(): string {
    return this.statement.to.value;
  }

  get arrow(): ArrowKind {
    return this.statement.arrow;
  }

  get label(): string {
    return this.statement.label?.value ?? '';
  }

  get activatesTarget(): boolean {
    return this.statement.activation === '+';
  }

  get deactivatesSource(): boolean {
    return this.statement.activation === '-';
  }

  get span(): Span {
    return this.statement.span;
  }
}
