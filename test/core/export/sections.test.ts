// One rule per section of the design document: present when the file has something to say
// for it, absent when not. Each row is a pair of small documents that differ only in that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/index';
import { exportMarkdown, type ExportOptions } from '../../../server/src/core/export/markdown';
import { outline, type Outline } from './outline';

function exported(src: string, options: ExportOptions = {}): Outline {
  return outline(exportMarkdown(analyze(src).model, options));
}

const has = (o: Outline, level: number, text: string) => o.headings.some((h) => h.level === level && h.text === text);
const hasBold = (o: Outline, label: string) => o.strong.includes(label);

interface Rule {
  /** What is present: a heading `## X` / `### X`, or a bold label (`**Steps**`). */
  what: string;
  present: (o: Outline) => boolean;
  withContent: string;
  without: string;
}

const heading2 = (text: string) => (o: Outline) => has(o, 2, text);
const heading3 = (text: string) => (o: Outline) => has(o, 3, text);
const bold = (label: string) => (o: Outline) => hasBold(o, label);

const BASE = 'actor U\nservice S\nU -> S: hi';

const rules: Rule[] = [
  {
    what: '## Document Information (project)',
    present: heading2('Document Information'),
    withContent: `project: Shop\n${BASE}`,
    without: BASE,
  },
  {
    what: '## Document Information (designer only)',
    present: heading2('Document Information'),
    withContent: `designer: R. Example\n${BASE}`,
    without: BASE,
  },
  { what: '## Diagram Overview', present: heading2('Diagram Overview'), withContent: `overview: What it is\n${BASE}`, without: BASE },
  {
    what: '## Key Actors and Systems',
    present: heading2('Key Actors and Systems'),
    withContent: 'actor U',
    without: 'title Nothing here\nproject: P',
  },
  {
    what: '## Sequence Diagrams',
    present: heading2('Sequence Diagrams'),
    withContent: `actor U\nsequence A\n  U -> U: x\nend`,
    without: `actor U\nsequence A\n  scenario: it breaks\n  U -> U: x\nend`,
  },
  { what: '## Process Flows', present: heading2('Process Flows'), withContent: `${BASE}\nflow F: U -> S`, without: BASE },
  {
    what: '## Error Handling Sequences',
    present: heading2('Error Handling Sequences'),
    withContent: `actor U\nsequence A\n  scenario: it breaks\n  U -> U: x\nend`,
    without: `actor U\nsequence A\n  U -> U: x\nend`,
  },
  {
    what: '## Integration Sequences (queue, no user)',
    present: heading2('Integration Sequences'),
    withContent: 'system S\nqueue Q\nS ->> Q: event',
    without: 'actor U\nqueue Q\nU ->> Q: event',
  },
  {
    what: '## Integration Sequences (external, no user)',
    present: heading2('Integration Sequences'),
    withContent: 'system S\nsystem X external\nS -> X: call',
    without: 'system S\nsystem X\nS -> X: call',
  },
  {
    what: '## Timing Considerations (budget)',
    present: heading2('Timing Considerations'),
    withContent: 'actor U\nsequence A within 1s\n  U -> U: x\nend',
    without: 'actor U\nsequence A\n  U -> U: x\nend',
  },
  {
    what: '### Performance Requirements (takes)',
    present: heading3('Performance Requirements'),
    withContent: `${BASE}\ntakes 5ms`,
    without: BASE,
  },
  {
    what: '### Timeout Handling',
    present: heading3('Timeout Handling'),
    withContent: `${BASE}\ntimeout 2s: retry`,
    without: `${BASE}\ntakes 5ms`,
  },
  {
    what: '### Performance Requirements (timeout alone)',
    present: (o) => !has(o, 3, 'Performance Requirements'),
    withContent: `${BASE}\ntimeout 2s: retry`,
    without: `${BASE}\ntakes 5ms`,
  },
  {
    what: '## Concurrency Patterns',
    present: heading2('Concurrency Patterns'),
    withContent: 'actor U\npar\n  U -> U: a\nand\n  U -> U: b\nend',
    without: 'actor U\nalt x\n  U -> U: a\nelse\n  U -> U: b\nend',
  },
  {
    what: '## Security Considerations',
    present: heading2('Security Considerations'),
    withContent: `security: mTLS everywhere\n${BASE}`,
    without: BASE,
  },
  {
    what: '## Notes and Assumptions (assumption)',
    present: heading2('Notes and Assumptions'),
    withContent: `assumption: it works\n${BASE}`,
    without: BASE,
  },
  {
    what: '## Notes and Assumptions (note)',
    present: heading2('Notes and Assumptions'),
    withContent: `${BASE}\nnote over U: careful`,
    without: BASE,
  },
  { what: '## Related Diagrams', present: heading2('Related Diagrams'), withContent: `related: other.seq\n${BASE}`, without: BASE },
  {
    what: '**Purpose**',
    present: bold('Purpose'),
    withContent: 'actor U\nsequence A\n  purpose: why\n  U -> U: x\nend',
    without: 'actor U\nsequence A\n  U -> U: x\nend',
  },
  {
    what: '**Trigger**',
    present: bold('Trigger'),
    withContent: 'actor U\nsequence A\n  trigger: when\n  U -> U: x\nend',
    without: 'actor U\nsequence A\n  U -> U: x\nend',
  },
  {
    what: '**Outcome**',
    present: bold('Outcome'),
    withContent: 'actor U\nsequence A\n  outcome: then\n  U -> U: x\nend',
    without: 'actor U\nsequence A\n  U -> U: x\nend',
  },
  {
    what: '**Scenario**',
    present: bold('Scenario'),
    withContent: 'actor U\nsequence A\n  scenario: it breaks\n  U -> U: x\nend',
    without: 'actor U\nsequence A\n  U -> U: x\nend',
  },
  {
    what: '**System** (integration only)',
    present: bold('System'),
    withContent: 'system S\nqueue Q\nS ->> Q: e',
    without: 'actor U\nqueue Q\nU ->> Q: e',
  },
  { what: '**Steps**', present: bold('Steps'), withContent: BASE, without: 'actor U\nservice S' },
  {
    what: '**Alternative Flows** (alt)',
    present: bold('Alternative Flows'),
    withContent: 'actor U\nalt x\n  U -> U: a\nend',
    without: 'actor U\nloop x\n  U -> U: a\nend',
  },
  {
    what: '**Alternative Flows** (opt)',
    present: bold('Alternative Flows'),
    withContent: 'actor U\nopt x\n  U -> U: a\nend',
    without: 'actor U\ngroup x\n  U -> U: a\nend',
  },
  {
    what: '**Alternative Flows** (break)',
    present: bold('Alternative Flows'),
    withContent: 'actor U\nbreak x\n  U -> U: a\nend',
    without: 'actor U\npar x\n  U -> U: a\nend',
  },
  {
    what: '**Alternative Flows** (critical option)',
    present: bold('Alternative Flows'),
    withContent: 'actor U\ncritical x\n  U -> U: a\noption y\n  U -> U: b\nend',
    without: 'actor U\ncritical x\n  U -> U: a\nend',
  },
];

for (const rule of rules) {
  test(`section rule: ${rule.what} is present when there is content`, () => {
    assert.ok(rule.present(exported(rule.withContent)), 'missing');
  });
  test(`section rule: ${rule.what} is absent when there is none`, () => {
    assert.ok(!rule.present(exported(rule.without)), 'present without content');
  });
}

test('section rule: Source appears under Document Information only when a source name is given', () => {
  assert.ok(has(exported(BASE, { sourceName: 'a.seq' }), 2, 'Document Information'));
  assert.ok(!has(exported(BASE), 2, 'Document Information'));
});

test('the title: the `title`, else "Sequence Diagrams"', () => {
  assert.deepEqual(exported(`title Checkout\n${BASE}`).headings[0], { level: 1, text: 'Checkout' });
  assert.deepEqual(exported(BASE).headings[0], { level: 1, text: 'Sequence Diagrams' });
});

test('Document Information lists only the fields given, in template order', () => {
  const o = exported(`designer: R. Example\nproject: Shop\n${BASE}`);
  const info = o.texts.find((t) => t.startsWith('Project'));
  assert.equal(info, 'Project: Shop\nDesigner: R. Example');
});

test('an empty file yields the title alone; metadata alone yields no empty sequence', () => {
  assert.equal(exportMarkdown(analyze('').model), '# Sequence Diagrams\n');
  const o = exported('title T\nproject: P');
  assert.deepEqual(
    o.headings.map((h) => h.text),
    ['T', 'Document Information'],
  );
  assert.equal(o.fences.length, 0);
});

test('sequence headings: main ones numbered in their section, error and integration ones named', () => {
  const src = [
    'actor U',
    'system S',
    'queue Q',
    'sequence One',
    '  U -> S: a',
    'end',
    'sequence Broken',
    '  scenario: S is down',
    '  U -x S: a',
    'end',
    'sequence Two',
    '  U -> S: b',
    'end',
    'sequence Events',
    '  S ->> Q: e',
    'end',
  ].join('\n');
  const o = exported(src);
  assert.deepEqual(
    o.headings.filter((h) => h.level === 3).map((h) => h.text),
    ['Sequence 1: One', 'Sequence 2: Two', 'Error Sequence: Broken', 'Integration Sequence: Events'],
  );
});

test('the actors table: name (display name), description, type by kind, scope', () => {
  const src = [
    'actor U "The User": a person',
    'system S',
    'service V "Svc" external',
    'database D',
    'queue Q',
    'participant P',
    'U -> S',
    'S -> V',
    'V -> D',
    'D -> Q',
    'Q -> P',
    'P -> X',
  ].join('\n');
  const table = exported(src).tables[0];
  assert.deepEqual(table.rows, [
    ['U (The User)', 'a person', 'User', 'Internal'],
    ['S', '—', 'System', 'Internal'],
    ['V (Svc)', '—', 'Service', 'External'],
    ['D', '—', 'Database', 'Internal'],
    ['Q', '—', 'Queue', 'Internal'],
    ['P', '—', 'Participant', 'Internal'],
    ['X', '—', 'Participant', 'Internal'],
  ]);
});
