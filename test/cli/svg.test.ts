// `lifeline render|export --format svg` and `export --format markdown --diagrams svg`, as a user
// runs them: the built dist/cli.js, real files, real exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliHarness, ROOT } from './harness';
import { analyze } from '../../server/src/core/index';
import { renderDocument, renderSvgDocument, renderSvgSequence } from '../../server/src/core/render/index';
import { elements, parseSvg } from '../core/render/svgCheck';

const { run, tmp } = cliHarness('lifeline-cli-svg-', { rebuild: true });

const checkout = join(ROOT, 'examples/checkout-design.seq');
const model = () => analyze(readFileSync(checkout, 'utf8')).model;

test('render --format svg prints the whole document as one picture', () => {
  const r = run(['render', checkout, '--format', 'svg']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, renderSvgDocument(model()));
  const root = parseSvg(r.out);
  // Everything the text output holds: its title, each sequence's name and the flows are there.
  const texts = elements(root, 'text').map((t) => t.textContent);
  const text = renderDocument(model(), { charset: 'ascii' }).text;
  for (const line of ['Web shop checkout', 'Review the order', 'Place the order']) {
    assert.ok(text.includes(line));
    assert.ok(texts.includes(line), line);
  }
  assert.equal(Number(root.getAttribute('height')), text.trimEnd().split('\n').length * 18 + 24);
});

test('--format text is the default, txt its alias; --charset keeps its meaning for text', () => {
  const text = run(['render', checkout]);
  assert.equal(run(['render', checkout, '--format', 'text']).out, text.out);
  assert.equal(run(['render', checkout, '--format=txt']).out, text.out);
  assert.match(run(['render', checkout, '--format', 'text', '--charset', 'unicode']).out, /│/);
  // A picture has no charset: the same picture either way.
  assert.equal(run(['render', checkout, '--format', 'svg', '--charset', 'unicode']).out, run(['render', checkout, '--format', 'svg']).out);
});

test('render --format svg --sequence NAME: that diagram alone; an unknown name is a usage error', () => {
  const r = run(['render', checkout, '--format', 'svg', '--sequence', 'Place the order']);
  assert.equal(r.code, 0, r.err);
  const m = model();
  assert.equal(
    r.out,
    renderSvgSequence(
      m,
      m.sequences.find((s) => s.name === 'Place the order')!,
    ),
  );
  const bad = run(['render', checkout, '--format', 'svg', '--sequence', 'Nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /no sequence named "Nope"/);
});

test('standard input, and a file with errors: exit 1, the picture of what is valid', () => {
  const r = run(['render', '-', '--format', 'svg'], 'A -> B: fine\nA -> : nobody\n');
  assert.equal(r.code, 1);
  assert.match(r.err, /1 error/);
  parseSvg(r.out);
  assert.match(r.out, />fine</);
});

test('export --format svg prints or writes (-o) the same picture', () => {
  const p = run(['export', checkout, '--format', 'svg']);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.out, run(['render', checkout, '--format', 'svg']).out);
  const out = join(tmp, 'checkout.svg');
  const o = run(['export', checkout, '--format', 'svg', '-o', out]);
  assert.equal(o.code, 0, o.err);
  assert.equal(o.out, '');
  assert.equal(readFileSync(out, 'utf8'), p.out);
});

test('formats are named one way: export takes text and txt too; a bad one names them all', () => {
  const txt = run(['export', checkout, '--format', 'txt']).out;
  assert.equal(run(['export', checkout, '--format', 'text']).out, txt);
  assert.equal(txt, run(['render', checkout]).out);
  const bad = run(['export', checkout, '--format', 'png']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be markdown, text, svg, mermaid, plantuml \(text is also txt\), not "png"/);
  const badRender = run(['render', checkout, '--format', 'markdown']);
  assert.equal(badRender.code, 2);
  assert.match(badRender.err, /--format must be text, svg/);
});

test('export --format markdown --diagrams svg -o DIR/doc.md: pictures beside the document, linked', () => {
  const dir = join(tmp, 'docs');
  mkdirSync(dir);
  const doc = join(dir, 'doc.md');
  const r = run(['export', checkout, '--format', 'markdown', '--diagrams', 'svg', '-o', doc]);
  assert.equal(r.code, 0, r.err);
  const md = readFileSync(doc, 'utf8');
  const links = [...md.matchAll(/!\[Sequence diagram: ([^\]]*)\]\(([^)]+)\)/g)].map((m) => [m[1], m[2]]);
  const m = model();
  const slug = (name: string) => name.toLowerCase().replace(/ /g, '-');
  assert.deepEqual(links.map(([name]) => name).sort(), m.sequences.map((s) => s.name).sort());
  for (const [name, file] of links) assert.equal(file, `doc-${slug(name)}.svg`);
  assert.deepEqual(readdirSync(dir).sort(), [...links.map(([, file]) => file), 'doc.md'].sort());
  for (const [name, file] of links)
    assert.equal(
      readFileSync(join(dir, file), 'utf8'),
      renderSvgSequence(
        m,
        m.sequences.find((s) => s.name === name)!,
      ),
    );
  // Nothing else changes: the same document as with text diagrams, but for the diagram blocks.
  const text = run(['export', checkout, '--format', 'markdown']).out;
  assert.equal(
    md.replace(/!\[Sequence diagram: [^\n]*/g, 'X'),
    text.replace(/```+\n(?:(?!```)[\s\S])*?\n```+/g, (block) => (/\[[^\]]+\]/.test(block) && /\|/.test(block) ? 'X' : block)),
  );
});

test('--diagrams svg: unnamed and same-named sequences get files of their own', () => {
  const f = join(tmp, 'same.seq');
  writeFileSync(f, 'sequence\n  A -> B: one\nend\nsequence Twice\n  A -> B: two\nend\nsequence Twice\n  B -> A: three\nend\n');
  const dir = join(tmp, 'same');
  mkdirSync(dir);
  const r = run(['export', f, '--format', 'markdown', '--diagrams', 'svg', '-o', join(dir, 'd.md')]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  assert.deepEqual(readdirSync(dir).sort(), ['d-sequence-1.svg', 'd-twice-2.svg', 'd-twice.svg', 'd.md']);
});

test('--diagrams svg needs Markdown and -o; text diagrams stay the default', () => {
  assert.match(run(['export', checkout, '--format', 'markdown', '--diagrams', 'svg']).err, /needs -o/);
  assert.match(
    run(['export', checkout, '--format', 'text', '--diagrams', 'svg', '-o', join(tmp, 'x.txt')]).err,
    /is for --format markdown/,
  );
  assert.match(run(['export', checkout, '--diagrams', 'pdf']).err, /--diagrams must be text or svg/);
  const md = run(['export', checkout]).out;
  assert.doesNotMatch(md, /\.svg\)/);
  assert.ok(existsSync(CLI));
});
