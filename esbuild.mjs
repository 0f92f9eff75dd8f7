// Bundles every entry point into dist/. Type checking is separate (`npm run typecheck`).
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Each bundle: source entry, output file, platform. Entries whose source does not exist yet are skipped. */
const bundles = [
  { name: 'cli', entry: 'server/src/cli.ts', outfile: 'dist/cli.js', platform: 'node', executable: true },
  { name: 'server', entry: 'server/src/server.ts', outfile: 'dist/server.js', platform: 'node', executable: true },
  { name: 'extension', entry: 'client/src/extension.ts', outfile: 'dist/extension.js', platform: 'node' },
  { name: 'webview', entry: 'client/src/preview/webview/main.ts', outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { name: 'markdown-it plugin', entry: 'client/src/markdown/markdownItPlugin.ts', outfile: 'dist/markdownItPlugin.js', platform: 'node' },
];

const contexts = [];
for (const b of bundles) {
  if (!existsSync(b.entry)) continue;
  const options = {
    entryPoints: [b.entry],
    outfile: b.outfile,
    bundle: true,
    platform: b.platform,
    format: b.format ?? 'cjs',
    target: b.platform === 'node' ? 'node20' : 'es2022',
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    banner: b.executable ? { js: '#!/usr/bin/env node' } : undefined,
    // The package's `bin` entries run directly after a build.
    plugins: b.executable
      ? [
          {
            name: 'executable',
            setup: (build) =>
              build.onEnd((r) => {
                if (r.errors.length === 0) chmodSync(b.outfile, 0o755);
              }),
          },
        ]
      : [],
  };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    contexts.push(ctx);
  } else {
    await esbuild.build(options);
  }
}
if (watch) console.log(`[watch] watching ${contexts.length} bundles`);
