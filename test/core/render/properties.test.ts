// Property tests: the rules of spec section 7 as executable properties over generated models.
// Names and labels mix ASCII, CJK, emoji, combining marks and control characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ArrowKind, FragmentKind, NotePosition } from '../../../server/src/core/ast';
import type { ActivationChange, Item, MessageItem, Model, Sequence } from '../../../server/src/core/model';
import { drawLayout, layoutSequence, renderSequence, TOO_LARGE_NOTICE, type Charset } from '../../../server/src/core/render/index';
import {
  cellsOf,
  cellWidth,
  checkRules,
  CONTROL,
  delay,
  divider,
  expectedArrow,
  expectedSafe,
  fragment,
  glyphsOf,
  message,
  modelOf,
  note,
  userCharsOf,
} from './helpers';

// FC_RUNS=N runs every property N times (a longer campaign than CI's).
if (process.env.FC_RUNS) fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS) });

const ARROWS: ArrowKind[] = ['->', '-->', '->>', '-->>', '-x', '--x'];
const CHARSETS: Charset[] = ['ascii', 'unicode'];
const PRINTABLE = [
  'a',
  'b',
  'Z',
  'x',
  '1',
  ' ',
  '-',
  '.',
  '>',
  '<',
  '|',
  '#',
  ':',
  '[',
  ']',
  '=',
  '中',
  '文',
  '日',
  '😀',
  '👍🏽',
  '🇩🇪',
  '📝',
  'e\u0301',
  'ü',
  'é',
];
const HOSTILE = ['\t', '\x1b', '\x07', '\x7f', '\x9b', '\u202e', '\r', '\0'];

/** Text as the parser leaves it: no blanks at either end. Hostile characters sometimes. */
const text = (min: number, max: number) =>
  fc
    .array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PRINTABLE) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) }), {
      minLength: min,
      maxLength: max,
    })
    .map((a) => a.join('').replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((s) => s.length >= min);

const multiline = (min: number, max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: text(min, max) },
    { weight: 1, arbitrary: fc.array(text(0, max), { minLength: 2, maxLength: 3 }).map((l) => l.join('\n')) },
  );

// ---------------------------------------------------------------------------
// Messages only, with activation simulated as the model builder does it.

interface Plain {
  model: Model;
  sequence: Sequence;
  names: string[];
  messages: MessageItem[];
}

const plainModel = (opts: { adjacent?: boolean; multiline?: boolean } = {}) =>
  fc
    .record({
      names: fc.array(text(1, 8), { minLength: 1, maxLength: 6 }),
      messages: fc.array(
        fc.record({
          from: fc.nat(),
          to: fc.nat(),
          arrow: fc.constantFrom(...ARROWS),
          label: opts.multiline ? multiline(0, 14) : text(0, 14),
          activation: fc.constantFrom('', '', '+', '-'),
          numbered: fc.boolean(),
        }),
        { maxLength: 25 },
      ),
    })
    .map(({ names, messages }): Plain => {
      const n = names.length;
      const ids = names.map((_, i) => `P${i}`);
      const active = new Set<string>();
      const items = messages.map((m, k) => {
        const from = m.from % n;
        let to = m.to % n;
        if (opts.adjacent) to = n === 1 ? from : from + 1 < n ? from + 1 : from - 1;
        // One level at most per lifeline: `+` on an active one and `-` on an inactive one change nothing.
        const activations: ActivationChange[] = [];
        if (m.activation === '+' && !active.has(ids[to])) activations.push({ participant: ids[to], by: 1 });
        if (m.activation === '-' && active.has(ids[from])) activations.push({ participant: ids[from], by: -1 });
        if (m.activation === '+') active.add(ids[to]);
        if (m.activation === '-') active.delete(ids[from]);
        const item = message(ids[from], ids[to], m.label, m.arrow, {
          activatesTarget: m.activation === '+',
          deactivatesSource: m.activation === '-',
          activations,
          number: m.numbered ? k + 1 : undefined,
        });
        activeAfter.set(
          item,
          ids.filter((id) => active.has(id)),
        );
        return item;
      });
      const { model, sequence } = modelOf(
        ids.map((id, i) => [id, names[i]] as [string, string]),
        items,
      );
      return { model, sequence, names, messages: items };
    });

/** What each plain model's message leaves active (the model itself carries only changes). */
const activeAfter = new WeakMap<MessageItem, readonly string[]>();

const labelOf = (m: MessageItem) => (m.number !== undefined ? (m.label ? `${m.number}. ${m.label}` : `${m.number}.`) : m.label);

test('property: header boxes in lifeline order, 2+ blank cells apart, each over its lifeline', () => {
  fc.assert(
    fc.property(plainModel(), ({ model, sequence, names }) => {
      const d = renderSequence(model, sequence);
      const header = cellsOf(d.lines[0]);
      let prevEnd = -3;
      names.forEach((name, i) => {
        const safe = expectedSafe(name);
        const w = Math.max(1, cellWidth(safe)) + 2;
        const left = d.columns[i] - Math.floor((w - 1) / 2);
        assert.ok(left - prevEnd - 1 >= 2, 'two blank cells between boxes');
        assert.ok(
          header.slice(prevEnd + 1, left).every((c) => c === ' '),
          'blank between boxes',
        );
        assert.equal(header[left], '[');
        assert.equal(header.slice(left + 1, left + w - 1).join(''), safe);
        assert.equal(header[left + w - 1], ']');
        prevEnd = left + w - 1;
      });
      assert.equal(header.length, prevEnd + 1, 'nothing after the last box');
      assert.equal(d.columns[0], Math.floor((Math.max(1, cellWidth(expectedSafe(names[0]))) + 1) / 2), 'the first box starts at column 0');
    }),
  );
});

test('property: one arrow row per message, in source order; lifelines straight; # exactly while active', () => {
  fc.assert(
    fc.property(plainModel({ multiline: true }), fc.constantFrom(...CHARSETS), ({ model, sequence, messages }, charset) => {
      const g = glyphsOf(charset);
      const d = renderSequence(model, sequence, { charset });
      const n = d.columns.length;
      let row = d.headerRows;
      // The bare lifeline row.
      assert.deepEqual(
        d.columns.map((c) => cellsOf(d.lines[row])[c]),
        d.columns.map(() => g.lifeline),
      );
      assert.equal(d.rows[row++], undefined);
      let before: readonly string[] = [];
      for (const m of messages) {
        const lines = labelOf(m).split('\n');
        const self = m.from === m.to;
        const count = self ? lines.length + 2 : lines.length;
        const after = activeAfter.get(m) ?? [];
        const event = new Set([...before, ...after]);
        for (let k = 0; k < count; k++, row++) {
          assert.equal(d.rows[row], m.span, `row ${row} belongs to message ${m.span.offset}`);
          const cells = cellsOf(d.lines[row]);
          const isEvent = k === count - 1;
          const a = d.columns[sequence.lifelines.indexOf(m.from)];
          const b = d.columns[sequence.lifelines.indexOf(m.to)];
          for (let i = 0; i < n; i++) {
            const c = d.columns[i];
            if (!self && c > Math.min(a, b) && c < Math.max(a, b)) continue; // crossed by the arrow or its label
            const on = isEvent ? event.has(sequence.lifelines[i]) : before.includes(sequence.lifelines[i]);
            assert.equal(cells[c], on ? g.active : g.lifeline, `lifeline ${i} on row ${row}: ${JSON.stringify(d.lines[row])}`);
          }
          if (!self && isEvent) {
            const want = expectedArrow(Math.abs(b - a) - 1, m.arrow, expectedSafe(lines[lines.length - 1]), b > a, charset);
            assert.ok(want.source >= 2, '2+ body cells on the source side');
            assert.ok(want.target >= 1, '1+ body cell on the target side');
            assert.equal(cells.slice(Math.min(a, b) + 1, Math.max(a, b)).join(''), want.text, 'label intact, centred, head at the target');
          }
          if (!self && !isEvent) {
            const t = expectedSafe(lines[k]);
            if (t)
              assert.ok(
                cells
                  .slice(Math.min(a, b) + 1, Math.max(a, b))
                  .join('')
                  .includes(t),
                'an upper label line between the lifelines',
              );
          }
          if (self && k > 0 && k < count - 1) {
            const t = expectedSafe(lines[k - 1]);
            assert.equal(
              cells
                .slice(a + 6)
                .join('')
                .trimEnd()
                .startsWith(t.trimEnd()),
              true,
              'self label beside the loop',
            );
          }
        }
        before = after;
      }
      assert.equal(row, d.lines.length, 'no other rows');
    }),
  );
});

test('property: widths are the narrowest: with adjacent messages only, each gap is what its header or widest arrow needs', () => {
  fc.assert(
    fc.property(plainModel({ adjacent: true }), ({ model, sequence, names, messages }) => {
      const d = renderSequence(model, sequence);
      const w = names.map((s) => Math.max(1, cellWidth(expectedSafe(s))) + 2);
      for (let i = 0; i + 1 < names.length; i++) {
        let need = Math.ceil((w[i] - 1) / 2) + 3 + Math.floor((w[i + 1] - 1) / 2);
        for (const m of messages) {
          const lo = Math.min(sequence.lifelines.indexOf(m.from), sequence.lifelines.indexOf(m.to));
          const hi = Math.max(sequence.lifelines.indexOf(m.from), sequence.lifelines.indexOf(m.to));
          if (lo === i && hi === i + 1) need = Math.max(need, (m.arrow.endsWith('>>') ? 2 : 1) + cellWidth(expectedSafe(labelOf(m))) + 4);
          if (lo === i && hi === i) need = Math.max(need, (labelOf(m) ? 5 + cellWidth(expectedSafe(labelOf(m))) : 4) + 2);
        }
        assert.equal(d.columns[i + 1] - d.columns[i], need, `gap ${i}`);
      }
    }),
  );
});

test('property: no trailing blanks, no control characters, ASCII outside user text in ASCII mode', () => {
  fc.assert(
    fc.property(richModel, fc.constantFrom(...CHARSETS), ({ model, sequence }, charset) => {
      const d = renderSequence(model, sequence, { charset });
      const user = userCharsOf(model);
      for (const line of d.lines) {
        assert.ok(!/\s$/.test(line), 'no trailing blank');
        assert.ok(!CONTROL.test(line), 'no control character');
        if (charset === 'ascii')
          for (const ch of line) assert.ok(ch.charCodeAt(0) <= 0x7e || user.has(ch), `${JSON.stringify(ch)} is not user text`);
      }
    }),
  );
});

// ---------------------------------------------------------------------------
// Every construct: notes, frames (nested), dividers, delays, self messages, activation, destruction.

const KINDS: FragmentKind[] = ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'];
const POSITIONS: NotePosition[] = ['left of', 'right of', 'over'];

function itemArb(ids: string[], depth: number): fc.Arbitrary<Item> {
  const id = fc.constantFrom(...ids);
  const activations = fc.array(fc.record({ participant: id, by: fc.constantFrom(1, 1, -1, -2) }), { maxLength: 3 });
  const msg = fc
    .record({
      from: id,
      to: id,
      arrow: fc.constantFrom(...ARROWS),
      label: multiline(0, 10),
      activations,
      destroys: fc.oneof(
        { weight: 6, arbitrary: fc.constant([] as string[]) },
        { weight: 1, arbitrary: fc.subarray(ids, { maxLength: 1 }) },
      ),
    })
    .map((m) => message(m.from, m.to, m.label, m.arrow, { activations: m.activations, destroys: m.destroys }));
  const noteArb = fc
    .record({
      position: fc.constantFrom(...POSITIONS),
      on: fc.subarray(ids, { minLength: 1, maxLength: Math.min(3, ids.length) }),
      text: multiline(0, 12),
      activations,
    })
    .map((x) => ({ ...note(x.position, x.position === 'over' ? x.on : x.on.slice(0, 1), x.text), activations: x.activations }) as Item);
  const leaves: fc.Arbitrary<Item>[] = [msg, msg, msg, noteArb, text(0, 10).map(divider), text(0, 10).map(delay)];
  if (depth === 0) return fc.oneof(...leaves);
  const frag = fc
    .record({
      kind: fc.constantFrom(...KINDS),
      branches: fc.array(fc.tuple(text(0, 10), fc.array(itemArb(ids, depth - 1), { maxLength: 4 })), { minLength: 1, maxLength: 3 }),
    })
    .map((f) => fragment(f.kind, f.branches));
  return fc.oneof(...leaves, frag);
}

const richModel = fc.array(multiline(1, 8), { minLength: 1, maxLength: 5 }).chain((names) => {
  const ids = names.map((_, i) => `P${i}`);
  return fc.array(itemArb(ids, 2), { maxLength: 12 }).map((items) =>
    modelOf(
      ids.map((id, i) => [id, names[i]] as [string, string]),
      items,
    ),
  );
});

test('property: every construct keeps the rules (header, straight lifelines, exact arrows, frame sides in gaps)', () => {
  fc.assert(
    fc.property(richModel, fc.constantFrom(...CHARSETS), ({ model, sequence }, charset) => {
      const layout = layoutSequence(model, sequence, { charset });
      const d = drawLayout(layout, charset);
      try {
        checkRules(layout, d, charset, userCharsOf(model));
      } catch (e) {
        if (process.env.DEBUG_RENDER) console.log(d.lines.join('\n') + '\n' + String(e).slice(0, 2000));
        throw e;
      }
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
});

test('property: past the size limit, the notice; otherwise within the limit', () => {
  fc.assert(
    fc.property(
      richModel,
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 120 }),
      ({ model, sequence }, maxRows, maxColumns) => {
        const full = renderSequence(model, sequence);
        const width = layoutSequence(model, sequence).width;
        const d = renderSequence(model, sequence, { maxRows, maxColumns });
        const over = full.lines.length > maxRows || width > maxColumns;
        assert.equal(d.tooLarge, over);
        if (over) assert.deepEqual(d.lines, [TOO_LARGE_NOTICE(full.lines.length, width, { maxRows, maxColumns, maxCells: 20_000_000 })]);
        else {
          assert.deepEqual(d.lines, full.lines);
          for (const line of d.lines) assert.ok(cellWidth(line) <= maxColumns);
        }
      },
    ),
  );
});
