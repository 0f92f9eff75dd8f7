// Helpers for the renderer tests: hand-built models, a terminal-cell view of output lines,
// and `checkRules`, the section-7 rules as assertions on any layout and its drawing.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import type { ArrowKind, FragmentKind, MessageStatement, NotePosition } from '../../../server/src/core/ast';
import type { Span } from '../../../server/src/core/diagnostics';
import type { ActivationChange, FragmentBranch, Item, MessageItem, Model, Participant, Sequence } from '../../../server/src/core/model';
import type { Charset, Layout, LayoutRow, RenderedDiagram } from '../../../server/src/core/render/index';
import { asciiGlyphs, unicodeGlyphs } from '../../../server/src/core/render/index';
import { numberedText } from '../../../server/src/core/layout';

// ---------------------------------------------------------------------------
// Hand-built models

let nextOffset = 0;
/** A fresh, unique span (source map assertions compare them by offset). */
export function span(): Span {
  nextOffset += 10;
  return { offset: nextOffset, length: 5 };
}

export function message(from: string, to: string, label = '', arrow: ArrowKind = '->', extra: Partial<MessageItem> = {}): MessageItem {
  return {
    type: 'message',
    from,
    to,
    arrow,
    label,
    span: span(),
    activations: [],
    destroys: [],
    activatesTarget: false,
    deactivatesSource: false,
    statement: { from: { value: from, span: span(), quoted: false }, to: { value: to, span: span(), quoted: false } } as MessageStatement,
    ...extra,
  };
}

export function note(position: NotePosition, participants: string[], text: string): Item {
  return { type: 'note', position, participants, text, span: span(), activations: [] };
}

export function fragment(kind: FragmentKind, branches: [string, Item[]][]): Item {
  const keyword = (k: number) => (k === 0 ? kind : kind === 'alt' ? 'else' : kind === 'par' ? 'and' : 'option');
  const bs: FragmentBranch[] = branches.map(([condition, items], k) => ({
    keyword: keyword(k),
    condition,
    span: span(),
    activations: [],
    items,
  }));
  return { type: 'fragment', kind, branches: bs, span: bs[0]?.span ?? span(), endSpan: span(), activations: [] };
}

export const divider = (text: string): Item => ({ type: 'divider', text, span: span(), activations: [] });
export const delay = (text: string): Item => ({ type: 'delay', text, span: span(), activations: [] });

/** Activation changes: `+B` one level more for B, `-B` one fewer. */
export const changes = (...cs: string[]): ActivationChange[] => cs.map((c) => ({ participant: c.slice(1), by: c[0] === '+' ? 1 : -1 }));

/** A model with one implicit sequence over the given participants (id, or [id, display name]). */
export function modelOf(
  participants: (string | [string, string])[],
  items: Item[],
  extra: Partial<Model> = {},
): { model: Model; sequence: Sequence } {
  const ps: Participant[] = participants.map((p) => {
    const [id, displayName] = typeof p === 'string' ? [p, p] : p;
    return {
      id,
      kind: 'participant',
      displayName,
      scope: 'internal',
      declared: true,
      nameSpan: span(),
      references: [],
      messageCount: 0,
      sequences: [''],
    };
  });
  const sequence: Sequence = {
    name: '',
    implicit: true,
    span: { offset: 0, length: 0 },
    items,
    lifelines: ps.map((p) => p.id),
    criticalPath: { ms: 0, steps: [], path: [] },
  };
  const model: Model = {
    metadata: { assumptions: [], related: [] },
    participants: ps,
    participantById: new Map(ps.map((p) => [p.id, p])),
    sequences: [sequence],
    flows: [],
    ...extra,
  };
  return { model, sequence };
}

// ---------------------------------------------------------------------------
// Terminal cells, measured with string-width directly (independently of the renderer's width.ts)

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A line as terminal cells: a wide cluster takes its cell and leaves '' in the next; zero-width clusters join the previous cell. */
const widths = new Map<string, number>();
const widthOf = (segment: string): number => {
  let w = widths.get(segment);
  if (w === undefined) widths.set(segment, (w = stringWidth(segment) as number));
  return w;
};

export function cellsOf(line: string): string[] {
  const cells: string[] = [];
  if (/^[\x20-\x7e]*$/.test(line)) return line.split('');
  for (const { segment } of segmenter.segment(line)) {
    const w = widthOf(segment);
    if (w === 0 && cells.length > 0) {
      let k = cells.length - 1;
      while (k > 0 && cells[k] === '') k--;
      cells[k] += segment;
      continue;
    }
    cells.push(segment);
    for (let i = 1; i < w; i++) cells.push('');
  }
  return cells;
}

export const cellWidth = (s: string): number => cellsOf(s).length;

/** What opens `text` and joins the cell before it when drawn after another character: marks that extend any base (U+0B03). */
export function joinedLead(text: string): string {
  const first = segmenter.segment(`x${text}`)[Symbol.iterator]().next().value?.segment ?? 'x';
  return first.slice(1);
}

/** The text without its opening zero-width clusters: read back from a drawn row, they join the cell before it. */
export function withoutZeroWidthStart(text: string): string {
  let start = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (widthOf(segment) !== 0) break;
    start += segment.length;
  }
  return text.slice(start);
}

/** The spec's safety rule, written out independently of the renderer. */
export function expectedSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\t') out += ' ';
    else if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      out += '?';
    else out += ch;
  }
  return out;
}

export const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

// ---------------------------------------------------------------------------
// The rules of spec section 7, checked on a layout and its drawing.

export function glyphsOf(charset: Charset) {
  return charset === 'unicode' ? unicodeGlyphs : asciiGlyphs;
}

/** The arrow segment between two lifelines exactly as the rules build it (head next to the target, label centred, odd spare to the source). */
export function expectedArrow(
  cells: number,
  arrow: ArrowKind,
  label: string,
  leftToRight: boolean,
  charset: Charset,
): { text: string; source: number; target: number } {
  const g = glyphsOf(charset);
  const asciiHead = arrow.endsWith('>>') ? '>>' : arrow.endsWith('x') ? 'x' : '>';
  const headCells = asciiHead.length;
  const body = arrow.startsWith('--') ? g.dotted : g.solid;
  const glyph = arrow.endsWith('>>') ? g.heads.async : arrow.endsWith('x') ? g.heads.lost : g.heads.sync;
  const lw = cellWidth(label);
  const spare = cells - headCells - lw;
  const target = Math.floor(spare / 2);
  const source = spare - target;
  if (leftToRight) {
    const head = body.repeat(headCells - glyph.right.length) + glyph.right;
    return { text: body.repeat(source) + label + body.repeat(target) + head, source, target };
  }
  const head = glyph.left + body.repeat(headCells - glyph.left.length);
  return { text: head + body.repeat(target) + label + body.repeat(source), source, target };
}

/**
 * Every section-7 rule that can be read off a drawing, checked against the layout it came from:
 * header boxes, straight lifelines, exact arrow rows, frame sides in gaps, no trailing blanks,
 * no control characters, ASCII outside user text (given the user text's characters).
 */
export function checkRules(layout: Layout, d: RenderedDiagram, charset: Charset, userChars?: ReadonlySet<string>): void {
  const g = glyphsOf(charset);
  assert.equal(d.tooLarge, false);
  assert.equal(d.lines.length, d.rows.length, 'one source-map entry per line');
  for (const line of d.lines) {
    assert.ok(!/\s$/.test(line), `trailing blank: ${JSON.stringify(line)}`);
    assert.ok(!CONTROL.test(line), `control character: ${JSON.stringify(line)}`);
    assert.ok(cellWidth(line) <= layout.width, `line wider than the layout: ${JSON.stringify(line)}`);
    if (charset === 'ascii' && userChars) {
      for (const ch of line)
        if (ch.charCodeAt(0) > 0x7e)
          assert.ok(userChars.has(ch), `non-ASCII ${JSON.stringify(ch)} outside user text: ${JSON.stringify(line)}`);
    }
  }
  const columns = layout.lifelines.map((l) => l.column);
  assert.deepEqual([...d.columns], columns);

  // Header: boxes in lifeline order, 2+ blank cells apart, each over its lifeline; a created
  // participant's box (v2) is not in the header, its column is blank there.
  const header = d.lines.slice(0, d.headerRows).map(cellsOf);
  const boxes = layout.boxes ?? [];
  for (const b of boxes) {
    // Participant boxes (v2): the label on the top border, sides in gaps on every header row.
    assert.ok(!columns.includes(b.left) && !columns.includes(b.right), 'box sides never on a lifeline column');
    assert.ok(
      header[0]
        .slice(b.left, b.right + 1)
        .join('')
        .includes(`[${b.label.text}]`),
      `box label on its top border: ${JSON.stringify(d.lines[0])}`,
    );
    for (const row of header.slice(1))
      assert.ok(row[b.left] === g.frame.vertical && row[b.right] === g.frame.vertical, 'box sides on the header rows');
  }
  for (let i = 0; i < layout.lifelines.length; i++) {
    const { box, column } = layout.lifelines[i];
    if (layout.lifelines[i].created) {
      for (const row of header.slice(boxes.length > 0 ? 1 : 0))
        assert.equal(row[column] ?? ' ', ' ', `created lifeline ${i} blank in the header`);
      continue;
    }
    assert.equal(column, box.left + Math.floor((box.width - 1) / 2), 'lifeline under its box');
    assert.ok(box.left >= 0);
    if (i > 0) {
      const prev = layout.lifelines[i - 1].box;
      assert.ok(box.left - (prev.left + prev.width) >= 2, 'header boxes at least 2 blank cells apart');
      for (const b of boxes)
        if (b.left > prev.left && b.left < box.left)
          assert.ok(b.left > prev.left + prev.width && b.left < box.left - 1, 'a box side with a blank either side');
    }
    const bottom = header[header.length - 1];
    if (charset === 'ascii') {
      assert.equal(bottom[box.left], '[');
      assert.equal(bottom[box.left + box.width - 1], ']');
      const text = box.lines[box.lines.length - 1].text;
      assert.ok(
        bottom
          .slice(box.left + 1, box.left + box.width - 1)
          .join('')
          .includes(text),
        `name ${text} in its box`,
      );
    } else {
      assert.equal(bottom[box.left], '└');
      assert.equal(bottom[column], '┬');
    }
  }

  // Rows below the header.
  layout.rows.forEach((row, k) => {
    const line = d.lines[d.headerRows + k];
    const cells = cellsOf(line);
    const at = (c: number) => cells[c] ?? ' ';
    assert.equal(d.rows[d.headerRows + k], row.span);
    // An edge (v2) is just outside the drawing: column -1 on the left, `width` on the right.
    const col = (i: number) => (i < 0 ? -1 : i >= columns.length ? layout.width : columns[i]);
    const createdBox = row.kind === 'created' ? row : row.kind === 'arrow' ? row.created : undefined;
    const n = columns.length;
    const isEdge = (row.kind === 'label' || row.kind === 'arrow') && (row.from < 0 || row.to < 0 || row.from >= n || row.to >= n);
    // Frame and box sides an edge message (v2) crosses stay drawn.
    const sides =
      row.kind === 'divider' ? [] : [...row.state.frames.flatMap((f) => [f.left, f.right]), ...boxes.flatMap((b) => [b.left, b.right])];
    const crossed = (c: number): boolean => {
      if (createdBox) {
        const box = layout.lifelines[createdBox.lifeline].box;
        if (c >= box.left && c < box.left + box.width) return true;
      }
      switch (row.kind) {
        case 'arrow':
        case 'label':
          return c > Math.min(col(row.from), col(row.to)) && c < Math.max(col(row.from), col(row.to));
        case 'box-bottom':
          return boxes.some((b) => c >= b.left && c <= b.right);
        case 'note-top':
        case 'note-text':
        case 'note-bottom':
          return c >= row.note.left && c <= row.note.right;
        case 'frame-top':
        case 'frame-separator':
        case 'frame-bottom':
          return c >= row.frame.left && c <= row.frame.right;
        case 'divider':
          return true;
        default:
          return false;
      }
    };
    columns.forEach((c, i) => {
      if (crossed(c)) return;
      if (row.kind === 'destroy' && row.lifelines.includes(i)) return assert.equal(at(c), g.destroyed);
      // An ended lifeline's column is empty; a self message or a note may use it.
      if (row.state.ended.has(i) && !['lifelines', 'delay', 'destroy', 'arrow'].includes(row.kind)) return;
      // A created lifeline (v2): its column is empty above its box.
      const unborn = row.state.unborn?.has(i) ?? false;
      if (unborn && !['lifelines', 'delay', 'arrow', 'created'].includes(row.kind)) return;
      const expected =
        row.state.ended.has(i) || unborn ? ' ' : row.kind === 'delay' ? g.delay : row.state.active.has(i) ? g.active : g.lifeline;
      assert.equal(at(c), expected, `lifeline ${i} at column ${c} on row ${k} (${row.kind}): ${JSON.stringify(line)}`);
    });
    for (const f of row.kind === 'divider' ? [] : row.state.frames) {
      assert.ok(!columns.includes(f.left) && !columns.includes(f.right), 'frame sides never on a lifeline column');
      if (isEdge || !crossed(f.left)) assert.equal(at(f.left), g.frame.vertical, `left frame side on row ${k}: ${JSON.stringify(line)}`);
      if (isEdge || !crossed(f.right)) assert.equal(at(f.right), g.frame.vertical, `right frame side on row ${k}: ${JSON.stringify(line)}`);
    }
    if (row.kind !== 'divider' && row.kind !== 'box-bottom') {
      for (const b of boxes) {
        const inFrame = row.state.frames.some((f) => f.left === b.left || f.right === b.right);
        const spans = (x: number) =>
          (row.kind === 'arrow' && !isEdge && x > Math.min(col(row.from), col(row.to)) && x < Math.max(col(row.from), col(row.to))) ||
          ((row.kind === 'note-top' || row.kind === 'note-text' || row.kind === 'note-bottom') &&
            x >= row.note.left &&
            x <= row.note.right) ||
          ((row.kind === 'frame-top' || row.kind === 'frame-separator' || row.kind === 'frame-bottom') &&
            x >= row.frame.left &&
            x <= row.frame.right) ||
          (createdBox !== undefined &&
            x >= layout.lifelines[createdBox.lifeline].box.left - 1 &&
            x <= layout.lifelines[createdBox.lifeline].box.left + layout.lifelines[createdBox.lifeline].box.width) ||
          (row.kind === 'label' && !isEdge) ||
          row.kind === 'delay' ||
          row.kind.startsWith('self');
        if (inFrame) continue;
        if (!spans(b.left))
          assert.equal(at(b.left), g.frame.vertical, `box side at ${b.left} on row ${k} (${row.kind}): ${JSON.stringify(line)}`);
        if (!spans(b.right))
          assert.equal(at(b.right), g.frame.vertical, `box side at ${b.right} on row ${k} (${row.kind}): ${JSON.stringify(line)}`);
      }
    }
    if (row.kind === 'box-bottom')
      for (const b of boxes)
        assert.ok(at(b.left) !== ' ' && at(b.right) !== ' ', `box bottom corners on the last row: ${JSON.stringify(line)}`);
    if (row.kind === 'note-top' && row.tag)
      assert.ok(
        cells
          .slice(row.note.left, row.note.right + 1)
          .join('')
          .includes(`[${row.tag}]`),
        'a ref frame is labelled',
      );
    if (row.kind === 'arrow') {
      const a = col(row.from);
      let b = col(row.to);
      if (row.created) {
        // The head touches the created box's side.
        const box = layout.lifelines[row.created.lifeline].box;
        b = b > a ? box.left : box.left + box.width - 1;
        assert.notEqual(at(b), ' ', "the created box is on its creating arrow's row");
      }
      const left = Math.min(a, b);
      const right = Math.max(a, b);
      const label = numberedText(row).text;
      if (isEdge) checkEdgeArrow(cells, row, columns, sides, layout.width, charset, b);
      else {
        const want = expectedArrow(right - left - 1, row.arrow, label, b > a, charset);
        assert.ok(want.source >= 2 && want.target >= 1, `arrow too narrow: ${JSON.stringify(line)}`);
        assert.equal(
          cells.slice(Math.max(0, left + 1), right).join(''),
          left < 0 ? want.text.slice(-left - 1) : want.text,
          `arrow row ${k}`,
        );
      }
      if (row.from >= columns.length || row.to >= columns.length)
        assert.equal(cellWidth(line), layout.width, 'an arrow to or from the right edge reaches the last column');
    }
    if (row.kind === 'frame-top' || row.kind === 'frame-separator' || row.kind === 'frame-bottom') {
      const f = row.frame;
      assert.ok(!columns.includes(f.left) && !columns.includes(f.right), 'frame sides never on a lifeline column');
      if (row.kind !== 'frame-bottom' && row.title)
        assert.ok(
          cells
            .slice(f.left, f.right + 1)
            .join('')
            .includes(`[${row.title.text}]`),
          'frame title inside the frame',
        );
    }
  });
}

/**
 * An edge message's row (v2): in the stretch between its lifeline and the nearest side or lifeline
 * it crosses, the arrow as between two lifelines (its head at the edge when it leaves the diagram);
 * from there to the edge, body, with the frame and box sides it crosses kept.
 */
function checkEdgeArrow(
  cells: string[],
  row: LayoutRow & { kind: 'arrow' },
  columns: readonly number[],
  sides: readonly number[],
  width: number,
  charset: Charset,
  /** The target's column, or a created participant's box side. */
  target: number,
): void {
  const g = glyphsOf(charset);
  const line = JSON.stringify(cells.join(''));
  const n = columns.length;
  const fromEdge = row.from < 0 || row.from >= n;
  const leftEdge = (fromEdge ? row.from : row.to) < 0;
  const c = fromEdge ? target : columns[row.from];
  const obstacles = [...sides, ...columns].filter((x) => (leftEdge ? x < c : x > c));
  const near = leftEdge ? Math.max(-1, ...obstacles) : Math.min(width, ...obstacles);
  const rightward = leftEdge === fromEdge;
  const want = expectedArrow(Math.abs(c - near) - 1, row.arrow, numberedText(row).text, rightward, charset);
  assert.ok(want.source >= 2 && want.target >= 1, `edge arrow's stretch too narrow: ${line}`);
  const body = row.arrow.startsWith('--') ? g.dotted : g.solid;
  const headCells = row.arrow.endsWith('>>') ? 2 : 1;
  let stretch = want.text;
  let head = '';
  if (!fromEdge && near !== -1 && near !== width) {
    // Leaving the diagram past a side or lifeline: the head is at the edge, its place in the stretch is body.
    head = rightward ? stretch.slice(-headCells) : stretch.slice(0, headCells);
    stretch = rightward ? stretch.slice(0, -headCells) + body.repeat(headCells) : body.repeat(headCells) + stretch.slice(headCells);
  }
  const [lo, hi] = leftEdge ? [near, c] : [c, near];
  assert.equal(cells.slice(lo + 1, hi).join(''), stretch, `edge arrow's label stretch: ${line}`);
  const outside = leftEdge ? [0, near] : [near, width - 1];
  for (let x = outside[0]; x <= outside[1]; x++) {
    const at = cells[x] ?? ' ';
    const inHead = head !== '' && (leftEdge ? x < headCells : x >= width - headCells);
    if (inHead) assert.equal(at, [...head][leftEdge ? x : x - (width - headCells)], `edge arrow's head at the edge: ${line}`);
    else if (sides.includes(x)) assert.equal(at, g.frame.vertical, `frame side at ${x} kept on an edge arrow: ${line}`);
    else if (x !== -1 && x !== width) assert.equal(at, body, `edge arrow body at ${x}: ${line}`);
  }
}

/** Every character of the user's text in a model (names, labels, notes, conditions, titles). */
export function userCharsOf(model: Model): Set<string> {
  const chars = new Set<string>();
  const add = (s: string | undefined) => {
    for (const ch of s ?? '') chars.add(ch);
  };
  add(model.title);
  for (const p of model.participants) {
    add(p.displayName);
    add(p.id);
  }
  const walk = (items: readonly Item[]) => {
    for (const item of items) {
      if (item.type === 'message') add(item.label);
      else if (item.type === 'note' || item.type === 'divider' || item.type === 'delay' || item.type === 'ref') add(item.text);
      else if (item.type === 'fragment')
        for (const b of item.branches) {
          add(b.condition);
          walk(b.items);
        }
    }
  };
  for (const s of model.sequences) {
    add(s.name);
    walk(s.items);
  }
  for (const f of model.flows) add(f.name);
  for (const b of model.boxes ?? []) add(b.label);
  return chars;
}

/** The render fixtures and the examples, each with its golden's name (`example-` for the examples). */
export function renderSources(): { file: string; name: string }[] {
  const root = join(__dirname, '../../..');
  return [
    ...readdirSync(join(root, 'test/fixtures/render'))
      .filter((f) => f.endsWith('.seq'))
      .map((f) => ({ file: join(root, 'test/fixtures/render', f), name: f.slice(0, -4) })),
    ...readdirSync(join(root, 'examples'))
      .filter((f) => f.endsWith('.seq'))
      .map((f) => ({ file: join(root, 'examples', f), name: `example-${f.slice(0, -4)}` })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}
