/**
 * What the Mermaid and PlantUML readers share: the source lines, the writer, the stack of open
 * blocks, indented output and box ids. Each reader adds its own dialect's statements.
 */
import { boxId, DiagramWriter, OpenBlocks, seqName, seqQuoted, wordCounts } from './common';

export abstract class BlockReader<B extends string> {
  title: string | undefined;
  protected readonly stack = new OpenBlocks<B>();
  private boxes = 0;
  private words: Map<string, number> | undefined;

  constructor(
    protected readonly lines: readonly string[],
    readonly w: DiagramWriter,
    protected readonly named: boolean,
  ) {}

  /** The dialect's text as Lifeline text (line breaks, entities). */
  protected abstract text(raw: string): string;

  /** `box Id "Label"` for the source's next box: the id from its label, unique in the file. */
  protected writeBox(label: string, i: number): void {
    this.boxes++;
    const id = boxId(label, this.boxes, () => (this.words ??= wordCounts(this.lines)), this.lines[i]);
    this.w.line(`box ${seqName(id)}${label.trim() ? ` ${seqQuoted(this.text(label))}` : ''}`, i, true);
  }

  protected open(block: B, i: number): void {
    this.stack.push(block, i, this.lines[i] ?? '');
  }

  protected close(): B | undefined {
    return this.stack.pop();
  }

  protected line(text: string, i: number, depthDelta = 0): void {
    this.w.line('  '.repeat(Math.max(0, this.depth() + depthDelta)) + text, i);
  }

  protected indent(): string {
    return '  '.repeat(this.depth());
  }

  protected depth(): number {
    return this.stack.depth();
  }

  protected inBox(): boolean {
    return this.stack.top() === ('box' as B);
  }
}
