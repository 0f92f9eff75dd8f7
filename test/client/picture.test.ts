// The picture style's pure parts: a click on the picture as a (row, column) of the text (one cell
// is a fixed box of the SVG), the cursor's bands, Fit width, the picture carried by patches, and
// the panel state a reload restores.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, EMPTY_DIAGRAM, replacement, type Diagram } from '../../client/src/preview/diagram.js';
import { cellAt, fitZoom, rowSpan, runsOf, splitStyle } from '../../client/src/preview/picture.js';
import { toPreviewState } from '../../client/src/preview/panelState.js';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument, renderSvgDocument } from '../../server/src/core/render/index.js';
import { styleSheet } from '../../server/src/core/render/svgStyle.js';

describe('a click on the picture', () => {
  // Cell (c, r) is x in [12 + 8c, 12 + 8(c+1)), y in [12 + 18r, 12 + 18(r+1)): 12 is the padding.
  const table: [x: number, y: number, expected: { row: number; column: number } | undefined][] = [
    [12, 12, { row: 0, column: 0 }],
    [19.9, 29.9, { row: 0, column: 0 }],
    [20, 30, { row: 1, column: 1 }],
    [12 + 8 * 9 + 4, 12 + 18 * 4 + 9, { row: 4, column: 9 }],
    [11.9, 40, undefined], // the padding left of the grid
    [40, 11.9, undefined], // above it
    [12 + 8 * 10, 40, undefined], // past the last column
    [40, 12 + 18 * 5, undefined], // under the last row
  ];
  for (const [x, y, expected] of table)
    it(`(${x}, ${y}) → ${JSON.stringify(expected)}`, () => assert.deepEqual(cellAt(x, y, 5, 10), expected));

  it('lands on the row whose text holds the clicked label, in a real picture', () => {
    const { model } = analyze('participant A\nparticipant B\nA -> B: hello\nB --> A: bye\n');
    const lines = renderDocument(model, { charset: 'ascii' }).lines;
    const svg = renderSvgDocument(model);
    // The label's <text>: x is its first cell's left edge, y its baseline, both in the body's frame (translated by 16, 21).
    const m = /<text class="ll-label" x="([\d.-]+)" y="([\d.-]+)"[^>]*>bye</.exec(svg);
    assert.ok(m, 'the label is drawn');
    const cell = cellAt(Number(m[1]) + 16 + 1, Number(m[2]) + 21 - 4.5, lines.length, 40);
    assert.ok(cell);
    assert.equal(lines[cell.row].slice(cell.column, cell.column + 3), 'bye');
  });
});

describe('the cursor bands and Fit width', () => {
  it('runs of consecutive rows, in order, once each', () => {
    assert.deepEqual(runsOf([7, 3, 4, 5, 9, 4]), [
      [3, 5],
      [7, 7],
      [9, 9],
    ]);
    assert.deepEqual(runsOf([]), []);
  });
  it('a row band is the cell height', () => assert.deepEqual(rowSpan(2), { top: 48, bottom: 66 }));
  it('fits the width, within bounds', () => {
    assert.equal(fitZoom(500, 1000), 0.5);
    assert.equal(fitZoom(1000, 400), 2.5);
    assert.equal(fitZoom(899, 880), 1.02, 'rounded down: never wider than the panel');
    assert.equal(fitZoom(10_000, 100), 3);
    assert.equal(fitZoom(10, 10_000), 0.1);
    assert.equal(fitZoom(500, 0), 1, 'nothing drawn yet');
  });
});

describe('the picture in the page diagram', () => {
  const base: Diagram = { ...EMPTY_DIAGRAM, id: 'a', lines: ['x'], rows: [null], svg: '<svg>a</svg>' };
  it('a patch without a picture keeps it; with one, replaces it; null drops it', () => {
    const patch = { base: 'a', id: 'b', version: 1, charset: 'ascii' as const, tooLarge: false };
    assert.equal(applyPatch(base, patch).svg, '<svg>a</svg>');
    assert.equal(applyPatch(base, { ...patch, svg: '<svg>b</svg>' }).svg, '<svg>b</svg>');
    assert.equal(applyPatch(base, { ...patch, svg: null }).svg, null);
  });
  it('a whole text diagram replacing a picture drops the picture', () => {
    const text: Diagram = { ...base, id: 'c', svg: null };
    assert.equal(applyPatch(base, replacement(base, text)).svg, null);
  });
});

describe('the panel state a reload restores', () => {
  it('keeps the style, durations and Fit width, and trusts nothing else', () => {
    const s = toPreviewState({ uri: 'file:///a.seq', style: 'picture', durations: true, fit: true, zoom: 2 });
    assert.deepEqual(s && { style: s.style, durations: s.durations, fit: s.fit, zoom: s.zoom }, {
      style: 'picture',
      durations: true,
      fit: true,
      zoom: 2,
    });
    const odd = toPreviewState({ uri: 'file:///a.seq', style: '<img>', durations: 'yes', fit: 1 });
    assert.deepEqual(odd && { style: odd.style, durations: odd.durations, fit: odd.fit }, { style: null, durations: false, fit: false });
  });
});

describe('the style sheet the page adds itself (a parsed <style> would break the CSP)', () => {
  const table: [name: string, source: string][] = [
    ['a plain diagram', 'A -> B: hi\n'],
    ['labels that spell a style element', 'A -> B: <style>*{fill:red}</style>\nnote over A: </style><style>\n'],
  ];
  for (const [name, source] of table)
    it(name, () => {
      const whole = renderSvgDocument(analyze(source).model, { theme: 'vscode' });
      const { svg, css } = splitStyle(whole);
      assert.equal(css, styleSheet('vscode'));
      assert.doesNotMatch(svg, /<style/);
      assert.equal(svg.length, whole.length - `<style>${css}</style>\n`.length, 'only the style element is cut');
    });
  it('a picture without a style sheet is left whole', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;style&gt;</text></svg>';
    assert.deepEqual(splitStyle(svg), { svg, css: '' });
  });
});
