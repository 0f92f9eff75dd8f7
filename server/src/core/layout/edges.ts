/** The diagram's edges in a message (v2): where a message's end is, as a lifeline index. */
import { isEdgeId, LEFT_EDGE, type MessageItem } from '../model';

/** A bare `[`/`]` is an edge; a quoted "[" is a participant. */
export function isEdgeEnd(m: MessageItem, end: 'from' | 'to'): boolean {
  return isEdgeId(m[end]) && !m.statement[end].quoted;
}

/** A message's end: its lifeline's index, -1 for the left edge, `n` for the right edge, undefined when it is not drawn. */
export function messageEnd(m: MessageItem, end: 'from' | 'to', index: ReadonlyMap<string, number>, n: number): number | undefined {
  if (isEdgeEnd(m, end)) return m[end] === LEFT_EDGE ? -1 : n;
  return index.get(m[end]);
}
