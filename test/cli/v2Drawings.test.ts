// Realistic v2 files through the built CLI, their drawings read back: where the box, the created
// participant, the ref frame, the edge arrows and the numbers are; the budget through a ref; the
// durations line; and each new diagnostic at its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { cliHarness } from './harness';

const { run, file } = cliHarness('lifeline-cli-v2-drawings-');

const CHECKOUT = `actor Customer
box Shop "Web shop"
  service Frontend
  service Cart
end
database Stock
sequence Checkout within 400ms
  autonumber 10 5
  [ -> Frontend: open page
  Customer -> Frontend: checkout
  takes 20ms
  create participant Order "Order"
  Frontend -> Order: new
  alt in stock
    Order -> Stock: reserve
    takes 50ms
  else sold out
    Order -> Customer: sorry
  end
  autonumber off
  Order -> Cart: created
  autonumber resume
  ref over Frontend, Order: Payment
  Frontend -> ]: analytics
end
sequence Payment
  Frontend -> Cart: pay
  takes 500ms
end
`;

/** The first sequence's drawing (up to the blank line), in both charsets. */
function drawing(charset: 'ascii' | 'unicode', extra: string[] = []): string[] {
  const r = run(['render', '--charset', charset, '--sequence', 'Checkout', ...extra, file('checkout.seq', CHECKOUT)]);
  assert.equal(r.code, 0, r.err);
  return r.out.trimEnd().split('\n');
}

const lineWith = (lines: string[], text: string) => {
  const found = lines.find((l) => l.includes(text));
  assert.ok(found !== undefined, `no line with ${JSON.stringify(text)} in\n${lines.join('\n')}`);
  return found;
};

for (const charset of ['ascii', 'unicode'] as const) {
  const side = charset === 'ascii' ? '|' : '│';

  test(`${charset}: the box frames Frontend and Cart only, its label on the top border`, () => {
    const lines = drawing(charset);
    const top = lines[0];
    assert.match(top, /\[Web shop\]/);
    const left = top.search(charset === 'ascii' ? /\+/ : /┌/);
    const right = Math.max(top.lastIndexOf('+'), top.lastIndexOf('┐'));
    const names = lineWith(lines, 'Frontend');
    assert.ok(names.indexOf('Customer') < left, 'Customer outside, left of the box');
    assert.ok(left < names.indexOf('Frontend') && names.indexOf('Cart') < right, 'Frontend and Cart inside');
    assert.ok(names.indexOf('Stock') > right, 'Stock outside, right of the box');
    // Its sides run down to the bottom border.
    const corner = charset === 'ascii' ? '+' : '└';
    const bottom = lines.length - 1 - [...lines].reverse().findIndex((l) => l[left] === corner);
    assert.ok(bottom > lines.indexOf(names));
  });

  test(`${charset}: the created participant's box is on the creating message's row, nothing above it`, () => {
    const lines = drawing(charset);
    const row = lines.findIndex((l) => l.includes('20. new'));
    const at = lines[row].indexOf('Order');
    assert.ok(at > lines[row].indexOf('20. new'), `Order's box at the arrow's head: ${lines[row]}`);
    const header = lines.findIndex((l) => l.includes('Customer'));
    for (const l of lines.slice(0, header + 1)) assert.ok(!l.includes('Order'), 'no Order in the header');
    // Its column is empty from the header to the row above its box.
    const column = lines[row].lastIndexOf(charset === 'ascii' ? ']' : '│') - 3;
    for (const l of lines.slice(header + 1, row - (charset === 'ascii' ? 0 : 1))) assert.equal(l[column] ?? ' ', ' ', l);
  });

  test(`${charset}: the ref is a frame labelled ref with the sequence's name inside`, () => {
    const lines = drawing(charset);
    const k = lines.findIndex((l) => l.includes('[ref]'));
    assert.ok(k > 0);
    assert.match(lines[k + 1], /Payment/);
    const frameLeft = lines[k].indexOf(charset === 'ascii' ? '+-[ref]' : '─[ref]') - (charset === 'ascii' ? 0 : 1);
    assert.equal(lines[k + 1][frameLeft], side);
  });

  test(`${charset}: edge arrows start at column 0 and end in the last column, keeping the box side`, () => {
    const lines = drawing(charset);
    const found = lineWith(lines, 'open page');
    assert.match(found, charset === 'ascii' ? /^-/ : /^─/);
    assert.match(found, charset === 'ascii' ? /->\|/ : /▶│/);
    const boxLeft = lines[0].search(charset === 'ascii' ? /\+/ : /┌/);
    assert.equal(found[boxLeft], side, 'the box side stays on the found message');
    const leaving = lineWith(lines, 'analytics');
    const width = Math.max(...lines.map((l) => stringWidth(l)));
    assert.equal(stringWidth(leaving), width, 'to the right edge: the last column');
    assert.match(leaving, charset === 'ascii' ? />$/ : /▶$/);
    const boxRight = Math.max(lines[0].lastIndexOf('+'), lines[0].lastIndexOf('┐'));
    assert.equal(leaving[boxRight], side, 'the box side stays on the message leaving the diagram');
  });
}

test('autonumber 10 5: 10, 15, 20… through both branches of the alt in source order; off and resume', () => {
  const lines = drawing('ascii');
  const numbered = lines.flatMap((l) => [...l.matchAll(/(\d+)\. (\w[\w ]*\w)/g)].map((m) => `${m[1]} ${m[2]}`));
  assert.deepEqual(numbered, ['10 open page', '15 checkout', '20 new', '25 reserve', '30 sorry', '35 analytics']);
  assert.match(lineWith(lines, 'created'), /-created-/, 'not numbered while off');
});

test('--durations: each takes on its row, the ref counts its sequence, the closing line', () => {
  const lines = drawing('ascii', ['--durations']);
  assert.match(lineWith(lines, 'checkout'), /\* 20ms$/);
  assert.match(lineWith(lines, 'reserve'), /\* 50ms$/);
  assert.match(lineWith(lines, '[ref]'), /\* 500ms$/);
  assert.equal(lines[lines.length - 1], 'critical path 570ms of 400ms, over budget by 170ms');
});

test('check: the budget is exceeded through the ref, and the message names it', () => {
  const r = run(['check', file('checkout.seq', CHECKOUT)]);
  const line = lineWith(r.out.split('\n'), 'budget-exceeded');
  assert.match(line, /checkout\.seq:7:\d+: warning budget-exceeded: /);
  assert.match(line, /ref "Payment" \(500 ms\)/);
});

test('check: nested-box, box-content, not-yet-created, recursive-ref and unknown-sequence at their lines', () => {
  const src = [
    'box Outer', // 1
    '  actor A', // 2
    '  box Inner', // 3
    '  end', // 4
    'end', // 5
    'box Other', // 6
    '  service S', // 7
    '  A -> S: not a declaration', // 8
    'sequence Main', // 9
    '  A -> N: too early', // 10
    '  create N', // 11
    '  A -> N: new', // 12
    '  ref over A: Main', // 13
    '  ref over A: Mian', // 14
    'end', // 15
  ].join('\n');
  const r = run(['check', file('bad.seq', src + '\n')]);
  assert.equal(r.code, 1);
  const found = r.out
    .trim()
    .split('\n')
    .map((l) => /:(\d+):\d+: \w+ ([\w-]+):/.exec(l)?.slice(1).join(' '));
  for (const want of ['3 nested-box', '8 box-content', '10 not-yet-created', '13 recursive-ref', '14 unknown-sequence'])
    assert.ok(found.includes(want), `${want} in\n${r.out}`);
});

test('a title equal to the only sequence name is printed once', () => {
  const r = run(['render', file('once.seq', 'title User login\nactor U\nservice S\nsequence User login\n  U -> S: hi\nend\n')]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.split('\n').filter((l) => l === 'User login').length, 1, r.out);
  const svg = run([
    'render',
    '--format',
    'svg',
    file('once.seq', 'title User login\nactor U\nservice S\nsequence User login\n  U -> S: hi\nend\n'),
  ]);
  assert.equal(svg.out.match(/>User login</g)?.length, 1, 'once in the SVG too');
});
