/**
 * Small checkers for the rendering rules of spec section 7, written from the spec and
 * not from the layout code: they read the drawn lines cell by cell and compare them with
 * what the generated document means. Each returns a list of violations (empty: fine).
 *
 * What they check, per sequence:
 * - the header: one box per lifeline, in lifeline order, each over its lifeline
 *   (column c + floor((w - 1) / 2)), at least 2 blank cells apart, the display name centred
 *   and intact; then a row of bare lifelines;
 * - straight lifelines: below the header every lifeline column holds a lifeline glyph
 *   (`|`, `#` active, `:` delay; blank only once destroyed) except on rows where an
 *   arrow, a note, a frame border or a divider crosses it;
 * - exactly one arrow row per message, in source order, drawn exactly as the spec says
 *   (body cells, the label centred in what the head leaves, an odd spare cell to the
 *   source side, at least 2 body cells on the source side and 1 on the target side, the
 *   head touching the target); multi-line labels above it; self messages as a loop with
 *   the label beside it;
 * - labels, note texts, conditions, divider and delay texts drawn intact;
 * - frame sides never on a lifeline column.
 * And per document: no trailing blanks, no control characters, ASCII only outside user
 * text in ASCII mode.
 */
import stringWidth from 'string-width';
import type { FragmentItem, Item, MessageItem, Model, Sequence, Span } from '../../server/src/core/index';
import { unicodeGlyphs, type RenderedDiagram } from '../../server/src/core/render/index';
import type { ExpectedSequence } from './gen';

export type Charset = 'ascii' | 'unicode';

// ---------------------------------------------------------------------------
// Text as terminal cells.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One string per terminal cell: a wide grapheme takes its cell and leaves '' in the next; zero-width ones join their neighbour. */
export function cellsOf(line: string): string[] {
  if (PRINTABLE_ASCII.test(line)) return [...line];
  const out: string[] = [];
  let last = -1;
  let pending = '';
  for (const { segment } of segmenter.segment(line)) {
    const w = widthOf(segment);
    if (w === 0) {
      if (last >= 0) out[last] += segment;
      else pending += segment;
      continue;
    }
    last = out.length;
    out.push(pending + segment);
    pending = '';
    for (let k = 1; k < w; k++) out.push('');
  }
  if (pending) out.push(pending);
  return out;
}

const widths = new Map<string, number>();

function widthOf(grapheme: string): number {
  if (grapheme.length === 1 && grapheme >= ' ' && grapheme <= '~') return 1;
  let w = widths.get(grapheme);
  if (w === undefined) {
    const sw = stringWidth(grapheme);
    w = Number.isFinite(sw) && sw > 0 ? Math.floor(sw) : 0;
    if (widths.size > 100_000) widths.clear();
    widths.set(grapheme, w);
  }
  return w;
}

/** Width in cells of a terminal-safe line. */
export function cellWidth(s: string): number {
  let n = 0;
  for (const { segment } of segmenter.segment(s)) n += widthOf(segment);
  return n;
}

/** A cell without the zero-width characters that may have joined it. */
function bare(cell: string | undefined): string {
  if (cell === undefined) return ' ';
  if (cell.length <= 1) return cell;
  let out = '';
  for (const { segment } of segmenter.segment(cell)) if (widthOf(segment) > 0) out += segment;
  return out || cell;
}

/**
 * The spec's terminal-safety rule for user text: a tab becomes a space, other control
 * characters `?`. The renderer documents a few more as unsafe (line/paragraph separators,
 * bidi embeddings and isolates, lone surrogates); they become `?` too.
 */
const UNSAFE =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function safe(line: string): string {
  return line.replace(/\t/g, ' ').replace(UNSAFE, '?');
}

/** User text as drawn: split at its line breaks, each line terminal-safe. */
export function safeLines(text: string): string[] {
  return text.split('\n').map(safe);
}

/** What must never reach a terminal or a document: control characters (LF aside), separators, bidi controls, lone surrogates. */
export const FORBIDDEN =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// ---------------------------------------------------------------------------
// Glyphs: ASCII from the spec; the Unicode charset's lifeline, active and delay glyphs are the renderer's design.

interface Glyphs {
  readonly lifelines: ReadonlySet<string>;
  readonly lifeline: string;
  readonly delay: string;
  readonly destroyed: string;
  readonly solid: string;
  readonly dotted: string;
  readonly heads: Readonly<Record<'sync' | 'async' | 'lost', { right: string; left: string }>>;
  readonly frameCorners: ReadonlySet<string>;
}

const ASCII: Glyphs = {
  lifelines: new Set(['|', '#', ':']),
  lifeline: '|',
  delay: ':',
  destroyed: 'X',
  solid: '-',
  dotted: '.',
  heads: { sync: { right: '>', left: '<' }, async: { right: '>>', left: '<<' }, lost: { right: 'x', left: 'x' } },
  frameCorners: new Set(),
};

const UNICODE: Glyphs = {
  lifelines: new Set([unicodeGlyphs.lifeline, unicodeGlyphs.active, unicodeGlyphs.delay]),
  lifeline: unicodeGlyphs.lifeline,
  delay: unicodeGlyphs.delay,
  destroyed: unicodeGlyphs.destroyed,
  solid: '─',
  dotted: '┄',
  heads: { sync: { right: '▶', left: '◀' }, async: { right: '▷', left: '◁' }, lost: unicodeGlyphs.heads.lost },
  frameCorners: new Set(['┌', '┐', '└', '┘', '├', '┤']),
};

const glyphsOf = (charset: Charset): Glyphs => (charset === 'unicode' ? UNICODE : ASCII);

/**
 * The head as drawn, in cells. An asynchronous head is two cells in both charsets (ASCII
 * `>>`; Unicode body + `▷`, the renderer's choice so that one layout draws in either).
 */
function headOf(g: Glyphs, arrow: string): { right: string; left: string } {
  if (arrow.endsWith('>>')) {
    if (g === UNICODE) {
      const body = arrow.startsWith('--') ? g.dotted : g.solid;
      return { right: body + g.heads.async.right, left: g.heads.async.left + body };
    }
    return g.heads.async;
  }
  return arrow.endsWith('x') ? g.heads.lost : g.heads.sync;
}

// ---------------------------------------------------------------------------
// The model's items by source span, to tell what each drawn row is.

type RowSource =
  | { kind: 'message'; item: MessageItem }
  | { kind: 'note' | 'divider' | 'delay' | 'destroy'; item: Item }
  | { kind: 'frame'; item: FragmentItem; condition: string; first: boolean };

const key = (s: Span) => `${s.offset}:${s.length}`;

function indexItems(items: readonly Item[], into: Map<string, RowSource>, messages: MessageItem[]): void {
  for (const item of items) {
    switch (item.type) {
      case 'message':
        into.set(key(item.span), { kind: 'message', item });
        messages.push(item);
        break;
      case 'note':
      case 'divider':
      case 'delay':
      case 'destroy':
        into.set(key(item.span), { kind: item.type, item });
        break;
      case 'fragment':
        item.branches.forEach((b, i) => {
          into.set(key(b.span), { kind: 'frame', item, condition: b.condition, first: i === 0 });
          indexItems(b.items, into, messages);
        });
        into.set(key(item.endSpan ?? item.span), { kind: 'frame', item, condition: '', first: false });
        break;
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------

export interface SequenceCheck {
  readonly model: Model;
  readonly sequence: Sequence;
  readonly expected: ExpectedSequence;
  /** Display names by id (unescaped, NFC). */
  readonly display: ReadonlyMap<string, string>;
  readonly diagram: RenderedDiagram;
  readonly charset: Charset;
}

/** Checks one drawn sequence against section 7. */
export function checkSequence(c: SequenceCheck): string[] {
  const out: string[] = [];
  const fail = (msg: string) => {
    if (out.length < 20) out.push(`[${c.charset} "${c.sequence.name}"] ${msg}`);
  };
  const g = glyphsOf(c.charset);
  const d = c.diagram;
  const ids = c.expected.lifelines;
  const n = ids.length;
  if (d.tooLarge) {
    fail('a small diagram was drawn as "too large"');
    return out;
  }
  const rows = d.lines.map(cellsOf);
  const textOf = (r: number, from: number, to: number) => rows[r].slice(from, to).join('');

  // --- header ------------------------------------------------------------
  const names = ids.map((id) => safeLines(c.display.get(id) ?? id));
  // A name of no width still gets one cell, `[ ]`, so that its lifeline falls inside the box (the renderer's choice).
  const widths = names.map((lines) => Math.max(1, ...lines.map(cellWidth)) + 2);
  const maxLines = n === 0 ? 0 : Math.max(...names.map((l) => l.length));
  const H = n === 0 ? 0 : c.charset === 'unicode' ? maxLines + 2 : maxLines;
  if (d.headerRows !== H) fail(`header has ${d.headerRows} rows, expected ${H}`);
  if (d.columns.length !== n) fail(`${d.columns.length} lifeline columns, expected ${n} (${ids.join(', ')})`);
  if (out.length) return out;
  const columns: number[] = [];
  const last = H - 1;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const w = widths[i];
    const lines = names[i];
    const padded = (line: string) => {
      const spare = w - 2 - cellWidth(line);
      return ' '.repeat(Math.floor(spare / 2)) + line + ' '.repeat(spare - Math.floor(spare / 2));
    };
    const open = c.charset === 'unicode' ? '└' : '[';
    const close = c.charset === 'unicode' ? '┘' : ']';
    let left = -1;
    for (let k = pos; k + w <= rows[last].length; k++) {
      if (bare(rows[last][k]) !== open || bare(rows[last][k + w - 1]) !== close) continue;
      // The whole box as text: a zero-width character at the name's start joins the `[` cell.
      if (c.charset === 'ascii' && textOf(last, k, k + w) !== `[${padded(lines[lines.length - 1])}]`) continue;
      left = k;
      break;
    }
    if (left < 0) {
      fail(
        `header box ${i + 1} (${JSON.stringify(lines.join('\\n'))}) not found in order on the header's last row: ${JSON.stringify(d.lines[last])}`,
      );
      return out;
    }
    const col = left + Math.floor((w - 1) / 2);
    columns.push(col);
    if (d.columns[i] !== col) fail(`lifeline ${i + 1} sits at column ${d.columns[i]}, its box says ${col}`);
    if (i > 0) {
      const prevRight = columns[i - 1] - Math.floor((widths[i - 1] - 1) / 2) + widths[i - 1] - 1;
      if (left - prevRight - 1 < 2) fail(`header boxes ${i} and ${i + 1} are ${left - prevRight - 1} cells apart (at least 2)`);
      for (let r = 0; r < H; r++) {
        const gap = textOf(r, prevRight + 1, left);
        if (gap.trim() !== '') fail(`header row ${r}: something between boxes ${i} and ${i + 1}: ${JSON.stringify(gap)}`);
      }
    }
    // The box's other rows: the name's lines bottom-aligned (Unicode: inside a frame with a tee over the lifeline).
    const k = lines.length;
    if (c.charset === 'ascii') {
      for (let r = 0; r < H; r++) {
        const li = r - (H - k);
        const got = textOf(r, left, left + w);
        if (li >= 0 && got !== `[${padded(lines[li])}]`)
          fail(`header row ${r}, box ${i + 1}: ${JSON.stringify(got)}, expected ${JSON.stringify(`[${padded(lines[li])}]`)}`);
        if (li < 0 && got.trim() !== '') fail(`header row ${r}, box ${i + 1}: expected blank above the box, got ${JSON.stringify(got)}`);
      }
    } else {
      const top = H - k - 2;
      for (let r = 0; r < H; r++) {
        const got = textOf(r, left, left + w);
        let want: string;
        if (r < top) want = ' '.repeat(w);
        else if (r === top) want = `┌${'─'.repeat(w - 2)}┐`;
        else if (r === H - 1) want = `└${'─'.repeat(col - left - 1)}┬${'─'.repeat(left + w - 2 - col)}┘`;
        else want = `│${padded(lines[r - top - 1])}│`;
        if (got.trimEnd() !== want.trimEnd())
          fail(`header row ${r}, box ${i + 1}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }
    pos = left + w + 2;
  }
  if (out.length || n === 0) return out;

  // --- the bare lifeline row -----------------------------------------------
  const bareRow: string[] = [];
  for (const col of columns) {
    while (bareRow.length < col) bareRow.push(' ');
    bareRow.push(g.lifeline);
  }
  if (d.lines[H] !== bareRow.join('')) fail(`row ${H} should be bare lifelines: ${JSON.stringify(d.lines[H])}`);

  // --- the body ----------------------------------------------------------
  const sources = new Map<string, RowSource>();
  const messages: MessageItem[] = [];
  indexItems(c.sequence.items, sources, messages);
  const ended = new Set<number>();
  const arrowRows: MessageItem[] = [];
  const columnOf = new Map(ids.map((id, i) => [id, columns[i]]));
  const rowsBySpan = new Map<string, number[]>();
  for (let r = H + 1; r < rows.length; r++) {
    const span = d.rows[r];
    if (!span) {
      fail(`row ${r} has no source span: ${JSON.stringify(d.lines[r])}`);
      continue;
    }
    const list = rowsBySpan.get(key(span)) ?? [];
    list.push(r);
    rowsBySpan.set(key(span), list);
  }

  for (let r = H + 1; r < rows.length; r++) {
    const span = d.rows[r];
    if (!span) continue;
    const src = sources.get(key(span));
    if (!src) {
      fail(`row ${r} comes from ${key(span)}, which is no item of the sequence: ${JSON.stringify(d.lines[r])}`);
      continue;
    }
    const crossing = src.kind === 'note' || src.kind === 'frame' || src.kind === 'divider';
    let lo = -1;
    let hi = -1;
    if (src.kind === 'message') {
      const a = columnOf.get(src.item.from);
      const b = columnOf.get(src.item.to);
      if (a !== undefined && b !== undefined && a !== b) [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    }
    columns.forEach((col, i) => {
      const cell = bare(rows[r][col]);
      if (cell === g.destroyed && (src.kind === 'destroy' || src.kind === 'message')) {
        ended.add(i);
        return;
      }
      if (crossing || (col > lo && col < hi)) {
        if (src.kind === 'frame' && g.frameCorners.has(cell))
          fail(`row ${r}: a frame corner on lifeline ${i + 1}'s column: ${JSON.stringify(d.lines[r])}`);
        return;
      }
      if (src.kind === 'delay' ? cell === g.delay : g.lifelines.has(cell)) return;
      if (ended.has(i)) return; // a destroyed lifeline's column is free for what follows
      fail(`row ${r}: lifeline ${i + 1} (column ${col}) holds ${JSON.stringify(cell)}: ${JSON.stringify(d.lines[r])}`);
    });
  }

  // --- messages: one arrow row each, exact, in order ----------------------
  for (const m of messages) {
    const a = columnOf.get(m.from);
    const b = columnOf.get(m.to);
    const mine = rowsBySpan.get(key(m.span)) ?? [];
    if (a === undefined || b === undefined) {
      fail(`message ${m.from} -> ${m.to} has no lifeline`);
      continue;
    }
    const text = (m.number !== undefined ? (m.label ? `${m.number}. ${m.label}` : `${m.number}.`) : m.label) ?? '';
    const lines = safeLines(text);
    const lastLine = lines[lines.length - 1];
    const body = m.arrow.startsWith('--') ? g.dotted : g.solid;
    const head = headOf(g, m.arrow);
    if (a === b) {
      // A self message: a loop right of the lifeline, the label's lines beside it, in order.
      if (mine.length < 2 + lines.length) fail(`self message ${m.from}: ${mine.length} rows for a loop with ${lines.length} label line(s)`);
      let from = 0;
      for (const full of lines) {
        const line = full.trimEnd(); // the loop's label ends its row: trailing blanks go
        if (cellWidth(line) === 0) continue;
        const at = mine.slice(from).findIndex((r) => textOf(r, a + 5, rows[r].length).includes(line));
        if (at < 0) fail(`self message ${m.from}: label line ${JSON.stringify(line)} not drawn beside the loop`);
        else from += at + 1;
      }
      if (!mine.some((r) => textOf(r, a + 1, a + 1 + head.left.length) === head.left))
        fail(`self message ${m.from}: no ${head.left} head back on the lifeline`);
      if (mine.length > 0) arrowRows.push(m);
      continue;
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const inner = hi - lo - 1;
    const w = cellWidth(lastLine);
    const spare = inner - head.right.length - w;
    const targetSide = Math.floor(spare / 2);
    const sourceSide = spare - targetSide;
    if (sourceSide < 2 || targetSide < 1) {
      fail(
        `message ${m.from} -> ${m.to} ${JSON.stringify(text)}: ${sourceSide} body cells on the source side, ${targetSide} on the target side (at least 2 and 1): ${JSON.stringify(mine.map((r) => d.lines[r]))}`,
      );
      continue;
    }
    const want =
      b > a
        ? body.repeat(sourceSide) + lastLine + body.repeat(targetSide) + head.right
        : head.left + body.repeat(targetSide) + lastLine + body.repeat(sourceSide);
    const matching = mine.filter((r) => textOf(r, lo + 1, hi) === want);
    if (matching.length !== 1) {
      fail(
        `message ${m.from} -> ${m.to} ${JSON.stringify(text)}: ${matching.length} arrow rows ${JSON.stringify(want)} (want 1) among ${JSON.stringify(mine.map((r) => d.lines[r]))}`,
      );
      continue;
    }
    const arrowRow = matching[0];
    for (const col of [a, b]) {
      const cell = bare(rows[arrowRow][col]);
      if (!g.lifelines.has(cell))
        fail(`message ${m.from} -> ${m.to}: the arrow overwrites its own lifeline (column ${col} holds ${JSON.stringify(cell)})`);
    }
    // Earlier lines of a multi-line label: one row each, just above, centred the same way.
    for (let k = 0; k < lines.length - 1; k++) {
      const r = arrowRow - (lines.length - 1) + k;
      const lw = cellWidth(lines[k]);
      const s = Math.max(0, inner - head.right.length - lw);
      const start = b > a ? lo + 1 + (s - Math.floor(s / 2)) : lo + 1 + head.right.length + Math.floor(s / 2);
      if (!mine.includes(r) || textOf(r, start, start + lw) !== lines[k]) {
        fail(
          `message ${m.from} -> ${m.to}: label line ${k + 1} ${JSON.stringify(lines[k])} not drawn above the arrow (row ${r}: ${JSON.stringify(d.lines[r])})`,
        );
      }
    }
    arrowRows.push(m);
  }
  const order = (list: readonly MessageItem[]) => list.map((m) => m.span.offset).join(',');
  const drawnInOrder = messages
    .filter((m) => arrowRows.includes(m))
    .sort((x, y) => rowsBySpan.get(key(x.span))![0] - rowsBySpan.get(key(y.span))![0]);
  if (order(drawnInOrder) !== order(messages.filter((m) => arrowRows.includes(m)))) fail('messages are not drawn in source order');

  // --- notes, frames, dividers, delays: their text intact --------------------
  for (const [k, src] of sources) {
    const mine = rowsBySpan.get(k) ?? [];
    const texts: string[] = [];
    if (src.kind === 'note' && src.item.type === 'note') texts.push(...safeLines(src.item.text));
    if (src.kind === 'frame' && src.condition) texts.push(safeLines(src.condition).join(' '));
    if ((src.kind === 'divider' || src.kind === 'delay') && (src.item.type === 'divider' || src.item.type === 'delay'))
      texts.push(safeLines(src.item.text).join(' '));
    for (const full of texts) {
      const t = full.trimEnd();
      if (cellWidth(t) === 0) continue;
      if (!mine.some((r) => d.lines[r].includes(t)))
        fail(`${src.kind} text ${JSON.stringify(t)} not drawn intact: ${JSON.stringify(mine.map((r) => d.lines[r]))}`);
    }
  }
  return out;
}

/** Document-wide rules: no trailing blanks, nothing unsafe for a terminal, ASCII outside user text in ASCII mode. */
export function checkDocumentText(text: string, charset: Charset, userTexts: readonly string[] | undefined, what: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/[ \t]$/.test(line)) out.push(`${what}: line ${i + 1} ends in a blank: ${JSON.stringify(line)}`);
  });
  const bad = FORBIDDEN.exec(text);
  if (bad)
    out.push(
      `${what}: unsafe character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}: ${JSON.stringify(text.slice(Math.max(0, bad.index - 30), bad.index + 30))}`,
    );
  if (charset === 'ascii' && userTexts) {
    // Mark every occurrence of every piece of user text (pieces may overlap), then look at what is left.
    // A line of user text at the end of an output line loses its trailing blanks there.
    const pieces = new Set(userTexts.flatMap(safeLines).flatMap((p) => [p, p.trim()]));
    const covered = new Uint8Array(text.length);
    for (const p of pieces) {
      if (p === '' || /^[\x00-\x7f]*$/.test(p)) continue;
      for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) covered.fill(1, i, i + p.length);
    }
    for (let i = 0; i < text.length; i++) {
      if (covered[i] || text.charCodeAt(i) < 0x80) continue;
      out.push(
        `${what}: non-ASCII ${JSON.stringify(text[i])} outside user text: ${JSON.stringify(text.slice(Math.max(0, i - 30), i + 30))}`,
      );
      break;
    }
  }
  return out.slice(0, 10);
}
