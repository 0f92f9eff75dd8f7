// The end-to-end harness: real VS Code (code-server) in Chromium, driven like a user.
//
//   import { useVSCode } from './harness/index.js';
//   describe('…', () => {
//     const vscode = useVSCode({ workspace: { 'a.seq': 'participant A\n' } });
//     it('…', async () => {
//       const wb = vscode().workbench;
//       await wb.openFile('a.seq');
//       await wb.waitForLanguageMode('Sequence Diagram');
//     });
//   });
export { useVSCode, VSCode, CHROMIUM_ARGS, type LaunchOptions } from './session.js';
export { Workbench, type Problem } from './workbench.js';
export { waitFor, DEFAULT_TIMEOUT_MS } from './poll.js';
export { repoRoot, resultsDir, manifest } from './paths.js';
export { packageVsix, installVsix } from './package.js';
