/** Small DOM helpers the page's parts share. */
import type { ElementList } from './redraw';

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the preview page has no #${id}`);
  return el as T;
}

/** Sets an attribute only when its value changes (an unchanged write still costs a style check). */
export function setAttribute(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** An element's children as a list that `redrawSplice` can update. */
export function childrenOf(parent: Element): ElementList<HTMLElement> {
  return {
    at: (i) => parent.children[i] as HTMLElement | undefined,
    splice(start, deleteCount, added) {
      if (deleteCount > 0) removeChildren(parent, start, start + deleteCount);
      if (added.length === 0) return;
      const fragment = document.createDocumentFragment();
      fragment.append(...added);
      parent.insertBefore(fragment, parent.children[start] ?? null);
    },
  };
}

/** Removes the children [from, to) of `parent` in one go. */
function removeChildren(parent: Element, from: number, to: number): void {
  const range = document.createRange();
  range.setStartBefore(parent.children[from]);
  range.setEndAfter(parent.children[to - 1]);
  range.deleteContents();
}
