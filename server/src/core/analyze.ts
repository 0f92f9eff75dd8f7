/** One call from text to everything the tools need: syntax tree, model, and every diagnostic, in source order. */
import type { SeqDocument } from './ast';
import type { Diagnostic } from './diagnostics';
import type { Model } from './model';
import { buildModel, type ModelOptions } from './modelBuilder';
import { parse } from './parser';

export interface Analysis {
  readonly document: SeqDocument;
  readonly model: Model;
  /** Syntax and semantic diagnostics, sorted by offset. */
  readonly diagnostics: readonly Diagnostic[];
}

export function analyze(text: string, options: ModelOptions = {}): Analysis {
  const document = parse(text);
  const { model, diagnostics } = buildModel(document, options);
  const all = [...document.diagnostics, ...diagnostics].sort((a, b) => a.offset - b.offset);
  return { document, model, diagnostics: all };
}
