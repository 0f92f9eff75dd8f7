/** The banner under the toolbar: why the diagram may be an older one, and the first problems (click to go there). */
import type { FromWebview, Status } from '../messages';
import { byId } from './dom';

export class Banner {
  private readonly banner = byId<HTMLDivElement>('banner');
  private readonly title = byId<HTMLParagraphElement>('banner-title');
  private readonly list = byId<HTMLUListElement>('banner-list');
  /** What the banner shows, as JSON (every update carries a status; most change nothing it shows). */
  private shown: string | undefined;

  constructor(private readonly post: (m: FromWebview) => void) {}

  show(next: Status): void {
    const json = JSON.stringify({ ...next, version: undefined });
    if (json === this.shown) return;
    this.shown = json;
    const show = next.stale !== null || next.errorCount > 0;
    document.body.dataset.errors = String(next.errorCount);
    document.body.dataset.stale = next.stale ?? '';
    this.banner.hidden = !show;
    if (!show) {
      this.title.textContent = '';
      this.list.replaceChildren();
      return;
    }
    const count = `${next.errorCount} error${next.errorCount === 1 ? '' : 's'}`;
    this.title.textContent =
      next.stale === 'server'
        ? (next.notice ?? 'The language server did not answer; this is the last diagram it drew.')
        : next.stale === 'errors'
          ? `${count}: showing the last diagram without errors. Fix the file to update it.`
          : `${count}: the diagram shows what is valid so far.`;
    this.list.replaceChildren(...next.problems.map((p) => this.problem(p)));
    const more = next.errorCount + next.warningCount - next.problems.length;
    if (more > 0) {
      const item = document.createElement('li');
      item.className = 'more';
      item.textContent = `and ${more} more in the Problems panel`;
      this.list.append(item);
    }
  }

  private problem(p: Status['problems'][number]): HTMLLIElement {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `problem ${p.severity}`;
    button.textContent = `Ln ${p.line + 1}, Col ${p.character + 1}: ${p.message} (${p.code})`;
    button.title = 'Go to this line';
    button.addEventListener('click', () =>
      this.post({
        type: 'reveal',
        range: { startLine: p.line, startCharacter: p.character, endLine: p.line, endCharacter: p.character },
        select: false,
      }),
    );
    item.append(button);
    return item;
  }
}
