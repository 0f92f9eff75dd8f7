// Runs every test file under test/ with Node's test runner (TypeScript through tsx).
// Its closing lines ("# pass N", "# fail N") are what CI reads.
//   node scripts/test.mjs                 all suites
//   node scripts/test.mjs --only core     only files under test/core (any folder name under test/)
//   node scripts/test.mjs --skip e2e      everything but test/e2e
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const pick = (flag) => args.flatMap((a, i) => (args[i - 1] === flag ? a.split(',') : []));
const only = pick('--only');
const skip = pick('--skip');
if (process.env.LIFELINE_SKIP_E2E === '1') skip.push('e2e');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') return [];
    return statSync(p).isDirectory() ? walk(p) : /\.test\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}
const files = walk('test')
  .filter((f) => {
    const suite = f.split(/[\\/]/)[1];
    return (only.length === 0 || only.includes(suite)) && !skip.includes(suite);
  })
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
