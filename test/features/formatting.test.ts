// Formatting: before/after tables, idempotence and "keeps every label, name and comment" over every example and fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, isPositionKey } from '../../server/src/core/index';
import { formatting } from '../../server/src/features/formatting';
import { applyEdits, dedent, docOf } from './helpers';

function format(text: string, range?: Parameters<typeof formatting>[2]): string {
  return applyEdits(text, formatting(docOf(text), undefined, range));
}

const cases: { name: string; before: string; after: string }[] = [
  {
    name: 'indentation by block depth, 2 spaces per level',
    before: 'actor A\nsequence S\nA -> A\n      alt x\nA -> A\n\t\telse\nA -> A\n  end\n    end\n',
    after: 'actor A\nsequence S\n  A -> A\n  alt x\n    A -> A\n  else\n    A -> A\n  end\nend\n',
  },
  {
    name: 'one space around arrows and after colons',
    before: 'actor A\nactor B\nA->B:hi\nB  -->>   A   :   there  \nA->+B\nB -x -A:\n',
    after: 'actor A\nactor B\nA -> B: hi\nB -->> A: there\nA -> +B\nB -x -A:\n',
  },
  {
    name: 'declarations, metadata, timing, notes, flows',
    before:
      'title   Shop\nproject:Shop\nactor  User   "The user"   external :  buys\nsystem S:\nUser -> S\ntakes    10ms\ntimeout  2s :retry\nnote   left  of   User :  n\nnote over User ,S: both\nflow F:User->S  →User\nactivate   S\n',
    after:
      'title Shop\nproject: Shop\nactor User "The user" external: buys\nsystem S:\nUser -> S\ntakes 10ms\ntimeout 2s: retry\nnote left of User: n\nnote over User, S: both\nflow F: User -> S → User\nactivate S\n',
  },
  {
    name: 'sequence lines with budgets, branches with conditions',
    before: 'actor A\nsequence   Login   within   2s\n  par\nA -> A\n  and   second\nA -> A\nend\nend\n',
    after: 'actor A\nsequence Login within 2s\n  par\n    A -> A\n  and second\n    A -> A\n  end\nend\n',
  },
  {
    name: 'comments are re-indented and otherwise untouched; labels keep # and //',
    before: 'actor A\nsequence S\n#   a comment   with  spaces  \n        // another\nA -> A:  GET /a#b   //x\nend\n',
    after: 'actor A\nsequence S\n  #   a comment   with  spaces  \n  // another\n  A -> A: GET /a#b   //x\nend\n',
  },
  {
    name: 'lines that do not parse are left exactly as they are',
    before: 'actor A\nsequence S\n   this is   not a statement  \n  A ->  : missing target\nA   ->  A\n  else\nend\n',
    after: 'actor A\nsequence S\n   this is   not a statement  \n  A ->  : missing target\n  A -> A\n  else\nend\n',
  },
  {
    name: 'a line with a stray quote keeps its spacing (re-spaced, blanks would move in and out of what reads as a string)',
    before: 'actor A\nactor B\n  flow a"b :A->B\n   flow F:A->B\n',
    after: 'actor A\nactor B\nflow a"b :A->B\nflow F: A -> B\n',
  },
  {
    name: "blanks after a quote left open are the string's and stay; other trailing blanks go",
    before: 'actor A\nA->A:  "Pay  \n   takes 2r "x \nA -> A: done  \n',
    after: 'actor A\nA -> A: "Pay  \ntakes 2r "x \nA -> A: done\n',
  },
  {
    name: 'an invalid duration keeps its text',
    before: 'actor A\nA -> A\n   takes   2 secs\n',
    after: 'actor A\nA -> A\ntakes   2 secs\n',
  },
  {
    name: 'dividers and delays keep their text; blank lines lose their blanks',
    before: 'actor A\nsequence S\n==  Phase 2  ==\n   \n...  5 minutes later ...\nend\n',
    after: 'actor A\nsequence S\n  ==  Phase 2  ==\n\n  ...  5 minutes later ...\nend\n',
  },
  {
    name: 'CRLF and CR line breaks are kept',
    before: 'actor A\r\nsequence S\r\nA->A\r\nend\rA->A',
    after: 'actor A\r\nsequence S\r\n  A -> A\r\nend\rA -> A',
  },
  {
    name: 'an unclosed block indents what it holds',
    before: 'actor A\nloop forever\nA -> A\n',
    after: 'actor A\nloop forever\n  A -> A\n',
  },
  {
    name: 'quoted names and escapes stay as written',
    before: 'participant "Auth \\"S\\""  "Line\\nbreak"\n"Auth \\"S\\""->"Auth \\"S\\"":a\\nb\n',
    after: 'participant "Auth \\"S\\"" "Line\\nbreak"\n"Auth \\"S\\"" -> "Auth \\"S\\"": a\\nb\n',
  },
];

for (const c of cases) {
  test(`formatting: ${c.name}`, () => {
    assert.equal(format(c.before), c.after);
    assert.equal(format(c.after), c.after, 'idempotent');
  });
}

test('formatting: a document whose related file is missing is still formatted', () => {
  const text = 'related: nowhere.seq\nactor A\nA->A\n';
  const doc = docOf(text, { fileExists: () => false });
  assert.deepEqual(
    doc.analysis.diagnostics.map((d) => d.code),
    ['missing-related'],
  );
  assert.equal(applyEdits(text, formatting(doc)), 'related: nowhere.seq\nactor A\nA -> A\n');
});

test('formatting: input deeper than the core can analyse is formatted from the syntax tree alone, without a crash', () => {
  const text = `actor A\n${'alt x\n'.repeat(2500)}A->A\n`;
  const edits = formatting(docOf(text));
  const out = applyEdits(text, edits);
  assert.ok(out.endsWith(`\n${'  '.repeat(64)}A -> A\n`), 'indentation stops growing at 64 levels');
  assert.ok(out.includes(`\n${'  '.repeat(63)}alt x\n${'  '.repeat(64)}alt x\n${'  '.repeat(64)}alt x\n`));
});

test('formatting: an already formatted document gets no edit', () => {
  const text = 'actor A\nsequence S\n  A -> A: hi\nend\n';
  assert.deepEqual(formatting(docOf(text)), []);
});

test('formatting: range formatting touches only the lines in the range', () => {
  const before = 'actor A\nA->A\nA->A\nA->A\n';
  assert.equal(format(before, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } }), 'actor A\nA->A\nA -> A\nA->A\n');
});

/** Every token that carries meaning, in order: what formatting must never change. */
function meaning(text: string): string {
  const a = analyze(text);
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !isPositionKey(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    return v;
  };
  return JSON.stringify([
    strip(a.document.statements),
    a.document.comments.map((c) => text.slice(c.offset, c.offset + c.length)),
    a.diagnostics.map((d) => d.code),
  ]);
}

const root = join(__dirname, '../..');
const files = [
  ...readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.seq'))
    .map((f) => join(root, 'examples', f)),
  ...readdirSync(join(root, 'test/fixtures/render'))
    .filter((f) => f.endsWith('.seq'))
    .map((f) => join(root, 'test/fixtures/render', f)),
  ...readdirSync(join(root, 'test/fixtures/checks'))
    .filter((f) => f.endsWith('.seq'))
    .map((f) => join(root, 'test/fixtures/checks', f)),
];

test(`formatting: idempotent and meaning-preserving on ${files.length} examples and fixtures`, () => {
  assert.ok(files.length > 20);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const once = format(text);
    assert.equal(format(once), once, `${file}: not idempotent`);
    assert.equal(meaning(once), meaning(text), `${file}: meaning changed`);
    // Lines the parser did not understand are byte-for-byte the same.
    const bad = new Set(
      analyze(text)
        .diagnostics.filter((d) => d.code === 'syntax')
        .map((d) => text.slice(0, d.offset).split(/\r\n|\r|\n/).length - 1),
    );
    const before = text.split(/\r\n|\r|\n/);
    const after = once.split(/\r\n|\r|\n/);
    for (const line of bad) assert.equal(after[line], before[line], `${file}:${line + 1} was changed`);
  }
});

test('formatting: every line of a mangled example comes back formatted', () => {
  const text = readFileSync(join(root, 'examples/login.seq'), 'utf8');
  // Indentation everywhere; spacing and trailing blanks on statement lines (a comment's text is its own).
  const mangled = text
    .split('\n')
    .map((l, i) => {
      const t = l.trim();
      if (/^(#|\/\/)/.test(t)) return `${i % 2 ? '\t ' : ''}${l.trimStart()}`;
      return i % 2 ? `\t ${t}   ` : t.replace(/ -> /g, '->').replace(': ', ':');
    })
    .join('\n');
  const once = format(mangled);
  assert.equal(format(once), once);
  assert.equal(meaning(once), meaning(text));
  assert.equal(once, format(text));
});

test('formatting: dedent helper sanity (the tables above are literal)', () => {
  assert.equal(dedent('\n  a\n    b\n'), 'a\n  b\n');
});
