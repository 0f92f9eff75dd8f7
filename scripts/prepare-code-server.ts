// Prepares the code-server cache (Node 24 + code-server) so later starts are quick.
//   node --import tsx scripts/prepare-code-server.ts           prepare (idempotent)
//   node --import tsx scripts/prepare-code-server.ts --paths   print where things are
import { cachePaths, isPrepared, MissingPrerequisiteError, prepare } from './code-server.js';

async function main(): Promise<void> {
  if (process.argv.includes('--paths')) {
    console.log(JSON.stringify({ ...cachePaths(), prepared: isPrepared() }, null, 2));
    return;
  }
  const started = Date.now();
  const p = await prepare();
  console.error(`[code-server] prepared in ${((Date.now() - started) / 1000).toFixed(1)}s: ${p.cache}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof MissingPrerequisiteError ? `\n${e.message}` : e);
  process.exitCode = 1;
});
