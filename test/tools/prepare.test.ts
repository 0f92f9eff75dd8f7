// The front door's pieces that need no network: the environment the private Node 24 runs in,
// and the one message that names what to install.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cachePaths, cleanEnv } from '../../scripts/code-server-paths.js';
import { missingMessage, SYSTEM_PACKAGES, TEST_PACKAGES } from '../../scripts/prerequisites.js';

// What `npm start` (npm 11 on Node 20) puts into its scripts' environment, as seen in one.
const OUTER_NPM = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_lifecycle_event: 'start',
  npm_lifecycle_script: 'npm run build && node --import tsx scripts/start.ts',
  npm_package_name: 'lifeline',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  npm_command: 'start',
  INIT_CWD: '/work/main',
  NODE: '/usr/bin/node',
  PATH: '/work/main/node_modules/.bin:/work/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
};

test('cleanEnv: nothing of the outer npm reaches Node 24; its PATH comes first', () => {
  const p = cachePaths('/cache');
  const env = cleanEnv(p, OUTER_NPM);
  assert.deepEqual(Object.keys(env).sort(), ['HOME', 'LANG', 'PATH']);
  assert.deepEqual(env.PATH?.split(':'), [join(p.nodeDir, 'bin'), '/usr/local/bin', '/usr/bin']);
});

test('missingMessage: names every missing package, the command, and what it is elsewhere', () => {
  const m = missingMessage([SYSTEM_PACKAGES.chromium, SYSTEM_PACKAGES.plantuml]);
  assert.match(m, /sudo apt-get update && sudo apt-get install -y --no-upgrade chromium plantuml\n/);
  assert.match(m, /- chromium: the end-to-end tests drive VS Code in Chromium/);
  assert.match(m, /not on Debian or Ubuntu: Chromium or Chrome, with LIFELINE_CHROMIUM set to its binary; PlantUML/);
});

test("npm test prepares every suite's system packages", () => {
  assert.deepEqual(TEST_PACKAGES.flatMap((p) => p.apt).sort(), ['chromium', 'g++', 'make', 'neovim', 'plantuml', 'python3']);
});

test('without apt-get, prepare stops at once with one message naming what to install', () => {
  // A PATH holding node alone: no apt-get, no nvim, no plantuml, no compilers.
  const bin = mkdtempSync(join(tmpdir(), 'lifeline-bare-'));
  try {
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare.ts', '--tests', '--system'], {
      encoding: 'utf8',
      env: { PATH: bin, HOME: process.env.HOME, LIFELINE_CHROMIUM: join(bin, 'no-chromium') },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^\nMissing system packages:\n/);
    for (const name of ['python3 make g++', 'chromium', 'neovim', 'plantuml']) assert.ok(r.stderr.includes(`- ${name}: `), name);
    assert.doesNotMatch(r.stderr, /installing|apt-get (update|install) -y[^\n]*failed/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
