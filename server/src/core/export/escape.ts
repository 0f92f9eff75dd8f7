/**
 * Markdown escaping for user text (CommonMark, plus the GFM table and strikethrough
 * extensions that GitHub and VS Code enable). Everything the export writes from the
 * `.seq` file goes through one of these; everything else is our own fixed Markdown.
 *
 * The aim is text that renders as written and still reads cleanly as raw Markdown,
 * so only characters that can start markup are escaped, not every punctuation mark.
 */

/**
 * Characters that start inline markup wherever they stand: backslash escapes, code spans,
 * emphasis, links and images, raw HTML and autolinks, strikethrough, table cells; and `&`
 * when it would start an entity or numeric character reference.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>~|]|&(?=#?[0-9A-Za-z]+;)/g;
/** An `_` between two of these can neither open nor close emphasis (CommonMark's flanking rules), so `pending_payment` stays as written. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/**
 * What the renderers replace for terminal safety (tab aside): C0/C1 controls, line and
 * paragraph separators, bidi overrides and isolates, lone surrogates.
 */
const UNSAFE =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * User text as one line: `\n` line breaks (spec escapes) become spaces, except
 * after a hyphen at the end of a word (`Zahlungs-\ndienst` → `Zahlungs-dienst`);
 * tabs become spaces and other control characters `?`, as in the diagrams.
 */
export function flatten(text: string): string {
  // Joined in parts, looking only at the last two characters written so far: testing the
  // whole output again for every line made a name of 100,000 lines take minutes.
  const parts: string[] = [];
  let tail = '';
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const piece = i === 0 || /\p{L}-$/u.test(tail) ? line : ` ${line}`;
    parts.push(piece);
    tail = Array.from(tail + piece.slice(-4))
      .slice(-2)
      .join('');
  });
  return parts.join('').replace(/\t/g, ' ').replace(UNSAFE, '?').trim();
}

/** Escapes characters that would start inline markup; the result is safe anywhere inside a line. */
export function inline(text: string): string {
  const flat = flatten(text);
  return flat.replace(INLINE_SPECIAL, (c, at: number) =>
    c === '_' && WORD_CHAR.test(flat[at - 1] ?? '') && WORD_CHAR.test(flat[at + 1] ?? '') ? c : `\\${c}`,
  );
}

/**
 * Inline text that begins a line of its own (a paragraph, a list item's first word):
 * also escapes what would turn the line into a heading, quote, list or thematic break.
 */
export function lineStart(text: string): string {
  return guardLineStart(inline(text));
}

/** The same guard for Markdown already escaped with `inline` (a sentence that opens a list item). */
export function guardLineStart(markdown: string): string {
  const s = markdown;
  const ordered = /^(\d{1,9})([.)])/.exec(s);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${s.slice(ordered[0].length)}`;
  return /^[#+\-=]/.test(s) ? `\\${s}` : s;
}

/** Heading text: inline escapes, and every `#` (a trailing run would be read as the heading's closing sequence). */
export function heading(text: string): string {
  return inline(text).replace(/#/g, '\\#');
}

/** A table cell: inline escapes (including `|`); an empty cell shows a dash. */
export function cell(text: string): string {
  const s = inline(text);
  return s === '' ? '—' : s;
}

/** A table cell made from Markdown we composed ourselves (already escaped): only guards emptiness. */
export function rawCell(markdown: string): string {
  return markdown === '' ? '—' : markdown;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fence(content: string, info = ''): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const marker = '`'.repeat(Math.max(3, longest + 1));
  return `${marker}${info}\n${content}\n${marker}`;
}

/**
 * A relative link to another file, as written in `related:`. The destination is
 * percent-encoded (spaces, parentheses, non-ASCII); a path that looks like a URL
 * scheme (`javascript:…`) is forced to stay relative with `./`.
 */
export function relativeLink(path: string): string {
  const trimmed = flatten(path);
  const safe = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? `./${trimmed}` : trimmed;
  const destination = encodeURI(safe.replace(/\\/g, '/')).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `[${inline(trimmed)}](${destination})`;
}

/** `text` with its first letter upper-cased (for phrases that open a list item). */
export function capitalise(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}
