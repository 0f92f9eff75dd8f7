// Prepares what Lifeline's commands need, the same way for `npm start`, `npm test` and CI:
// the system packages (announced one line each before they are installed, only the missing
// ones) and the private Node 24 + code-server in the per-user cache.
//   node --import tsx scripts/prepare.ts            for `npm start`: build tools, code-server
//   node --import tsx scripts/prepare.ts --tests    for `npm test`: also Chromium, Neovim, PlantUML
//   node --import tsx scripts/prepare.ts --system   system packages only (with --tests: the tests')
//   node --import tsx scripts/prepare.ts --paths    print where the cache is, and whether it is ready
import { isPrepared, prepare } from './code-server-install.js';
import { cachePaths } from './code-server-paths.js';
import { ensureSystemPackages, MissingPrerequisiteError, SYSTEM_PACKAGES, TEST_PACKAGES } from './prerequisites.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--paths')) {
    console.log(JSON.stringify({ ...cachePaths(), prepared: isPrepared() }, null, 2));
    return;
  }
  ensureSystemPackages(args.includes('--tests') ? TEST_PACKAGES : [SYSTEM_PACKAGES.buildTools]);
  if (args.includes('--system')) return;
  const started = Date.now();
  const wasReady = isPrepared();
  const p = await prepare();
  if (!wasReady) console.error(`[code-server] prepared in ${((Date.now() - started) / 1000).toFixed(1)}s: ${p.cache}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof MissingPrerequisiteError ? `\n${e.message}` : e);
  process.exitCode = 1;
});
