/**
 * A splice of the items a list of elements shows, applied to the elements: the elements of the
 * replaced items are drawn again in place (`draw` gets the element and its item's new index),
 * the ones for items beyond them are made, or the ones left over removed. The preview's rows and
 * its list of steps both update this way, so typing never re-creates what it can redraw.
 *
 * Pure over a small list interface: the page gives it its rows or the steps' `<ol>`; the tests an
 * array.
 */
import type { Splice } from '../diagram';

/** A list of elements, by index. */
export interface ElementList<E> {
  at(i: number): E | undefined;
  /** Removes `deleteCount` elements at `start` and puts `added` there, in order. */
  splice(start: number, deleteCount: number, added: readonly E[]): void;
}

export function redrawSplice<E>(list: ElementList<E>, s: Splice<unknown>, make: () => E, draw: (element: E, i: number) => void): void {
  const kept = Math.min(s.deleteCount, s.items.length);
  for (let i = s.start; i < s.start + kept; i++) {
    const element = list.at(i);
    if (element !== undefined) draw(element, i);
  }
  const added: E[] = [];
  for (let i = s.start + kept; i < s.start + s.items.length; i++) {
    const element = make();
    draw(element, i);
    added.push(element);
  }
  if (added.length > 0 || s.deleteCount > kept) list.splice(s.start + kept, s.deleteCount - kept, added);
}
