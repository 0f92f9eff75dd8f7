// Activation as changes: replaying each item's changes (and each branch's, and each block's
// after its `end`) must give the spec's states — every branch starts from the block's start,
// after `end` the state is the first branch's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { FlowState, NO_CHANGES } from '../../server/src/core/flowState';
import type { Item } from '../../server/src/core/model';

/** Replays the changes as the layout does; returns who is active after each top-level item, and at each branch's start. */
function replay(items: readonly Item[]): { after: string[]; branchStarts: string[] } {
  const levels = new Map<string, number>();
  const now = () => [...levels.keys()].sort().join(' ');
  const apply = (changes: Item['activations']) => {
    for (const c of changes) {
      const n = (levels.get(c.participant) ?? 0) + c.by;
      assert.ok(n >= 0, `${c.participant} below zero`);
      if (n === 0) levels.delete(c.participant);
      else levels.set(c.participant, n);
    }
  };
  const branchStarts: string[] = [];
  const walk = (list: readonly Item[], top: string[] | undefined) => {
    for (const item of list) {
      if (item.type === 'fragment') {
        item.branches.forEach((b, k) => {
          if (k > 0) apply(b.activations);
          branchStarts.push(now());
          walk(b.items, undefined);
        });
      }
      apply(item.activations);
      top?.push(now());
    }
  };
  const after: string[] = [];
  walk(items, after);
  return { after, branchStarts };
}

const CASES: { name: string; text: string; after: string[]; branchStarts?: string[]; errors?: string[] }[] = [
  {
    name: 'activate, deactivate, + and -',
    text: 'activate A\nA -> +B: x\nB --> -A: y\ndeactivate A',
    after: ['A', 'A B', 'A', ''],
  },
  {
    name: 'levels: twice activated, once deactivated, still active',
    text: 'activate A\nactivate A\ndeactivate A',
    after: ['A', 'A', 'A'],
  },
  {
    name: 'alt: the else branch starts from the start; after end, the first branch',
    text: 'activate A\nalt one\n  activate B\n  deactivate A\nelse two\n  activate C\nend\nA -> B: after',
    after: ['A', 'B', 'B'],
    branchStarts: ['A', 'A'],
  },
  {
    name: 'a deactivation in the else branch of what only the first branch activated is an error',
    text: 'alt one\n  activate B\nelse two\n  deactivate B\nend',
    after: ['B'],
    branchStarts: ['', ''],
    errors: ['inactive-deactivation'],
  },
  {
    name: 'par with three branches, nested alt inside the second',
    text: 'par\n  activate A\nand\n  activate B\n  alt x\n    activate C\n  else\n    deactivate B\n  end\nand\n  activate D\nend',
    after: ['A'],
    branchStarts: ['', '', 'B', 'B', ''],
  },
  {
    name: 'destroy ends every level of an active lifeline; undone in the else branch',
    text: 'activate B\nactivate B\nalt x\n  destroy B\n  A -> B: bye\nelse\n  A -> B: still here\nend',
    after: ['B', 'B', ''],
    branchStarts: ['B', 'B'],
  },
  {
    name: 'an else branch that destroys does not leave the lifeline destroyed after end',
    text: 'alt x\n  A -> B: one\nelse\n  destroy B\n  A -> B: bye\nend\nA -> B: fine',
    after: ['', ''],
    branchStarts: ['', ''],
  },
];

for (const c of CASES) {
  test(`replayed changes: ${c.name}`, () => {
    const { model, diagnostics } = analyze(c.text);
    const { after, branchStarts } = replay(model.sequences[0].items);
    assert.deepEqual(after, c.after);
    if (c.branchStarts) assert.deepEqual(branchStarts, c.branchStarts);
    const codes = diagnostics.filter((d) => d.code !== 'undeclared-participant' && d.code !== 'unused-participant').map((d) => d.code);
    assert.deepEqual(codes, c.errors ?? []);
  });
}

test('a destroyed lifeline stays destroyed after a fragment whose first branch destroyed it', () => {
  const { diagnostics } = analyze('alt x\n  destroy B\n  A -> B: bye\nelse\n  A -> C: other\nend\nA -> B: again');
  assert.deepEqual(diagnostics.filter((d) => d.code === 'destroyed-participant').length, 1);
});

test('FlowState: a version taken earlier comes back whole; the changes between two versions, per participant', () => {
  const s = new FlowState();
  s.activate('A');
  const start = s.version();
  s.activate('A');
  s.activate('B');
  s.deactivate('B');
  s.activate('C');
  s.destroy('A');
  const end = s.version();
  s.restore(start);
  assert.deepEqual([s.levelOf('A'), s.levelOf('B'), s.levelOf('C'), s.isDestroyed('A')], [1, 0, 0, false]);
  const byName = (cs: readonly { participant: string; by: number }[]) => [...cs].sort((x, y) => x.participant.localeCompare(y.participant));
  assert.deepEqual(byName(s.changesBetween(start, end)), [
    { participant: 'A', by: -1 },
    { participant: 'C', by: 1 },
  ]);
  assert.deepEqual(byName(s.changesBetween(end, start)), [
    { participant: 'A', by: 1 },
    { participant: 'C', by: -1 },
  ]);
  assert.equal(s.changesBetween(start, start), NO_CHANGES);
  s.restore(end);
  assert.deepEqual([s.levelOf('A'), s.levelOf('C'), s.isDestroyed('A')], [0, 1, true]);
});

test('FlowState: versions across the growth of the vector (past 32 and 1,024 participants)', () => {
  const s = new FlowState();
  s.activate('p0');
  const small = s.version();
  for (let i = 1; i < 2000; i++) s.activate(`p${i}`);
  const large = s.version();
  assert.equal(s.changesBetween(small, large).length, 1999);
  assert.deepEqual(s.changesBetween(large, small).slice(0, 2), [
    { participant: 'p1', by: -1 },
    { participant: 'p2', by: -1 },
  ]);
  s.restore(small);
  assert.deepEqual([s.levelOf('p0'), s.levelOf('p1'), s.levelOf('p1999')], [1, 0, 0]);
});

// Fragments nested deep, each activating in its first branch and with an `else`: the case the
// former journal undid and redid at every level (quadratic); here checked for meaning only.
test('nested alts activating in their first branches: every else starts from its block start, and after end the first branch holds', () => {
  const depth = 40;
  const lines = ['participant a', ...Array.from({ length: depth }, (_, i) => `participant p${i}`)];
  for (let i = 0; i < depth; i++) lines.push(`alt l${i}`, `  activate p${i}`);
  for (let i = depth - 1; i >= 0; i--) lines.push('else', `  deactivate p${i}`, 'end');
  const { model, diagnostics } = analyze(lines.join('\n'));
  // Each else deactivates what only its own first branch activated: an error per level.
  assert.equal(diagnostics.filter((d) => d.code === 'inactive-deactivation').length, depth);
  const { after, branchStarts } = replay(model.sequences[0].items);
  const active = (n: number) =>
    Array.from({ length: n }, (_, i) => `p${i}`)
      .sort()
      .join(' ');
  assert.deepEqual(after, [active(depth)]);
  // Branch starts in walk order: level 0's first branch, level 1's first…, then the innermost else back out.
  const expected = [
    ...Array.from({ length: depth }, (_, i) => active(i)),
    ...Array.from({ length: depth }, (_, k) => active(depth - 1 - k)),
  ];
  assert.deepEqual(branchStarts, expected);
});

test('FlowState: a read `create` and a creation come and go with the versions', () => {
  const s = new FlowState(['B', 'C']);
  const start = s.version();
  s.readCreate('B');
  s.created('B');
  s.readCreate('C');
  const end = s.version();
  s.restore(start);
  assert.deepEqual([s.isUncreated('B'), s.isCreateRead('B'), s.isUncreated('C'), s.isCreateRead('C')], [true, false, true, false]);
  s.restore(end);
  assert.deepEqual([s.isUncreated('B'), s.isCreateRead('B'), s.isUncreated('C'), s.isCreateRead('C')], [false, false, true, true]);
});

// Creation (v2) goes through branches like activation: journaled, undone per branch, the first branch's after `end`.
const CREATION: { name: string; text: string; creates: (string | undefined)[]; errors: number }[] = [
  {
    name: 'read above the block: each branch creates',
    text: 'create B\nalt x\n  A -> B: new\nelse\n  A -> B: new too\nend\nB -> A: after',
    creates: ['B', 'B', undefined],
    errors: 0,
  },
  {
    name: 'read in the first branch only: the else branch uses it too early',
    text: 'alt x\n  create B\n  A -> B: new\nelse\n  A -> B: early\nend\nB -> A: after',
    creates: ['B', undefined, undefined],
    errors: 1,
  },
  {
    name: 'created in the else branch only: not created after end',
    text: 'create B\nalt x\n  A -> C: other\nelse\n  A -> B: new\nend\nB -> A: too early',
    creates: [undefined, 'B', undefined],
    errors: 1,
  },
];

/** The messages of `items` and of every branch inside them, in source order. */
function messagesInSourceOrder(items: readonly Item[]): Extract<Item, { type: 'message' }>[] {
  return items.flatMap((item) =>
    item.type === 'message' ? [item] : item.type === 'fragment' ? item.branches.flatMap((b) => messagesInSourceOrder(b.items)) : [],
  );
}

for (const c of CREATION) {
  test(`creation per branch: ${c.name}`, () => {
    const { model, diagnostics } = analyze(c.text);
    const creates = messagesInSourceOrder(model.sequences[0].items).map((m) => m.creates);
    assert.deepEqual(creates, c.creates);
    assert.equal(diagnostics.filter((d) => d.code === 'not-yet-created').length, c.errors);
  });
}

test('numbering (v2) runs through branches in source order, not per path', () => {
  const { model } = analyze('autonumber 10 5\nalt x\n  A -> B: one\nelse\n  A -> B: two\nend\nA -> B: three');
  const numbers = messagesInSourceOrder(model.sequences[0].items).map((m) => m.number);
  assert.deepEqual(numbers, [10, 15, 20]);
});

test('a ref (v2) changes no activation: its item carries no changes', () => {
  const { model } = analyze('sequence Login\n  A -> B: x\nend\nsequence S\n  activate A\n  ref over A, B: Login\n  A -> B: y\nend');
  const ref = model.sequences[1].items.find((i) => i.type === 'ref');
  assert.deepEqual(ref?.activations, []);
  assert.deepEqual(replay(model.sequences[1].items).after, ['A', 'A', 'A']);
});
