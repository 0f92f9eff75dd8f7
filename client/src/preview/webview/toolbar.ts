/**
 * The toolbar: the file, the sequence picker, the charset toggle, zoom, copy, go to source and
 * lock. It shows `PreviewInfo` and turns clicks into messages; the extension owns the state.
 */
import { clampZoom, ZOOM, type FromWebview, type PreviewInfo } from '../messages';
import { byId } from './dom';

export interface ToolbarHost {
  post(m: FromWebview): void;
  /** Something worth keeping across a reload changed (the zoom, the file). */
  changed(): void;
  /** The diagram is drawn at this scale now. */
  scaled(scale: number): void;
  announce(text: string): void;
}

export class Toolbar {
  private readonly ui = {
    file: byId<HTMLSpanElement>('file'),
    sequence: byId<HTMLSelectElement>('sequence'),
    charset: byId<HTMLButtonElement>('charset'),
    style: byId<HTMLButtonElement>('style'),
    durations: byId<HTMLButtonElement>('durations'),
    zoomFit: byId<HTMLButtonElement>('zoom-fit'),
    copySvg: byId<HTMLButtonElement>('copy-svg'),
    saveSvg: byId<HTMLButtonElement>('save-svg'),
    zoomOut: byId<HTMLButtonElement>('zoom-out'),
    zoomReset: byId<HTMLButtonElement>('zoom-reset'),
    zoomIn: byId<HTMLButtonElement>('zoom-in'),
    copy: byId<HTMLButtonElement>('copy'),
    source: byId<HTMLButtonElement>('source'),
    lock: byId<HTMLButtonElement>('lock'),
    top: byId<HTMLElement>('top'),
    toolbar: document.querySelector<HTMLElement>('.toolbar') as HTMLElement,
  };
  /** Whether the toolbar shows `info` already (every update carries it; most change nothing). */
  private infoShown = false;

  constructor(
    private readonly host: ToolbarHost,
    public info: PreviewInfo,
    public zoom: number,
    /** Fit width: the zoom follows the panel's width (`fitted` computes it). */
    public fit: boolean,
    private readonly fitted: () => number,
  ) {
    this.listen();
  }

  /** Shows `next`; true when it is another file than before. */
  show(next: PreviewInfo): boolean {
    if (this.infoShown && sameInfo(this.info, next)) return false;
    this.infoShown = true;
    const fileChanged = next.uri !== this.info.uri;
    this.info = next;
    const ui = this.ui;
    ui.file.textContent = next.fileName;
    ui.file.title = next.uri;
    ui.charset.textContent = next.charset === 'unicode' ? 'Unicode' : 'ASCII';
    ui.charset.setAttribute('aria-pressed', String(next.charset === 'unicode'));
    ui.charset.title = next.charset === 'unicode' ? 'Draw with ASCII characters' : 'Draw with Unicode box characters';
    // The picture is drawn on the ASCII grid: the charset is the text's alone.
    ui.charset.hidden = next.style === 'picture';
    ui.style.textContent = next.style === 'picture' ? 'Picture' : 'Text';
    ui.style.setAttribute('aria-pressed', String(next.style === 'picture'));
    ui.style.title = next.style === 'picture' ? 'Show the diagram as text' : 'Show the diagram as a picture';
    ui.durations.setAttribute('aria-pressed', String(next.durations));
    document.body.dataset.style = next.style;
    ui.lock.textContent = next.locked ? 'Locked' : 'Lock';
    ui.lock.setAttribute('aria-pressed', String(next.locked));
    ui.lock.title = next.locked
      ? 'This preview stays on this file; click to follow the active editor again'
      : 'Keep showing this file when another editor becomes active';
    this.showSequencePicker(next);
    this.host.changed();
    return fileChanged;
  }

  setZoom(next: number, tell: boolean, fit = false): void {
    this.fit = fit;
    this.zoom = clampZoom(next);
    this.ui.zoomFit.setAttribute('aria-pressed', String(fit));
    this.applyZoom();
    this.host.changed();
    if (tell) this.host.post({ type: 'zoomed', zoom: this.zoom, fit });
  }

  /** The scale drawn at: the zoom, or with Fit width the one that fills the panel's width. */
  get scale(): number {
    return this.fit ? this.fitted() : this.zoom;
  }

  /** Draws at `scale` again (the content or the panel's width changed). */
  applyZoom(): void {
    const scale = this.scale;
    document.documentElement.style.setProperty('--lifeline-zoom', String(scale));
    this.ui.zoomReset.textContent = `${Math.round(scale * 100)}%`;
    this.ui.zoomOut.disabled = scale <= ZOOM.min;
    this.ui.zoomIn.disabled = scale >= ZOOM.max;
    this.host.scaled(scale);
  }

  /** The height of the toolbar and banner, which stay on top of the diagram. */
  height(): number {
    return this.ui.top.getBoundingClientRect().height;
  }

  private showSequencePicker(next: PreviewInfo): void {
    const picker = this.ui.sequence;
    const names = next.sequences;
    const wanted = ['*', ...names.map((n, i) => `${i}:${n}`)].join('\u0000');
    if (picker.dataset.options !== wanted) {
      picker.replaceChildren();
      const all = document.createElement('option');
      all.value = '';
      all.textContent = 'All sequences';
      picker.append(all);
      names.forEach((name, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = name === '' ? '(unnamed sequence)' : name;
        picker.append(o);
      });
      picker.dataset.options = wanted;
    }
    const index = next.sequence === null ? -1 : names.indexOf(next.sequence);
    picker.value = index < 0 ? '' : String(index);
    // One sequence (or none): nothing to pick.
    picker.parentElement?.toggleAttribute('hidden', names.length < 2 && next.sequence === null);
  }

  private listen(): void {
    const { ui, host } = this;
    ui.charset.addEventListener('click', () => host.post({ type: 'toggleCharset' }));
    ui.style.addEventListener('click', () => host.post({ type: 'toggleStyle' }));
    ui.durations.addEventListener('click', () => host.post({ type: 'toggleDurations' }));
    ui.copySvg.addEventListener('click', () => {
      host.post({ type: 'copySvg' });
      host.announce('Diagram copied as SVG');
    });
    ui.saveSvg.addEventListener('click', () => host.post({ type: 'saveSvg' }));
    ui.zoomFit.addEventListener('click', () => this.setZoom(this.scale, true, !this.fit));
    ui.lock.addEventListener('click', () => host.post({ type: 'toggleLock' }));
    ui.source.addEventListener('click', () => host.post({ type: 'showSource' }));
    ui.copy.addEventListener('click', () => {
      host.post({ type: 'copy' });
      host.announce('Diagram copied as text');
    });
    ui.zoomIn.addEventListener('click', () => this.setZoom(this.scale + ZOOM.step, true));
    ui.zoomOut.addEventListener('click', () => this.setZoom(this.scale - ZOOM.step, true));
    ui.zoomReset.addEventListener('click', () => this.setZoom(1, true));
    ui.sequence.addEventListener('change', () => {
      const v = ui.sequence.value;
      const name = v === '' ? null : (this.info.sequences[Number(v)] ?? null);
      host.post({ type: 'selectSequence', sequence: name });
    });
    // Ctrl/Cmd + wheel zooms the diagram, as in an editor.
    window.addEventListener(
      'wheel',
      (e) => {
        if (!(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        this.setZoom(this.scale + (e.deltaY < 0 ? ZOOM.step : -ZOOM.step), true);
      },
      { passive: false },
    );
    // The toolbar is one tab stop group: ←/→ (and Home/End) move between its buttons.
    ui.toolbar.addEventListener('keydown', (e) => {
      if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
      if (e.target instanceof HTMLSelectElement) return; // the picker uses its own arrow keys
      const controls = Array.from(ui.toolbar.querySelectorAll<HTMLElement>('button, select')).filter(
        (c) => !c.closest('[hidden]') && !(c as HTMLButtonElement).disabled,
      );
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const next =
        e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? controls.length - 1
            : (at + (e.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length;
      controls[next]?.focus();
      e.preventDefault();
    });
  }
}

function sameInfo(a: PreviewInfo, b: PreviewInfo): boolean {
  return (
    a.uri === b.uri &&
    a.fileName === b.fileName &&
    a.charset === b.charset &&
    a.charsetOverride === b.charsetOverride &&
    a.locked === b.locked &&
    a.style === b.style &&
    a.durations === b.durations &&
    a.sequence === b.sequence &&
    a.sequences.length === b.sequences.length &&
    a.sequences.every((name, i) => name === b.sequences[i])
  );
}
