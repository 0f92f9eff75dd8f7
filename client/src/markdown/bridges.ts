/**
 * What the bridge commands compute, without VS Code: a Mermaid or PlantUML file converted to
 * `.seq`, a `.seq` text exported, the names of their files. It lives in the bundle that carries
 * the core (dist/markdownItPlugin.js), which the extension loads on first use.
 */
import { analyze, exportMermaid, exportPlantUml, importDiagram, importFormatOf, type ImportError } from '../../../server/src/core/index';

export { seqFenceConversion, type SeqFenceConversion } from '../../../server/src/core/index';

export type ExportFormat = 'mermaid' | 'plantuml';

export type SeqConversion =
  { readonly ok: true; readonly text: string; readonly dropped: number } | { readonly ok: false; readonly message: string };

/** A `.mmd`, `.mermaid`, `.puml`, `.plantuml` or `.pu` file's text as `.seq`; a message when it cannot be read. */
export function convertToSeq(fileName: string, text: string): SeqConversion {
  const format = importFormatOf(fileName);
  if (format !== 'mermaid' && format !== 'plantuml') {
    return { ok: false, message: `${baseName(fileName)} is not a Mermaid (.mmd, .mermaid) or PlantUML (.puml, .plantuml, .pu) file` };
  }
  const result = importDiagram(text, format);
  if (result.errors.length > 0) return { ok: false, message: `${baseName(fileName)}: ${importErrorMessage(result.errors)}` };
  return { ok: true, text: result.text, dropped: result.notices.length };
}

/** The first syntax error as "line L, column C: what", and how many more there are. */
export function importErrorMessage(errors: readonly ImportError[]): string {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `line ${first.line}, column ${first.column}: ${first.message}${more}`;
}

/** A `.seq` text in the other language, and how many errors the `.seq` has (the export shows what is valid). */
export function exportSeq(text: string, format: ExportFormat): { readonly text: string; readonly errors: number } {
  const analysis = analyze(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  return { text: format === 'mermaid' ? exportMermaid(analysis) : exportPlantUml(analysis), errors };
}

/** The file extension each export is saved with. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { mermaid: 'mmd', plantuml: 'puml' };

/** The name a converted or exported file would have beside its source: `login.mmd` → `login.seq`. */
export function siblingName(fileName: string, extension: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return `${dot > 0 ? base.slice(0, dot) : base}.${extension}`;
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}
