/**
 * The CLI's output formats, named one way in every command (`text`, alias `txt`; `svg`;
 * `markdown`; `mermaid`; `plantuml`), and the Markdown export whose diagrams are SVG files beside the document.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { exportMarkdown, renderSvgSequence, type ExportOptions, type Model, type Sequence } from '../core/index';

export type OutputFormat = 'text' | 'svg' | 'markdown' | 'mermaid' | 'plantuml';

const ALIASES: Readonly<Record<string, OutputFormat>> = {
  text: 'text',
  txt: 'text',
  svg: 'svg',
  markdown: 'markdown',
  mermaid: 'mermaid',
  plantuml: 'plantuml',
};

/** The format a `--format` value names, if it is one of `allowed`; else a message for the user. */
export function formatOf(
  value: string | true | undefined,
  fallback: OutputFormat,
  allowed: readonly OutputFormat[],
): OutputFormat | { error: string } {
  if (value === undefined) return fallback;
  const format = typeof value === 'string' ? ALIASES[value] : undefined;
  if (format !== undefined && allowed.includes(format)) return format;
  return { error: `--format must be ${allowed.join(', ')} (text is also txt), not ${JSON.stringify(value)}` };
}

/** A file name's worth of a sequence name: lower-case letters, digits and dashes. */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The design document at `out`, each sequence's picture written beside it as
 * `DOC-SEQUENCE.svg` and linked from where the text diagram would be.
 * Returns the files written, the document first.
 */
export function writeMarkdownWithPictures(model: Model, out: string, options: Omit<ExportOptions, 'diagramImage'>): string[] {
  const dir = dirname(out);
  const base = basename(out, extname(out)) || 'diagram';
  const pictures: { file: string; sequence: Sequence }[] = [];
  const used = new Set<string>();
  const markdown = exportMarkdown(model, {
    ...options,
    diagramImage: (sequence, title) => {
      const stem = `${base}-${slug(title) || `sequence-${pictures.length + 1}`}`;
      let file = `${stem}.svg`;
      for (let k = 2; used.has(file); k++) file = `${stem}-${k}.svg`;
      used.add(file);
      pictures.push({ file, sequence });
      return file;
    },
  });
  writeFileSync(out, markdown);
  for (const { file, sequence } of pictures) writeFileSync(join(dir, file), renderSvgSequence(model, sequence));
  return [out, ...pictures.map((p) => join(dir, p.file))];
}
