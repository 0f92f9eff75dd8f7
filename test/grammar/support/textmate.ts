// Loads the grammars into vscode-textmate with the Oniguruma WASM engine, as VS Code does.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IToken, type StateStack } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const SEQ_GRAMMAR = join(REPO_ROOT, 'syntaxes/seq.tmLanguage.json');
export const MARKDOWN_INJECTION_GRAMMAR = join(REPO_ROOT, 'syntaxes/seq-markdown-injection.tmLanguage.json');
/** No Markdown grammar ships in node_modules, so the tests use a small stand-in (see the file). */
export const MARKDOWN_STANDIN_GRAMMAR = join(REPO_ROOT, 'test/grammar/fixtures/markdown-standin.tmLanguage.json');

let wasm: Promise<void> | undefined;

function onigLib() {
  wasm ??= loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  return wasm.then(() => ({
    createOnigScanner: (sources: string[]) => new OnigScanner(sources),
    createOnigString: (text: string) => new OnigString(text),
  }));
}

/** A registry over grammar files (scope name → path) and injections (host scope → injected scopes). */
export function createRegistry(files: readonly string[], injections: Record<string, string[]> = {}): Registry {
  const byScope = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    byScope.set(parseRawGrammar(text, file).scopeName, file);
  }
  return new Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const file = byScope.get(scopeName);
      return file === undefined ? null : parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => injections[scopeName],
  });
}

export async function loadGrammar(registry: Registry, scopeName: string): Promise<IGrammar> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} did not load`);
  return grammar;
}

export function loadSeqGrammar(): Promise<IGrammar> {
  return loadGrammar(createRegistry([SEQ_GRAMMAR]), 'source.seq');
}

/** The Markdown stand-in with the seq injection, wired as package.json wires it for VS Code. */
export function loadMarkdownWithInjection(): Promise<IGrammar> {
  const registry = createRegistry([MARKDOWN_STANDIN_GRAMMAR, MARKDOWN_INJECTION_GRAMMAR, SEQ_GRAMMAR], {
    'text.html.markdown': ['markdown.seq.codeblock'],
  });
  return loadGrammar(registry, 'text.html.markdown');
}

export interface LineTokens {
  line: string;
  tokens: { text: string; scopes: string[] }[];
}

/** Tokenizes a document line by line, carrying the rule stack across lines. */
export function tokenizeDocument(grammar: IGrammar, text: string): LineTokens[] {
  let state: StateStack = INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { line, tokens: result.tokens.map((t: IToken) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })) };
  });
}
