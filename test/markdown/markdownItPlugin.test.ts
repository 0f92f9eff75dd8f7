// The markdown-it plugin: ```seq fences become `<pre class="lifeline-diagram">` with the diagram
// exactly as `lifeline render` prints it (HTML-escaped), in the charset the getter returns;
// a block with errors lists its problems and still draws what it can; other fences are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../server/src/core/index';
import { renderDocument } from '../../server/src/core/render/index';
import { lifelineMarkdownItPlugin, type LifelineMarkdownItOptions } from '../../client/src/markdown/markdownItPlugin';

function render(markdown: string, options: LifelineMarkdownItOptions = {}): string {
  return new MarkdownIt({ html: true }).use(lifelineMarkdownItPlugin, options).render(markdown);
}

/** The text content of the first `<pre class="lifeline-diagram">`, HTML entities decoded. */
function diagramText(html: string): string | undefined {
  const m = /<pre class="lifeline-diagram">([\s\S]*?)<\/pre>/.exec(html);
  return m ? decode(m[1]) : undefined;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const SEQ = 'actor User\nsystem Frontend\nUser -> Frontend: submit\nFrontend --> User: done';

test('a seq fence renders as the diagram, exactly what render prints', () => {
  const html = render(`# Doc\n\n\`\`\`seq\n${SEQ}\n\`\`\`\n`);
  assert.equal(diagramText(html), renderDocument(analyze(SEQ).model, { charset: 'ascii' }).text.replace(/\n$/, ''));
  assert.match(html, /<div class="lifeline-block">/);
  assert.doesNotMatch(html, /lifeline-problems/);
  assert.doesNotMatch(html, /<code/);
});

test('the charset comes from the getter, read at every render', () => {
  let charset: unknown = 'unicode';
  const md = new MarkdownIt().use(lifelineMarkdownItPlugin, { charset: () => charset });
  const source = `\`\`\`seq\n${SEQ}\n\`\`\`\n`;
  const expected = (c: 'ascii' | 'unicode') => renderDocument(analyze(SEQ).model, { charset: c }).text.replace(/\n$/, '');
  assert.equal(diagramText(md.render(source)), expected('unicode'));
  charset = 'ascii';
  assert.equal(diagramText(md.render(source)), expected('ascii'));
  charset = 'nonsense';
  assert.equal(diagramText(md.render(source)), expected('ascii'));
  assert.notEqual(expected('ascii'), expected('unicode'));
});

test('a getter that throws falls back to ASCII', () => {
  const html = render(`\`\`\`seq\n${SEQ}\n\`\`\``, {
    charset: () => {
      throw new Error('no config');
    },
  });
  assert.equal(diagramText(html), renderDocument(analyze(SEQ).model, { charset: 'ascii' }).text.replace(/\n$/, ''));
});

const hostile: [string, string][] = [
  ['label', 'A -> B: <script>alert(1)</script>'],
  ['display name', 'actor A "<img src=x onerror=alert(1)>"\nA -> A: hi'],
  ['note', 'actor A\nnote over A: </pre><script>x</script>'],
  ['title and ampersand', 'title A & B <b>\nactor A'],
];

for (const [where, src] of hostile) {
  test(`HTML in a ${where} is escaped`, () => {
    const html = render(`\`\`\`seq\n${src}\n\`\`\`\n`);
    assert.doesNotMatch(html, /<script|<img|<b>|<\/pre><script/);
    const text = diagramText(html);
    assert.ok(text !== undefined);
    assert.equal(text, renderDocument(analyze(src).model).text.replace(/\n$/, ''));
  });
}

test('a block with errors lists the problems with their Markdown line, and draws what it can', () => {
  const md = '# Doc\n\nIntro\n\n```seq\nactor A\nA -> : nobody\nA -> A: fine\nalt open\n```\n';
  const html = render(md);
  const problems = /<div class="lifeline-problems" role="alert">([\s\S]*?)<\/div>/.exec(html);
  assert.ok(problems, 'no problem list');
  assert.match(problems[1], /2 problems/);
  // The fence opens on line 5; its content starts on line 6: `A -> :` is line 7, `alt open` line 9.
  assert.match(problems[1], /<strong>Line 7<\/strong>: [^<]*target/);
  assert.match(problems[1], /<strong>Line 9<\/strong>: [^<]*/);
  assert.match(problems[1], /<code>syntax<\/code>/);
  assert.match(problems[1], /<code>unclosed-block<\/code>/);
  const text = diagramText(html);
  assert.ok(text?.includes('fine'), 'the valid message is still drawn');
});

test('warnings alone (an undeclared participant) draw without a problem list', () => {
  const html = render('```seq\nA -> B: hi\n```\n');
  assert.doesNotMatch(html, /lifeline-problems/);
  assert.ok(diagramText(html)?.includes('hi'));
});

test('an empty seq block says so instead of drawing an empty box', () => {
  const html = render('```seq\n```\n');
  assert.match(html, /class="lifeline-empty"/);
  assert.equal(diagramText(html), undefined);
});

test('other fences and indented code are left to markdown-it', () => {
  const plain = new MarkdownIt().render('```js\nlet a = "<x>";\n```\n\n    seq\n');
  assert.equal(render('```js\nlet a = "<x>";\n```\n\n    seq\n'), plain);
});

test('the info string: first word, any case; `seq` inside another word does not count', () => {
  assert.ok(diagramText(render(`\`\`\`SEQ title="x"\n${SEQ}\n\`\`\``)));
  assert.equal(diagramText(render(`\`\`\`sequence\n${SEQ}\n\`\`\``)), undefined);
});

test("attributes set on the fence token (VS Code's data-line and code-line) stay on the block", () => {
  const md = new MarkdownIt();
  md.use(lifelineMarkdownItPlugin);
  // What VS Code's preview does after the plugins: wrap the fence rule and mark the token.
  const ours = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('data-line', '4');
    tokens[idx].attrJoin('class', 'code-line');
    return ours(tokens, idx, options, env, self);
  };
  const html = md.render(`\`\`\`seq\n${SEQ}\n\`\`\``);
  assert.match(html, /<div data-line="4" class="lifeline-block code-line">/);
});
