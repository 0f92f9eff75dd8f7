// The picture: golden SVGs for every render fixture and example (test/fixtures/render/golden-svg,
// UPDATE_GOLDEN=1 to regenerate — look at the changed pictures before committing them), and each
// sequence's picture checked against its ASCII drawing (svgCheck.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/index';
import {
  CELL_HEIGHT,
  CELL_WIDTH,
  drawLayout,
  layoutSequence,
  renderDocument,
  renderSvg,
  renderSvgDocument,
  renderSvgSequence,
} from '../../../server/src/core/render/index';
import { checkAgainstAscii, checkModel, elements, parseSvg } from './svgCheck';
import { message, modelOf, renderSources } from './helpers';

const ROOT = join(__dirname, '../../..');
const GOLDEN = join(ROOT, 'test/fixtures/render/golden-svg');
const update = process.env.UPDATE_GOLDEN === '1';

const sources = renderSources();

if (update) mkdirSync(GOLDEN, { recursive: true });

for (const { file, name } of sources) {
  test(`svg golden: ${name}`, () => {
    const { model } = analyze(readFileSync(file, 'utf8'));
    const out = renderSvgDocument(model);
    const golden = join(GOLDEN, `${name}.svg`);
    if (update) writeFileSync(golden, out);
    assert.ok(existsSync(golden), `missing golden ${golden} (run with UPDATE_GOLDEN=1, then look at it)`);
    assert.equal(out, readFileSync(golden, 'utf8'));
    parseSvg(out);
    checkModel(model);
  });
}

test('every document picture has one row per text line, with and without durations (what the preview maps clicks by)', () => {
  const named = 'title Login\nparticipant A\nparticipant B\nsequence Login\n  A -> B: x\nend\n';
  for (const src of [named, ...sources.map(({ file }) => readFileSync(file, 'utf8'))]) {
    const { model } = analyze(src);
    for (const durations of [false, true]) {
      const lines = renderDocument(model, { charset: 'ascii', durations }).lines.length;
      const height = Number(parseSvg(renderSvgDocument(model, { durations })).getAttribute('height'));
      assert.equal(height, lines * CELL_HEIGHT + 24, `${src.slice(0, 40)}… durations ${durations}`);
    }
  }
});

test('no stale SVG golden files', () => {
  const expected = new Set(sources.map(({ name }) => `${name}.svg`));
  assert.deepEqual(
    readdirSync(GOLDEN).filter((f) => !expected.has(f)),
    [],
  );
});

test('the document picture stacks rows as the text does: title, each sequence under its name, flows', () => {
  const src = 'title Shop\nactor U\nservice S\nsequence One\n  U -> S: a\nend\nsequence Two\n  S --> U: b\nend\nflow Buy: U -> S\n';
  const { model } = analyze(src);
  const text = renderDocument(model, { charset: 'ascii' });
  const root = parseSvg(renderSvgDocument(model));
  assert.equal(Number(root.getAttribute('height')), text.lines.length * CELL_HEIGHT + 24);
  // Headings and flows: one text each on the row of the same line of the text output.
  const lines = elements(root, 'text').filter((t) => /ll-heading|ll-flow/.test(t.getAttribute('class') ?? ''));
  assert.deepEqual(
    lines.map((t) => t.textContent),
    ['Shop', 'One', 'Two', 'Buy: U → S'],
  );
  assert.deepEqual(
    lines.map((t) => text.lines[(Number(t.getAttribute('y')) - 4.5) / CELL_HEIGHT].replace(' -> ', ' → ')),
    ['Shop', 'One', 'Two', 'Buy: U → S'],
  );
  // Each diagram is moved down to the row where the text draws its header.
  const groups = elements(root, 'g').filter((g) => /translate\(0,/.test(g.getAttribute('transform') ?? ''));
  assert.deepEqual(
    groups.map((g) => Number(/translate\(0,([\d.]+)\)/.exec(g.getAttribute('transform') ?? '')?.[1]) / CELL_HEIGHT),
    text.diagrams.map((d) => d.firstRow - 1),
  );
  assert.equal(elements(root, 'title')[0].textContent, 'Sequence diagram: Shop');
});

test('--sequence: one diagram alone; an unknown name draws nothing', () => {
  const { model } = analyze('sequence One\n  A -> B: a\nend\nsequence Two\n  B -> C: b\nend\n');
  const one = parseSvg(renderSvgDocument(model, { sequence: 'Two' }));
  assert.deepEqual(
    elements(one, 'text').map((t) => t.textContent),
    ['B', 'C', 'b'],
  );
  assert.equal(renderSvgSequence(model, model.sequences[1]), renderSvgDocument(model, { sequence: 'Two' }));
  const none = parseSvg(renderSvgDocument(model, { sequence: 'Three' }));
  assert.equal(elements(none, 'text').length, 0);
});

test('past the size limit the picture is the notice, as the text is', () => {
  const { model, sequence } = modelOf(
    ['A', 'B'],
    Array.from({ length: 30 }, () => message('A', 'B', 'x')),
  );
  const layout = layoutSequence(model, sequence, { maxRows: 10 });
  const ascii = drawLayout(layout, 'ascii');
  assert.ok(ascii.tooLarge);
  checkAgainstAscii(renderSvg(layout), ascii);
  assert.match(renderSvgDocument(model, { maxRows: 10 }), /class="ll-notice"[^>]*>Diagram too large to draw: /);
});

test('participant kinds have their shapes; the vscode theme reads the editor colours', () => {
  const { model } = analyze('actor U\ndatabase D\nqueue Q\nservice S\nU -> D: a\nD -> Q: b\nQ -> S: c\n');
  const light = renderSvgDocument(model);
  const root = parseSvg(light);
  assert.equal(elements(root, 'circle').length, 1, 'the actor figure');
  assert.equal(elements(root, 'rect').filter((r) => r.getAttribute('class') === 'll-box').length, 2, 'actor and service: boxes');
  assert.equal(elements(root, 'path').filter((p) => p.getAttribute('class') === 'll-box').length, 2, 'database and queue: cylinders');
  assert.doesNotMatch(light, /var\(/, 'a standalone file has literal colours');
  assert.match(light, /\.ll-light \.ll-bg\{fill:#ffffff\}/);
  const themed = renderSvgDocument(model, { theme: 'vscode' });
  parseSvg(themed);
  assert.match(themed, /class="lifeline-svg ll-vscode"/);
  assert.match(themed, /fill:var\(--vscode-editor-background,#ffffff\)/);
});

test('one cell is a fixed box: lifeline x = column × cell width, rows × cell height', () => {
  assert.deepEqual([CELL_WIDTH, CELL_HEIGHT], [8, 18]);
  const { model, sequence } = modelOf(['Alice', 'Bob'], [message('Alice', 'Bob', 'hi')]);
  const layout = layoutSequence(model, sequence);
  const root = parseSvg(renderSvg(layout));
  const xs = elements(root, 'path')
    .filter((p) => p.getAttribute('class') === 'll-life')
    .map((p) => p.getAttribute('d'));
  assert.deepEqual(
    xs,
    layout.lifelines.map((l) => `M${l.column * CELL_WIDTH} 9V45`),
  );
});

test('output is deterministic', () => {
  const src = readFileSync(join(ROOT, 'examples/checkout-design.seq'), 'utf8');
  assert.equal(renderSvgDocument(analyze(src).model), renderSvgDocument(analyze(src).model));
});

test('the picture is the same from a layout made for either charset (it counts the ASCII header rows)', () => {
  const { model } = analyze('participant A "two\\nlines"\nparticipant B\nA -> B: x\nnote over A: n\n');
  const sequence = model.sequences[0];
  assert.equal(
    renderSvg(layoutSequence(model, sequence, { charset: 'unicode' })),
    renderSvg(layoutSequence(model, sequence, { charset: 'ascii' })),
  );
});

test('a Unicode layout with created participants draws the ASCII picture too (their box borders are Unicode rows only)', () => {
  const { model } = analyze('participant A\ncreate participant B "two\\nlines"\nA -> B: make\ncreate C\nB -> C: spawn\nC --> A: done\n');
  const sequence = model.sequences[0];
  const ascii = layoutSequence(model, sequence, { charset: 'ascii' });
  const svg = renderSvg(layoutSequence(model, sequence, { charset: 'unicode' }));
  assert.equal(svg, renderSvg(ascii));
  checkAgainstAscii(svg, drawLayout(ascii));
});

test('--durations: each margin text and the closing line on the row and column the text output has them', () => {
  const { model } = analyze('participant A\nparticipant B\nA -> B: ask\ntakes 20ms\nB --> A: answer\ntakes 1.5s\n');
  const text = renderDocument(model, { charset: 'ascii', durations: true });
  const svg = renderSvgDocument(model, { durations: true });
  const root = parseSvg(svg);
  const placed = elements(root, 'text')
    .filter((t) => t.getAttribute('class') === 'll-duration')
    .map((t) => {
      const r = (Number(t.getAttribute('y')) - 4.5) / CELL_HEIGHT;
      const c = (Number(t.getAttribute('x')) + CELL_WIDTH / 2) / CELL_WIDTH;
      return [t.textContent, text.lines[r].slice(c)];
    });
  assert.deepEqual(placed, [
    ['* 20ms', '* 20ms'],
    ['* 1.5s', '* 1.5s'],
    ['critical path 1.52s', 'critical path 1.52s'],
  ]);
  assert.equal(Number(root.getAttribute('height')), text.lines.length * CELL_HEIGHT + 24);
  assert.equal(Number(root.getAttribute('width')), Math.max(...text.lines.map((l) => l.length)) * CELL_WIDTH + 24);
  assert.doesNotMatch(renderSvgDocument(model), /ll-duration/, 'no margin unless asked for');
});

/** The vertical runs [y1, y2] drawn at x by paths (lifelines) or rects (bars) of this class. */
function runsAt(svg: string, cls: string, x: number): [number, number][] {
  const root = parseSvg(svg);
  const paths = elements(root, 'path')
    .filter((p) => p.getAttribute('class') === cls)
    .map((p) => /^M([\d.]+) ([\d.]+)V([\d.]+)$/.exec(p.getAttribute('d') ?? '')!)
    .filter((m) => Number(m[1]) === x)
    .map((m): [number, number] => [Number(m[2]), Number(m[3])]);
  const rects = elements(root, 'rect')
    .filter((r) => r.getAttribute('class') === cls && Number(r.getAttribute('x')) + 3 === x)
    .map((r): [number, number] => [Number(r.getAttribute('y')), Number(r.getAttribute('y')) + Number(r.getAttribute('height'))]);
  return [...paths, ...rects];
}

test('text over a lifeline or a bar cuts it for that cell only, as the text drawing’s characters do', () => {
  // crossing: the index of the message whose label is over B's column (−1: none is).
  const cases: [name: string, source: string, cls: string, crossing: number][] = [
    ['a label over a lifeline', 'participant A\nparticipant B\nparticipant C\nA -> C: over the middle one\nB -> A: back\n', 'll-life', 0],
    [
      'a label over a bar',
      'participant A\nparticipant B\nparticipant C\nactivate B\nB -> A: first\nA -> C: over the middle one\nB -> A: back\n',
      'll-bar',
      1,
    ],
    ['a label between lifelines (the control)', 'participant A\nparticipant B\nparticipant C\nA -> B: hi\nB -> C: ho\n', 'll-life', -1],
  ];
  for (const [name, source, cls, crossing] of cases) {
    const crossed = crossing >= 0;
    const { model } = analyze(source);
    const layout = layoutSequence(model, model.sequences[0]);
    const svg = renderSvg(layout);
    const x = layout.lifelines[1].column * CELL_WIDTH;
    // The message's line is at the centre of its row.
    const line = elements(parseSvg(svg), 'path').filter((p) => p.getAttribute('class') === 'll-msg')[Math.max(0, crossing)];
    const y = Number(/ ([\d.]+)H/.exec(line.getAttribute('d') ?? '')![1]);
    const runs = runsAt(svg, cls, x);
    assert.ok(runs.length > 0, `${name}: B has a ${cls}`);
    const through = runs.some(([y1, y2]) => y1 < y && y < y2);
    assert.equal(through, !crossed, `${name}: ${JSON.stringify(runs)} at the label's row ${y}`);
    if (crossed) {
      assert.ok(
        runs.some(([, y2]) => y2 === y - CELL_HEIGHT / 2),
        `${name}: stops at the top of the label's cell`,
      );
      assert.ok(
        runs.some(([y1]) => y1 === y + CELL_HEIGHT / 2),
        `${name}: goes on from the cell below`,
      );
    }
  }
});

test('a label over a participant box’s side cuts the side for that cell only', () => {
  const source =
    'participant A\nbox G "Group"\n  participant B\nend\nparticipant C\nA -> C: a label long enough to cross the box\nB -> A: back\n';
  const { model } = analyze(source);
  const svg = renderSvg(layoutSequence(model, model.sequences[0]));
  const root = parseSvg(svg);
  const y = Number(
    / ([\d.]+)H/.exec(
      elements(root, 'path')
        .find((p) => p.getAttribute('class') === 'll-msg')!
        .getAttribute('d') ?? '',
    )![1],
  );
  const box = elements(root, 'path').find((p) => p.getAttribute('class') === 'll-frame')!;
  // The path's vertical strokes: a V from the pen's position, a move (M) lifting it.
  const verticals: [x: number, y1: number, y2: number][] = [];
  let at = [0, 0];
  for (const [, cmd, a, b] of (box.getAttribute('d') ?? '').matchAll(/([MHV])([\d.]+)(?: ([\d.]+))?/g)) {
    if (cmd === 'M') at = [Number(a), Number(b)];
    else if (cmd === 'H') at = [Number(a), at[1]];
    else {
      verticals.push([at[0], Math.min(at[1], Number(a)), Math.max(at[1], Number(a))]);
      at = [at[0], Number(a)];
    }
  }
  const sides = [...new Set(verticals.map(([x]) => x))];
  assert.equal(sides.length, 2, 'a left and a right side');
  for (const x of sides) {
    const runs = verticals.filter(([vx]) => vx === x);
    assert.ok(!runs.some(([, y1, y2]) => y1 < y && y < y2), `the side at x ${x} is cut at the label's row ${y}`);
    assert.ok(
      runs.some(([, , y2]) => y2 === y - CELL_HEIGHT / 2) && runs.some(([, y1]) => y1 === y + CELL_HEIGHT / 2),
      `only there (x ${x})`,
    );
  }
});
