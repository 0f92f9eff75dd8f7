/**
 * Constructors of the syntax tree's most numerous nodes (names, free text, messages), each a
 * plain object literal with its own `{ offset, length }` span. Literals, not class instances:
 * V8 pretenures the objects of a literal site whose objects survive (docs/performance.md).
 */
import type { ArrowKind, MessageStatement, NameNode, TextNode } from './ast';
import type { Span } from './diagnostics';

/** A name node (identifier or quoted name); `value` is already unescaped and NFC-normalised. */
export function nameNode(value: string, offset: number, length: number, quoted: boolean): NameNode {
  return { value, span: { offset, length }, quoted };
}

/** A free-text node; `value` is already unescaped. */
export function textNode(value: string, offset: number, length: number): TextNode {
  return { value, span: { offset, length } };
}

/** A message statement; `arrowOffset` is where its arrow starts, `activationOffset` its `+`/`-` (−1 without). */
export function messageNode(
  offset: number,
  length: number,
  from: NameNode,
  arrow: ArrowKind,
  arrowOffset: number,
  activation: '+' | '-' | undefined,
  activationOffset: number,
  to: NameNode,
  label: TextNode | undefined,
): MessageStatement {
  return { type: 'message', span: { offset, length }, from, arrow, arrowOffset, activation, activationOffset, to, label };
}

/** The span of a message's arrow. */
export function arrowSpanOf(m: MessageStatement): Span {
  return { offset: m.arrowOffset, length: m.arrow.length };
}

/** The span of a message's `+` or `-`, when it has one. */
export function activationSpanOf(m: MessageStatement): Span | undefined {
  return m.activation === undefined ? undefined : { offset: m.activationOffset, length: 1 };
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
