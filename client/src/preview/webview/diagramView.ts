/**
 * The diagram on the page: its rows drawn from the patches the extension passes on (only the rows
 * a patch replaces are touched, so the page neither flashes nor loses its scroll position while
 * the user types, and a keystroke in a 1,000-message diagram costs one row, not a thousand), the
 * text alternative, and the source map: the cursor's rows lit, clicks and Enter going to the
 * source, scrolling kept beside the editor's.
 */
import { applyPatch, EMPTY_DIAGRAM, replacement, stepsOf, type Diagram, type DiagramPatch, type SourceRange } from '../diagram';
import type { FromWebview, PreviewStyle } from '../messages';
import type { PictureView } from './pictureView';
import { diffLists } from '../../../../server/src/core/splice';
import { byId, childrenOf, setAttribute } from './dom';
import { redrawSplice } from './redraw';
import { RowList } from './rowList';
import { EchoGuard, RowIndex } from './sync';

export interface DiagramHost {
  post(m: FromWebview): void;
  announce(text: string): void;
  /** The toolbar's height: rows under it are not visible. */
  topHeight(): number;
  /** What the diagram is of, for its label: "order.seq", ", sequence Refund". */
  describe(): string;
  /** The user scrolled (the state to keep across a reload changed). */
  scrolled(): void;
}

export class DiagramView {
  private readonly pre = byId<HTMLPreElement>('diagram');
  private readonly steps = byId<HTMLOListElement>('steps');
  private readonly empty = byId<HTMLParagraphElement>('empty');
  /** The diagram shown (the one the extension's patches name as their base). */
  diagram: Diagram = EMPTY_DIAGRAM;
  private rows = new RowIndex([]);
  private shownSteps: string[] = [];
  /** The row elements, in chunks (rowList.ts). */
  private readonly rowList = new RowList<HTMLElement>(this.pre, () => {
    const chunk = document.createElement('span');
    chunk.className = 'rows';
    return chunk;
  });
  /** The source line the editor's cursor is on (its rows are lit), and the rows lit for it. */
  private cursorLine: number | undefined;
  private selectedRows: HTMLElement[] = [];
  /** The row the keyboard moves over inside the diagram, and the element drawn as focused. */
  private focusedRow: number | undefined;
  private focusedElement: HTMLElement | undefined;
  /** Where to scroll once a diagram is drawn (after a reload, or for another file). */
  private pendingScrollLine: number | undefined;
  private readonly scrollGuard = new EchoGuard();
  /** The picture style draws the same rows as SVG; the rows stay in the (hidden) text for the source map. */
  private style: PreviewStyle = 'text';

  constructor(
    private readonly host: DiagramHost,
    scrollLine: number | undefined,
    readonly picture: PictureView,
  ) {
    this.pendingScrollLine = scrollLine;
    this.listen();
  }

  /** Shows a whole diagram: every row drawn again in place (rows whose text is the same are left alone). */
  show(next: Diagram): void {
    this.draw(replacement(this.diagram, next));
  }

  /** Applies the extension's patch; false when it is not of the diagram shown (a message was lost). */
  apply(patch: DiagramPatch): boolean {
    if (patch.base !== this.diagram.id) return false;
    this.draw(patch);
    return true;
  }

  /** Another file: the cursor and the focus are forgotten, and its diagram starts at its top. */
  reset(): void {
    this.cursorLine = undefined;
    this.focusedRow = undefined;
    this.pendingScrollLine = 0;
  }

  setStyle(style: PreviewStyle): void {
    if (style === this.style) return;
    this.style = style;
    setAttribute(document.body, 'data-style', style);
    this.highlightCursor(false);
    this.markFocusedRow();
  }

  /** The widest row in pixels at 100% zoom, for Fit width (`chWidth`: one column of the text at 100%). */
  naturalWidth(chWidth: number): number {
    return this.style === 'picture' ? this.picture.naturalWidth : widest(this.diagram.lines) * chWidth;
  }

  /** The editor's cursor is on `line`: light its rows and bring them into view. */
  cursorAt(line: number): void {
    this.cursorLine = line;
    this.highlightCursor(true);
  }

  /** The source line of the first row visible below the toolbar (rows are stacked in order: a binary search). */
  topLine(): number | undefined {
    const edge = this.host.topHeight();
    const count = this.rowList.length;
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.rowRect(mid)?.bottom ?? 0) > edge) high = mid;
      else low = mid + 1;
    }
    return low < count ? this.rows.lineForRow(low) : undefined;
  }

  scrollToLine(line: number): void {
    const i = this.rows.rowForLine(Math.floor(line));
    if (i === undefined) {
      this.scrollTo(0);
      return;
    }
    this.scrollTo(this.rowTop(i));
  }

  /** Row i on screen: its element's box, or its band of the picture. */
  private rowRect(i: number): { top: number; bottom: number } | undefined {
    return this.style === 'picture' ? this.picture.rowRect(i) : this.rowList.at(i)?.getBoundingClientRect();
  }

  private draw(patch: DiagramPatch): void {
    const next = applyPatch(this.diagram, patch);
    this.diagram = next;
    this.rows = new RowIndex(next.rows);
    if (patch.lines) redrawSplice(this.rowList, patch.lines, newRow, (row, i) => setRowText(row, next.lines[i]));
    // Source lines of the rows put in place, and of the rows whose source moved.
    for (const s of [patch.lines, patch.rows]) {
      if (!s) continue;
      for (let i = s.start; i < s.start + s.items.length; i++) mapRow(this.rowList.at(i), next.rows[i] ?? null);
    }
    if (patch.rows || patch.statements) this.drawSteps(stepsOf(next));
    if (patch.lines) this.pre.style.minWidth = `max(100%, ${widest(next.lines)}ch)`;
    this.picture.show(next.svg);

    const empty = next.lines.length === 0;
    if (this.empty.hidden !== !empty) {
      this.empty.hidden = !empty;
      this.empty.textContent = empty ? 'Nothing to draw yet: declare a participant or write a message such as "A -> B: hello".' : '';
    }
    setAttribute(
      this.pre,
      'aria-label',
      next.tooLarge ? next.lines.join(' ') : `Sequence diagram of ${this.host.describe()}: ${this.shownSteps.length} steps, listed below.`,
    );
    setAttribute(document.body, 'data-version', String(next.version));
    setAttribute(document.body, 'data-charset', next.charset);
    this.highlightCursor(false);
    if (this.focusedRow !== undefined && this.focusedRow >= next.lines.length) this.focusedRow = undefined;
    this.markFocusedRow();
    if (this.pendingScrollLine !== undefined && next.lines.length > 0) {
      this.scrollToLine(this.pendingScrollLine);
      this.pendingScrollLine = undefined;
    }
  }

  /** The text alternative's list: only the items that changed are touched. */
  private drawSteps(steps: string[]): void {
    const s = diffLists(this.shownSteps, steps, (a, b) => a === b);
    this.shownSteps = steps;
    if (!s) return;
    redrawSplice(
      childrenOf(this.steps),
      s,
      () => document.createElement('li'),
      (item, i) => {
        if (item.textContent !== steps[i]) item.textContent = steps[i];
      },
    );
  }

  private highlightCursor(reveal: boolean): void {
    const wanted = this.cursorLine === undefined ? [] : this.rows.rowsAt(this.cursorLine);
    const lit = wanted.map((i) => this.rowList.at(i)).filter((r): r is HTMLElement => r !== undefined);
    for (const row of this.selectedRows) if (!lit.includes(row)) row.classList.remove('selected');
    for (const row of lit) if (!row.classList.contains('selected')) row.classList.add('selected');
    this.selectedRows = lit;
    this.picture.highlight(this.style === 'picture' ? wanted : []);
    if (!reveal || wanted.length === 0) return;
    const top = this.rowRect(wanted[0])?.top ?? 0;
    const bottom = this.rowRect(wanted[wanted.length - 1])?.bottom ?? 0;
    if (top < this.host.topHeight() || bottom > window.innerHeight)
      this.scrollTo(this.rowTop(wanted[0]) - (window.innerHeight - this.host.topHeight()) / 3);
  }

  /** A row's top in document coordinates. */
  private rowTop(i: number): number {
    return (this.rowRect(i)?.top ?? 0) + window.scrollY - this.host.topHeight();
  }

  private scrollTo(top: number): void {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    const target = Math.max(0, Math.min(max, Math.round(top)));
    if (Math.abs(target - window.scrollY) < 1) return;
    this.scrollGuard.expect(target);
    window.scrollTo({ top: target, behavior: 'instant' });
  }

  private revealRow(i: number): void {
    const range: SourceRange | null = this.rows.range(i);
    if (range) this.host.post({ type: 'reveal', range, select: true });
  }

  private markFocusedRow(): void {
    this.picture.focus(this.style === 'picture' ? this.focusedRow : undefined);
    const row = this.focusedRow === undefined ? undefined : this.rowList.at(this.focusedRow);
    if (row === this.focusedElement) return;
    this.focusedElement?.classList.remove('focused');
    row?.classList.add('focused');
    this.focusedElement = row;
  }

  private listen(): void {
    let scrollFrame = 0;
    window.addEventListener(
      'scroll',
      () => {
        if (this.scrollGuard.isEcho(window.scrollY) || scrollFrame) return;
        scrollFrame = requestAnimationFrame(() => {
          scrollFrame = 0;
          // At the very top the editor goes to the top too (the first rows are often the title and
          // the header, which map to no line).
          const line = window.scrollY <= 0 ? 0 : this.topLine();
          this.host.scrolled();
          if (line !== undefined) this.host.post({ type: 'scrolled', line });
        });
      },
      { passive: true },
    );
    this.pre.addEventListener('click', (e) => {
      const row = (e.target as Element | null)?.closest?.('.row');
      if (!(row instanceof HTMLElement) || window.getSelection()?.toString()) return; // selecting text is not a click on a row
      const i = this.rowList.indexOf(row);
      if (i < 0) return;
      this.focusedRow = i;
      this.markFocusedRow();
      this.revealRow(i);
    });
    // A click on the picture: its cell's row, through the same source map as the text's rows.
    this.picture.box.addEventListener('click', (e) => {
      const cell = this.picture.cellAt(e.clientX, e.clientY, this.diagram.lines.length, widest(this.diagram.lines));
      if (!cell || !this.rows.range(cell.row)) return;
      this.focusedRow = cell.row;
      this.markFocusedRow();
      this.revealRow(cell.row);
    });
    // Keyboard in the text or the picture: ↑/↓ move over the rows drawn from the source, Enter goes there.
    const onKey = (e: KeyboardEvent) => {
      const rows = this.rows;
      const mapped = [...Array(rows.length).keys()].filter((i) => rows.range(i));
      if (mapped.length === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const at = this.focusedRow === undefined ? -1 : mapped.indexOf(this.focusedRow);
        const next = e.key === 'ArrowDown' ? mapped[Math.min(mapped.length - 1, at + 1)] : mapped[Math.max(0, at < 0 ? 0 : at - 1)];
        this.focusedRow = next;
        this.markFocusedRow();
        this.keepOnScreen(next);
        const range = rows.range(next);
        if (range) this.host.announce(`${this.diagram.lines[next]?.trim() ?? ''} (line ${range.startLine + 1})`);
        e.preventDefault();
      } else if (e.key === 'Enter' && this.focusedRow !== undefined) {
        this.revealRow(this.focusedRow);
        e.preventDefault();
      }
    };
    this.pre.addEventListener('keydown', onKey);
    this.picture.box.addEventListener('keydown', onKey);
  }

  /** Scrolls only as far as needed for row i to show below the toolbar (a user's scroll: the editor follows). */
  private keepOnScreen(i: number): void {
    const r = this.rowRect(i);
    if (!r) return;
    const top = this.host.topHeight();
    const by = r.top < top ? r.top - top : r.bottom > window.innerHeight ? r.bottom - window.innerHeight : 0;
    if (by !== 0) window.scrollTo({ top: window.scrollY + by, behavior: 'instant' });
  }
}

function newRow(): HTMLElement {
  const row = document.createElement('span');
  row.className = 'row';
  return row;
}

function setRowText(row: HTMLElement, line: string): void {
  const text = `${line}\n`;
  const node = row.firstChild;
  if (node instanceof Text && node === row.lastChild) {
    if (node.data !== text) node.data = text;
  } else {
    row.textContent = text;
  }
}

function mapRow(row: HTMLElement | undefined, range: SourceRange | null): void {
  if (!row) return;
  const line = range ? String(range.startLine) : undefined;
  if (row.dataset.line !== line) {
    if (line === undefined) delete row.dataset.line;
    else row.dataset.line = line;
  }
  if (row.classList.contains('mapped') !== (range !== null)) row.classList.toggle('mapped', range !== null);
}

/** The longest line, in UTF-16 units: the diagram's least width in `ch` (its rows off screen are not laid out). */
function widest(lines: readonly string[]): number {
  let most = 0;
  for (const l of lines) if (l.length > most) most = l.length;
  return most;
}
