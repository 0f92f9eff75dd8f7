// language-configuration.json: comments, pairs, folding markers, indentation, on-enter rules
// and the word pattern. Its regexes are built the way VS Code builds them (a string, or
// `{ pattern, flags }` → `new RegExp(pattern, flags)`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SEQ_GRAMMAR } from './support/textmate';

type RegexConfig = string | { pattern: string; flags?: string };
interface LanguageConfiguration {
  comments: { lineComment?: string; blockComment?: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: RegexConfig; end: RegexConfig } };
  wordPattern: RegexConfig;
  indentationRules: { increaseIndentPattern: RegexConfig; decreaseIndentPattern: RegexConfig };
  onEnterRules: { beforeText: RegexConfig; afterText?: RegexConfig; action: { indent: string } }[];
}

const config = JSON.parse(readFileSync(join(REPO_ROOT, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

function regex(c: RegexConfig, extraFlags = ''): RegExp {
  return typeof c === 'string' ? new RegExp(c, extraFlags) : new RegExp(c.pattern, (c.flags ?? '') + extraFlags);
}

const foldStart = regex(config.folding.markers.start);
const foldEnd = regex(config.folding.markers.end);
const increase = regex(config.indentationRules.increaseIndentPattern);
const decrease = regex(config.indentationRules.decreaseIndentPattern);

const OPENERS = [
  'box Backend "Backend services"',
  'box B',
  'sequence Login within 800ms',
  'alt wrong password',
  'opt',
  'loop every 5s',
  'par',
  'critical payment',
  'break on error',
  'group Checkout',
];
const BRANCHES = ['else account locked', 'else', 'and', 'and second', 'option', 'option timeout'];
/** Lines that start with a keyword's letters but are no block keyword: messages, longer words, comments, quotes. */
const NOT_BLOCKS = [
  'alt -> B: alt is a participant',
  'box -> B',
  'boxes',
  'alt->B',
  'end --> A',
  'else -x B',
  'alternative plan',
  'ending',
  'end.x',
  'sequences',
  '# alt',
  '// end',
  '"alt" -> B',
  'A -> B: alt',
  'Alt wrong',
  'altä x',
];

test('language configuration: # toggles line comments, there is no block comment', () => {
  assert.equal(config.comments.lineComment, '#');
  assert.equal(config.comments.blockComment, undefined);
});

test('language configuration: brackets and auto-closing pairs', () => {
  assert.deepEqual(config.brackets, [
    ['(', ')'],
    ['[', ']'],
  ]);
  const pairs = new Map(config.autoClosingPairs.map((p) => [p.open, p]));
  assert.equal(pairs.get('(')?.close, ')');
  assert.equal(pairs.get('[')?.close, ']');
  assert.equal(pairs.get('"')?.close, '"');
  // A label or description is prose, where a lone quote is common: no auto-closing there.
  assert.deepEqual(pairs.get('"')?.notIn, ['string', 'comment']);
  assert.deepEqual(config.surroundingPairs, [
    ['(', ')'],
    ['[', ']'],
    ['"', '"'],
  ]);
});

test('language configuration: folding markers open at every block keyword and close at end', () => {
  for (const line of OPENERS) {
    assert.ok(foldStart.test(line), line);
    assert.ok(foldStart.test(`    ${line}`), `indented: ${line}`);
    assert.ok(!foldEnd.test(line), line);
  }
  for (const line of ['end', '  end', '\tend  ', 'end box']) assert.ok(foldEnd.test(line), JSON.stringify(line));
  for (const line of [...NOT_BLOCKS, ...BRANCHES]) assert.ok(!foldStart.test(line), line);
  for (const line of NOT_BLOCKS) assert.ok(!foldEnd.test(line), line);
});

test("language configuration: the block keywords are the grammar's", () => {
  const grammar = readFileSync(SEQ_GRAMMAR, 'utf8');
  /** The keyword alternation a regex starts its statement with, e.g. `(alt|opt|…)` → [alt, opt, …]. */
  const alternation = (source: string, first: string) => {
    const m = new RegExp(`\\((?:\\?:)?(${first}(?:\\|[a-z]+)*)\\)`).exec(source);
    assert.ok(m, `no (${first}|…) in ${source.slice(0, 200)}`);
    return m[1].split('|').sort();
  };
  const grammarOpeners = ['sequence', 'box', ...alternation(grammar, 'alt')].sort();
  assert.match(grammar, /\(box\)/, 'the grammar has the box statement');
  const grammarBranches = alternation(grammar, 'else');
  const source = (c: RegexConfig) => (typeof c === 'string' ? c : c.pattern);
  assert.deepEqual(alternation(source(config.folding.markers.start), 'sequence'), grammarOpeners);
  assert.deepEqual(
    alternation(source(config.indentationRules.increaseIndentPattern), 'sequence'),
    [...grammarOpeners, ...grammarBranches].sort(),
  );
  assert.deepEqual(alternation(source(config.indentationRules.decreaseIndentPattern), 'end'), ['end', ...grammarBranches].sort());
});

test('language configuration: indentation rules — openers and branches indent, end and branches outdent', () => {
  for (const line of [...OPENERS, ...BRANCHES]) assert.ok(increase.test(line), `increase: ${line}`);
  for (const line of ['end', ...BRANCHES]) assert.ok(decrease.test(`    ${line}`), `decrease: ${line}`);
  for (const line of OPENERS) assert.ok(!decrease.test(line), `no decrease: ${line}`);
  for (const line of NOT_BLOCKS) {
    assert.ok(!increase.test(line), `no increase: ${line}`);
    assert.ok(!decrease.test(line), `no decrease: ${line}`);
  }
});

test('language configuration: Enter after an opener or a branch indents the next line', () => {
  const rules = config.onEnterRules.map((r) => ({ before: regex(r.beforeText), indent: r.action.indent }));
  const actionFor = (before: string) => rules.find((r) => r.before.test(before))?.indent;
  for (const line of [...OPENERS, ...BRANCHES]) assert.equal(actionFor(`  ${line}`), 'indent', line);
  for (const line of [...NOT_BLOCKS, 'end', '  A -> B: x', 'note over A: alt']) assert.equal(actionFor(line), undefined, line);
});

test("language configuration: re-indenting by the rules gives the formatter's 2-space blocks", () => {
  const expected = [
    'title Checkout',
    'box Shop "Web shop"',
    '  service Shop',
    'end box',
    'actor User',
    'sequence Pay within 1s',
    '  purpose: pay',
    '  User -> Shop: pay',
    '  alt card ok',
    '    Shop --> User: paid',
    '    opt receipt wanted',
    '      Shop -> Mail: send receipt',
    '    end',
    '  else declined',
    '    Shop --> User: declined',
    '  end',
    '  par',
    '    Shop -> A: a',
    '  and',
    '    Shop -> B: b',
    '  end',
    '  end -> Shop: a participant called end',
    'end',
  ];
  // The rules as VS Code applies them when it re-indents lines: a line matching
  // decreaseIndentPattern sits one level out; one matching increaseIndentPattern indents the next.
  let level = 0;
  const reindented = expected.map((l) => {
    const text = l.trim();
    if (decrease.test(text)) level = Math.max(0, level - 1);
    const out = '  '.repeat(level) + text;
    if (increase.test(text)) level++;
    return out;
  });
  assert.deepEqual(reindented, expected);
});

test('language configuration: the word pattern takes Unicode identifiers with _ and ., and durations', () => {
  const words = (text: string) => [...text.matchAll(regex(config.wordPattern, 'g'))].map((m) => m[0]);
  assert.deepEqual(words('用户 -> svc.v2: user_db Zahlungsdienst उपयोगकर्ता Cafe\u0301 _x 𝒜b'), [
    '用户',
    'svc.v2',
    'user_db',
    'Zahlungsdienst',
    'उपयोगकर्ता',
    'Cafe\u0301',
    '_x',
    '𝒜b',
  ]);
  assert.deepEqual(words('takes 250ms; timeout 1.5s'), ['takes', '250ms', 'timeout', '1.5s']);
  assert.deepEqual(words('A-->>B: end of sentence.'), ['A', 'B', 'end', 'of', 'sentence']);
});
