// Checks of a picture against the ASCII drawing of the same layout. The expected places come
// from the ASCII text itself (the `|` of each lifeline in the bare row under the header, the
// cells of each arrow, frame corner, note corner and label), never from the layout both read.
// Every output is parsed with @xmldom/xmldom, every parse error or warning failing the test.
import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { CELL_HEIGHT as CH, CELL_WIDTH as CW, drawLayout, layoutSequence, renderSvg } from '../../../server/src/core/render/index';
import type { Model } from '../../../server/src/core/model';
import type { RenderedDiagram } from '../../../server/src/core/render/index';
import { cellsOf, joinedLead, withoutZeroWidthStart } from './helpers';

/** The SVG parsed as XML; any error or warning of the parser throws. */
export function parseSvg(svg: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      // U+FFFD is text a user may write (and what the renderer puts for U+FFFE/U+FFFF).
      if (level === 'warning' && /replacement character/.test(message)) return;
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  assert.ok(root, 'no root element');
  assert.equal(root.tagName, 'svg');
  assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
  return root;
}

export function elements(root: Element, tag: string): Element[] {
  return Array.from(root.getElementsByTagName(tag));
}

/** Path data as [command, numbers] pairs. */
export function commands(d: string): [string, number[]][] {
  return [...d.matchAll(/([MmHhVvLlAaZz])([^MmHhVvLlAaZz]*)/g)].map((m) => [
    m[1],
    m[2].trim() === ''
      ? []
      : m[2]
          .trim()
          .split(/[\s,]+/)
          .map(Number),
  ]);
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const isInt = (n: number) => near(n, Math.round(n));

/** What a diagram's text and shapes must match in the ASCII drawing; returns what it found, for counts. */
export function checkAgainstAscii(svg: string, ascii: RenderedDiagram): { arrows: number; texts: number } {
  const root = parseSvg(svg);
  const cells = ascii.lines.map(cellsOf);
  const at = (r: number, c: number): string => cells[r]?.[c] ?? ' ';
  const height = Number(root.getAttribute('height'));
  if (ascii.tooLarge) {
    const texts = elements(root, 'text');
    assert.equal(texts.length, 1, 'the notice alone');
    assert.equal(texts[0].textContent, ascii.lines[0]);
    return { arrows: 0, texts: 1 };
  }
  assert.equal(height, ascii.lines.length * CH + 24, 'one picture row per ASCII line');

  // The lifelines' columns: the `|` in the bare row under the header.
  // (No header, no lifelines: then the first row is content, a frame title's `|` perhaps.)
  const bare = ascii.headerRows > 0 && ascii.lines.length > ascii.headerRows ? cells[ascii.headerRows] : [];
  // A participant box's sides (v2) are `|` there too: their columns have its corners `+` on the first row.
  const boxSide = (c: number) => at(0, c) === '+' && at(ascii.headerRows - 1, c) === '|';
  const columns = new Set(bare.flatMap((g, c) => (g === '|' && !boxSide(c) ? [c] : [])));
  // The drawing's last column, where an arrow to the right edge (v2) ends.
  const lastColumn = (Number(root.getAttribute('width')) - 24) / CW - 1;

  // Notes are filled: they cover the lifelines behind them, as the ASCII's note boxes do.
  const notes = elements(root, 'path')
    .filter((p) => p.getAttribute('class') === 'll-note')
    .map((p) => {
      const d = commands(p.getAttribute('d') ?? '');
      return { c0: d[0][1][0] / CW, r0: d[0][1][1] / CH, c1: d[2][1][0] / CW, r1: d[3][1][0] / CH };
    });
  // A separator's dashes leave blanks, some on lifelines.
  const separators = elements(root, 'path')
    .filter((p) => p.getAttribute('class') === 'll-sep')
    .map((p) => {
      const d = commands(p.getAttribute('d') ?? '');
      return { r: d[0][1][1] / CH + 0.5, c0: d[0][1][0] / CW, c1: d[1][1][0] / CW };
    });
  // So does text: a label's blank may fall on a lifeline it crosses.
  const texts = [...elements(root, 'text'), ...elements(root, 'tspan')]
    .filter((el) => el.getAttribute('textLength') !== null)
    .map((el) => ({
      el,
      r: (Number(el.getAttribute('y')) - 4.5) / CH,
      c: (Number(el.getAttribute('x')) + CW / 2) / CW,
      w: Number(el.getAttribute('textLength')) / CW,
    }));
  // Ref frames (v2) are filled with the background: they cover the lifelines they span.
  const filled = elements(root, 'rect')
    .filter((x) => x.getAttribute('class') === 'll-bg' && x.getAttribute('x') !== null)
    .map((x) => {
      const [x0, y0] = [Number(x.getAttribute('x')), Number(x.getAttribute('y'))];
      const [w, h] = [Number(x.getAttribute('width')), Number(x.getAttribute('height'))];
      return { c0: x0 / CW, r0: y0 / CH + 0.5, c1: (x0 + w) / CW, r1: (y0 + h) / CH };
    });
  const covered = (r: number, c: number) =>
    filled.some((n) => n.r0 <= r && r <= n.r1 && n.c0 <= c && c <= n.c1) ||
    notes.some((n) => n.r0 <= r && r <= n.r1 && n.c0 <= c && c <= n.c1) ||
    separators.some((x) => x.r === r && x.c0 <= c && c <= x.c1) ||
    texts.some((t) => t.r === r && t.c <= c && c < t.c + t.w);

  const seen = new Set<number>();
  let arrows = 0;
  for (const path of elements(root, 'path')) {
    const cls = path.getAttribute('class') ?? '';
    const d = commands(path.getAttribute('d') ?? '');
    if (cls === 'll-life' || cls === 'll-life-delay') {
      const [[, [x, y1]], [, [y2]]] = d;
      const c = x / CW;
      // A created lifeline (v2) is blank in the bare row: it starts under its box, drawn on the row above.
      const first = Math.ceil(y1 / CH + 0.5);
      if (!columns.has(c) && !/[ |]/.test(at(first - 1, c)) && at(first, c) !== ' ') {
        columns.add(c);
      }
      assert.ok(columns.has(c), `a lifeline at x=${x} is not under a | of the ASCII header (columns ${[...columns]})`);
      seen.add(c);
      // Every row it passes through whole has something drawn in its column (`|`, `#`, `:`), or
      // a note or a text covers it there.
      for (let r = Math.ceil(y1 / CH + 0.5); r <= Math.floor(y2 / CH - 0.5); r++) {
        assert.ok(at(r, c) !== ' ' || covered(r, c), `lifeline at column ${c} drawn over a blank cell of ASCII row ${r}`);
        if (cls === 'll-life-delay') assert.equal(at(r, c), ':', `a dotted lifeline on row ${r} where the ASCII has ${at(r, c)}`);
      }
    } else if ((cls === 'll-msg' || cls === 'll-reply') && !d.some(([k]) => k === 'V')) {
      arrows++;
      const x1 = d[0][1][0];
      const y = d[0][1][1];
      const x2 = d[d.length - 1][1][0];
      const r = y / CH;
      assert.ok(isInt(r), `arrow off the row grid (y=${y})`);
      const dir = x2 > x1 ? 1 : -1;
      // An edge (v2): the drawing's first or last column, not a lifeline's; the ASCII arrow takes that cell itself.
      const edge = (x: number) => !columns.has(x / CW) && (x / CW === 0 || x / CW === lastColumn);
      const fromEdge = edge(x1);
      const a = fromEdge ? x1 / CW - dir : x1 / CW;
      assert.ok(fromEdge || columns.has(a), `arrow on row ${r} starts at x=${x1}, not on a lifeline column`);
      // The target's column: the line's end, or one cell past it for a lost message (its cross is the ASCII `x`);
      // for a created box (v2) the box's side, half a cell past the line's end.
      const side = x2 / CW + dir / 2;
      const toBox = !isInt(x2 / CW) && at(r, side) === (dir === 1 ? '[' : ']');
      const toEdge = !toBox && edge(x2);
      const b = toBox ? side : toEdge ? x2 / CW + dir : columns.has(x2 / CW) ? x2 / CW : x2 / CW + dir;
      assert.ok(toBox || toEdge || columns.has(b), `arrow on row ${r} ends at x=${x2}, not at a lifeline column`);
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      // The ASCII arrow's first and last cells are just inside the two lifelines, and the body runs on.
      const body = cls === 'll-reply' ? '.' : '-';
      const source = dir === 1 ? lo + 1 : hi - 1;
      assert.equal(at(r, source), body, `ASCII row ${r}: no ${body} next to the source at column ${source}: ${ascii.lines[r]}`);
      const headCell = dir === 1 ? hi - 1 : lo + 1;
      const headGlyph = at(r, headCell);
      // The head follows its line, its tip (or a lost message's cross) at the line's end.
      let head = path.nextSibling as Element | null;
      while (head && head.nodeType !== 1) head = head.nextSibling as Element | null;
      const hd = commands(head?.getAttribute('d') ?? '');
      const tip =
        head?.getAttribute('class') === 'll-head-lost'
          ? hd[0]?.[1][0] + 4
          : head?.getAttribute('class') === 'll-head-open'
            ? hd[1]?.[1][0]
            : hd[0]?.[1][0];
      assert.equal(tip, x2, `the head of the arrow on row ${r} is not at its end`);
      assert.ok(head, `no head for the arrow on row ${r}`);
      const kind = head.getAttribute('class');
      const expected = headGlyph === 'x' ? 'll-head-lost' : at(r, headCell - dir) === headGlyph ? 'll-head-open' : 'll-head';
      assert.equal(kind, expected, `ASCII row ${r} head ${headGlyph} drawn as ${kind}`);
    } else if (cls === 'll-msg' || cls === 'll-reply') {
      // A self message: out from the lifeline, down the side at 4 cells, back.
      const [x, y1] = d[0][1];
      const side = d[1][1][0];
      const y2 = d[2][1][0];
      assert.ok(columns.has(x / CW), 'a self message starts on a lifeline');
      assert.equal(side / CW, x / CW + 4);
      assert.match(at(y1 / CH, side / CW), /[.]/, `self message top corner on row ${y1 / CH}`);
      assert.equal(at(y2 / CH, side / CW), "'", `self message bottom corner on row ${y2 / CH}`);
      arrows++;
    } else if (cls === 'll-note') {
      const [x0, y0] = d[0][1];
      const y1 = d[3][1][0];
      const x1 = d[2][1][0];
      assert.equal(at(y0 / CH, x0 / CW), '+', 'note top-left corner');
      assert.equal(at(y1 / CH, x1 / CW), '+', 'note bottom-right corner');
    } else if (cls === 'll-destroy') {
      const [x, y] = d[0][1];
      assert.equal(at((y + 5) / CH, (x + 5) / CW), 'X', 'a destroyed lifeline ends where the ASCII has X');
    } else if (cls === 'll-sep') {
      const [x0, y] = d[0][1];
      const r = y / CH + 0.5;
      assert.equal(at(r, x0 / CW), '+', `separator on row ${r}`);
      assert.equal(at(r, d[1][1][0] / CW), '+');
    } else if (cls === 'll-frame') {
      // A participant box (v2): its corners where the ASCII has them, its top on the first row.
      const xs = d.flatMap(([k, v]) => (k === 'M' ? [v[0]] : k === 'H' ? v : []));
      const ys = d.flatMap(([k, v]) => (k === 'M' ? [v[1]] : k === 'V' ? v : []));
      const [c0, c1, r0, r1] = [Math.min(...xs) / CW, Math.max(...xs) / CW, Math.min(...ys) / CH, Math.max(...ys) / CH];
      assert.equal(r0, 0, 'a participant box starts on the first row');
      for (const [r, c] of [
        [r0, c0],
        [r0, c1],
        [r1, c0],
        [r1, c1],
      ])
        assert.equal(at(r, c), '+', `box corner at row ${r}, column ${c}`);
    } else if (cls === 'll-divider') {
      const r = (d[0][1][1] + 2) / CH;
      assert.equal(at(r, 0), '=', `divider on row ${r}`);
    }
  }
  assert.deepEqual(
    [...seen].sort((p, q) => p - q),
    [...columns].sort((p, q) => p - q),
    'every lifeline drawn',
  );

  for (const rect of elements(root, 'rect')) {
    if (rect.getAttribute('class') !== 'll-frame') continue;
    const x = Number(rect.getAttribute('x'));
    const y = Number(rect.getAttribute('y'));
    const l = x / CW;
    const rgt = (x + Number(rect.getAttribute('width'))) / CW;
    const t = y / CH + 0.5;
    const b = (y + Number(rect.getAttribute('height'))) / CH;
    for (const [r, c] of [
      [t, l],
      [t, rgt],
      [b, l],
      [b, rgt],
    ])
      assert.equal(at(r, c), '+', `frame corner at row ${r}, column ${c}`);
  }

  // Every line of text: the cells it is fitted to hold the same text in the ASCII row.
  for (const { el, r, c, w } of texts) {
    assert.ok(isInt(r) && isInt(c) && isInt(w), `text off the grid: ${r},${c},${w}`);
    // The ASCII row without its trailing blanks: a text may end in a blank (`7. ` before an empty line).
    const row = cells[r] ?? [];
    // A prepended mark (U+0600…) that closes a text joins the drawn cell after it in the read-back.
    const next = row[c + w] ?? '';
    const carried = next.length > 1 && /[\x20-\x7e]$/.test(next) ? next.slice(0, -1) : '';
    const inAscii = [...row, ...Array<string>(Math.max(0, c + w - row.length)).fill(' ')].slice(c, c + w).join('') + carried;
    // XML has no U+FFFE or U+FFFF: the picture writes U+FFFD for them (escapeXml).
    const inXml = inAscii.replace(/[\ufffe\uffff]/g, '\ufffd');
    // A text opening with a spacing mark (U+0B03) is read back joined to the drawn cell before it.
    const svgText = el.textContent ?? '';
    const lead = c > 0 ? joinedLead(svgText) : '';
    let before = c - 1;
    while (before > 0 && row[before] === '') before--;
    if (lead) assert.ok((row[before] ?? '').endsWith(lead), `text on row ${r} at column ${c}: its opening mark is not drawn`);
    assert.equal(withoutZeroWidthStart(svgText.slice(lead.length)), withoutZeroWidthStart(inXml), `text on row ${r} at column ${c}`);
  }
  return { arrows, texts: texts.length };
}

const kindOf = (model: Model) => (id: string) => model.participantById.get(id)?.kind;

/** Each sequence's picture against its ASCII drawing; returns the arrows seen. */
export function checkModel(model: Model): number {
  let arrows = 0;
  for (const sequence of model.sequences) {
    const layout = layoutSequence(model, sequence, { charset: 'ascii' });
    const svg = renderSvg(layout, { kindOf: kindOf(model) });
    const found = checkAgainstAscii(svg, drawLayout(layout, 'ascii'));
    const drawable = (function count(items: typeof sequence.items): number {
      return items.reduce(
        (n, item) =>
          n + (item.type === 'message' ? 1 : item.type === 'fragment' ? item.branches.reduce((m, b) => m + count(b.items), 0) : 0),
        0,
      );
    })(sequence.items);
    if (!layout.tooLarge) assert.equal(found.arrows, drawable, `${sequence.name}: one arrow or loop per message`);
    arrows += found.arrows;
  }
  return arrows;
}
