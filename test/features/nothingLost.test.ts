// Nothing lost (issue 8): over random documents and random edit sequences, formatting is
// idempotent and keeps every token and comment; each quick fix and each rename changes only
// what its title says (only "Remove declaration" removes a line, and only that line); applying
// any offered code action to a broken document keeps every other line. The properties are in
// test/fuzz/nothingLost.ts; they run in the fuzz worker behind its watchdog, so a hang in a
// feature fails the test instead of stalling the run. FUZZ_SEED=n replays a run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mutantDocument } from '../fuzz/corpus';
import { editArb, NAME_POOL, nearValidDocument, validDocument } from '../fuzz/gen';
import { checkNothingLost, docOf, formattingViolations, quickFixViolations, renameViolations } from '../fuzz/nothingLost';
import { checkTimeBoxed } from '../fuzz/timeBox';
import { Watchdog } from '../fuzz/watchdog';

const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const dog = new Watchdog(20_000);
after(() => dog.close());

const names = fc.oneof(fc.constantFrom(...NAME_POOL), fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const inputs = (text: fc.Arbitrary<string>) =>
  fc.record({
    text,
    edits: fc.array(editArb, { maxLength: 5 }),
    renames: fc.array(fc.record({ target: fc.nat(), name: names }), { maxLength: 3 }),
  });

test('the worker starts', async () => {
  await dog.ready();
});

for (const [what, text, ms, least] of [
  ['valid documents', validDocument.map((d) => d.text), 3_000, 8],
  ['near-valid documents', nearValidDocument, 2_250, 8],
  ['mutated examples and fixtures', mutantDocument, 2_250, 8],
] as const) {
  test(`nothing lost: ${what} and random edits to them`, async () => {
    const runs = await checkTimeBoxed(
      inputs(text),
      async (input) => {
        const violations = await dog.nothingLost(input);
        if (violations.length > 0) throw new Error(violations.join('\n'));
      },
      { ms: ms * scale, least, seed },
    );
    console.log(`# nothing lost, ${what}: ${runs} inputs`);
  });
}

// The properties can fail: each case below breaks one on purpose (a test that cannot fail is a defect).
test('the checks catch a formatting that loses a line or a token, quick fixes that do more than their title, a rename that touches another name', () => {
  const text = 'actor Unused\nactor A\n# note to self\nA -> B: hi there\n';
  const doc = docOf(text);
  // Formatting.
  assert.deepEqual(formattingViolations(text, text, text), []);
  assert.match(
    formattingViolations(text, text.replace('# note to self\n', ''), text.replace('# note to self\n', '')).join(),
    /number of lines/,
  );
  assert.match(
    formattingViolations(text, text.replace('hi there', 'hi  there'), text.replace('hi there', 'hi  there')).join(),
    /what the document means/,
  );
  assert.match(formattingViolations(text, text.replace('->', '- >'), text.replace('->', '- >')).join(), /tokens/);
  assert.match(formattingViolations(text, text, text.replace('actor A', '  actor A')).join(), /idempotent/);
  // Quick fixes.
  const unused = doc.analysis.diagnostics.find((d) => d.code === 'unused-participant')!;
  const undeclared = doc.analysis.diagnostics.find((d) => d.code === 'undeclared-participant')!;
  assert.deepEqual(quickFixViolations(doc, unused, 'Remove declaration of Unused', text.replace('actor Unused\n', '')), []);
  assert.match(
    quickFixViolations(doc, unused, 'Remove declaration of Unused', text.replace('actor Unused\nactor A\n', '')).join(),
    /removed and only it/,
  );
  assert.match(
    quickFixViolations(
      doc,
      undeclared,
      'Declare B as participant',
      text.replace('actor A\n', 'actor A\nparticipant B\n').replace('hi', 'ho'),
    ).join(),
    /every other line kept/,
  );
  assert.match(
    quickFixViolations(doc, undeclared, 'Change to A', text.replace('-> B', '-> A').replace('actor A', 'actor  A')).join(),
    /only the diagnostic's line/,
  );
  // Rename: participant A (index 1) to Z, with an extra edit on B.
  const a = { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } };
  const use = { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } };
  assert.deepEqual(
    renameViolations(doc, 1, 'Z', [
      { range: a, newText: 'Z' },
      { range: use, newText: 'Z' },
    ]),
    [],
  );
  const b = { start: { line: 3, character: 5 }, end: { line: 3, character: 6 } };
  assert.match(
    renameViolations(doc, 1, 'Z', [
      { range: a, newText: 'Z' },
      { range: use, newText: 'Z' },
      { range: b, newText: 'Z' },
    ]).join(),
    /touches "B"/,
  );
  assert.deepEqual(renameViolations(doc, 1, ' A ', []), []);
  assert.match(renameViolations(doc, 1, 'Z', []).join(), /no edit, and the name is not the one it already has/);
});

test('known cases stay fixed', () => {
  // Blanks on a line between a CR and an LF: emptied, the two breaks merged and the line vanished (fixed in formatting.ts).
  assert.deepEqual(checkNothingLost({ text: 'A -> B\r  \nB -> A\n', edits: [], renames: [] }), []);
  // A stray quote in a flow's name (free text up to the `:`): re-spacing moved blanks in and out of
  // what reads as a string (FUZZ_SEED=1505506513 FUZZ_SCALE=6; fixed in formatting.ts).
  for (const text of ['flow" : "前端"\n', 'flow else </"pre>: "A"→ "B"\n', 'flow a"b :X->Y\n']) {
    assert.deepEqual(checkNothingLost({ text, edits: [], renames: [] }), [], text);
  }
  // A declaration indented with a vertical tab (a blank to the parser, spec 1): "Remove declaration"
  // removed it rightly; the check's own idea of a declaration line knew spaces and tabs only
  // (FUZZ_SEED=2010732801 FUZZ_SCALE=4; fixed in test/fuzz/nothingLost.ts).
  assert.deepEqual(checkNothingLost({ text: 'actor A\n\u000bdatabase D\nA -> A\n', edits: [], renames: [] }), []);
  // Blanks after a quote left open at the end of a line were trimmed as trailing blanks; a reader
  // sees them inside the string (FUZZ_SEED=-708060023 FUZZ_SCALE=6; fixed in formatting.ts).
  for (const text of ['takes 20.5r "Pay ', 'A -> B: "Pay \r\n'])
    assert.deepEqual(checkNothingLost({ text, edits: [], renames: [] }), [], text);
  // "Insert `end`" took the document's first line break, a lone CR, and inserted it before an
  // LF: the two became one CRLF and a blank line went (FUZZ_SEED=28236888 FUZZ_SCALE=6; fixed in parser.ts).
  assert.deepEqual(checkNothingLost({ text: '\ralt x\nA -> A\n\nsequence S\nend\n', edits: [], renames: [] }), []);
  // "Remove declaration" of a line between a lone CR and an LF removed the line with its break;
  // the CR and the LF became one CRLF and a blank line went too (FUZZ_SEED=1084365861 FUZZ_SCALE=6; fixed in modelBuilder.ts).
  assert.deepEqual(checkNothingLost({ text: 'participant A\n\rparticipant B\n\nA -> A: hi\n', edits: [], renames: [] }), []);
  // A sequence renamed to the name it already has: rightly no edit; the check wanted one edit for
  // every sequence rename (CI, seed 1718088935; fixed in test/fuzz/nothingLost.ts).
  for (const name of ['end', ' end ', '"end"']) {
    assert.deepEqual(checkNothingLost({ text: '\n\n\nsequence end\nend\n\n\n', edits: [], renames: [{ target: 0, name }] }), [], name);
  }
  // Renaming a sequence also renames the same-file refs to it (v2): the check wanted one edit
  // (fuzz seed 63982325; fixed in test/fuzz/nothingLost.ts).
  const refs = 'actor A\nsequence Pay\n  A -> A: pay\nend\nsequence Buy\n  ref over A: Pay\nend\n';
  assert.deepEqual(checkNothingLost({ text: refs, edits: [], renames: [{ target: 1, name: 'Charge' }] }), []);
  // "Insert `end`" for a box with a (nested-box) box left open inside it inserted one `end`, which
  // closed the inner box only (CI, seed -1900144738; fixed in parser.ts: one `end` for each).
  const nested = 'box Outer\n  participant Store\n\u0000end\nbox Teal "Teal"\n  participant';
  assert.deepEqual(checkNothingLost({ text: nested, edits: [], renames: [] }), []);
});
