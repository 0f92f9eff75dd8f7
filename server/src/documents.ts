/**
 * The server's documents: open ones (kept by `TextDocuments`, incrementally synced) are
 * analysed once per (uri, version) and the `Analysis` cached; `.seq` files on disk under
 * the workspace folders are analysed once per (path, mtime, size) for workspace symbols.
 * `related:` paths are checked against the file system, relative to the document's file.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { ModelOptions } from './core/index';
import { safeAnalyze, type ParsedDocument } from './features/document';
import { OpenDocuments } from './openDocuments';

/** `fileExists` for a document: `related:` paths resolve against its directory; undefined for non-file URIs. */
export function relatedChecker(uri: string): ModelOptions['fileExists'] {
  let dir: string;
  try {
    if (!uri.startsWith('file:')) return undefined;
    dir = dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  return (relativePath: string) => {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(relativePath)) return true; // a URL: not ours to check
    try {
      return existsSync(resolve(dir, relativePath));
    } catch {
      return false;
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
  readonly documents = new OpenDocuments();
  private readonly cache = new Map<string, { version: number; generation: number; parsed: ParsedDocument }>();
  /** Bumped when files change on disk: `missing-related` results may change with it. */
  private generation = 0;

  constructor(private readonly onFailure: (uri: string, e: unknown) => void = () => undefined) {
    this.documents.onDidClose((document) => this.cache.delete(document.uri));
  }

  /** The analysis of the document's current version (computed once per version). */
  get(uri: string): ParsedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const hit = this.cache.get(uri);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.parsed;
    const analysis = safeAnalyze(doc.getText(), { fileExists: relatedChecker(uri) }, (e) => this.onFailure(uri, e));
    const parsed: ParsedDocument = { uri, version: doc.version, analysis };
    this.cache.set(uri, { version: doc.version, generation: this.generation, parsed });
    return parsed;
  }

  /** Files changed on disk: re-check `related:` on the next request. */
  filesChanged(): void {
    this.generation++;
  }

  openUris(): string[] {
    return this.documents.keys();
  }
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
