/**
 * The syntax tree's most numerous nodes, compact: names, free text and messages carry their
 * offset and length themselves and are their own span (`node.span === node`), instead of
 * pointing at a separate `{ offset, length }` object. A 30,000-message document makes about
 * 150,000 of them; one object each instead of two halves what the tree keeps in memory for
 * them (docs/performance.md). To readers they are the interfaces of ast.ts.
 *
 * They are plain object literals made by these functions, not instances of classes: V8 tracks
 * where a literal is allocated, sees that a site's objects survive (a tree lives as long as its
 * document) and from then on allocates them in the old generation directly ("allocation-site
 * pretenuring"). Objects made by `new` are not tracked, and every young-generation collection
 * of a parse copied the tree made so far, up to twice: a third of the parse of 30,000
 * messages was the garbage collector's (docs/performance.md, fourth round).
 */
import type { ArrowKind, MessageStatement, NameNode, TextNode } from './ast';
import type { Span } from './diagnostics';

/** A placeholder for the `span` field until the node points it at itself (one shape for every node). */
const NO_SPAN: Span = { offset: 0, length: 0 };

/** A name node (identifier or quoted name); `value` is already unescaped and NFC-normalised. */
export function nameNode(value: string, offset: number, length: number, quoted: boolean): NameNode & Span {
  const node = { value, offset, length, quoted, span: NO_SPAN };
  node.span = node;
  return node;
}

/** A free-text node; `value` is already unescaped. */
export function textNode(value: string, offset: number, length: number): TextNode & Span {
  const node = { value, offset, length, span: NO_SPAN };
  node.span = node;
  return node;
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
): MessageStatement & Span {
  const node = { type: 'message' as const, offset, length, span: NO_SPAN, from, arrow, arrowOffset, activation, activationOffset, to, label };
  node.span = node;
  return node;
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
