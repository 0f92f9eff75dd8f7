/**
 * `lifeline` — the command-line tool: render, check and export `.seq` files.
 * Exit codes: 0 fine, 1 the file has errors (what is valid is still printed), 2 usage or I/O.
 * Never a stack trace: every failure is one line on stderr.
 */
import { readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  analyze,
  drawLayout,
  exportMarkdown,
  exportMermaid,
  exportPlantUml,
  exportText,
  guessImportFormat,
  importDiagram,
  importedProblems,
  importFormatOf,
  layoutSequence,
  positionAt,
  renderDocument,
  renderSvgDocument,
  safeForTerminal,
  seqSourceOf,
  type Analysis,
  type Charset,
  type Diagnostic,
  type ImportFormat,
  type ModelOptions,
  type SeqSource,
} from './core/index';
import { runWithPipes } from './cli/output';
import { readRefFile } from './refFile';
import { formatOf, writeMarkdownWithPictures, type OutputFormat } from './cli/formats';
import pkg from '../../package.json';

const USAGE = `lifeline ${pkg.version} — sequence diagrams as text (.seq)

Usage:
  lifeline render FILE|- [--format text|svg] [--charset ascii|unicode] [--sequence NAME] [--durations] [--timings]
      Print the diagram(s). Several sequences print one after another, each under its name;
      --format svg prints them as one picture (SVG), stacked the same way. --durations adds the
      timing margin (each step's duration, the critical path against the budget).
  lifeline check FILE... [--format text|json]
      Report problems: FILE:LINE:COL: SEVERITY CODE: MESSAGE (1-based; COL counts code points).
  lifeline export FILE --format markdown|text|svg|mermaid|plantuml [--charset ascii|unicode] [--diagrams text|svg] [-o OUT]
      Write the design document (Markdown, the template filled in), the diagrams alone (text,
      or one SVG picture), or the diagram in Mermaid or PlantUML (what they cannot say kept as
      \`lifeline:\` comments). --diagrams svg (Markdown, with -o) writes each diagram as an SVG
      file beside the document and links it.
  lifeline import FILE|- [--from mermaid|plantuml|markdown] [-o OUT]
      Convert a Mermaid (.mmd, .mermaid), PlantUML (.puml, .plantuml, .pu) or Markdown file to .seq.
      What cannot be carried over: one line each on stderr, and a \`# dropped:\` comment.
  render, check and export also read those files directly (imported in memory).
  lifeline --help | --version

Exit status: 0 no errors (warnings allowed), 1 the file has errors, 2 usage or I/O problem.
Use - for standard input.`;

class UsageError extends Error {}

interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => string;
}

interface Flags {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--charset', '--sequence', '--format', '-o', '--output', '--diagrams', '--from']);
const BOOL_FLAGS = new Set(['--timings', '--durations', '--help', '-h', '--version', '-v']);

function parseFlags(args: readonly string[], allowed: readonly string[]): Flags {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${JSON.stringify(name)} (see lifeline --help)`);
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name === '--output' ? '-o' : name, value);
    } else if (BOOL_FLAGS.has(name)) {
      options.set(name, true);
    }
  }
  return { positional, options };
}

function outputFormat(flags: Flags, fallback: OutputFormat, allowed: readonly OutputFormat[]): OutputFormat {
  const format = formatOf(flags.options.get('--format'), fallback, allowed);
  if (typeof format !== 'string') throw new UsageError(format.error);
  return format;
}

function charsetOf(flags: Flags): Charset {
  const c = flags.options.get('--charset') ?? 'ascii';
  if (c !== 'ascii' && c !== 'unicode') throw new UsageError(`--charset must be ascii or unicode, not ${JSON.stringify(c)}`);
  return c;
}

/** A readable source file, or a UsageError-style I/O failure with one clear line. */
class InputError extends Error {}

function readSource(file: string, io: Io): string {
  let bytes: Buffer;
  if (file === '-') {
    bytes = Buffer.from(io.readStdin(), 'utf8');
  } else {
    if (!existsSync(file)) throw new InputError(`${file}: no such file`);
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a .seq file`);
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const kind = importFormatOf(file) === undefined ? 'a .seq file' : 'a diagram';
  if (bytes.subarray(0, 8192).includes(0))
    throw new InputError(`${file}: looks like a binary file (a NUL byte in its first 8 KB), not ${kind}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: is not valid UTF-8 text`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function modelOptions(file: string): ModelOptions {
  const base = file === '-' ? process.cwd() : dirname(resolve(file));
  const readFile = (p: string) => readRefFile(resolve(base, p));
  return { fileExists: (p) => existsSync(resolve(base, p)), readFile, fileName: file === '-' ? undefined : basename(file) };
}

/** The file's analysis, its `ref`s to other files read from the disk beside it. */
function analyzeFile(file: string, text: string): Analysis {
  return analyze(text, modelOptions(file));
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function render(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, ['--charset', '--sequence', '--timings', '--durations', '--format']);
  if (flags.positional.length !== 1) throw new UsageError('render takes one FILE (or - for standard input)');
  const file = flags.positional[0];
  const charset = charsetOf(flags);
  const format = outputFormat(flags, 'text', ['text', 'svg']);
  const source = readSeqSource(file, io);
  const text = source.text;
  const t0 = performance.now();
  const { model, diagnostics } = analyzeFile(file, text);
  const t1 = performance.now();
  const sequence = flags.options.get('--sequence');
  const picked = typeof sequence === 'string' ? sequence : undefined;
  const durations = flags.options.has('--durations');
  const out =
    format === 'svg'
      ? renderSvgDocument(model, { sequence: picked, durations })
      : renderDocument(model, { charset, sequence: picked, durations }).text;
  const t2 = performance.now();
  if (typeof sequence === 'string' && !model.sequences.some((s) => s.name === sequence)) {
    const names = model.sequences.map((s) => JSON.stringify(s.name)).join(', ');
    throw new UsageError(`no sequence named ${JSON.stringify(sequence)}; the file has ${names || 'none'}`);
  }
  io.stdout(out.endsWith('\n') || out === '' ? out : `${out}\n`);
  const all = [...diagnostics];
  if (reportImportErrors(file, source, io)) all.push(IMPORT_ERROR);
  if (flags.options.has('--timings')) {
    // The phases of the document render, timed apart: layout of every drawn sequence, then drawing.
    const drawn = model.sequences.filter((s) => typeof sequence !== 'string' || s.name === sequence);
    const l0 = performance.now();
    const layouts = drawn.map((s) => layoutSequence(model, s, { charset }));
    const l1 = performance.now();
    for (const layout of layouts) drawLayout(layout, charset);
    const l2 = performance.now();
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    io.stderr(
      `timings: analyze ${ms(t1 - t0)}, layout ${ms(l1 - l0)}, render ${ms(l2 - l1)}, total ${ms(t1 - t0 + (l2 - l0))} (document output ${ms(t2 - t1)})\n`,
    );
  }
  if (hasErrors(all)) {
    const n = all.filter((d) => d.severity === 'error').length;
    io.stderr(
      safeForTerminal(
        `${file}: ${n} error${n === 1 ? '' : 's'} (run \`lifeline check ${file}\` for details); the diagram shows what is valid`,
      ) + '\n',
    );
    return 1;
  }
  return 0;
}

function check(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, ['--format']);
  if (flags.positional.length === 0) throw new UsageError('check takes one or more FILEs');
  const format = flags.options.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
  let errors = false;
  let ioFailure = false;
  const json: unknown[] = [];
  for (const file of flags.positional) {
    let text: string;
    let source: SeqSource;
    try {
      source = readSeqSource(file, io);
      text = source.text;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.stderr(`lifeline: ${safeForTerminal(e.message)}\n`);
      ioFailure = true;
      continue;
    }
    const { document, diagnostics: all } = analyzeFile(file, text);
    if (hasErrors(all)) errors = true;
    if (source.imported) {
      if (source.imported.errors.length > 0) errors = true;
      checkImported(file, source, all, document.lineStarts, format, json, io);
      continue;
    }
    // One write per file, not per line: 20,000 diagnostics were 20,000 system calls.
    const lines: string[] = [];
    for (const d of all) {
      const start = positionAt(document.lineStarts, text, d.offset);
      const end = positionAt(document.lineStarts, text, d.offset + d.length);
      if (format === 'json') {
        json.push({ file, range: { start, end }, severity: d.severity, code: d.code, message: d.message });
      } else {
        const lineText = text.slice(document.lineStarts[start.line], d.offset);
        const col = [...lineText].length + 1;
        lines.push(safeForTerminal(`${file}:${start.line + 1}:${col}: ${d.severity} ${d.code}: ${d.message}`) + '\n');
      }
    }
    if (lines.length > 0) io.stdout(lines.join(''));
  }
  if (format === 'json') io.stdout(JSON.stringify(json, null, 2) + '\n');
  return ioFailure ? 2 : errors ? 1 : 0;
}

function exportCommand(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, ['--format', '--charset', '-o', '--output', '--diagrams']);
  if (flags.positional.length !== 1) throw new UsageError('export takes one FILE (or - for standard input)');
  const format = outputFormat(flags, 'markdown', ['markdown', 'text', 'svg', 'mermaid', 'plantuml']);
  const diagrams = flags.options.get('--diagrams') ?? 'text';
  if (diagrams !== 'text' && diagrams !== 'svg') throw new UsageError(`--diagrams must be text or svg, not ${JSON.stringify(diagrams)}`);
  if (diagrams === 'svg' && format !== 'markdown')
    throw new UsageError('--diagrams svg is for --format markdown (the pictures go beside the document)');
  if (diagrams === 'svg' && typeof flags.options.get('-o') !== 'string')
    throw new UsageError('--diagrams svg needs -o DIR/NAME.md: the pictures are written beside the document');
  const file = flags.positional[0];
  const charset = charsetOf(flags);
  const source = readSeqSource(file, io);
  const text = source.text;
  const { model, diagnostics } = analyzeFile(file, text);
  const sourceName = file === '-' ? undefined : file.split(/[\\/]/).pop();
  const output = () =>
    bridgeExport(format, text) ??
    (format === 'markdown'
      ? exportMarkdown(model, { charset, sourceName })
      : format === 'svg'
        ? renderSvgDocument(model)
        : exportText(model, { charset }));
  const out = flags.options.get('-o');
  if (typeof out === 'string') {
    try {
      if (diagrams === 'svg') writeMarkdownWithPictures(model, out, { charset, sourceName });
      else writeFileSync(out, output());
    } catch (e) {
      throw new InputError(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    io.stdout(output());
  }
  const all = [...diagnostics];
  if (reportImportErrors(file, source, io)) all.push(IMPORT_ERROR);
  if (hasErrors(all)) {
    io.stderr(safeForTerminal(`${file}: has errors (run \`lifeline check ${file}\`); the export shows what is valid`) + '\n');
    return 1;
  }
  return 0;
}

/** `lifeline import`: Mermaid, PlantUML or Markdown → `.seq`; 1 when the input has syntax errors in its own language. */
function importCommand(args: readonly string[], io: Io): number {
  const flags = parseFlags(args, ['--from', '-o', '--output']);
  if (flags.positional.length !== 1) throw new UsageError('import takes one FILE (or - for standard input)');
  const file = flags.positional[0];
  const from = flags.options.get('--from');
  if (from !== undefined && from !== 'mermaid' && from !== 'plantuml' && from !== 'markdown')
    throw new UsageError(`--from must be mermaid, plantuml or markdown, not ${JSON.stringify(from)}`);
  const named = importFormatOf(file);
  if (from === undefined && named === undefined && file !== '-')
    throw new UsageError(`${file}: cannot tell its language from the name; use --from mermaid|plantuml|markdown`);
  const text = readSource(file, io);
  const result = importDiagram(text, (from as ImportFormat | undefined) ?? named ?? guessImportFormat(text));
  writeOutput(flags, result.text, io);
  for (const n of result.notices) io.stderr(safeForTerminal(`lifeline import: ${n.line}: ${n.message}`) + '\n');
  for (const e of result.errors) io.stderr(safeForTerminal(`${file}:${e.line}:${e.column}: error syntax: ${e.message}`) + '\n');
  return result.errors.length > 0 ? 1 : 0;
}

function writeOutput(flags: Flags, output: string, io: Io): void {
  const out = flags.options.get('-o');
  if (typeof out !== 'string') return io.stdout(output);
  try {
    writeFileSync(out, output);
  } catch (e) {
    throw new InputError(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function readSeqSource(file: string, io: Io): SeqSource {
  return seqSourceOf(file, readSource(file, io));
}

/** Stands for the imported file's own syntax errors among the diagnostics (the exit status counts it). */
const IMPORT_ERROR: Diagnostic = { offset: 0, length: 0, severity: 'error', code: 'syntax', message: '' };

function reportImportErrors(file: string, source: SeqSource, io: Io): boolean {
  for (const e of source.imported?.errors ?? [])
    io.stderr(safeForTerminal(`${file}:${e.line}:${e.column}: error syntax: ${e.message}`) + '\n');
  return (source.imported?.errors.length ?? 0) > 0;
}

/** `check` of an imported file: its own syntax errors, what was dropped, and the `.seq` diagnostics at their original lines. */
function checkImported(
  file: string,
  source: SeqSource,
  all: readonly Diagnostic[],
  lineStarts: readonly number[],
  format: unknown,
  json: unknown[],
  io: Io,
): void {
  for (const r of importedProblems(source, all, lineStarts)) {
    const at = { line: r.line - 1, character: r.column - 1 };
    if (format === 'json') json.push({ file, range: { start: at, end: at }, severity: r.severity, code: r.code, message: r.message });
    else io.stdout(safeForTerminal(`${file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}`) + '\n');
  }
}

/** Exports to another tool's language (undefined for Lifeline's own formats). */
function bridgeExport(format: string, seq: string): string | undefined {
  if (format === 'mermaid') return exportMermaid(analyze(seq));
  if (format === 'plantuml') return exportPlantUml(analyze(seq));
  return undefined;
}

export function main(argv: readonly string[], io: Io): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${pkg.version}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(USAGE + '\n');
      return 0;
    }
    switch (command) {
      case 'render':
        return render(rest, io);
      case 'check':
        return check(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case 'import':
        return importCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: render, check, export, import; see lifeline --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr(`lifeline: ${safeForTerminal(e.message)}\n`);
      return 2;
    }
    io.stderr(`lifeline: internal error: ${safeForTerminal(e instanceof Error ? e.message : String(e))} — please report it\n`);
    return 2;
  }
}

if (require.main === module) {
  runWithPipes(main, process.argv.slice(2), () => readFileSync(0, 'utf8'));
}
