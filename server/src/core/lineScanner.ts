/**
 * A cursor over one line of the source. It reads the small tokens a statement is made of
 * (names, arrows, words, durations, free text) and never throws: a failed read returns
 * undefined and leaves the cursor where it was.
 */
import type { ArrowKind, DurationNode, NameNode, TextNode } from './ast';
import type { Span } from './diagnostics';
import { nameNode, textNode } from './nodes';
import { nfc, unescapeText } from './text';

const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}._]*/uy;

/** ASCII letters and `_` (an identifier's first character), then digits and `.` too. */
const asciiStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const asciiPart = (c: number) => asciiStart(c) || (c >= 48 && c <= 57) || c === 46;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|min|h)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0x0b || c === 0x0c || c === 0xfeff || c === 0xa0;
}

/** Parses `250ms`, `1.5s`, `3min`, `1h`; anything else is undefined. */
export function parseDuration(text: string): { ms: number } | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  return { ms: Number(m[1]) * UNIT_MS[m[2]] };
}

/** A read that failed in a way worth reporting (an unterminated quote): where, and what to write. */
export interface LineError {
  readonly error: Span;
  readonly message: string;
}

export const UNTERMINATED_QUOTE = 'Unterminated quote: add a closing `"`.';

export function isLineError(x: object): x is LineError {
  return 'error' in x;
}

export class LineScanner {
  pos: number;

  constructor(
    readonly text: string,
    start: number,
    /** End of the line's content (excluding the line break). */
    public end: number,
    /** Names read so far in this document, by value: each distinct name is kept once. */
    private readonly names: Map<string, string> = new Map(),
  ) {
    this.pos = start;
  }

  /** Moves the scanner to another line of the same text. */
  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  /** `value`, or the equal string read before (a document names a few participants thousands of times). */
  private intern(value: string): string {
    const known = this.names.get(value);
    if (known !== undefined) return known;
    this.names.set(value, value);
    return value;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(offset = 0): number {
    const i = this.pos + offset;
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  skipBlanks(): void {
    while (this.pos < this.end && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** True when only blanks remain. */
  restIsBlank(): boolean {
    for (let i = this.pos; i < this.end; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }

  startsWith(s: string): boolean {
    return this.pos + s.length <= this.end && this.text.startsWith(s, this.pos);
  }

  /** Reads an identifier (UAX #31 plus `_` and `.`). */
  identifier(): NameNode | undefined {
    const start = this.pos;
    const text = this.text;
    // Plain ASCII names (the usual case) without the Unicode regular expression; they are NFC already.
    if (start < this.end && asciiStart(text.charCodeAt(start))) {
      let i = start + 1;
      while (i < this.end && asciiPart(text.charCodeAt(i))) i++;
      if (i >= this.end || text.charCodeAt(i) < 128) {
        this.pos = i;
        return nameNode(this.intern(text.slice(start, i)), start, i - start, false);
      }
    }
    IDENTIFIER.lastIndex = start;
    const m = IDENTIFIER.exec(text);
    if (!m || m.index !== start) return undefined;
    let raw = m[0];
    if (start + raw.length > this.end) raw = raw.slice(0, this.end - start);
    this.pos += raw.length;
    return nameNode(this.intern(nfc(raw)), start, raw.length, false);
  }

  /** Reads `"…"` with escapes. On an unterminated quote, reports the span from the quote to the line end. */
  quoted(): NameNode | LineError | undefined {
    if (this.peek() !== 34 /* " */) return undefined;
    const start = this.pos;
    let i = start + 1;
    while (i < this.end) {
      const c = this.text.charCodeAt(i);
      if (c === 92 /* \ */ && i + 1 < this.end) {
        i += 2;
        continue;
      }
      if (c === 34) {
        const raw = this.text.slice(start + 1, i);
        this.pos = i + 1;
        return nameNode(this.intern(nfc(unescapeText(raw, true))), start, i + 1 - start, true);
      }
      i++;
    }
    return { error: { offset: start, length: this.end - start }, message: UNTERMINATED_QUOTE };
  }

  /** Reads an identifier or a quoted name. */
  name(): NameNode | LineError | undefined {
    if (this.peek() === 34) return this.quoted();
    return this.identifier();
  }

  /** Reads an arrow, longest first. */
  arrow(): { kind: ArrowKind; span: Span } | undefined {
    if (this.peek() !== 45 /* - */) return undefined;
    const c1 = this.peek(1);
    const c2 = this.peek(2);
    const c3 = this.peek(3);
    let kind: ArrowKind | undefined;
    if (c1 === 45 && c2 === 62 && c3 === 62) kind = '-->>';
    else if (c1 === 45 && c2 === 62) kind = '-->';
    else if (c1 === 45 && c2 === 120 /* x */) kind = '--x';
    else if (c1 === 62 && c2 === 62) kind = '->>';
    else if (c1 === 62) kind = '->';
    else if (c1 === 120) kind = '-x';
    if (!kind) return undefined;
    const span = { offset: this.pos, length: kind.length };
    this.pos += kind.length;
    return { kind, span };
  }

  /** Reads `word` when it stands alone (followed by a blank, the line end, or one of `terminators`). */
  keyword(word: string, terminators = ''): Span | undefined {
    if (!this.startsWith(word)) return undefined;
    const after = this.pos + word.length;
    if (after < this.end) {
      const c = this.text.charCodeAt(after);
      if (!isBlank(c) && terminators.indexOf(this.text[after]) < 0) return undefined;
    }
    const span = { offset: this.pos, length: word.length };
    this.pos = after;
    return span;
  }

  /** The rest of the line, trimmed, unescaped; undefined when blank. */
  restText(): TextNode | undefined {
    return this.textUntil(this.end);
  }

  /** Text from the cursor to `stop`, trimmed and unescaped; the cursor moves to `stop`. */
  textUntil(stop: number): TextNode | undefined {
    let s = this.pos;
    let e = stop;
    while (s < e && isBlank(this.text.charCodeAt(s))) s++;
    while (e > s && isBlank(this.text.charCodeAt(e - 1))) e--;
    this.pos = stop;
    if (s === e) return undefined;
    return textNode(unescapeText(this.text.slice(s, e)), s, e - s);
  }

  /** Index of the first `ch` at or after the cursor on this line, or -1. */
  indexOf(ch: string): number {
    const i = this.text.indexOf(ch, this.pos);
    return i >= 0 && i < this.end ? i : -1;
  }

  /** A duration from a trimmed text node, or undefined. */
  static duration(node: TextNode): DurationNode | undefined {
    const raw = node.value;
    const d = parseDuration(raw);
    return d ? { text: raw, ms: d.ms, span: node.span } : undefined;
  }

  /** The word (non-blank run) at the cursor, for error messages; does not move. */
  wordSpan(): Span {
    let e = this.pos;
    while (e < this.end && !isBlank(this.text.charCodeAt(e))) e++;
    return { offset: this.pos, length: Math.max(1, e - this.pos) };
  }
}
