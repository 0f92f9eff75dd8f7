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
    sequence: info.sequence,
    zoom: toolbar.zoom,
    scrollLine: view.topLine(),
  });
}

const toolbar: Toolbar = new Toolbar({ post, announce, changed: saveState }, initial.info, clampZoom(sameFile ? saved.zoom : initial.zoom));
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
);

function showInfo(info: InitialState['info']): void {
  if (toolbar.show(info)) view.reset();
}

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

toolbar.setZoom(toolbar.zoom, false);
toolbar.show(initial.info);
if (initial.diagram) view.show(initial.diagram);
if (initial.status) banner.show(initial.status);
document.body.dataset.ready = 'true';
post({ type: 'ready' });
