// The markdown-it plugin's picture style (`lifeline.markdown.style: picture`): a ```seq fence becomes
// the SVG picture as a `data:` image (inert whatever the text), problems still listed above it;
// the style comes from a getter read at every render, and `text` stays the default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../server/src/core/index';
import { renderSvgDocument } from '../../server/src/core/render/index';
import { lifelineMarkdownItPlugin } from '../../client/src/markdown/markdownItPlugin';
import { elements, parseSvg } from '../core/render/svgCheck';

const SEQ = 'actor User\nsystem Frontend\nUser -> Frontend: submit\nFrontend --> User: done';

/** The SVG inside the first picture, decoded from its data: URL. */
function pictureOf(html: string): string | undefined {
  const m = /<img class="lifeline-picture" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/.exec(html);
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : undefined;
}

test('picture style: the block is the picture of what render --format svg prints', () => {
  const html = new MarkdownIt().use(lifelineMarkdownItPlugin, { style: () => 'picture' }).render(`# Doc\n\n\`\`\`seq\n${SEQ}\n\`\`\`\n`);
  assert.equal(pictureOf(html), renderSvgDocument(analyze(SEQ).model));
  assert.match(html, /<div class="lifeline-block">\n<p><img class="lifeline-picture" src="data:[^"]+" alt="Sequence diagram" width="\d+" height="\d+"><\/p>\n<\/div>/);
  assert.doesNotMatch(html, /lifeline-diagram/);
});

test('the style comes from the getter at every render; text is the default and the fallback', () => {
  let style: unknown = 'picture';
  const md = new MarkdownIt().use(lifelineMarkdownItPlugin, { style: () => style });
  const source = `\`\`\`seq\n${SEQ}\n\`\`\`\n`;
  assert.ok(pictureOf(md.render(source)));
  for (style of ['text', 'nonsense', undefined]) assert.match(md.render(source), /<pre class="lifeline-diagram">/);
  const throwing = new MarkdownIt().use(lifelineMarkdownItPlugin, { style: () => { throw new Error('no config'); } });
  assert.match(throwing.render(source), /<pre class="lifeline-diagram">/);
  assert.match(new MarkdownIt().use(lifelineMarkdownItPlugin).render(source), /<pre class="lifeline-diagram">/);
});

test('a block with errors lists its problems above the picture of what is valid', () => {
  const html = new MarkdownIt().use(lifelineMarkdownItPlugin, { style: () => 'picture' }).render('```seq\nactor A\nA -> : nobody\nA -> A: fine\n```\n');
  assert.match(html, /<div class="lifeline-problems" role="alert">/);
  const svg = pictureOf(html);
  assert.ok(svg);
  assert.ok(elements(parseSvg(svg), 'text').some((t) => t.textContent === 'fine'));
});

test('hostile text stays text: the page gets an image, the picture holds it escaped', () => {
  const src = 'title <script>alert(1)</script>\nactor A "<img src=x onerror=alert(1)>"\nA -> A: </p><script>x</script>';
  const html = new MarkdownIt({ html: true }).use(lifelineMarkdownItPlugin, { style: () => 'picture' }).render(`\`\`\`seq\n${src}\n\`\`\`\n`);
  assert.doesNotMatch(html.replace(/src="data:[^"]+"/, ''), /<script|<img src=x|onerror/);
  assert.match(html, /alt="Sequence diagram: &lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  const svg = pictureOf(html);
  assert.ok(svg);
  const texts = elements(parseSvg(svg), 'text').map((t) => t.textContent);
  assert.ok(texts.includes('</p><script>x</script>'));
});

test('package.json declares lifeline.markdown.style: text or picture, text by default', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties['lifeline.markdown.style'];
  assert.deepEqual(setting.enum, ['text', 'picture']);
  assert.equal(setting.default, 'text');
});
