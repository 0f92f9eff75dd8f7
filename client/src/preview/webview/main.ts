/**
 * The preview page's script (bundled to dist/webview.js, runs in the webview): wires the toolbar,
 * the banner and the diagram to the extension's messages.
 *
 * It draws what the extension sends: every piece of user text goes into the DOM through
 * `textContent` (never markup), and every action is a data message back to the extension, which
 * owns the document, the clipboard and the editors.
 */
import { clampZoom, type FromWebview, type InitialState, type PreviewState, type ToWebview } from '../messages';
import { Banner } from './banner';
import { DiagramView } from './diagramView';
import { byId } from './dom';
import { fitZoom } from '../picture';
import { PictureView } from './pictureView';
import { Toolbar } from './toolbar';
import { now, traceUpdate } from './trace';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);
const announcer = byId<HTMLDivElement>('announce');
const announce = (text: string) => {
  announcer.textContent = text;
};

function readInitialState(): InitialState {
  const raw = document.getElementById('lifeline-state')?.getAttribute('data-state');
  if (!raw) throw new Error('the preview page has no initial state');
  return JSON.parse(raw) as InitialState;
}

const initial = readInitialState();
const saved = vscode.getState();
const sameFile = saved?.uri === initial.info.uri;

/** Keeps what a reload restores (the serializer hands it back to the extension). Called once both exist. */
function saveState(): void {
  const info = toolbar.info;
  vscode.setState({
    uri: info.uri,
    locked: info.locked,
    charset: info.charsetOverride,
    style: info.style,
    durations: info.durations,
    sequence: info.sequence,
    zoom: toolbar.zoom,
    fit: toolbar.fit,
    scrollLine: view.topLine(),
  });
}

/** The page's nonce, which a picture's `<style>` needs to pass the CSP. */
const pageNonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
const content = byId<HTMLElement>('content');
const diagram = byId<HTMLElement>('diagram');

/** The width of one text column at 100%, measured in the diagram's font. */
function chWidth(): number {
  const probe = document.createElement('span');
  probe.textContent = '0'.repeat(100);
  diagram.append(probe);
  // Divided by the scale drawn at now (not `toolbar.scale`: with Fit width that asks us again).
  const drawnAt = parseFloat(document.documentElement.style.getPropertyValue('--lifeline-zoom')) || 1;
  const width = probe.getBoundingClientRect().width / 100 / drawnAt;
  probe.remove();
  return width;
}

/** Fit width: the scale at which the widest row fills the preview's width. */
function fitted(): number {
  const style = getComputedStyle(content);
  const available = content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return fitZoom(available, view.naturalWidth(chWidth()));
}

const toolbar: Toolbar = new Toolbar(
  { post, announce, changed: saveState, scaled: (scale) => view.picture.setScale(scale) },
  initial.info,
  clampZoom(sameFile ? saved.zoom : initial.zoom),
  sameFile ? saved.fit === true : initial.fit,
  fitted,
);
const banner = new Banner(post);
const view: DiagramView = new DiagramView(
  {
    post,
    announce,
    topHeight: () => toolbar.height(),
    describe: () => `${toolbar.info.fileName}${toolbar.info.sequence !== null ? `, sequence ${toolbar.info.sequence}` : ''}`,
    scrolled: saveState,
  },
  sameFile ? (saved.scrollLine ?? initial.scrollLine) : initial.scrollLine,
  new PictureView(pageNonce),
);

function showInfo(info: InitialState['info']): void {
  if (toolbar.show(info)) view.reset();
  view.setStyle(info.style);
}

/** A new diagram, or a new width: Fit width follows it. */
function refit(): void {
  if (toolbar.fit) toolbar.applyZoom();
}
window.addEventListener('resize', refit);

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
  switch (m.type) {
    case 'update': {
      const receivedAt = now();
      showInfo(m.info);
      // A patch of another diagram than ours (a message lost on the way): ask for the whole one.
      if (m.patch && !view.apply(m.patch)) post({ type: 'resync' });
      else if (m.diagram) view.show(m.diagram);
      refit();
      banner.show(m.status);
      if (m.trace) traceUpdate(m.trace, receivedAt, m.patch?.version ?? m.diagram?.version);
      return;
    }
    case 'info':
      showInfo(m.info);
      return;
    case 'cursor':
      view.cursorAt(m.line);
      return;
    case 'scrollTo':
      view.scrollToLine(m.line);
      return;
  }
});

toolbar.show(initial.info);
view.setStyle(initial.info.style);
if (initial.diagram) view.show(initial.diagram);
toolbar.setZoom(toolbar.zoom, false, toolbar.fit);
if (initial.status) banner.show(initial.status);
document.body.dataset.ready = 'true';
post({ type: 'ready' });
