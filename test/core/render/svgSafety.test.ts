// The injection corpus (test/fixtures/hostile.ts, the one the preview's security e2e test opens)
// drawn as a picture: every payload is text, no element or attribute comes from user text, and
// the picture holds no script, event attribute, foreign object or external reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { layoutSequence, renderSvg, renderSvgDocument, type SvgTheme } from '../../../server/src/core/render/index';
import { modelOf } from './helpers';
import { styleSheet } from '../../../server/src/core/render/svgStyle';
import { safeText } from '../../../server/src/core/width';
import { HOSTILE, PAYLOADS } from '../../fixtures/hostile';
import { HOSTILE as HOSTILE_CHARACTERS } from '../../fuzz/gen';
import { elements, parseSvg } from './svgCheck';
import type { Element } from '@xmldom/xmldom';

const ELEMENTS = new Set(['svg', 'title', 'style', 'rect', 'g', 'path', 'text', 'tspan', 'circle']);
/** Every attribute the renderer writes, with what its value may be. */
const NUMBER = /^-?\d+(\.\d+)?$/;
const ATTRIBUTES: Record<string, RegExp> = {
  xmlns: /^http:\/\/www\.w3\.org\/2000\/svg$/,
  class: /^(lifeline-svg ll-(light|vscode)|ll-[a-z-]+)$/,
  width: NUMBER, height: NUMBER, x: NUMBER, y: NUMBER, rx: NUMBER, cx: NUMBER, cy: NUMBER, r: NUMBER, textLength: NUMBER,
  viewBox: /^0 0 \d+ \d+$/,
  role: /^img$/,
  'xml:space': /^preserve$/,
  lengthAdjust: /^spacingAndGlyphs$/,
  d: /^[MHVLAZmlhvaz\d .-]+$/,
  transform: /^translate\(-?[\d.]+,-?[\d.]+\)$/,
};

function walk(el: Element, visit: (el: Element) => void): void {
  visit(el);
  for (const child of Array.from(el.childNodes)) if (child.nodeType === 1) walk(child as Element, visit);
}

function checkInert(svg: string, theme: SvgTheme): Element {
  const root = parseSvg(svg);
  walk(root, (el) => {
    assert.ok(ELEMENTS.has(el.tagName), `element <${el.tagName}>`);
    for (const attr of Array.from(el.attributes)) {
      const allowed = ATTRIBUTES[attr.name];
      assert.ok(allowed, `attribute ${attr.name} on <${el.tagName}>`);
      assert.match(attr.value, allowed, `${attr.name}="${attr.value}"`);
    }
    // Text only inside the elements that hold text; the style sheet is the renderer's own.
    if (el.tagName === 'style') assert.equal(el.textContent, styleSheet(theme));
  });
  // Markup the walk above would have refused anyway, searched for in the raw text too.
  assert.doesNotMatch(svg, /<script|<foreignObject|<img|<iframe|<a[\s>]|<!ENTITY|<!DOCTYPE|<\?xml-stylesheet/i);
  return root;
}

for (const theme of ['light', 'vscode'] as SvgTheme[]) {
  test(`the injection corpus renders as text (${theme})`, () => {
    const { model } = analyze(HOSTILE);
    const svg = renderSvgDocument(model, { theme });
    const root = checkInert(svg, theme);
    const shown = [...elements(root, 'text'), ...elements(root, 'tspan'), ...elements(root, 'title')].map((t) => t.textContent ?? '');
    // Every payload is shown, character for character as the text drawing shows it.
    for (const payload of PAYLOADS) assert.ok(shown.some((t) => t.includes(safeText(payload))), `payload not shown as text: ${payload}`);
    assert.ok(shown.some((t) => t.includes(`<script>window.__lifelinePwned='title';alert('title')</script>`)), 'the title, as text');
  });
}

test('hostile characters in every place: well-formed and inert', () => {
  const pieces = HOSTILE_CHARACTERS.join('');
  const src = [
    `title t${pieces}`,
    `actor A "a${pieces}"`,
    `database B "b\uffff\ufffe"`,
    `sequence s${pieces}`,
    `  A -> B: ${pieces}`,
    `  note over A, B: ${pieces}`,
    `  alt c${pieces}`,
    `    B --> A: x`,
    `  else d${pieces}`,
    `    A -> A: ${pieces}`,
    `  end`,
    `  == ${pieces} ==`,
    `  ... ${pieces} ...`,
    `end`,
  ].join('\n');
  const svg = renderSvgDocument(analyze(src).model);
  checkInert(svg, 'light');
  assert.doesNotMatch(svg, /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/, 'no character XML forbids');
});

test('a title given by the caller is made safe too', () => {
  const { model, sequence } = modelOf(['A'], []);
  const svg = renderSvg(layoutSequence(model, sequence), { title: 'a\x01b\nc<d>' });
  assert.equal(elements(checkInert(svg, 'light'), 'title')[0].textContent, 'a?b c<d>');
});
