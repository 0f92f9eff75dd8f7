/**
 * The CLI's standard output as a pipe sees it: when the reader goes away (`lifeline render big.seq
 * | head -1`), the CLI stops writing and exits quietly, as `cat` does — `render` and `export` with
 * 0 and nothing on stderr, `check` with its own exit code. Never an unhandled EPIPE.
 */

/** Errors that mean nobody reads standard output any more (a closed pipe, or a closed descriptor). */
const READER_GONE = new Set(['EPIPE', 'EBADF', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => string;
}

/** The process's side of `main`: runs it, then sets the exit code once standard output is flushed or gone. */
export function runWithPipes(main: (argv: readonly string[], io: CliIo) => number, argv: readonly string[], readStdin: () => string): void {
  const out = process.stdout;
  const command = argv[0];
  // render and export print one result: when its reader leaves, they leave without a word.
  const quietWhenGone = command === 'render' || command === 'export';
  const held: string[] = [];
  let gone = false;
  let failure: string | undefined;
  let code = 2;
  let finished = false;
  const readerGone = () => gone || out.destroyed || (out.errored !== null && out.errored !== undefined);

  const finish = () => {
    if (finished) return;
    finished = true;
    if (failure !== undefined) {
      process.stderr.write(failure);
      process.exitCode = 2;
      return;
    }
    if (readerGone() && quietWhenGone) {
      process.exitCode = 0;
      return;
    }
    for (const s of held) process.stderr.write(s);
    process.exitCode = code;
  };

  out.on('error', (e: NodeJS.ErrnoException) => {
    gone = true;
    if (!READER_GONE.has(e.code ?? '')) failure = `lifeline: cannot write the output (${e.code ?? e.message})\n`;
    finish();
  });

  code = main(argv, {
    stdout: (s) => {
      if (!readerGone()) out.write(s);
    },
    // Held until the output is flushed: a render whose reader left says nothing at all.
    stderr: (s) => (quietWhenGone ? held.push(s) : process.stderr.write(s)),
    readStdin,
  });
  // Called once everything written before it has reached the pipe, or with the error that stopped it.
  if (readerGone()) finish();
  else out.write('', () => finish());
}
