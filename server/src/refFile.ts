/**
 * The text of a file a `file.seq#Sequence` ref names (v2), for the CLI and the server. The
 * name comes from the document, so it may lead anywhere: only a regular file is read (a
 * symlink to /dev/zero or a FIFO would never end), and at most REF_FILE_MAX_BYTES of it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The same bound as the workspace's `.seq` files (server/src/lsp/documents.ts). */
export const REF_FILE_MAX_BYTES = 2 * 1024 * 1024;

const CHUNK = 64 * 1024;

/** The file's text without a BOM; undefined when it is missing, no regular file, or too large. */
export function readRefFile(path: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that opening a FIFO returns at once (and is then refused).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > REF_FILE_MAX_BYTES) return undefined;
    // Read to the end or past the bound, whatever the size said (files under /proc say 0).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > REF_FILE_MAX_BYTES) return undefined;
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
