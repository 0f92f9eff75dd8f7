// Times one reference tool on one file, in a process of its own (so one tool's JIT, heap
// and globals never touch another's, and a tool that hangs can be killed).
//   node refWorker.mjs <refsDir> <tool> <file> <warmupFile> <warmup> <runs>
// tool: beautiful-mermaid (parse + ASCII) | mermaid-parse (mermaid.parse() alone).
// Prints { sample } after each run, then one line { samples: [ms...], loadMs, outputLines? } or { error }.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [refsDir, tool, file, warmupFile, warmupArg, runsArg] = process.argv.slice(2);
const warmup = Number(warmupArg);
const runs = Number(runsArg);
const mod = (p) => import(pathToFileURL(join(refsDir, 'node_modules', p)).href);

async function load() {
  if (tool === 'beautiful-mermaid') {
    const { renderMermaidASCII } = await mod('beautiful-mermaid/dist/index.js');
    return (text) => renderMermaidASCII(text, { useAscii: true });
  }
  if (tool === 'mermaid-parse') {
    // mermaid sanitizes titles and labels with DOMPurify, which needs a window: jsdom gives it one.
    const { JSDOM } = await mod('jsdom/lib/api.js');
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    globalThis.window = window;
    globalThis.document = window.document;
    const mermaid = (await mod('mermaid/dist/mermaid.core.mjs')).default;
    return async (text) => {
      const r = await mermaid.parse(text);
      if (!r || r.diagramType !== 'sequence') throw new Error(`mermaid.parse returned ${JSON.stringify(r)}`);
      return r;
    };
  }
  throw new Error(`unknown tool ${tool}`);
}

try {
  const t0 = performance.now();
  const run = await load();
  const loadMs = performance.now() - t0;
  const text = readFileSync(file, 'utf8');
  const warm = readFileSync(warmupFile, 'utf8');
  for (let i = 0; i < warmup; i++) await run(warm);
  const samples = [];
  let output;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    output = await run(text);
    samples.push(performance.now() - t);
    // One line per run: a parent that runs out of time keeps the runs that finished.
    process.stdout.write(JSON.stringify({ sample: samples[samples.length - 1] }) + '\n');
  }
  const outputLines = typeof output === 'string' ? output.split('\n').length : undefined;
  process.stdout.write(JSON.stringify({ samples, loadMs, outputLines }) + '\n');
} catch (e) {
  process.stdout.write(
    JSON.stringify({
      error: String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 300),
    }) + '\n',
  );
}
