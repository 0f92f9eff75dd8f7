// The language server's life as the user sees it (issue 5's client duties, issue 8's "the
// extension restarts a dead server and tells the user"): a server that dies is restarted, the
// user is told, and the preview carries on; a server that cannot start is reported clearly.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { repoRoot, useVSCode, waitFor } from './harness/index.js';
import { languageServerPids, notificationMessages, Preview } from './harness/lifeline.js';

const render = (text: string) => renderDocument(analyze(text).model, { charset: 'ascii' }).text;
const SHOP = 'actor User\nsystem Shop\nUser -> Shop: buy\n';

describe('a language server that dies', () => {
  const vscode = useVSCode({ workspace: { 'shop.seq': SHOP }, settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' } });
  const serverModule = join(repoRoot(), 'dist', 'server.js');

  it('is restarted, the user is told, and the preview keeps following the edits', async () => {
    const wb = vscode().workbench;
    const preview = await Preview.openBeside(wb, 'shop.seq');
    await preview.waitFor('the diagram', (s) => s.text === render(SHOP), 60_000);

    const [pid, ...others] = await waitFor(
      'one language server process',
      async () => languageServerPids(vscode(), serverModule),
      (p) => p.length === 1,
    );
    assert.deepEqual(others, []);
    process.kill(pid, 'SIGKILL'); // a process of this test's own code-server group

    const told = await waitFor(
      'the restart notification',
      () => notificationMessages(wb),
      (ns) => ns.some((n) => /language server stopped unexpectedly and was restarted/.test(n)),
    );
    assert.ok(told.length > 0);
    const [next] = await waitFor(
      'a new language server process',
      async () => languageServerPids(vscode(), serverModule),
      (p) => p.length === 1 && p[0] !== pid,
    );
    assert.notEqual(next, pid);

    // The preview is served by the new server.
    await wb.goToLine(4);
    await wb.type('Shop --> User: receipt');
    await wb.press('Escape');
    const after = `${SHOP}Shop --> User: receipt`;
    const s = await preview.waitFor('the edit made after the restart, no banner', (x) => x.text === render(after) && !x.bannerVisible);
    assert.equal(s.bannerVisible, false);
  });
});

describe('a language server that cannot start', () => {
  // The extension as shipped, minus its server bundle.
  const broken = mkdtempSync(join(tmpdir(), 'lifeline-no-server-'));
  before(() => {
    for (const part of ['package.json', 'media', 'syntaxes', 'language-configuration.json', 'dist/extension.js', 'dist/webview.js']) {
      cpSync(join(repoRoot(), part), join(broken, part), { recursive: true });
    }
  });
  after(() => rmSync(broken, { recursive: true, force: true }));
  const vscode = useVSCode({ workspace: { 'shop.seq': SHOP }, extensionDevelopmentPath: broken });

  it('says so clearly, and the preview says why it cannot draw', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.openFile('shop.seq');
    await wb.waitForLanguageMode('Sequence Diagram');
    const shown = await waitFor(
      'the error notification',
      () => notificationMessages(wb),
      (ns) => ns.some((n) => /language server could not start/.test(n)),
    );
    const message = shown.find((n) => /could not start/.test(n)) as string;
    assert.match(message, /dist\/server\.js is missing/);
    assert.match(message, /npm run build/);

    await wb.runCommand('View: Focus First Editor Group');
    await wb.press('Control+Shift+V'); // Open Preview, in the editor's place
    const s = await preview.waitFor('the banner', (x) => x.bannerVisible, 60_000);
    await wb.page.locator('.tab', { hasText: 'Preview shop.seq' }).waitFor();
    assert.match(s.bannerText, /language server is not running/);
  });
});
