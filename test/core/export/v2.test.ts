// The design document for language v2: the Group column from boxes, creating messages, edge
// messages, refs among the steps and on the critical path. Table-driven sentences, and one
// golden file (test/fixtures/export/v2/, regenerate with UPDATE_GOLDEN=1 and review by eye).
// The golden leaves the drawings out: the render goldens hold those, and golden.test.ts checks
// that each fence is the renderer's drawing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/index';
import { exportMarkdown } from '../../../server/src/core/export/markdown';
import { outline } from './outline';

const DIR = join(__dirname, '../../fixtures/export/v2');
const update = process.env.UPDATE_GOLDEN === '1';
const DECLS = 'actor User\nsystem Frontend "Web Frontend"\nservice Auth "Auth Service"\n';

function exportOf(src: string): string {
  return exportMarkdown(analyze(src).model);
}

/** The text of the Steps block of the last sequence: numbered steps and ref lines, in order. */
function stepsOf(src: string): string[] {
  const md = exportOf(DECLS + src);
  const at = md.lastIndexOf('**Steps**:');
  if (at < 0) return [];
  const block = md.slice(at + '**Steps**:'.length).split(/\n\n(?=\*\*|## |### )/)[0];
  return block.split('\n').filter((l) => l.trim() !== '');
}

const cases: [string, string, string[]][] = [
  [
    'a creating message',
    'sequence S\n  create participant Session "User session"\n  Auth -> Session: new(userId)\nend',
    ["1. Auth Service creates User session with 'new(userId)'."],
  ],
  [
    'a creating message without label, asynchronous',
    'sequence S\n  create Session\n  Auth ->> Session\nend',
    ['1. Auth Service creates Session asynchronously.'],
  ],
  ['a found message (from the left edge)', 'sequence S\n  [ -> Frontend: GET /\nend', ["1. Web Frontend receives 'GET /' from outside."]],
  [
    'a found message without label',
    'sequence S\n  [ ->> Frontend\nend',
    ['1. Web Frontend receives an asynchronous message from outside.'],
  ],
  ['a message to the right edge', 'sequence S\n  Auth -> ]: audit event\nend', ["1. Auth Service sends 'audit event' to outside."]],
  ['a reply to the edge', 'sequence S\n  Auth --> ]\nend', ['1. Auth Service replies to outside.']],
  ['a lost message from outside', 'sequence S\n  [ -x Auth: ping\nend', ["1. The request 'ping' from outside to Auth Service is lost."]],
  ['a quoted "[" is a participant', 'sequence S\n  "[" -> Auth: hi\nend', ["1. \\[ sends 'hi' to Auth Service."]],
  [
    'a ref between steps: unnumbered, the numbering goes on',
    'sequence Login\n  User -> Frontend: a\n  Frontend -> Auth: b\nend\nsequence Buy\n  User -> Frontend: go\n  ref over User, Frontend: Login\n  Frontend --> User: done\nend',
    [
      "1. User sends 'go' to Web Frontend.",
      '→ Continues in *Login* (steps 1–2), over User and Web Frontend.',
      "2. Web Frontend returns 'done' to User.",
    ],
  ],
  [
    'a ref first, inside a fragment, with a timed target',
    'sequence Login\n  User -> Auth: a\n  takes 40ms\nend\nsequence Buy\n  opt logged out\n    ref over User: Login\n  end\nend',
    ['→ Continues in *Login* (step 1), over User (only if logged out; its critical path takes 40 ms).'],
  ],
  [
    'a ref whose text names no sequence',
    'sequence Buy\n  ref over User, Auth: see the runbook\nend',
    ["→ Refers to 'see the runbook', over User and Auth Service."],
  ],
];

for (const [name, src, expected] of cases) {
  test(`v2 steps: ${name}`, () => assert.deepEqual(stepsOf(src), expected));
}

test("v2 export: the Group column appears with boxes only, holding each participant's box label", () => {
  const plain = outline(exportOf(DECLS)).tables.find((t) => t.under === 'Key Actors and Systems');
  assert.deepEqual(plain?.header, ['Actor/System', 'Description', 'Type', 'Scope']);
  const boxed = outline(exportOf('box Edge "Edge tier"\n  system Frontend\nend\nbox Core\n  service Auth\nend\nactor User\n'));
  const actors = boxed.tables.find((t) => t.under === 'Key Actors and Systems');
  assert.deepEqual(actors?.header, ['Actor/System', 'Description', 'Type', 'Scope', 'Group']);
  assert.deepEqual(
    actors?.rows.map((r) => [r[0], r[4]]),
    [
      ['Frontend', 'Edge tier'],
      ['Auth', 'Core'],
      ['User', '—'],
    ],
  );
});

test('v2 export: the critical path counts a ref as one step, named by its sequence', () => {
  const src = `${DECLS}sequence Login\n  User -> Auth: a\n  takes 100ms\nend\nsequence Buy within 120ms\n  ref over User: Login\n  User -> Frontend: b\n  takes 50ms\nend\n`;
  const perf = outline(exportOf(src)).tables.find((t) => t.under === 'Performance Requirements');
  const buy = perf?.rows.find((r) => r[0] === 'Buy');
  assert.equal(buy?.[2], "Login (ref, 100 ms) + 'b' (step 1, 50 ms) = 150 ms, over the budget by 30 ms");
});

test('v2 export golden: shop-v2.seq (boxes, create, refs, edges)', () => {
  const src = readFileSync(join(DIR, 'shop-v2.seq'), 'utf8');
  const analysis = analyze(src);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    [],
    'the fixture is clean',
  );
  const markdown = exportMarkdown(analysis.model, { sourceName: 'shop-v2.seq' }).replace(
    /^```\n[\s\S]*?\n```$/gm,
    '```\n(the drawing)\n```',
  );
  const golden = join(DIR, 'shop-v2.md');
  if (update) writeFileSync(golden, markdown);
  assert.ok(existsSync(golden), `missing golden ${golden}: run with UPDATE_GOLDEN=1 and review it`);
  assert.equal(markdown, readFileSync(golden, 'utf8'));
});

test('v2 export: a branch that continues in another sequence says so among the alternative flows', () => {
  const md = exportOf(
    `${DECLS}sequence Login\n  User -> Auth: a\nend\nsequence Buy\n  alt declined\n    Auth --> User: 402\n    ref over User, Auth: Login\n  else\n    ref over User: the runbook\n  end\nend\n`,
  );
  const block = /\*\*Alternative Flows\*\*:\n((?:- .*\n?)+)/.exec(md.slice(md.indexOf('Sequence 2')));
  assert.deepEqual(outline(block?.[1] ?? '').texts, [
    "If declined (step 1): Auth Service returns '402' to User; continues in Login.",
    "Otherwise: refers to 'the runbook'.",
  ]);
});
