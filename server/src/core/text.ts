/** Small text helpers shared by the scanner, the model and the renderers. */

/** Offsets where lines start; LF, CRLF and a lone CR each end a line (as in LSP). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The end of line `line`'s content (before its line break). */
export function lineContentEnd(text: string, lineStarts: readonly number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Zero-based line of an offset (binary search). */
export function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Position {
  readonly line: number;
  /** UTF-16 code units from the line start (LSP's default). */
  readonly character: number;
}

export function positionAt(lineStarts: readonly number[], text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const line = lineOfOffset(lineStarts, clamped);
  return { line, character: clamped - lineStarts[line] };
}

export function offsetAt(lineStarts: readonly number[], text: string, position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= lineStarts.length) return text.length;
  const end = lineContentEnd(text, lineStarts, position.line);
  return Math.max(lineStarts[position.line], Math.min(lineStarts[position.line] + position.character, end));
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** NFC-normalise a name (skipped for plain ASCII, which is already NFC). */
export function nfc(s: string): string {
  return ASCII_ONLY.test(s) ? s : s.normalize('NFC');
}

/** Spec escapes in free text: `\n` is a line break, `\\` a backslash; with `quoted`, `\"` a quote. Other backslashes stay. */
export function unescapeText(raw: string, quoted = false): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === 'n') {
        out += '\n';
        i++;
        continue;
      }
      if (n === '\\') {
        out += '\\';
        i++;
        continue;
      }
      if (quoted && n === '"') {
        out += '"';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Whitespace as `String.prototype.trimEnd` sees it (a superset: it only decides whether to call it). */
function isTrimmedAtEnd(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x1680 ||
    c === 0x85
  );
}

/**
 * `s.trimEnd()`, without touching a string that has no trailing blank: `trimEnd` copies a
 * concatenated string whole before it looks at its end, and a drawn row is one.
 */
export function trimEnd(s: string): string {
  return s.length > 0 && isTrimmedAtEnd(s.charCodeAt(s.length - 1)) ? s.trimEnd() : s;
}

/**
 * Lines joined into text as they come: every `CHUNK_CHARS` characters the lines so far are
 * joined into a chunk, so the lines themselves (drawn rows are ropes of many small strings) die
 * young instead of all living until the end. `finish` gives back the text (the chunks joined)
 * and the lines, each a slice of its chunk, both made when first asked for: a caller that prints
 * the text never makes the slices.
 *
 * Why: a drawing of 30,000 messages is 34,000 rows of ~1,200 characters. Kept as ropes until the
 * document was joined they were 270,000 objects (11.5 MB) that every young-generation collection
 * of the run copied — the largest part of the garbage collector's time that made 30,000
 * messages cost more than ten times 3,000 (docs/performance.md). Chunks of this size are
 * allocated in V8's large-object space, which is never copied; the slices (one small object per
 * line) were the largest part of what the collections during a drawing still copied.
 */
export class LineJoiner {
  private pending: string[] = [];
  private pendingChars = 0;
  /** What is joined so far, in order: chunks of pushed lines, and kept lines. */
  private readonly parts: (Chunk | string)[] = [];
  private joinedLines = 0;
  private kept = false;

  push(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /**
   * A line that is already flat and small (a line of an earlier drawing, itself a slice of its
   * chunk): kept as it is, not copied into a chunk again.
   */
  keep(line: string): void {
    this.flush();
    this.parts.push(line);
    this.joinedLines++;
    this.kept = true;
  }

  /** Lines pushed so far. */
  get count(): number {
    return this.joinedLines + this.pending.length;
  }

  /** The lines, and the text they make joined with `\n` (no line break after the last). */
  finish(): JoinedLines {
    this.flush();
    return new JoinedLines(this.parts, this.joinedLines, this.kept);
  }

  private flush(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    const lengths: number[] = [];
    for (const line of pending) lengths.push(line.length);
    this.parts.push({ text: pending.join('\n'), lengths });
    this.joinedLines += pending.length;
    this.pending = [];
    this.pendingChars = 0;
  }
}

/** Lines joined with `\n`, and each line's length. */
interface Chunk {
  readonly text: string;
  readonly lengths: readonly number[];
}

export class JoinedLines {
  private joined: string | undefined;
  private sliced: string[] | undefined;

  /** `parts`: chunks of joined lines and single lines, in order; `kept`: whether there are single lines. */
  constructor(
    private readonly parts: readonly (Chunk | string)[],
    /** How many lines there are. */
    readonly count: number,
    private readonly kept: boolean,
  ) {}

  /** The lines (each chunk's as slices of it): made on first use. */
  get lines(): string[] {
    if (this.sliced === undefined) {
      const lines: string[] = [];
      for (const part of this.parts) {
        if (typeof part === 'string') {
          lines.push(part);
          continue;
        }
        let at = 0;
        for (const length of part.lengths) {
          lines.push(part.text.slice(at, at + length));
          at += length + 1;
        }
      }
      this.sliced = lines;
    }
    return this.sliced;
  }

  /** The lines joined with `\n`: made on first use (a caller that needs the lines only never pays for it). */
  get text(): string {
    if (this.joined === undefined) {
      const parts = this.parts;
      // With kept lines the text is joined from the lines; else from the chunks.
      if (this.kept) this.joined = this.lines.join('\n');
      else
        this.joined =
          parts.length === 0 ? '' : parts.length === 1 ? (parts[0] as Chunk).text : parts.map((c) => (c as Chunk).text).join('\n');
    }
    return this.joined;
  }
}

/** Characters per chunk of `LineJoiner`: above V8's largest regular object (128 KiB). */
const CHUNK_CHARS = 160 * 1024;
