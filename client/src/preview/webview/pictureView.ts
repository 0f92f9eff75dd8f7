/**
 * The picture style: the server's SVG of the diagram's rows, in the theme's colours (CSS
 * variables). The SVG string is parsed as XML with DOMParser and its nodes imported (never
 * `innerHTML`): its text is escaped XML character data, and parsing as XML runs nothing. Its
 * style sheet is added as a `<style>` of the page's own with the page's nonce (see splitStyle).
 */
import { cellAt, CELL_WIDTH, PADDING, rowSpan, runsOf, splitStyle, type Cell } from '../picture';
import { byId } from './dom';

const SVG_NS = 'http://www.w3.org/2000/svg';

export class PictureView {
  readonly box = byId<HTMLDivElement>('picture');
  private svg: SVGSVGElement | undefined;
  private shown: string | null = null;
  private highlights: SVGGElement | undefined;
  /** Where the row the keyboard is on is drawn (a dashed band). */
  private focused: SVGGElement | undefined;
  /** The picture's size in SVG user units (1 unit = 1 pixel at 100%). */
  private size = { width: 0, height: 0 };
  private scale = 1;

  constructor(private readonly nonce: string) {}

  /** Shows this picture (null: none); an unchanged one is left alone. */
  show(svg: string | null): void {
    if (svg === this.shown) return;
    this.shown = svg;
    this.svg = undefined;
    this.highlights = undefined;
    this.focused = undefined;
    if (svg === null) {
      this.box.replaceChildren();
      return;
    }
    const parts = splitStyle(svg);
    const doc = new DOMParser().parseFromString(parts.svg, 'image/svg+xml');
    const root = doc.documentElement;
    if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
      this.box.replaceChildren();
      return;
    }
    const node = document.importNode(root, true) as unknown as SVGSVGElement;
    const style = document.createElementNS(SVG_NS, 'style');
    style.nonce = this.nonce;
    style.textContent = parts.css;
    node.prepend(style);
    this.size = { width: Number(node.getAttribute('width')) || 0, height: Number(node.getAttribute('height')) || 0 };
    node.removeAttribute('width');
    node.removeAttribute('height');
    // The cursor's rows are lit under the drawing: just after the background.
    const highlights = document.createElementNS(SVG_NS, 'g');
    highlights.setAttribute('class', 'll-cursor');
    const background = node.querySelector(':scope > rect.ll-bg');
    node.insertBefore(highlights, background ? background.nextSibling : node.firstChild);
    const focused = document.createElementNS(SVG_NS, 'g');
    focused.setAttribute('class', 'll-focus');
    node.append(focused);
    this.box.replaceChildren(node);
    this.svg = node;
    this.highlights = highlights;
    this.focused = focused;
    this.setScale(this.scale);
  }

  get naturalWidth(): number {
    return this.size.width;
  }

  setScale(scale: number): void {
    this.scale = scale;
    if (!this.svg) return;
    this.svg.style.width = `${this.size.width * scale}px`;
    this.svg.style.height = `${this.size.height * scale}px`;
  }

  /** The cell under a click, by the picture's own geometry. */
  cellAt(clientX: number, clientY: number, rows: number, columns: number): Cell | undefined {
    if (!this.svg) return undefined;
    const r = this.svg.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return undefined;
    const x = ((clientX - r.left) * this.size.width) / r.width;
    const y = ((clientY - r.top) * this.size.height) / r.height;
    return cellAt(x, y, rows, columns);
  }

  /** A row's top and bottom on screen (viewport pixels). */
  rowRect(row: number): { top: number; bottom: number } | undefined {
    if (!this.svg) return undefined;
    const r = this.svg.getBoundingClientRect();
    const k = this.size.height > 0 ? r.height / this.size.height : 0;
    const span = rowSpan(row);
    return { top: r.top + span.top * k, bottom: r.top + span.bottom * k };
  }

  /** Lights these rows (the editor's cursor line's), one band per run of rows. */
  highlight(rows: readonly number[]): void {
    this.highlights?.replaceChildren(...runsOf(rows).map(([first, last]) => this.band(first, last)));
  }

  /** Outlines the row the keyboard is on (undefined: none); the owner calls it again after each redraw. */
  focus(row: number | undefined): void {
    this.focused?.replaceChildren(...(row === undefined ? [] : [this.band(row, row)]));
  }

  /** A band across the picture over rows first..last. */
  private band(first: number, last: number): SVGRectElement {
    const rect = document.createElementNS(SVG_NS, 'rect');
    const top = rowSpan(first).top;
    rect.setAttribute('x', String(PADDING - CELL_WIDTH / 2));
    rect.setAttribute('y', String(top));
    rect.setAttribute('width', String(Math.max(0, this.size.width - 2 * PADDING + CELL_WIDTH)));
    rect.setAttribute('height', String(rowSpan(last).bottom - top));
    rect.dataset.rows = `${first}-${last}`;
    return rect;
  }
}
