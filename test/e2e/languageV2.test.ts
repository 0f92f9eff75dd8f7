// Language v2 in the real VS Code (issue 20, "in VS Code e2e for box + create + ref"): a file
// with a box, a created participant and refs to a sequence of its own and of another file. The
// preview draws them as `lifeline render` does; hover, go to definition, the Outline and
// completion know them; `not-yet-created` shows in the Problems panel and its quick fix works.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { useVSCode, waitFor } from './harness/index.js';
import { cursorPosition, Preview, problemRows } from './harness/lifeline.js';
import { completionLabels, goToDefinition, hoverAt, outlineRows } from './harness/editorFeatures.js';

const render = (text: string) => renderDocument(analyze(text).model, { charset: 'ascii' }).text;

const MAIN = [
  'title Checkout',
  'actor User',
  'box Backend "Our backend"',
  '  service Auth "Auth Service"',
  '  database DB "Orders DB"',
  'end',
  '',
  'sequence Login within 500ms',
  '  purpose: Sign the user in',
  '  User -> Auth: POST /login',
  '  takes 120ms',
  '  create participant Session',
  '  Auth -> Session: new(userId)',
  '  Session --> Auth: token',
  '  ref over User, Auth: Pay',
  '  ref over User, DB: payments.seq#Refund',
  'end',
  '',
  'sequence Pay',
  '  purpose: Charge the card',
  '  User -> Auth: pay',
  '  takes 140ms',
  '  Auth -> DB: store',
  '  takes 30ms',
  'end',
  '',
].join('\n');

const PAYMENTS = [
  'actor User',
  'service Bank',
  '',
  'sequence Refund',
  '  purpose: Give the money back',
  '  User -> Bank: refund',
  '  takes 150ms',
  'end',
  '',
].join('\n');

/** A message to Cart before the `create` above the message that should create it. */
const LATE = [
  'actor User',
  'service Auth',
  'sequence Late',
  '  User -> Auth: hello',
  '  Auth -> Cart: add',
  '  create participant Cart',
  '  Cart --> Auth: done',
  'end',
  '',
].join('\n');
const LATE_FIXED = LATE.replace('  Auth -> Cart: add\n  create participant Cart\n', '  create participant Cart\n  Auth -> Cart: add\n');

/** The 1-based line of the first line that starts with `start`, and the column of `word` in it. */
function where(text: string, start: string, word: string): { line: number; column: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  assert.ok(i >= 0 && lines[i].includes(word), `${start} … ${word}`);
  return { line: i + 1, column: lines[i].indexOf(word) + 1 };
}

describe('language v2 in VS Code: box, create, ref', () => {
  const vscode = useVSCode({
    workspace: { 'main.seq': MAIN, 'payments.seq': PAYMENTS, 'late.seq': LATE },
    settings: {
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.minimap.enabled': false,
      'outline.collapseItems': 'alwaysExpand',
      // Completion from the server only: the words of the file would offer `Pay` too.
      'editor.wordBasedSuggestions': 'off',
    },
  });

  it('the preview draws the box frame, the created box on its creating row and the ref frames, as lifeline render does', async () => {
    const wb = vscode().workbench;
    const preview = await Preview.openBeside(wb, 'main.seq');
    const expected = render(MAIN);
    const shown = await preview.waitFor('main.seq as lifeline render draws it', (s) => s.text === expected && !s.bannerVisible, 60_000);
    assert.equal(shown.text, expected);

    // What the drawing holds, read from it: the labelled box frame around Auth and DB.
    const rows = expected.split('\n');
    const frame = rows.findIndex((r) => r.includes('+-[Our backend]-'));
    assert.ok(frame >= 0, expected);
    assert.match(rows[frame + 1], /\| \[Auth Service\] +\[Orders DB\] \|/);
    // Session's box on the row of the message that creates it, the arrow's head touching it,
    // and its column empty above.
    const creating = rows.findIndex((r) => r.includes('new(userId)'));
    assert.match(rows[creating], /-new\(userId\)-+>\[Session\]$/);
    const column = rows[creating].indexOf('[Session]');
    for (const r of rows.slice(0, creating)) assert.equal(r.slice(column, column + 9).trim(), '', `above Session: ${r}`);
    // A ref frame per ref, the referenced name inside.
    const refs = rows.map((r, i) => (r.startsWith('+-[ref]') ? i : -1)).filter((i) => i >= 0);
    assert.equal(refs.length, 2);
    assert.match(rows[refs[0] + 1], /^\| +Pay +\|/);
    assert.match(rows[refs[1] + 1], /^\| +payments\.seq#Refund +\|/);
  });

  it('hover: the box lists its participants; a ref shows its sequence’s purpose and critical path (same file and another)', async () => {
    const wb = vscode().workbench;
    await wb.openInFirstGroup('main.seq');
    const box = where(MAIN, 'box Backend', 'Backend');
    const boxHover = await hoverAt(wb, box.line, box.column + 2, /box, 2 participants/);
    assert.match(boxHover, /Our backend/);
    assert.match(boxHover, /Auth service — Auth Service/);
    assert.match(boxHover, /DB database — Orders DB/);

    const pay = where(MAIN, '  ref over User, Auth: Pay', 'Pay');
    // The ref is also a document link, whose own hover part ("Go to the sequence Pay") may come first.
    const payHover = await hoverAt(wb, pay.line, pay.column + 1, /critical path 170 ?ms/);
    assert.match(payHover, /sequence Pay/);
    assert.match(payHover, /User → Auth “pay”: 140 ?ms/);
    assert.match(payHover, /purpose: Charge the card/);

    // payments.seq is not open: the server read it from the disk.
    const refund = where(MAIN, '  ref over User, DB:', 'Refund');
    const refundHover = await hoverAt(wb, refund.line, refund.column + 1, /critical path 150 ?ms/);
    assert.match(refundHover, /sequence Refund in payments\.seq/);
    assert.match(refundHover, /purpose: Give the money back/);
  });

  it('go to definition on a ref jumps to the sequence: in the same file, and in another file', async () => {
    const wb = vscode().workbench;
    await wb.openInFirstGroup('main.seq');
    const pay = where(MAIN, '  ref over User, Auth: Pay', 'Pay');
    const payDef = where(MAIN, 'sequence Pay', 'Pay');
    await goToDefinition(wb, pay.line, pay.column + 1);
    await waitFor(
      'the cursor on `sequence Pay`',
      () => cursorPosition(wb),
      (p) => p.line === payDef.line && p.column === payDef.column,
    );

    const refund = where(MAIN, '  ref over User, DB:', 'Refund');
    const refundDef = where(PAYMENTS, 'sequence Refund', 'Refund');
    await goToDefinition(wb, refund.line, refund.column + 1);
    await wb.activeTab('payments.seq').waitFor();
    await waitFor(
      'the cursor on `sequence Refund` in payments.seq',
      () => cursorPosition(wb),
      (p) => p.line === refundDef.line && p.column === refundDef.column,
    );
  });

  it('the Outline shows the box holding its participants', async () => {
    const wb = vscode().workbench;
    await wb.openInFirstGroup('main.seq');
    const rows = await outlineRows(
      wb,
      'Backend holding Auth and DB',
      (rs) => rs.some((r) => r.label === 'Backend') && rs.some((r) => r.label === 'DB'),
    );
    const at = rows.findIndex((r) => r.label === 'Backend');
    assert.deepEqual(rows.slice(at, at + 3), [
      { level: 1, label: 'Backend' },
      { level: 2, label: 'Auth' },
      { level: 2, label: 'DB' },
    ]);
    assert.equal(rows.find((r) => r.label === 'User')?.level, 1, 'User is in no box');
  });

  it('completion after `ref over User, Auth: ` offers the sequence names', async () => {
    const wb = vscode().workbench;
    await wb.openInFirstGroup('main.seq');
    const end = where(MAIN, '  ref over User, DB:', 'DB');
    await wb.goToLine(end.line, 1);
    await wb.press('End');
    await wb.press('Enter');
    await wb.type('ref over User, Auth: ');
    const labels = await completionLabels(wb, 'the sequence Pay', (ls) => ls.includes('Pay'));
    assert.ok(labels.includes('Pay'), labels.join(', '));
    // Drop the half-typed line: the file on disk is unchanged.
    await wb.press('Control+Shift+K');
    await wb.press('Control+S');
    const back = await waitFor(
      'main.seq saved as it was',
      async () => vscode().savedText('main.seq'),
      (t) => t === MAIN,
    );
    assert.equal(back, MAIN);
  });

  it('a message before the `create` is not-yet-created; "Move `create` up" fixes the file', async () => {
    const wb = vscode().workbench;
    await wb.openInFirstGroup('late.seq');
    const message = where(LATE, '  Auth -> Cart', 'Cart');
    const problem = await wb.waitForProblem(
      'Cart not yet created',
      (p) => p.code === 'not-yet-created' && p.file === 'late.seq' && p.line === message.line,
    );
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /"Cart" does not exist yet here/);

    await wb.runCommand('View: Focus First Editor Group');
    await wb.goToLine(message.line, message.column);
    // VS Code draws the light bulb on the line above when the text leaves it no room in the line.
    await wb.quickFix(message.line - 1, /Move `create` up/);
    await waitFor(
      'the not-yet-created errors to go',
      () => problemRows(wb),
      (rows) => !rows.some((r) => r.includes('not-yet-created')),
    );
    await wb.press('Control+S');
    const fixed = await waitFor(
      'the fixed late.seq on disk',
      async () => vscode().savedText('late.seq'),
      (t) => t === LATE_FIXED,
    );
    assert.equal(fixed, LATE_FIXED);
    assert.deepEqual(
      analyze(fixed).diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });
});
