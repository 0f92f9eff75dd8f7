// The extension-host side of `npm run test:vscode`: VS Code loads this bundle (built by
// ../runTest.ts) through --extensionTestsPath and calls run(). It runs the mocha suites and
// rejects when a test fails (how @vscode/test-electron learns the outcome); with
// LIFELINE_VSCODE_TEST_RESULTS set it also writes the results there as JSON (how the
// code-server mode learns it, since code-server reports nothing).
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: string[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false });
  // The suites are bundled into this file, so define mocha's globals before they load.
  mocha.suite.emit('pre-require', globalThis, 'lifeline', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after mocha's globals exist, not hoisted
  require('./extension.suite');

  const results: SuiteResults = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.LIFELINE_VSCODE_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} of ${failures + results.passed.length} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => results.failed.push({ title: t.fullTitle(), error: err.stack ?? String(err) }));
  });
}
