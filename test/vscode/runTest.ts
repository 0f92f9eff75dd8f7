// `npm run test:vscode`: the suite in ./suite inside a real VS Code.
//
//   node --import tsx test/vscode/runTest.ts                desktop VS Code via @vscode/test-electron
//                                                           (downloads it: needs the internet)
//   node --import tsx test/vscode/runTest.ts --code-server  the same suite in code-server's extension
//                                                           host, for machines that cannot download
//
// VSCODE_TEST_VERSIONS picks the desktop versions (default: the minimum in package.json's
// engines.vscode, then stable).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { repoRoot, VSCode, waitFor } from '../e2e/harness/index.js';
import { WORKSPACE } from '../e2e/scenarios.js';
import type { SuiteResults } from './suite/index.js';

const root = repoRoot();

async function main(): Promise<number> {
  const bundle = join(root, 'out', 'vscode-test', 'suite.js');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'vscode', 'suite', 'index.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode is the host's; mocha is loaded from node_modules (it reads its own files at run time).
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'lifeline-vscode-test-'));
  try {
    for (const [path, text] of Object.entries(WORKSPACE)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    return process.argv.includes('--code-server') ? await inCodeServer(bundle, workspace) : await inDesktop(bundle, workspace);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function inDesktop(bundle: string, workspace: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimum = manifest.engines.vscode.replace(/^[^\d]*/, '');
  const versions = (process.env.VSCODE_TEST_VERSIONS ?? `${minimum},stable`).split(',').map((v) => v.trim());
  for (const version of versions) {
    console.log(`\n# VS Code ${version}`);
    const code = await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: bundle,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    if (code !== 0) return code;
  }
  return 0;
}

async function inCodeServer(bundle: string, workspace: string): Promise<number> {
  const resultsFile = join(mkdtempSync(join(tmpdir(), 'lifeline-vscode-results-')), 'results.json');
  const vscode = await VSCode.launch({
    workspace,
    extensionTestsPath: bundle,
    env: { LIFELINE_VSCODE_TEST_RESULTS: resultsFile },
  });
  try {
    await waitFor('the suite to finish in the extension host', async () => existsSync(resultsFile), Boolean, 5 * 60_000);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
    for (const t of results.passed) console.log(`ok - ${t}`);
    for (const t of results.failed) console.log(`not ok - ${t.title}\n${t.error.replace(/^/gm, '  ')}`);
    console.log(`# pass ${results.passed.length}\n# fail ${results.failed.length}`);
    return results.failed.length ? 1 : 0;
  } catch (e) {
    console.error(`${(e as Error).message}\n(logs kept in ${await vscode.saveArtifacts('vscode-suite-in-code-server')})`);
    return 1;
  } finally {
    await vscode.close();
    rmSync(dirname(resultsFile), { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'EAI_AGAIN') {
      console.error(
        '\nVS Code cannot be downloaded from here; run the same suite in code-server instead:\n  npm run test:vscode -- --code-server',
      );
    }
    process.exit(1);
  },
);
