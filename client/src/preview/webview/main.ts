/**
 * The preview page's script (bundled to dist/webview.js, runs in the webview).
 *
 * It draws what the extension sends: every piece of user text goes into the DOM through
 * `textContent` (never markup), rows are updated in place so the page neither flashes nor loses
 * its scroll position while the user types, and every action is a data message back to the
 * extension, which owns the document, the clipboard and the editors.
 */
import {
  clampZoom,
  UPDATE_TRACE_MEASURE,
  ZOOM,
  type Diagram,
  type FromWebview,
  type InitialState,
  type PreviewInfo,
  type PreviewState,
  type SourceRange,
  type Status,
  type ToWebview,
  type UpdateTrace,
} from '../messages';
import { applyPatch, diagramPatch, type DiagramPatch } from '../patch';
import { redrawSplice, type ElementList } from './redraw';
import { RowList } from './rowList';
import { EchoGuard, RowIndex } from './sync';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the preview page has no #${id}`);
  return el as T;
}

const ui = {
  file: byId<HTMLSpanElement>('file'),
  sequence: byId<HTMLSelectElement>('sequence'),
  charset: byId<HTMLButtonElement>('charset'),
  zoomOut: byId<HTMLButtonElement>('zoom-out'),
  zoomReset: byId<HTMLButtonElement>('zoom-reset'),
  zoomIn: byId<HTMLButtonElement>('zoom-in'),
  copy: byId<HTMLButtonElement>('copy'),
  source: byId<HTMLButtonElement>('source'),
  lock: byId<HTMLButtonElement>('lock'),
  top: byId<HTMLElement>('top'),
  toolbar: document.querySelector<HTMLElement>('.toolbar') as HTMLElement,
  banner: byId<HTMLDivElement>('banner'),
  bannerTitle: byId<HTMLParagraphElement>('banner-title'),
  bannerList: byId<HTMLUListElement>('banner-list'),
  diagram: byId<HTMLPreElement>('diagram'),
  steps: byId<HTMLOListElement>('steps'),
  empty: byId<HTMLParagraphElement>('empty'),
  announce: byId<HTMLDivElement>('announce'),
};

// --- state ---------------------------------------------------------------------------------------

const initial = readInitialState();
const saved = vscode.getState();
let info: PreviewInfo = initial.info;
let diagram: Diagram | undefined;
let rows = new RowIndex([]);
/** The row elements, in chunks (rowList.ts). */
const rowList = new RowList<HTMLElement>(ui.diagram, () => {
  const chunk = document.createElement('span');
  chunk.className = 'rows';
  return chunk;
});
let zoom = clampZoom(saved?.uri === info.uri ? saved.zoom : initial.zoom);
/** The source line the editor's cursor is on (its rows are highlighted). */
let cursorLine: number | undefined;
/** Where to scroll once the first diagram is drawn (after a reload). */
let pendingScrollLine: number | undefined = saved?.uri === info.uri ? saved.scrollLine ?? initial.scrollLine : initial.scrollLine;
/** The row the keyboard moves over inside the diagram. */
let focusedRow: number | undefined;
const scrollGuard = new EchoGuard();

function readInitialState(): InitialState {
  const raw = document.getElementById('lifeline-state')?.getAttribute('data-state');
  if (!raw) throw new Error('the preview page has no initial state');
  return JSON.parse(raw) as InitialState;
}

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

function saveState(): void {
  vscode.setState({
    uri: info.uri,
    locked: info.locked,
    charset: info.charsetOverride,
    sequence: info.sequence,
    zoom,
    scrollLine: topLine(),
  });
}

// --- drawing -------------------------------------------------------------------------------------

/** Whether the toolbar shows `info` already (every update carries it; most change nothing). */
let infoShown = false;

function showInfo(next: PreviewInfo): void {
  if (infoShown && sameInfo(info, next)) return;
  infoShown = true;
  const fileChanged = next.uri !== info.uri;
  info = next;
  ui.file.textContent = next.fileName;
  ui.file.title = next.uri;
  ui.charset.textContent = next.charset === 'unicode' ? 'Unicode' : 'ASCII';
  ui.charset.setAttribute('aria-pressed', String(next.charset === 'unicode'));
  ui.charset.title = next.charset === 'unicode' ? 'Draw with ASCII characters' : 'Draw with Unicode box characters';
  ui.lock.textContent = next.locked ? 'Locked' : 'Lock';
  ui.lock.setAttribute('aria-pressed', String(next.locked));
  ui.lock.title = next.locked
    ? 'This preview stays on this file; click to follow the active editor again'
    : 'Keep showing this file when another editor becomes active';
  showSequencePicker(next);
  if (fileChanged) {
    cursorLine = undefined;
    focusedRow = undefined;
    pendingScrollLine = 0; // another file starts at its top
  }
  saveState();
}

function sameInfo(a: PreviewInfo, b: PreviewInfo): boolean {
  return (
    a.uri === b.uri &&
    a.fileName === b.fileName &&
    a.charset === b.charset &&
    a.charsetOverride === b.charsetOverride &&
    a.locked === b.locked &&
    a.sequence === b.sequence &&
    a.sequences.length === b.sequences.length &&
    a.sequences.every((name, i) => name === b.sequences[i])
  );
}

function showSequencePicker(next: PreviewInfo): void {
  const names = next.sequences;
  const wanted = ['*', ...names.map((n, i) => `${i}:${n}`)].join('\u0000');
  if (ui.sequence.dataset.options !== wanted) {
    ui.sequence.replaceChildren();
    const all = document.createElement('option');
    all.value = '';
    all.textContent = 'All sequences';
    ui.sequence.append(all);
    names.forEach((name, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = name === '' ? '(unnamed sequence)' : name;
      ui.sequence.append(o);
    });
    ui.sequence.dataset.options = wanted;
  }
  const index = next.sequence === null ? -1 : names.indexOf(next.sequence);
  ui.sequence.value = index < 0 ? '' : String(index);
  // One sequence (or none): nothing to pick.
  ui.sequence.parentElement?.toggleAttribute('hidden', names.length < 2 && next.sequence === null);
}

const EMPTY: Diagram = { id: 0, version: -1, charset: 'ascii', lines: [], rows: [], steps: [], tooLarge: false };

/** Shows a whole diagram: drawn as the change from the one shown (only rows that differ are touched). */
function showDiagram(next: Diagram): void {
  drawPatch(diagramPatch(diagram ?? EMPTY, next));
}

/**
 * Applies a patch: only the rows it replaces are touched, so the page neither flashes nor loses
 * its scroll position while the user types, and a keystroke in a 1,000-message diagram costs one
 * row, not a thousand.
 */
function drawPatch(patch: DiagramPatch): void {
  const next = applyPatch(diagram ?? EMPTY, patch);
  diagram = next;
  rows = new RowIndex(next.rows);
  if (patch.lines) redrawSplice(rowList, patch.lines, newRow, (row, i) => setRowText(row, next.lines[i]));
  // Source lines of the rows put in place, and of the rows whose source moved.
  for (const s of [patch.lines, patch.rows]) {
    if (!s) continue;
    for (let i = s.start; i < s.start + s.items.length; i++) mapRow(rowElement(i), next.rows[i] ?? null);
  }
  if (patch.steps) {
    redrawSplice(childrenOf(ui.steps), patch.steps, () => document.createElement('li'), (item, i) => {
      if (item.textContent !== next.steps[i]) item.textContent = next.steps[i];
    });
  }
  if (patch.lines) ui.diagram.style.minWidth = `max(100%, ${widest(next.lines)}ch)`;

  const empty = next.lines.length === 0;
  if (ui.empty.hidden !== !empty) {
    ui.empty.hidden = !empty;
    ui.empty.textContent = empty ? 'Nothing to draw yet: declare a participant or write a message such as "A -> B: hello".' : '';
  }
  setAttribute(
    ui.diagram,
    'aria-label',
    next.tooLarge
      ? next.lines.join(' ')
      : `Sequence diagram of ${info.fileName}${info.sequence !== null ? `, sequence ${info.sequence}` : ''}: ${next.steps.length} steps, listed below.`,
  );
  setAttribute(document.body, 'data-version', String(next.version));
  setAttribute(document.body, 'data-charset', next.charset);
  highlightCursor(false);
  if (focusedRow !== undefined && focusedRow >= next.lines.length) focusedRow = undefined;
  markFocusedRow();
  if (pendingScrollLine !== undefined && next.lines.length > 0) {
    scrollToLine(pendingScrollLine);
    pendingScrollLine = undefined;
  }
}

/** An element's children as a list that `redrawSplice` can update. */
function childrenOf(parent: Element): ElementList<HTMLElement> {
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

/** Removes the children [from, to) of `parent` in one go. */
function removeChildren(parent: Element, from: number, to: number): void {
  const range = document.createRange();
  range.setStartBefore(parent.children[from]);
  range.setEndAfter(parent.children[to - 1]);
  range.deleteContents();
}

/** Sets an attribute only when its value changes (an unchanged write still costs a style check). */
function setAttribute(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The longest line, in UTF-16 units: the diagram's least width in `ch` (its rows off screen are not laid out). */
function widest(lines: readonly string[]): number {
  let most = 0;
  for (const l of lines) if (l.length > most) most = l.length;
  return most;
}

/** What the banner shows, as JSON (every update carries a status; most change nothing it shows). */
let statusShown: string | undefined;

function showStatus(next: Status): void {
  const json = JSON.stringify({ ...next, version: undefined });
  if (json === statusShown) return;
  statusShown = json;
  const show = next.stale !== null || next.errorCount > 0;
  document.body.dataset.errors = String(next.errorCount);
  document.body.dataset.stale = next.stale ?? '';
  ui.banner.hidden = !show;
  if (!show) {
    ui.bannerTitle.textContent = '';
    ui.bannerList.replaceChildren();
    return;
  }
  const count = `${next.errorCount} error${next.errorCount === 1 ? '' : 's'}`;
  ui.bannerTitle.textContent =
    next.stale === 'server'
      ? next.notice ?? 'The language server did not answer; this is the last diagram it drew.'
      : next.stale === 'errors'
        ? `${count}: showing the last diagram without errors. Fix the file to update it.`
        : `${count}: the diagram shows what is valid so far.`;
  ui.bannerList.replaceChildren(
    ...next.problems.map((p) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `problem ${p.severity}`;
      button.textContent = `Ln ${p.line + 1}, Col ${p.character + 1}: ${p.message} (${p.code})`;
      button.title = 'Go to this line';
      button.addEventListener('click', () =>
        post({
          type: 'reveal',
          range: { startLine: p.line, startCharacter: p.character, endLine: p.line, endCharacter: p.character },
          select: false,
        }),
      );
      item.append(button);
      return item;
    }),
  );
  const more = next.errorCount + next.warningCount - next.problems.length;
  if (more > 0) {
    const item = document.createElement('li');
    item.className = 'more';
    item.textContent = `and ${more} more in the Problems panel`;
    ui.bannerList.append(item);
  }
}

function applyZoom(next: number, tell: boolean): void {
  zoom = clampZoom(next);
  document.documentElement.style.setProperty('--lifeline-zoom', String(zoom));
  ui.zoomReset.textContent = `${Math.round(zoom * 100)}%`;
  ui.zoomOut.disabled = zoom <= ZOOM.min;
  ui.zoomIn.disabled = zoom >= ZOOM.max;
  saveState();
  if (tell) post({ type: 'zoomed', zoom });
}

// --- source map: cursor, clicks, scrolling ------------------------------------------------------

function rowElement(i: number): HTMLElement | undefined {
  return rowList.at(i);
}

/** The rows lit for the editor's cursor (only they are touched when it moves). */
let selectedRows: HTMLElement[] = [];

function highlightCursor(reveal: boolean): void {
  const wanted = cursorLine === undefined ? [] : rows.rowsAt(cursorLine);
  const lit = wanted.map(rowElement).filter((r): r is HTMLElement => r !== undefined);
  for (const row of selectedRows) if (!lit.includes(row)) row.classList.remove('selected');
  for (const row of lit) if (!row.classList.contains('selected')) row.classList.add('selected');
  selectedRows = lit;
  if (!reveal || lit.length === 0) return;
  const first = lit[0];
  const last = lit[lit.length - 1];
  if (!isVisible(first, last)) {
    const top = rowTop(first) - (window.innerHeight - toolbarHeight()) / 3;
    scrollTo(top);
  }
}

function isVisible(first: HTMLElement, last: HTMLElement): boolean {
  const top = first.getBoundingClientRect().top;
  const bottom = last.getBoundingClientRect().bottom;
  return top >= toolbarHeight() && bottom <= window.innerHeight;
}

function toolbarHeight(): number {
  return ui.top.getBoundingClientRect().height;
}

/** A row's top in document coordinates. */
function rowTop(row: HTMLElement): number {
  return row.getBoundingClientRect().top + window.scrollY - toolbarHeight();
}

function scrollTo(top: number): void {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  const target = Math.max(0, Math.min(max, Math.round(top)));
  if (Math.abs(target - window.scrollY) < 1) return;
  scrollGuard.expect(target);
  window.scrollTo({ top: target, behavior: 'instant' });
}

function scrollToLine(line: number): void {
  const i = rows.rowForLine(Math.floor(line));
  if (i === undefined) {
    scrollTo(0);
    return;
  }
  const row = rowElement(i);
  if (row) scrollTo(rowTop(row));
}

/** The source line of the first row visible below the toolbar (rows are stacked in order: a binary search). */
function topLine(): number | undefined {
  const edge = toolbarHeight();
  let low = 0;
  let high = rowList.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((rowList.at(mid) as HTMLElement).getBoundingClientRect().bottom > edge) high = mid;
    else low = mid + 1;
  }
  return low < rowList.length ? rows.lineForRow(low) : undefined;
}

let scrollFrame = 0;
window.addEventListener(
  'scroll',
  () => {
    if (scrollGuard.isEcho(window.scrollY)) return;
    if (scrollFrame) return;
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      // At the very top the editor goes to the top too (the first rows are often the title and
      // the header, which map to no line).
      const line = window.scrollY <= 0 ? 0 : topLine();
      saveState();
      if (line !== undefined) post({ type: 'scrolled', line });
    });
  },
  { passive: true },
);

function revealRow(i: number): void {
  const range: SourceRange | null = rows.range(i);
  if (range) post({ type: 'reveal', range, select: true });
}

ui.diagram.addEventListener('click', (e) => {
  const row = (e.target as Element | null)?.closest?.('.row');
  if (!(row instanceof HTMLElement) || window.getSelection()?.toString()) return; // selecting text is not a click on a row
  const i = rowList.indexOf(row);
  if (i >= 0) {
    focusedRow = i;
    markFocusedRow();
    revealRow(i);
  }
});

/** Keyboard inside the diagram: ↑/↓ move over the rows drawn from the source, Enter jumps there. */
ui.diagram.addEventListener('keydown', (e) => {
  const mapped = [...Array(rows.length).keys()].filter((i) => rows.range(i));
  if (mapped.length === 0) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const at = focusedRow === undefined ? -1 : mapped.indexOf(focusedRow);
    const next = e.key === 'ArrowDown' ? mapped[Math.min(mapped.length - 1, at + 1)] : mapped[Math.max(0, at < 0 ? 0 : at - 1)];
    focusedRow = next;
    markFocusedRow();
    rowElement(next)?.scrollIntoView({ block: 'nearest' });
    const range = rows.range(next);
    if (range) ui.announce.textContent = `${diagram?.lines[next]?.trim() ?? ''} (line ${range.startLine + 1})`;
    e.preventDefault();
  } else if (e.key === 'Enter' && focusedRow !== undefined) {
    revealRow(focusedRow);
    e.preventDefault();
  }
});

/** The row drawn as focused (only it and the one before are touched). */
let focusedElement: HTMLElement | undefined;

function markFocusedRow(): void {
  const row = focusedRow === undefined ? undefined : rowElement(focusedRow);
  if (row === focusedElement) return;
  focusedElement?.classList.remove('focused');
  row?.classList.add('focused');
  focusedElement = row;
}

// --- toolbar ---------------------------------------------------------------------------------------

ui.charset.addEventListener('click', () => post({ type: 'toggleCharset' }));
ui.lock.addEventListener('click', () => post({ type: 'toggleLock' }));
ui.source.addEventListener('click', () => post({ type: 'showSource' }));
ui.copy.addEventListener('click', () => {
  post({ type: 'copy' });
  ui.announce.textContent = 'Diagram copied as text';
});
ui.zoomIn.addEventListener('click', () => applyZoom(zoom + ZOOM.step, true));
ui.zoomOut.addEventListener('click', () => applyZoom(zoom - ZOOM.step, true));
ui.zoomReset.addEventListener('click', () => applyZoom(1, true));
ui.sequence.addEventListener('change', () => {
  const v = ui.sequence.value;
  const name = v === '' ? null : info.sequences[Number(v)] ?? null;
  post({ type: 'selectSequence', sequence: name });
});

// Ctrl/Cmd + wheel zooms the diagram, as in an editor.
window.addEventListener(
  'wheel',
  (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    applyZoom(zoom + (e.deltaY < 0 ? ZOOM.step : -ZOOM.step), true);
  },
  { passive: false },
);

/** The toolbar is one tab stop group: ←/→ (and Home/End) move between its buttons. */
ui.toolbar.addEventListener('keydown', (e) => {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  if (e.target instanceof HTMLSelectElement) return; // the picker uses its own arrow keys
  const controls = Array.from(ui.toolbar.querySelectorAll<HTMLElement>('button, select')).filter(
    (c) => !c.closest('[hidden]') && !(c as HTMLButtonElement).disabled,
  );
  const at = controls.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? controls.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length;
  controls[next]?.focus();
  e.preventDefault();
});

// --- messages from the extension --------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
  switch (m.type) {
    case 'update': {
      const receivedAt = now();
      showInfo(m.info);
      if (m.patch) {
        // A patch of another diagram than ours (a message lost on the way): ask for the whole one.
        if (m.patch.base === (diagram ?? EMPTY).id) drawPatch(m.patch);
        else post({ type: 'resync' });
      } else if (m.diagram) {
        showDiagram(m.diagram);
      }
      showStatus(m.status);
      if (m.trace) traceUpdate(m.trace, receivedAt, m.patch?.version ?? m.diagram?.version);
      return;
    }
    case 'info':
      showInfo(m.info);
      return;
    case 'cursor':
      cursorLine = m.line;
      highlightCursor(true);
      return;
    case 'scrollTo':
      scrollToLine(m.line);
      return;
  }
});

// --- timing ----------------------------------------------------------------------------------------

function now(): number {
  return performance.timeOrigin + performance.now();
}

/** The measures kept at most (a long session must not grow the timeline without end). */
const MAX_TRACES = 200;
let traces = 0;

/**
 * One `performance` measure per update, from the edit that asked for it to the frame that showed
 * it, with where the time went in its detail (the extension host's side, the page's receipt, the
 * DOM update, the paint). The e2e reads them; DevTools shows them in the Performance panel.
 */
function traceUpdate(trace: UpdateTrace, receivedAt: number, version: number | undefined): void {
  const appliedAt = now();
  afterNextPaint(() => {
    if (++traces > MAX_TRACES) {
      performance.clearMeasures(UPDATE_TRACE_MEASURE);
      traces = 1;
    }
    const paintedAt = now();
    const start = Math.max(0, trace.askedAt - performance.timeOrigin);
    performance.measure(UPDATE_TRACE_MEASURE, { start, end: paintedAt - performance.timeOrigin, detail: { ...trace, receivedAt, appliedAt, paintedAt, version } });
  });
}

/** Runs `f` once the next frame has been painted: a task queued from inside its animation frame. */
function afterNextPaint(f: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      f();
    };
    channel.port2.postMessage(null);
  });
}

// --- start ---------------------------------------------------------------------------------------

applyZoom(zoom, false);
showInfo(initial.info);
if (initial.diagram) showDiagram(initial.diagram);
if (initial.status) showStatus(initial.status);
document.body.dataset.ready = 'true';
post({ type: 'ready' });
