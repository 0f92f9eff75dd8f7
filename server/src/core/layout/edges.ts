/** The diagram's edges in a message (v2): where a message's end is, as a lifeline index. */
import { LEFT_EDGE, RIGHT_EDGE, type MessageItem } from '../model';

/**
 * A message's end: its lifeline's index, -1 for the left edge, `n` for the right edge, undefined
 * when it is not drawn. A bare `[`/`]` is an edge; a quoted "[" is a participant.
 */
export function messageEnd(m: MessageItem, end: 'from' | 'to', index: ReadonlyMap<string, number>, n: number): number | undefined {
  const node = m.statement?.[end];
  const id = m[end];
  const edge = node ? !node.quoted && (id === LEFT_EDGE || id === RIGHT_EDGE) : (id === LEFT_EDGE || id === RIGHT_EDGE) && !index.has(id);
  if (edge) return id === LEFT_EDGE ? -1 : n;
  return index.get(id);
}
