/**
 * The server's documents: open ones (kept by `TextDocuments`, incrementally synced) are
 * analysed once per (uri, version) and the `Analysis` cached; `.seq` files on disk under
 * the workspace folders are analysed once per (path, mtime, size) for workspace symbols.
 * `related:` paths are checked against the file system, relative to the document's file.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments, type CancellationToken, type Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readRefFile } from '../refFile';
import { fragmentKinds, parse, participantKinds, type Analysis, type ModelOptions, type NameNode } from '../core/index';
import { safeAnalyze, type ParsedDocument } from '../features/document';
import { namesOf } from '../features/locate';

/** The directory of a `file:` document (what its relative paths resolve against); undefined for other URIs. */
function directoryOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

/** `fileExists` for a document: `related:` paths resolve against its directory; undefined for non-file URIs. */
export function relatedChecker(uri: string): ModelOptions['fileExists'] {
  const dir = directoryOf(uri);
  if (dir === undefined) return undefined;
  return (relativePath: string) => {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(relativePath)) return true; // a URL: not ours to check
    try {
      return existsSync(resolve(dir, relativePath));
    } catch {
      return false;
    }
  };
}

/** A `file:` document's own file name, to see a cycle of refs through other files come back to it. */
function fileNameOf(uri: string): string | undefined {
  try {
    return basename(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * `readFile` for a document's `file.seq#Sequence` refs (v2): the path resolves against its
 * directory; an open document's text wins over the disk. Undefined for non-file URIs.
 */
export function refReader(uri: string, openText: (uri: string) => string | undefined): ModelOptions['readFile'] {
  const dir = directoryOf(uri);
  if (dir === undefined) return undefined;
  return (relativePath: string) => {
    try {
      const path = resolve(dir, relativePath);
      const open = openText(pathToFileURL(path).href);
      return open !== undefined ? open : readRefFile(path);
    } catch {
      return undefined;
    }
  };
}

/** A stable key for a URI, so `file:///a%20b.seq` and `file:///a b.seq` meet. */
export function uriKey(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { version: number; generation: number; parsed: ParsedDocument }>();
  /** Bumped when files change on disk: `missing-related` results may change with it. */
  private generation = 0;

  constructor(private readonly onFailure: (uri: string, e: unknown) => void = () => undefined) {
    this.documents.onDidClose(({ document }) => this.cache.delete(document.uri));
  }

  /** The analysis of the document's current version (computed once per version). */
  get(uri: string): ParsedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.parsed;
    const readFile = refReader(uri, (other) => {
      const key = this.documents.keys().find((k) => uriKey(k) === uriKey(other));
      return key === undefined ? undefined : this.documents.get(key)?.getText();
    });
    const analysis = safeAnalyze(doc.getText(), { fileExists: relatedChecker(uri), readFile, fileName: fileNameOf(uri) }, (e) =>
      this.onFailure(uri, e),
    );
    const parsed: ParsedDocument = { uri, version: doc.version, analysis };
    this.cache.set(uri, { version: doc.version, generation: this.generation, parsed });
    return parsed;
  }

  /**
   * The analysis to answer a request at `position` without waiting for the current version's:
   * that one when it is ready; else the newest older one when it answers alike
   * (`answersAlike`), with the current text of the position's line in `line`. Otherwise the
   * current version's, analysed now.
   */
  forLine(uri: string, position: Position): { doc: ParsedDocument; line?: string } | undefined {
    const current = this.documents.get(uri);
    if (!current) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version !== current.version && hit.generation === this.generation) {
      const live = answersAlike(hit.parsed.analysis, current, position);
      if (live !== undefined) return { doc: hit.parsed, line: live };
    }
    const doc = this.get(uri);
    return doc && { doc };
  }

  /** Files changed on disk: re-check `related:` on the next request. */
  filesChanged(): void {
    this.generation++;
  }

  openUris(): string[] {
    return this.documents.keys();
  }
}

/** First words of the lines that open, divide or close a block, or declare a participant. */
const STRUCTURE_WORDS = new Set<string>(['sequence', 'end', ...fragmentKinds, 'else', 'and', 'option', ...participantKinds]);
const FIRST_WORD = /^[ \t]*([A-Za-z]+)/;

/**
 * Whether an older analysis answers a request at `position` as the current text would: the
 * texts differ on that line only; the line neither opens, divides nor closes a block nor
 * declares a participant, in either text (so the blocks, the other lines and the declared
 * participants are the same); and the undeclared names the line uses, apart from the one at
 * the cursor, are the same (so are the implicit participants). Returns the current text of
 * the line (without its line break), or undefined.
 */
export function answersAlike(analysis: Analysis, current: TextDocument, position: Position): string | undefined {
  const { text: old, lineStarts: starts } = analysis.document;
  const line = position.line;
  if (line < 0 || line >= starts.length || current.lineCount !== starts.length) return undefined;
  const text = current.getText();
  const oldStart = starts[line];
  const oldNext = line + 1 < starts.length ? starts[line + 1] : old.length;
  const start = current.offsetAt({ line, character: 0 });
  const next = line + 1 < current.lineCount ? current.offsetAt({ line: line + 1, character: 0 }) : text.length;
  if (start !== oldStart || old.slice(0, oldStart) !== text.slice(0, start) || old.slice(oldNext) !== text.slice(next)) return undefined;
  const before = old.slice(oldStart, oldNext).replace(/[\r\n]+$/, '');
  const after = text.slice(start, next).replace(/[\r\n]+$/, '');
  for (const l of [before, after]) {
    const word = FIRST_WORD.exec(l)?.[1];
    if (word !== undefined && STRUCTURE_WORDS.has(word)) return undefined;
  }
  const declared = (n: NameNode) => analysis.model.participantById.get(n.value)?.declared === true;
  const cursor = Math.min(position.character, after.length);
  const now = namesOn(after).filter((n) => !declared(n));
  const typed = now.find((n) => n.span.offset <= cursor && cursor <= n.span.offset + n.span.length);
  const others = (names: NameNode[]) =>
    names
      .filter((n) => n.span.offset !== typed?.span.offset)
      .map((n) => n.value)
      .join('\n');
  return others(now) === others(namesOn(before).filter((n) => !declared(n))) ? after : undefined;
}

/** The participant names a line uses (the line parsed alone; offsets from its start). */
function namesOn(line: string): NameNode[] {
  return parse(line).statements.flatMap((st) => namesOf(st).map((o) => o.name));
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

/** `.seq` files on disk under the workspace folders, analysed lazily and cached by mtime and size. */
export class WorkspaceFiles {
  private folders: string[] = [];
  private readonly cache = new Map<string, { mtimeMs: number; size: number; parsed: ParsedDocument }>();

  constructor(
    private readonly maxFiles = 5000,
    private readonly maxFileBytes = 2 * 1024 * 1024,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = [];
    for (const uri of uris) {
      try {
        if (uri.startsWith('file:')) this.folders.push(fileURLToPath(uri));
      } catch {
        // not a file URI: nothing on disk to scan
      }
    }
  }

  /** Drops a cached file (after a change notification). */
  forget(uri: string): void {
    try {
      this.cache.delete(fileURLToPath(uri));
    } catch {
      // ignore
    }
  }

  /** Every `.seq` file under the folders, analysed; cancellation stops the walk. */
  async list(token?: CancellationToken): Promise<ParsedDocument[]> {
    const files: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 20 || files.length >= this.maxFiles || token?.isCancellationRequested) return;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (files.length >= this.maxFiles) return;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), depth + 1);
        } else if (e.isFile() && e.name.endsWith('.seq')) {
          files.push(join(dir, e.name));
        }
      }
    };
    for (const f of this.folders) await walk(f, 0);
    const out: ParsedDocument[] = [];
    for (const file of files) {
      if (token?.isCancellationRequested) break;
      const parsed = await this.parse(file);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  private async parse(file: string): Promise<ParsedDocument | undefined> {
    try {
      const st = statSync(file);
      if (st.size > this.maxFileBytes) return undefined;
      const hit = this.cache.get(file);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.parsed;
      const text = await fs.readFile(file, 'utf8');
      const parsed: ParsedDocument = { uri: pathToFileURL(file).toString(), version: 0, analysis: safeAnalyze(text, {}) };
      this.cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, parsed });
      return parsed;
    } catch {
      return undefined;
    }
  }
}
