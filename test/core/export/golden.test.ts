// Golden exports: every examples/*.seq exported as Markdown must equal test/fixtures/export/NAME.md
// (regenerate with UPDATE_GOLDEN=1 and review by eye). A missing golden fails.
// Each example's export is also read back with markdown-it and checked for structure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyze, type Model } from '../../../server/src/core/index';
import { renderDocument, renderSequence } from '../../../server/src/core/render/index';
import { exportMarkdown, exportText } from '../../../server/src/core/export/markdown';
import { sectionOf } from '../../../server/src/core/export/classify';
import { headingsAt, outline } from './outline';

const EXAMPLES = join(__dirname, '../../../examples');
const GOLDEN = join(__dirname, '../../fixtures/export');
const update = process.env.UPDATE_GOLDEN === '1';
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.seq'))
  .sort();

/** The template's level-2 headings, in the template's order. */
const TEMPLATE_SECTIONS = [
  'Document Information',
  'Diagram Overview',
  'Key Actors and Systems',
  'Sequence Diagrams',
  'Process Flows',
  'Error Handling Sequences',
  'Integration Sequences',
  'Timing Considerations',
  'Concurrency Patterns',
  'Security Considerations',
  'Notes and Assumptions',
  'Related Diagrams',
];

function modelOf(file: string): Model {
  return analyze(readFileSync(join(EXAMPLES, file), 'utf8')).model;
}

test('there are examples to export', () => {
  assert.ok(examples.length >= 5, `only ${examples.length} examples found`);
});

for (const file of examples) {
  const name = basename(file, '.seq');
  const model = modelOf(file);
  const markdown = exportMarkdown(model, { sourceName: file });

  test(`golden export: ${file}`, () => {
    const golden = join(GOLDEN, `${name}.md`);
    if (update) writeFileSync(golden, markdown);
    assert.ok(existsSync(golden), `missing golden ${golden}: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(markdown, readFileSync(golden, 'utf8'));
  });

  test(`structure of the export: ${file}`, () => {
    const o = outline(markdown);
    // One title, and the level-2 headings are template sections in the template's order.
    assert.equal(headingsAt(o, 1).length, 1);
    const h2 = headingsAt(o, 2);
    assert.deepEqual(
      h2,
      TEMPLATE_SECTIONS.filter((s) => h2.includes(s)),
      'sections out of template order',
    );
    assert.ok(h2.includes('Key Actors and Systems'));
    // No raw HTML, no indented code (all code is fenced), no placeholder left from the template.
    assert.ok(![...o.tokenTypes].some((t) => t.startsWith('html')), 'raw HTML in the export');
    assert.ok(!o.tokenTypes.has('code_block'), 'indented code block in the export');
    for (const text of o.texts) assert.doesNotMatch(text, /\[[^\]\n]*\]/, `placeholder-like text: ${text}`);

    // The actors table: four columns (a fifth, Group, when the file has boxes), one row per participant.
    const actors = o.tables.find((t) => t.under === 'Key Actors and Systems');
    assert.ok(actors);
    const grouped = (model.boxes ?? []).length > 0;
    assert.deepEqual(actors.header, ['Actor/System', 'Description', 'Type', 'Scope', ...(grouped ? ['Group'] : [])]);
    assert.equal(actors.rows.length, model.participants.length);
    for (const row of actors.rows) {
      assert.equal(row.length, grouped ? 5 : 4);
      assert.match(row[2], /^(User|System|Service|Database|Queue|Participant)$/);
      assert.match(row[3], /^(Internal|External)$/);
    }

    // Each sequence: one heading in its section, and under it a fence equal to the renderer's drawing.
    for (const s of model.sequences) {
      const section = sectionOf(model, s);
      const prefix = { main: 'Sequence ', error: 'Error Sequence: ', integration: 'Integration Sequence: ' }[section];
      const heading = o.headings.find((h) => h.level === 3 && h.text.startsWith(prefix) && (s.name === '' || h.text.endsWith(s.name)));
      assert.ok(heading, `no heading for sequence "${s.name}"`);
      const fence = o.fences.find((f) => f.under === heading.text);
      assert.ok(fence, `no diagram under "${heading.text}"`);
      assert.equal(fence.content, renderSequence(model, s, { charset: 'ascii' }).lines.join('\n'));
      assert.equal(fence.content, renderDocument(model, { charset: 'ascii', sequence: s.name }).text.replace(/\n$/, ''));
    }

    // The timing tables: three columns each; one performance row per sequence with a budget or timed steps.
    const perf = o.tables.find((t) => t.under === 'Performance Requirements');
    const timed = model.sequences.filter((s) => s.within || s.criticalPath.path.length > 0);
    assert.equal(perf?.rows.length ?? 0, timed.length);
    if (perf) assert.deepEqual(perf.header, ['Sequence', 'Max Duration', 'Critical Path']);
    const timeouts = o.tables.find((t) => t.under === 'Timeout Handling');
    const countTimeouts = (items: Model['sequences'][number]['items']): number =>
      items.reduce(
        (n, it) =>
          n +
          (it.type === 'message' && it.timeout
            ? 1
            : it.type === 'fragment'
              ? it.branches.reduce((m, b) => m + countTimeouts(b.items), 0)
              : 0),
        0,
      );
    assert.equal(
      timeouts?.rows.length ?? 0,
      model.sequences.reduce((n, s) => n + countTimeouts(s.items), 0),
    );
    if (timeouts) assert.deepEqual(timeouts.header, ['Step', 'Timeout', 'Action']);

    // Process flows: one fence per flow under its own heading.
    assert.equal(o.fences.filter((f) => model.flows.some((fl) => fl.name === f.under)).length, model.flows.length);
  });

  test(`text export equals render: ${file}`, () => {
    for (const charset of ['ascii', 'unicode'] as const) {
      assert.equal(exportText(model, { charset }), renderDocument(model, { charset }).text);
    }
  });
}
