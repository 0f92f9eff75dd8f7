// The packaged extension, not the development folder: `npm run package` builds a .vsix that
// `code-server --install-extension` installs into a fresh extensions folder, and it works there.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installVsix, manifest, packageVsix, useVSCode, waitFor } from './harness/index.js';
import { BROKEN, SEQ_LANGUAGE } from './scenarios.js';

const scratch = mkdtempSync(join(tmpdir(), 'lifeline-vsix-'));
const extensionsDir = join(scratch, 'extensions');
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packaged .vsix', () => {
  const { publisher, name, version } = manifest();
  const id = `${publisher}.${name}`;
  const installed = join(extensionsDir, `${id}-${version}`);
  before(async () => {
    await installVsix(packageVsix(scratch), extensionsDir);
  });

  it('ships the runtime files and what the README links, nothing else', () => {
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8', withFileTypes: false }).map((f) =>
      relative(installed, join(installed, f)),
    );
    assert.ok(files.includes(join('dist', 'extension.js')), 'dist/extension.js');
    assert.ok(files.includes(join('dist', 'server.js')), 'dist/server.js');
    const unexpected = files.filter(
      (f) =>
        !/^(dist|syntaxes|media|docs|examples)([\\/]|$)|^(package\.json|language-configuration\.json|readme\.md|license(\.\w+)?|changelog\.md|\.vsixmanifest)$/i.test(
          f,
        ),
    );
    assert.deepEqual(unexpected, []);
    // The installed extension's page is its README: every relative link must reach a shipped file.
    const readmeFile = files.find((f) => f.toLowerCase() === 'readme.md');
    assert.ok(readmeFile, 'README.md shipped');
    const readme = readFileSync(join(installed, readmeFile), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
    assert.ok(links.length >= 4, `links found: ${links.join(', ')}`);
    const missing = links.filter((l) => !files.some((f) => f.toLowerCase() === join(l).toLowerCase()));
    assert.deepEqual(missing, [], 'README links to files the package does not ship');
    assert.deepEqual(
      files.filter((f) => f.endsWith('.map')),
      [],
      'no source maps',
    );
  });

  describe('installed into a fresh VS Code', () => {
    const vscode = useVSCode({
      workspace: { [BROKEN.file]: BROKEN.text },
      extensionDevelopmentPath: false,
      extensionsDir,
    });

    it('is a normal window, not an extension development host', async () => {
      const wb = vscode().workbench;
      await waitFor(
        'the workspace title',
        () => wb.title(),
        (t) => t.includes('lifeline-workspace'),
      );
      assert.doesNotMatch(await wb.title(), /Extension Development Host/);
    });

    it('activates on a .seq file and its language server reports problems', async () => {
      const wb = vscode().workbench;
      await wb.openFile(BROKEN.file);
      await wb.waitForLanguageMode(SEQ_LANGUAGE.name);
      assert.equal(await vscode().waitForActivation(id), SEQ_LANGUAGE.activationEvent);
      const { source, code, line } = BROKEN.expected;
      const problem = await wb.waitForProblem(`${source} ${code}`, (p) => p.source === source && p.code === code);
      assert.equal(problem.line, line);
    });
  });
});
