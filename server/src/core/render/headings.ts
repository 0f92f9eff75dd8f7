/** What a whole document prints around its diagrams, the same in text and SVG: headings and flow lines. */
import type { Flow, Model, Sequence } from '../model';
import { textLines } from '../width';

/**
 * Whether a sequence gets a heading of its own: not when it is the only, unnamed one, and not
 * when the title (printed above) already names it — the implicit sequence, or a lone one named like it.
 */
export function hasHeading(model: Model, sequence: Sequence): boolean {
  const all = model.sequences;
  const headed = all.length > 1 || (all.length === 1 && all[0].name !== '');
  return headed && sequence.name !== '' && !(sequence.name === (model.title ?? '') && (sequence.implicit || all.length === 1));
}

/** `name: A -> B -> C` (the chain alone for an unnamed flow). */
export function flowLine(model: Model, flow: Flow, arrow: string): string {
  const chain = flow.steps.map((id) => textLines(model.participantById.get(id)?.displayName ?? id).join(' ')).join(arrow);
  const name = textLines(flow.name).join(' ');
  return name ? `${name}: ${chain}` : chain;
}
