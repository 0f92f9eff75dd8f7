/**
 * The syntax tree's most numerous nodes, compact: names, free text and messages carry their
 * offset and length themselves and are their own span (`node.span === node`), instead of
 * pointing at a separate `{ offset, length }` object. A 30,000-message document makes about
 * 150,000 of them; one object each instead of two halves what the tree keeps in memory for
 * them (docs/performance.md). To readers they are the interfaces of ast.ts.
 */
import type { ArrowKind, MessageStatement, NameNode, TextNode } from './ast';
import type { Span } from './diagnostics';

export class Name implements NameNode, Span {
  constructor(
    readonly value: string,
    readonly offset: number,
    readonly length: number,
    readonly quoted: boolean,
  ) {}

  get span(): Span {
    return this;
  }
}

export class Text implements TextNode, Span {
  constructor(
    readonly value: string,
    readonly offset: number,
    readonly length: number,
  ) {}

  get span(): Span {
    return this;
  }
}

export class Message implements MessageStatement, Span {
  readonly type = 'message' as const;

  constructor(
    /** The statement's line (see `StatementBase.span`). */
    readonly offset: number,
    readonly length: number,
    readonly from: NameNode,
    readonly arrow: ArrowKind,
    private readonly arrowOffset: number,
    readonly activation: '+' | '-' | undefined,
    private readonly activationOffset: number,
    readonly to: NameNode,
    readonly label: TextNode | undefined,
  ) {}

  get span(): Span {
    return this;
  }

  get arrowSpan(): Span {
    return { offset: this.arrowOffset, length: this.arrow.length };
  }

  get activationSpan(): Span | undefined {
    return this.activation === undefined ? undefined : { offset: this.activationOffset, length: 1 };
  }
}

/** A plain `{ offset, length }` copy of a span (for data that leaves the core, or is spread). */
export function spanOf(s: Span): Span {
  return { offset: s.offset, length: s.length };
}

/**
 * Whether a key of a syntax-tree node holds a position (`span`, `keywordSpan`, `arrowSpans`,
 * `offset`, `length`, `arrowOffset`…): what a comparison of meanings leaves out.
 */
export function isPositionKey(key: string): boolean {
  return /span$|spans$|offset$/i.test(key) || key === 'length';
}
