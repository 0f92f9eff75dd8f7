// `npm start`: VS Code (code-server) in your browser, with Lifeline under development and a
// scratch copy of examples/ open (VS Code auto-saves: the repository's files stay as they are).
// `npm start` has built dist/ first; this prepares code-server (once), starts it on 127.0.0.1,
// prints the URL, and stops everything on Ctrl+C.
//
// Environment: LIFELINE_PORT a fixed port (e.g. to forward it over SSH);
//              LIFELINE_CODE_SERVER_CACHE where Node 24 and code-server are kept.
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cachePaths } from './code-server-paths.js';
import { start, type CodeServer } from './code-server.js';
import { MissingPrerequisiteError } from './prerequisites.js';

async function main(): Promise<void> {
  const root = resolve(process.cwd());
  const port = process.env.LIFELINE_PORT ? Number(process.env.LIFELINE_PORT) : undefined;
  // eslint-disable-next-line prefer-const -- the signal handlers below may run before it is assigned
  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nstopping code-server…\n');
    await server?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  // One kept profile and scratch folder, so the windows, settings and edits you leave are
  // there next time; files missing from the scratch copy are copied again, none is overwritten.
  const instanceDir = join(cachePaths().cache, 'npm-start');
  const examples = join(instanceDir, 'examples');
  cpSync(join(root, 'examples'), examples, { recursive: true, force: false, errorOnExist: false });
  server = await start({ folder: examples, extensionDevelopmentPath: root, instanceDir, port });
  console.log(`
  Lifeline in VS Code (code-server, Extension Development Host) is running.

    Open:  ${server.workbenchUrl}

  It shows a scratch copy of examples/ (your edits stay there, not in the repository):
    ${examples}
  Delete that folder to start again from the repository's examples.

  It listens on 127.0.0.1 only; from another machine forward the port first
  (ssh -L ${server.port}:127.0.0.1:${server.port} …).
  After changing the source: run \`npm run build\` (or keep \`npm run watch\` running), then
  "Developer: Reload Window" in VS Code.
  Log: ${server.logFile}
  Ctrl+C stops it.
`);
  const exit = await server.exited;
  if (!stopping) {
    console.error(`code-server stopped by itself (${exit}); see ${server.logFile}`);
    await stop(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof MissingPrerequisiteError ? `\n${e.message}` : e);
  process.exit(1);
});
