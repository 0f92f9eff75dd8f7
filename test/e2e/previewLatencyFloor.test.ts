// The floor under issue 7's keystroke → preview budget: the keys previewLatency.test.ts types
// into Lifeline's preview, typed into the same file with Lifeline not loaded at all. The
// extension under development is test/fixtures/echo-extension: a webview showing the document's
// lines, to which each edit's lines are posted — no language server, no parsing, no drawing. Its
// keydown → page DOM time is what VS Code (the editor, its RPC to the extension host, the post to
// the webview), code-server and Chromium take on this machine before any extension does any work;
// Lifeline's figure can only be above it. The figures go to test-results/preview-latency-floor.json,
// which `npm run bench` reports beside the budget; this test fails when the page shows anything
// but the document's lines.
//
// LIFELINE_TRACE_DIR=dir records a Chromium trace of the typing beside the samples, as
// previewLatency.test.ts does (`node --import tsx scripts/bench/keystrokeTrace.ts dir` sums it up).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, resultsDir, useVSCode } from './harness/index.js';
import { ChromeTracer } from './harness/chromeTrace.js';
import { KeystrokeProbe, loadAverage } from './harness/keystrokes.js';
import { Preview } from './harness/lifeline.js';
import { LATENCY_DOC, LATENCY_FILE, LATENCY_SETTINGS, latencyLine, latencyReport, typeAtSpots, waitForCursorLine } from './latencyRun.js';

// Absolute: the language server, which writes its message log there, runs in another directory.
const TRACE_DIR = process.env.LIFELINE_TRACE_DIR ? resolve(process.env.LIFELINE_TRACE_DIR) : undefined;

/** What the echo page shows for a text: every line, each ending in a line break. */
const echoed = (text: string) =>
  text
    .split('\n')
    .map((l) => `${l}\n`)
    .join('');

describe('keystroke → a webview that only echoes the edit: the floor (issue 7)', () => {
  const vscode = useVSCode({
    workspace: { [LATENCY_FILE]: LATENCY_DOC.seq },
    extensionDevelopmentPath: join(repoRoot(), 'test', 'fixtures', 'echo-extension'),
    settings: LATENCY_SETTINGS,
  });

  it('shows every keystroke, and records how long each took with no extension work', async (t) => {
    const loadAtStart = loadAverage();
    const wb = vscode().workbench;
    // The page's structure is the one the probes read in Lifeline's preview (#diagram, .row, data-version).
    const page = new Preview(wb);
    // The palette lists the commands known when it opens: wait until the extension is running.
    await vscode().waitForActivation('lifeline-test.echo-preview');
    await wb.openFile(LATENCY_FILE);
    await wb.runCommand('Echo Preview: Open to the Side');
    const first = echoed(LATENCY_DOC.seq);
    await page.waitFor('the lines of the 1,000-message file', (s) => s.text === first, 120_000);

    const probe = await KeystrokeProbe.install(wb, page);
    if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
    const tracer = TRACE_DIR ? await ChromeTracer.start(wb.page) : undefined;
    const run = await typeAtSpots(wb, probe, LATENCY_DOC.seq, {
      settle: (spot) => waitForCursorLine(wb, spot.line + 1),
      check: async (current, key, sample) => {
        const shown = await probe.text();
        assert.ok(
          shown === echoed(current),
          `after typing "${key}" the page shows the document's lines (${shown.length} vs ${echoed(current).length} characters)`,
        );
        assert.equal(sample.rowsTouched, 1, `typing "${key}" changed one line; the page touched ${sample.rowsTouched} rows`);
      },
    });
    if (tracer && TRACE_DIR) writeFileSync(join(TRACE_DIR, 'chrome-trace.json'), JSON.stringify(await tracer.stop()));
    await probe.addStages(run.samples);
    assert.equal(run.text.length, LATENCY_DOC.seq.length + 40);

    const report = latencyReport(
      "keydown in the workbench page -> an echo webview's DOM showing that edit (no Lifeline: test/fixtures/echo-extension)",
      {},
      run,
      loadAtStart,
    );
    mkdirSync(resultsDir(), { recursive: true });
    // A traced run's figures are slowed by the tracing: they go beside the trace, not to the benchmark.
    writeFileSync(
      TRACE_DIR ? join(TRACE_DIR, 'preview-latency.json') : join(resultsDir(), 'preview-latency-floor.json'),
      JSON.stringify(report, null, 2) + '\n',
    );
    const line = latencyLine('keystroke -> echo webview (the floor)', report, loadAtStart);
    console.log(`# ${line}`);
    console.log(`# stages (p50/p95 ms): ${JSON.stringify(report.stages)}`);
    console.log(`# CPU per keystroke (ms): ${JSON.stringify(report.cpuPerKeystroke)}`);
    t.diagnostic(line);
    assert.equal(run.samples.length, 40);
    // Every sample found the page's trace of the update that showed it.
    assert.ok(
      run.samples.every((s) => s.stages !== undefined),
      'every keystroke has its breakdown',
    );
  });
});
