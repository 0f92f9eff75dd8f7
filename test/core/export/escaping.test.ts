// User text is escaped for Markdown: whatever the `.seq` file says, the document keeps its
// structure (headings, tables, lists, fences) and a reader sees the text as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { exportMarkdown } from '../../../server/src/core/export/markdown';
import { cell, fence, flatten, heading, inline, lineStart, relativeLink } from '../../../server/src/core/export/escape';
import { outline } from './outline';

/** Text that would be markup if written as is. */
const HOSTILE = [
  '*stars* and _under_ and __strong__',
  '<script>alert(1)</script> <b>bold</b>',
  '[link](http://evil.example) ![img](x.png) <http://auto.example>',
  '`code` and ``double``',
  'a | pipe | b',
  '~~strike~~ &amp; &#65; \\backslash\\',
  '# not a heading',
  '1. not a list',
  '- not a bullet',
  '> not a quote',
  '=== not setext',
  'trailing hashes ##',
  'snake_case_name stays',
];

test('inline(): every hostile text renders as written (markdown-it reads it back as plain text)', () => {
  for (const text of HOSTILE) {
    const o = outline(`Text: ${inline(text)}`);
    assert.deepEqual(o.texts, [`Text: ${text}`], text);
    assert.deepEqual(
      [...o.tokenTypes].filter((t) => !['paragraph_open', 'paragraph_close', 'inline', 'text'].includes(t)),
      [],
      text,
    );
  }
});

test('lineStart(): a text that opens a line stays a paragraph', () => {
  for (const text of HOSTILE) {
    const o = outline(lineStart(text));
    assert.deepEqual(o.texts, [text], text);
    assert.ok(
      o.tokenTypes.has('paragraph_open') &&
        !o.tokenTypes.has('heading_open') &&
        !o.tokenTypes.has('bullet_list_open') &&
        !o.tokenTypes.has('ordered_list_open') &&
        !o.tokenTypes.has('blockquote_open'),
      text,
    );
  }
});

test('heading(): the text of a heading survives, trailing `#` included', () => {
  for (const text of HOSTILE) {
    const o = outline(`### ${heading(text)}`);
    assert.deepEqual(o.headings, [{ level: 3, text }], text);
  }
});

test('cell(): a table cell keeps its column count whatever the text', () => {
  for (const text of HOSTILE) {
    const o = outline(`| A | B |\n| --- | --- |\n| ${cell(text)} | x |`);
    assert.deepEqual(o.tables[0]?.rows, [[text, 'x']], text);
  }
  assert.equal(cell(''), '—');
});

test('escaping stays light: ordinary punctuation and intraword underscores are not escaped', () => {
  assert.equal(
    inline('POST /orders (cart, token) 59.90 EUR - ok! pending_payment'),
    'POST /orders (cart, token) 59.90 EUR - ok! pending_payment',
  );
  assert.equal(inline('R&D'), 'R&D');
  assert.equal(inline('_x_'), '\\_x\\_');
});

test('flatten(): `\\n` becomes a space, a hyphenated break joins, control characters become `?`', () => {
  assert.equal(flatten('Hausbank\n(SEPA)'), 'Hausbank (SEPA)');
  assert.equal(flatten('Zahlungs-\ndienst'), 'Zahlungs-dienst');
  assert.equal(flatten('a\tb\u001bc\u202ed'), 'a b?c?d');
});

test('fence(): longer than any backtick run inside, so the content is kept whole', () => {
  for (const content of ['plain', 'a ``` b', '````', '`x` and ``````']) {
    const o = outline(fence(content));
    assert.deepEqual(
      o.fences.map((f) => f.content),
      [content],
      content,
    );
  }
  assert.equal(fence('x'), '```\nx\n```');
});

test('relativeLink(): the path is the text, the target stays relative and encoded', () => {
  const cases: [string, string][] = [
    ['login.seq', 'login.seq'],
    ['../shared/payments v2.seq', '../shared/payments%20v2.seq'],
    ['dir/a(1).seq', 'dir/a%281%29.seq'],
    ['javascript:alert(1)', './javascript:alert%281%29'],
    ['Zahlung/Übersicht.seq', 'Zahlung/%C3%9Cbersicht.seq'],
  ];
  for (const [path, href] of cases) {
    const o = outline(relativeLink(path));
    assert.deepEqual(o.links, [href], path);
    assert.deepEqual(o.texts, [path], path);
  }
});

test('a hostile .seq file exports a document with intact structure and the text as written', () => {
  const evil = 'x *y* <img src=x onerror=alert(1)> [z](javascript:alert(1)) `c` | ~~s~~';
  const src = [
    `title ${evil} #`,
    `project: ${evil}`,
    `overview: # ${evil}`,
    `security: - ${evil}`,
    `assumption: 1. ${evil}`,
    'related: javascript:alert(1)',
    `actor U "${evil}": ${evil}`,
    `system S external: a | b | c`,
    `sequence ${evil} within 1s`,
    `  purpose: ${evil}`,
    `  U -> S: ${evil}`,
    '  takes 10ms',
    `  timeout 1s: ${evil}`,
    `  alt ${evil}`,
    `    S --> U: ${evil}`,
    '  end',
    `  note over U: ${evil}`,
    'end',
    `flow ${evil.replace(/:/g, '')}: U -> S`,
  ].join('\n');
  const md = exportMarkdown(analyze(src).model);
  const o = outline(md);
  assert.ok(
    ![...o.tokenTypes].some((t) => t.startsWith('html') || t === 's_open' || t === 'em_open' || t === 'image' || t === 'code_inline'),
    [...o.tokenTypes].join(' '),
  );
  // The only link is the related diagram, kept relative.
  assert.deepEqual(o.links, ['./javascript:alert%281%29']);
  // The title and the sequence name are whole headings.
  assert.equal(o.headings[0].text, `${evil} #`);
  assert.ok(o.headings.some((h) => h.level === 3 && h.text === `Sequence 1: ${evil}`));
  // Tables keep their columns.
  for (const t of o.tables) for (const row of t.rows) assert.equal(row.length, t.header.length);
  const actors = o.tables.find((t) => t.under === 'Key Actors and Systems')!;
  assert.deepEqual(actors.rows[0], [`U (${evil})`, evil, 'User', 'Internal']);
  assert.deepEqual(actors.rows[1], ['S', 'a | b | c', 'System', 'External']);
  // The text reads as written wherever it appears.
  assert.ok(o.texts.includes(`# ${evil}`), 'overview');
  assert.ok(o.texts.includes(`- ${evil}`), 'security');
  assert.ok(
    o.texts.some((t) => t.includes(`U sends '${evil}' to S`) || t.includes(`${evil} sends '${evil}' to S`)),
    'step',
  );
  assert.ok(o.texts.includes(`Assumption 1: 1. ${evil}`), 'assumption');
});
