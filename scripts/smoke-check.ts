// Part of scripts/smoke-start.sh: opens the workbench URL that `npm start` printed in Chromium
// and checks that it shows the examples with Lifeline running: a .seq file opens in its
// language and the extension has activated.
//   node --import tsx scripts/smoke-check.ts URL
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/e2e/harness/session.js';
import { waitFor } from '../test/e2e/harness/poll.js';
import { Workbench } from '../test/e2e/harness/workbench.js';
import { chromiumPath } from './prerequisites.js';

async function main(url: string): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'lifeline-smoke-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const wb = new Workbench(page, url);
    await wb.open();
    await wb.openFile('quick-start.seq');
    await wb.waitForLanguageMode('Sequence Diagram');
    const status = await waitFor(
      'Lifeline activated',
      () => wb.runningExtensionStatus('lifeline'),
      (s) => /Activation/.test(s ?? ''),
      60_000,
    );
    console.log(`[smoke] quick-start.seq opens as "Sequence Diagram"; Lifeline: ${status}`);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const url = process.argv[2];
if (!url) {
  console.error('usage: node --import tsx scripts/smoke-check.ts URL');
  process.exit(2);
}
main(url).catch((e: unknown) => {
  console.error(`[smoke] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
