// Pathological inputs, one test each (issue 8): huge lines, deep nesting, many participants,
// NUL bytes, lone surrogates, BOMs, mixed line breaks, right-to-left text, combining marks,
// zero-width characters, terminal escapes, and the size limit in the CLI, the preview's
// render request and the export.
//
// Each big input runs in a worker thread behind a watchdog (test/fuzz/watchdog.ts) with a heap
// limit: a hang fails the test with the input named instead of stalling the run, a memory
// blow-up kills the worker. Every input also keeps the fuzz invariants (test/fuzz/checks.ts:
// nothing throws, ranges inside the document, no control characters in any output, no
// trailing blanks). Time is CPU time of the worker, checked against generous bounds that grow
// with the input; where a blow-up would be quadratic, the time at 8× the size must stay
// within 20× the time at 1× (linear is 8×, quadratic 64×).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, positionAt, type Model } from '../../server/src/core/index';
import { layoutSequence, renderDocument, renderSequence } from '../../server/src/core/render/index';
import { exportMarkdown } from '../../server/src/core/export/markdown';
import { documentLinks } from '../../server/src/features/documentLinks';
import { render as previewRender } from '../../server/src/features/render';
import { isRenderDelta, RenderRequest } from '../../server/src/lsp/protocol';
import { Client } from '../protocol/client';
import type { FuzzInput } from '../fuzz/checks';
import { checkSequence, FORBIDDEN, type Charset } from '../fuzz/renderRules';
import { Watchdog } from '../fuzz/watchdog';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'lifeline-pathological-'));

/** A hang is an input that takes longer than this; real ones take a few seconds at most. */
const DEADLINE_MS = 180_000;
const dog = new Watchdog(DEADLINE_MS, 1536);

before(async () => {
  await dog.ready();
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
});
after(async () => {
  await dog.close();
  rmSync(tmp, { recursive: true, force: true });
});

const rep = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');
const MB = 1 << 20;

/** CPU milliseconds the product may take for `chars` of input: 20 s plus 20 ms per KB (hundreds of times the measured cost). */
const budgetMs = (chars: number) => 20_000 + (chars / 1024) * 20;

/**
 * Checks one input in the worker; fails on any invariant, a hang, a crash or a time past the
 * budget. Returns the CPU time and the rendering's too-large notices. Inputs over 200 KB get
 * the lighter check (one export charset, diagnostics' ranges but not every span of the tree).
 */
async function survives(text: string, what: string): Promise<{ ms: number; notices: readonly string[] }> {
  const input: FuzzInput = { text, kind: 'hostile' };
  const r = await dog.run(input, DEADLINE_MS, { cpu: true, light: text.length > 200_000 });
  assert.deepEqual(r.violations, [], `${what}: ${r.violations.join('\n')}`);
  const ms = r.phases.analyze + r.phases.render + r.phases.export;
  assert.ok(
    ms <= budgetMs(text.length),
    `${what}: ${ms.toFixed(0)} ms of CPU for ${text.length} characters (budget ${budgetMs(text.length).toFixed(0)} ms)`,
  );
  return { ms, notices: r.notices };
}

/** The time at 8n stays within 20× the time at n (linear is 8×, quadratic 64×), and both survive. Returns the run at 8n. */
async function linear(make: (n: number) => string, n: number, what: string) {
  const small = Math.max((await survives(make(n), `${what} (${n})`)).ms, 20);
  const big = await survives(make(8 * n), `${what} (${8 * n})`);
  assert.ok(big.ms <= 20 * small, `${what}: ${big.ms.toFixed(0)} ms at ${8 * n} against ${small.toFixed(0)} ms at ${n} — more than linear`);
  return big;
}

/** The section-7 rules on every sequence of a document, both charsets, with the model's own lifelines and names as the expectation. */
function rulesHold(text: string): void {
  const { model, diagnostics } = analyze(text);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  const display = new Map(model.participants.map((p) => [p.id, p.displayName]));
  for (const sequence of model.sequences) {
    for (const charset of ['ascii', 'unicode'] as Charset[]) {
      const diagram = renderSequence(model, sequence, { charset });
      const expected = { name: sequence.name, implicit: sequence.implicit, lifelines: sequence.lifelines, messages: [] };
      assert.deepEqual(checkSequence({ model, sequence, expected, display, diagram, charset }), []);
    }
  }
}

function drawn(model: Model, charset: Charset = 'ascii'): string {
  return renderDocument(model, { charset }).text;
}

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, input, encoding: 'utf8', maxBuffer: 256 * MB });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// ---------------------------------------------------------------------------

describe('a 1 MB single line', () => {
  test('a message with a 1 MB label: bounded, and too wide to draw', async () => {
    const { notices } = await survives(`A -> B: ${'x'.repeat(MB)}`, '1 MB label');
    assert.match(notices[0], /^Diagram too large to draw: .* x 1,048,5\d\d columns/);
  });

  test('a 1 MB arrow (PlantUML stalled 71 s on a long one): one syntax error, at once', async () => {
    const text = `A ${'-'.repeat(MB)}> B: long\n`;
    await survives(text, '1 MB arrow');
    assert.deepEqual(
      analyze(text).diagnostics.map((d) => d.code),
      ['syntax'],
    );
  });

  for (const [what, text] of [
    ['a 1 MB identifier', 'A'.repeat(MB)],
    ['a 1 MB unterminated quote', `"${'q'.repeat(MB)}`],
    ['a 1 MB comment', `# ${'c'.repeat(MB)}`],
    ['a 256 KB quoted name of 44,000 lines (the export took minutes)', `participant "${'\\"\\\\\\n'.repeat(MB / 24)}"`],
    ['1 MB of arrows', 'A'.concat('->A'.repeat(MB / 3))],
    ['1 MB of colons after a message', `A -> B${':'.repeat(MB)}`],
    ['a 1 MB title', `title ${'t '.repeat(MB / 2)}`],
    ['a 1 MB sequence name of "within"', `sequence ${'within '.repeat(MB / 7)}2s\nA -> B\nend`],
    ['a 1 MB duration', `A -> B\ntakes ${'9'.repeat(MB)}ms\ntimeout ${'9'.repeat(MB)}s: late`],
    ['a 1 MB budget', `sequence S within ${'9'.repeat(MB)}ms\nA -> B\ntakes 1ms\nend`],
    ['a note over 30,000 participants', `note over ${rep(30_000, (i) => `p${i}, `)}z: many`],
    ['a flow of 30,000 steps', `flow F: ${rep(30_000, (i) => `p${i} -> `)}z`],
    ['a 1 MB divider and delay', `${'='.repeat(MB)}\n${'.'.repeat(MB)}\n${'…'.repeat(MB / 2)}`],
    ['1 MB of blanks and a statement', `${' \t\u00a0\ufeff'.repeat(MB / 4)}A -> B: hi`],
  ] as const) {
    test(`${what}: bounded`, async () => {
      await survives(text, what);
    });
  }
});

describe('10,000 nested fragments', () => {
  const nested = (n: number, tail = 'end\n'.repeat(n)) =>
    rep(n, (i) => `${['alt', 'loop', 'par', 'opt', 'critical', 'group', 'break'][i % 7]} level ${i}\n`) + 'A -> B: deep\n' + tail;

  test('closed: linear time (against 1,250), analysed without errors, too large to draw (the export shows the same notice)', async () => {
    const { notices } = await linear((n) => nested(n), 1_250, 'nesting');
    assert.match(notices[0], /^Diagram too large to draw: [\d,]+ rows x 40,001 columns/, 'each level takes 4 columns');
    assert.deepEqual(
      analyze(nested(10_000)).diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  test('never closed; an else-if chain 3,000 deep (the export was quadratic); inside a sequence', async () => {
    await survives(nested(10_000, ''), 'nested, unclosed');
    await survives(
      rep(3_000, () => 'alt\nA -> B\nelse\n'),
      'nested alt/else, unclosed',
    );
    await survives(`sequence S\n${nested(10_000, 'end\n'.repeat(5_000))}sequence T\nA -> B\nend\n`, 'nested in a sequence');
  });
});

describe('100,000 participants', () => {
  test('declared: bounded, and too wide to draw', async () => {
    const { notices } = await survives(rep(100_000, (i) => `participant p${i} "P ${i}"\n`) + 'p0 -> p99999: across\n', '100,000 declared');
    assert.match(notices[0], /^Diagram too large to draw: \d+ rows x [\d,]+ columns/);
  });

  test('used without a declaration, each in a message', async () => {
    await survives(
      rep(20_000, (i) => `p${i} -> p${i + 1}: m\n`),
      '20,000 implicit',
    );
  });

  test('linear: undeclared names against many declared ones (the "did you mean" suggestions were quadratic)', async () => {
    await linear((n) => rep(n, (i) => `participant user${i}\n`) + rep(n, (i) => `usr${i} -> user${i}\n`), 500, 'suggestions');
  });

  test('linear: many named sequences over many participants (each scanned every participant)', async () => {
    await linear(
      (n) => rep(n, (i) => `participant p${i}\n`) + rep(n, (i) => `sequence s${i}\np${i} -> p${(i * 7) % n}\nend\n`),
      1_000,
      'sequences',
    );
  });

  test('linear: every arrow spanning every lifeline (the layout was quadratic)', async () => {
    await linear((n) => rep(n, (i) => `participant p${i}\n`) + rep(n, () => `p0 -> p${n - 1}: far\n`), 1_000, 'wide arrows');
  });
});

describe('characters', () => {
  test('NUL bytes: drawn as ?, never output raw; the CLI refuses the file as binary, in one clear line', async () => {
    const text = 'participant "A\u0000B"\nA\u0000 -> B: bad name\nA -> B: x\u0000y\n"A\u0000B" -> B: \u0000\n\u0000\u0000\u0000\n';
    await survives(text, 'NUL');
    const out = drawn(analyze(text).model);
    assert.ok(!out.includes('\u0000'));
    assert.match(out, /x\?y/);
    const file = join(tmp, 'nul.seq');
    writeFileSync(file, text);
    const r = cli(['render', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /binary/);
    assert.ok(!/\u0000/.test(r.out + r.err));
  });

  test('lone surrogates: never in any output, no range cuts a pair', async () => {
    const text =
      'participant "\ud800" "\udfff name"\nA\ud83d -> B: half \ud83d of an emoji 😀\nB --> "\ud800": \udc00\n"😀" -> "😀\ud800"\n\ud800';
    await survives(text, 'lone surrogates');
    for (const charset of ['ascii', 'unicode'] as Charset[]) {
      const { model } = analyze(text);
      assert.ok(!FORBIDDEN.test(drawn(model, charset)));
      assert.ok(!FORBIDDEN.test(exportMarkdown(model, { charset })));
    }
  });

  test('a BOM: ignored at the start (the CLI strips it too), zero-width inside a label', async () => {
    const plain = 'actor User\nUser -> Shop: buy\n';
    const a = analyze(`\ufeff${plain}`);
    assert.deepEqual(
      a.diagnostics.map((d) => d.code),
      analyze(plain).diagnostics.map((d) => d.code),
    );
    assert.equal(drawn(a.model), drawn(analyze(plain).model));
    await survives(`\ufeff\ufeff${plain}User -> Shop: zero\ufeffwidth\n\ufeff# comment\n`, 'BOM');
    rulesHold(`actor User\nUser -> Shop: zero\ufeffwidth\n`);
    const file = join(tmp, 'bom.seq');
    writeFileSync(file, `\ufeff${plain}`);
    assert.equal(cli(['render', file]).out, drawn(analyze(plain).model));
  });

  test('mixed CRLF, LF and CR: the same model and drawing as LF, problems on the right lines', async () => {
    const lines = ['actor A', 'A -> B: one', 'nonsense here', 'B --> A: two', 'alt x', 'A -> A: self'];
    const lf = lines.join('\n');
    const mixed = lines.map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('');
    await survives(mixed, 'mixed line breaks');
    const a = analyze(mixed);
    assert.equal(drawn(a.model), drawn(analyze(lf).model));
    const at = (t: string) => {
      const x = analyze(t);
      return x.diagnostics.map((d) => `${d.code}@${positionAt(x.document.lineStarts, t, d.offset).line}`);
    };
    assert.deepEqual(at(mixed), at(lf));
    assert.deepEqual(at(mixed), ['undeclared-participant@1', 'syntax@2', 'undeclared-participant@3', 'unclosed-block@4']);
    const unclosed = a.diagnostics.find((d) => d.code === 'unclosed-block')!;
    // The `end` goes after `A -> A: self\r`, and takes that line's break (a lone CR).
    assert.ok(
      unclosed.data?.kind === 'unclosed-block' && unclosed.data.insertText === 'end\r',
      'the fix uses the break of the line before it',
    );
  });

  test('right-to-left text and bidi controls: lifelines stay straight, no bidi control reaches the output', async () => {
    const text =
      'actor مستخدم "المستخدم"\nsystem שרת "שרת ראשי"\nمستخدم -> שרת: طلب \u202eevil\u202c تسجيل\nשרת --> مستخدم: תשובה \u2067isolate\u2069 ok\nnote over שרת: ملاحظة\n';
    await survives(text, 'RTL');
    rulesHold(text);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(drawn(analyze(text).model)));
  });

  test('combining marks: NFC and NFD names are one participant; Zalgo labels keep lifelines straight', async () => {
    const zalgo = 'Z' + '\u0301\u0316\u0333'.repeat(40) + 'algo';
    const text = `actor café\ncafe\u0301 -> Bo: ${zalgo}\nBo --> café: e\u0301\u0301\u0301 ok\nnote over Bo: ${zalgo}\n`;
    await survives(text, 'combining');
    const { model, diagnostics } = analyze(text);
    assert.deepEqual(
      model.participants.map((p) => p.id),
      ['café', 'Bo'],
    );
    assert.ok(!diagnostics.some((d) => d.code === 'undeclared-participant' && d.message.includes('caf')));
    rulesHold(text);
    await survives(`A -> B: ${'\u0301'.repeat(MB)}`, '1 MB of combining marks');
  });

  test('zero-width characters: names differing by one are distinct; zero-width labels and names keep lifelines straight', async () => {
    const text =
      'participant "A\u200bB"\nparticipant AB\n"A\u200bB" -> AB: \u200b\u200c\u200d\u2060\nAB --> "A\u200bB": zero\u200dwidth\n"\u200b" -> AB: empty name\n';
    await survives(text, 'zero-width');
    assert.equal(analyze(text).model.participants.length, 3);
    rulesHold(text);
  });
});

describe('hostile `related:` targets', () => {
  test('only files and web pages become links: no `command:`, `vscode:`, `javascript:` or `data:` link to click', () => {
    const text = [
      'related: command:workbench.action.terminal.sendSequence?%5B%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D%5D',
      'related: vscode://ms-vscode.some-extension/run?x=1',
      'related: javascript:alert(1)',
      'related: data:text/html,<script>alert(1)</script>',
      'related: COMMAND:workbench.action.quit',
      'related: other.seq',
      'related: https://example.com/diagram.seq',
    ].join('\n');
    const doc = { uri: 'file:///work/a.seq', version: 1, analysis: analyze(text) };
    const targets = documentLinks(doc).map((l) => l.target);
    assert.deepEqual(targets, ['file:///work/other.seq', 'https://example.com/diagram.seq']);
    // The export keeps such a path relative (./command:…), so a Markdown viewer opens no command either.
    const md = exportMarkdown(doc.analysis.model);
    assert.ok(!/\]\((command|vscode|javascript|data):/i.test(md));
  });
});

describe('terminal escape sequences in labels', () => {
  const ESC = /[\u001b\u009b\u0007\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  const text = [
    'title \u001b]0;pwned\u0007Title',
    'participant "\u001b[31mRed\u001b[0m" "Shown \u001b[2J"',
    '"\u001b[31mRed\u001b[0m" -> B: \u001b[1mbold\u001b[0m \u009b31m C1 \u001b]8;;http://x\u0007link\u001b]8;;\u0007',
    'B --> "\u001b[31mRed\u001b[0m": bell\u0007 back\bspace',
    'note over B: \u001bc reset',
    '"\u001b[6n" -> B: undeclared with an escape',
    'alt \u001b[5mblink',
    'end',
    '',
  ].join('\n');

  test('the core draws them as ?', async () => {
    await survives(text, 'escapes');
    for (const charset of ['ascii', 'unicode'] as Charset[]) {
      const { model } = analyze(text);
      assert.ok(!ESC.test(drawn(model, charset).replace(/\n/g, '')));
      assert.ok(!ESC.test(exportMarkdown(model, { charset }).replace(/\n/g, '')));
    }
  });

  test('the built CLI never prints a raw ESC (render, check text and JSON, export Markdown and text)', () => {
    const file = join(tmp, 'escapes.seq');
    writeFileSync(file, text);
    const runs = [
      cli(['render', file]),
      cli(['render', file, '--charset', 'unicode']),
      cli(['render', '-'], text),
      cli(['check', file]),
      cli(['check', file, '--format', 'json']),
      cli(['export', file, '--format', 'markdown']),
      cli(['export', file, '--format', 'txt', '--charset', 'unicode']),
      cli(['render', file, '--sequence', '\u001b[31m']),
    ];
    for (const r of runs) {
      assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `exit ${r.code}`);
      assert.ok(
        !ESC.test((r.out + r.err).replace(/[\n\r]/g, '')),
        `raw control character in ${JSON.stringify((r.out + r.err).slice(0, 300))}`,
      );
    }
    assert.match(runs[0].out, /\?\[1mbold\?\[0m/);
  });

  test('nor for a file whose name holds an escape', () => {
    const file = join(tmp, 'bad\u001b[31mname.seq');
    writeFileSync(file, 'A -> B\nnonsense\n');
    for (const r of [cli(['render', file]), cli(['check', file]), cli(['export', file]), cli(['render', join(tmp, 'gone\u001b[2J.seq')])]) {
      assert.ok(!ESC.test((r.out + r.err).replace(/\n/g, '')), `raw ESC in ${JSON.stringify(r.out + r.err)}`);
    }
  });
});

describe('past the size limit: the same notice in the CLI, the preview and the export', () => {
  const rows = 'participant A\nparticipant B\n' + rep(100_000, (i) => `A -> B: m${i}\n`);
  const wide = `A -> B: ${'w'.repeat(4_100)}\n`;
  const bigFile = join(tmp, 'rows.seq');
  const wideFile = join(tmp, 'wide.seq');
  let rowsNotice = '';

  test('100,000 messages (over 100,000 rows): the CLI, the export and the preview print the notice', () => {
    const analysis = analyze(rows);
    rowsNotice = drawn(analysis.model).trimEnd();
    assert.match(
      rowsNotice,
      /^Diagram too large to draw: 100,002 rows x \d+ columns \(limit 100,000 rows, 4,000 columns or 20,000,000 cells\)\. Split it into smaller sequences\.$/,
    );
    writeFileSync(bigFile, rows);
    const r = cli(['render', bigFile]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trimEnd(), rowsNotice);
    const preview = previewRender({ uri: 'file:///rows.seq', version: 1, analysis }, { charset: 'ascii' }, renderDocument);
    assert.equal(preview.tooLarge, true);
    assert.equal(preview.text.trimEnd(), rowsNotice);
    assert.ok(exportMarkdown(analysis.model).includes(`\n${rowsNotice}\n`));
  });

  test('a 4,100-cell label (over 4,000 columns): the CLI render and Markdown export, the export in-process and the preview print the notice', async () => {
    await survives(wide, 'wide');
    const { model } = analyze(wide);
    const notice = drawn(model).trimEnd();
    assert.match(notice, /^Diagram too large to draw: 3 rows x 4,1\d\d columns/);
    writeFileSync(wideFile, wide);
    assert.equal(cli(['render', wideFile]).out.trimEnd(), notice);
    assert.ok(cli(['export', wideFile, '--format', 'markdown']).out.includes(`\n${notice}\n`));
    assert.equal(cli(['export', wideFile, '--format', 'txt']).out.trimEnd(), notice);
    // In Unicode the header's boxes add two rows: the same sentence, its own figures.
    const unicode = drawn(model, 'unicode').trimEnd();
    assert.match(unicode, /^Diagram too large to draw: 5 rows × 4,1\d\d columns/);
    assert.ok(exportMarkdown(model, { charset: 'unicode' }).includes(`\n${unicode}\n`));
    const preview = previewRender({ uri: 'file:///wide.seq', version: 1, analysis: analyze(wide) }, { charset: 'unicode' }, renderDocument);
    assert.equal(preview.text.trimEnd(), unicode);
  });

  test('over 20,000,000 cells, under the row and column limits: the notice from the CLI, the export and the preview, without drawing', async () => {
    // 450 lifelines (~3,600 columns) and 6,000 notes (18,000 rows): 65 million cells.
    const cells = rep(450, (i) => `participant p${i}\n`) + 'p0 -> p449: across\n' + rep(6_000, (i) => `note over p${i % 450}: n${i}\n`);
    await survives(cells, 'cells');
    const analysis = analyze(cells);
    const layout = layoutSequence(analysis.model, analysis.model.sequences[0]);
    assert.ok(layout.tooLarge && layout.rows.length === 0, 'given up before the walk');
    assert.ok(layout.rowCount <= 100_000 && layout.width <= 4_000 && layout.rowCount * layout.width > 20_000_000);
    const notice = drawn(analysis.model).trimEnd();
    assert.match(
      notice,
      /^Diagram too large to draw: [\d,]+ rows x 3,\d{3} columns \(limit 100,000 rows, 4,000 columns or 20,000,000 cells\)/,
    );
    const cellsFile = join(tmp, 'cells.seq');
    writeFileSync(cellsFile, cells);
    assert.equal(cli(['render', cellsFile]).out.trimEnd(), notice);
    assert.equal(cli(['export', cellsFile, '--format', 'txt']).out.trimEnd(), notice);
    assert.ok(exportMarkdown(analysis.model).includes(`\n${notice}\n`));
    const preview = previewRender({ uri: 'file:///cells.seq', version: 1, analysis }, { charset: 'unicode' }, renderDocument);
    assert.equal(preview.tooLarge, true);
    assert.match(preview.text, /rows × 3,\d{3} columns/, 'Unicode output keeps ×');
  });

  test('the language server answers the render request with the notice and keeps working', async () => {
    const { client } = await Client.start();
    try {
      const big = pathToFileURL(bigFile).toString();
      const small = pathToFileURL(join(tmp, 'small.seq')).toString();
      await client.open(big, rows);
      const out = await client.connection.sendRequest(RenderRequest, { uri: big, charset: 'ascii' });
      assert.ok(out && out.tooLarge && !isRenderDelta(out));
      assert.equal(out.text.trimEnd(), rowsNotice);
      await client.diagnosticsFor(big, 1);
      await client.open(small, 'A -> B: still here\n');
      const next = await client.connection.sendRequest(RenderRequest, { uri: small, charset: 'unicode' });
      assert.ok(next && !next.tooLarge && !isRenderDelta(next) && next.text.includes('still here'));
    } finally {
      await client.stop();
    }
  });
});
