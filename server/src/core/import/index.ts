/**
 * Reading other tools' diagrams: Mermaid files, PlantUML files, and Markdown holding either in
 * fences. One entry point picks the reader by name or content.
 */
import { joinDiagrams, type DiagramWriter, type ImportResult } from './common';
import { importMermaid, readMermaidDiagram } from './mermaid';
import { importPlantUml, plantumlBlocks, readPlantUmlDiagram } from './plantuml';

export type { ImportResult, ImportNotice, ImportError } from './common';
export { importMermaid } from './mermaid';
export { importPlantUml } from './plantuml';

export type ImportFormat = 'mermaid' | 'plantuml' | 'markdown';

/** The format a file name says (`.mmd`, `.mermaid`, `.puml`, `.plantuml`, `.pu`, `.md`, `.markdown`), if any. */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'mmd' || ext === 'mermaid') return 'mermaid';
  if (ext === 'puml' || ext === 'plantuml' || ext === 'pu' || ext === 'iuml') return 'plantuml';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  return undefined;
}

/** Guesses the format from the text: `@startuml` is PlantUML, a ``` fence is Markdown, else Mermaid. */
export function guessImportFormat(text: string): ImportFormat {
  if (/^\s*(```|~~~)\s*(mermaid|plantuml)\b/m.test(text)) return 'markdown';
  if (/^\s*@startuml\b/im.test(text)) return 'plantuml';
  return 'mermaid';
}

export function importDiagram(text: string, format: ImportFormat): ImportResult {
  if (format === 'mermaid') return importMermaid(text);
  if (format === 'plantuml') return importPlantUml(text);
  return importMarkdown(text);
}

/**
 * Markdown: each ```mermaid fence holding a `sequenceDiagram`, and each `@startuml … @enduml`
 * block in a ```plantuml fence, is one diagram; several become named sequences.
 */
export function importMarkdown(text: string): ImportResult {
  const lines = text.split(/\r\n|\r|\n/);
  const found = diagramFences(lines);
  const parts: { writer: DiagramWriter; title?: string }[] = [];
  for (const f of found) {
    if (f.lang === 'mermaid') parts.push(readMermaidDiagram(lines.slice(f.from, f.to), f.from, false));
    else
      for (const [a, b] of plantumlBlocks(lines.slice(f.from, f.to)))
        parts.push(readPlantUmlDiagram(lines.slice(f.from + a, f.from + b), f.from + a, false));
  }
  if (parts.length === 0) {
    return {
      text: '',
      notices: [],
      errors: [{ line: 1, column: 1, message: 'no ```mermaid fence with a sequenceDiagram and no ```plantuml fence with @startuml found' }],
      lineMap: [],
    };
  }
  if (parts.length === 1) return joinDiagrams(parts, false);
  // Read again as named sequences: a title then names its sequence instead of the document.
  const named = found.flatMap((f) =>
    f.lang === 'mermaid'
      ? [readMermaidDiagram(lines.slice(f.from, f.to), f.from, true)]
      : plantumlBlocks(lines.slice(f.from, f.to)).map(([a, b]) =>
          readPlantUmlDiagram(lines.slice(f.from + a, f.from + b), f.from + a, true),
        ),
  );
  return joinDiagrams(named, true);
}

/** A Markdown fence holding a diagram: its opening line, first body line and closing line (0-based; `lines.length` when unclosed). */
export interface DiagramFence {
  readonly lang: 'mermaid' | 'plantuml';
  readonly open: number;
  readonly from: number;
  readonly to: number;
}

/** Each ```mermaid fence holding a `sequenceDiagram` and each ```plantuml fence holding `@startuml`, in order. */
export function diagramFences(lines: readonly string[]): DiagramFence[] {
  const found: DiagramFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*(mermaid|plantuml|puml)\b/i.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[j])) j++;
    const lang = open[2].toLowerCase() === 'mermaid' ? 'mermaid' : 'plantuml';
    const body = lines.slice(i + 1, j);
    if (lang === 'mermaid' ? body.some((l) => /^\s*sequenceDiagram\b/.test(l)) : body.some((l) => /^\s*@startuml\b/i.test(l))) {
      found.push({ lang, open: i, from: i + 1, to: j });
    }
    i = j;
  }
  return found;
}

/** The input line (0-based) an output line came from. */
export function sourceLineOf(result: ImportResult, outputLine: number): number {
  if (result.lineMap.length === 0) return 0;
  return result.lineMap[Math.max(0, Math.min(outputLine, result.lineMap.length - 1))];
}
