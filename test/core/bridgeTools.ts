// The other tools' own parsers, which judge every export: mermaid's parse() (in Node, with a jsdom
// window for its sanitizer, as scripts/bench/refWorker.mjs does) and Debian's `plantuml -syntax`.
import { spawnSync } from 'node:child_process';

let mermaidReady: Promise<MermaidApi> | undefined;

interface MermaidApi {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: { getMessages(): { type?: number }[] } }> };
}

async function loadMermaid(): Promise<MermaidApi> {
  // jsdom ships no types; only its window is used.
  const jsdom = 'jsdom';
  const { JSDOM } = (await import(jsdom)) as {
    JSDOM: new (html: string) => { window: Record<string, unknown> & { document: unknown; Option: unknown } };
  };
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  g.window = window;
  g.document = window.document;
  // mermaid checks box colours with `new Option()`.
  g.Option = window.Option;
  const mod = (await import('mermaid')) as unknown as { default: MermaidApi };
  return mod.default;
}

/** mermaid's LINETYPE numbers of arrows (the rest are notes, blocks, activations and numbering). */
const ARROW_TYPES = new Set([0, 1, 3, 4, 5, 6, 24, 25]);

/** The number of messages mermaid reads from `text`, or throws mermaid's error. */
export async function mermaidMessages(text: string): Promise<number> {
  mermaidReady ??= loadMermaid();
  const mermaid = await mermaidReady;
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db.getMessages().filter((m) => m.type !== undefined && (ARROW_TYPES.has(m.type) || (m.type >= 33 && m.type < 59))).length;
}

/** `plantuml -syntax` over several diagrams in one JVM: for each, undefined when accepted, else its error. */
export function plantumlSyntax(texts: readonly string[]): (string | undefined)[] {
  const r = spawnSync('plantuml', ['-syntax'], { input: texts.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`plantuml could not run (${r.error.message}): install Debian's plantuml package`);
  const out = r.stdout.split('\n');
  const results: (string | undefined)[] = [];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 'ERROR') {
      results.push(`line ${out[i + 1]}: ${out[i + 2]}`);
      i += 2;
    } else if (/^[A-Z]+$/.test(out[i])) {
      results.push(undefined);
    }
  }
  if (results.length !== texts.length)
    throw new Error(`plantuml -syntax answered ${results.length} times for ${texts.length} diagrams:\n${r.stdout}${r.stderr}`);
  return results;
}
