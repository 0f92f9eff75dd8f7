/**
 * Invariants of the picture and the bridges, for every fuzz input:
 * SVG          the document's picture parses as XML (xmldom, every error or warning a violation),
 *              has no script, foreign object, event attribute or `javascript:` anywhere, and
 *              no user text reaches it as markup.
 * import       Mermaid / PlantUML import never throws; every error and notice names a line (and
 *              column) inside the input; the imported `.seq` text then keeps every invariant of
 *              any input (checks.ts). For an input as generated that imports without errors:
 *              import → export (same dialect) → import draws the same as the first import.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { analyze, exportMermaid, exportPlantUml, type Analysis, type Model } from '../../server/src/core/index';
import { importMermaid, importPlantUml, type ImportResult } from '../../server/src/core/import/index';
import { renderDocument, renderSvgDocument } from '../../server/src/core/render/index';
import type { BridgeInput } from './genV2';

const FORBIDDEN_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'img', 'a', 'image', 'use', 'animate', 'set']);

/** The document's SVG picture, parsed and walked: well-formed and inert. */
export function checkSvg(model: Model): string[] {
  return checkSvgText(renderSvgDocument(model));
}

export function checkSvgText(svg: string): string[] {
  const out: string[] = [];
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        // U+FFFD is text a user may write (and what the renderer puts for U+FFFE/U+FFFF).
        if (level === 'warning' && /replacement character/.test(message)) return;
        throw new Error(`XML ${level}: ${message}`);
      },
    }).parseFromString(svg, 'image/svg+xml');
    root = doc.documentElement;
  } catch (e) {
    return [`svg: not well-formed: ${(e as Error).message}`];
  }
  if (!root || root.tagName !== 'svg') return ['svg: no <svg> root'];
  const pending: Element[] = [root];
  while (pending.length > 0) {
    const el = pending.pop()!;
    if (FORBIDDEN_ELEMENTS.has(el.tagName.toLowerCase())) out.push(`svg: element <${el.tagName}>`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) out.push(`svg: event attribute ${attr.name} on <${el.tagName}>`);
      if (/javascript:|^\s*data:|href/i.test(attr.name + attr.value)) out.push(`svg: ${attr.name}="${attr.value}" on <${el.tagName}>`);
    }
    for (const child of Array.from(el.childNodes)) if (child.nodeType === 1) pending.push(child as Element);
  }
  if (/<script|<foreignObject|<!ENTITY|<!DOCTYPE/i.test(svg)) out.push('svg: markup from user text in the raw picture');
  return out;
}

const importOf = (input: BridgeInput): ImportResult =>
  input.format === 'mermaid' ? importMermaid(input.text) : importPlantUml(input.text);
const exportOf = (input: BridgeInput, analysis: Analysis): string =>
  input.format === 'mermaid' ? exportMermaid(analysis) : exportPlantUml(analysis);

/** Positions of an import's errors and notices: 1-based lines (and columns) inside the input. */
export function importPositions(input: BridgeInput, result: ImportResult): string[] {
  const out: string[] = [];
  const lines = input.text.split(/\r\n|\r|\n/);
  for (const e of result.errors) {
    const line = lines[e.line - 1];
    if (line === undefined || e.column < 1 || e.column > line.length + 1)
      out.push(`import error outside the input: ${e.line}:${e.column} ${e.message}`);
  }
  for (const n of result.notices)
    if (n.line < 1 || n.line > lines.length) out.push(`import notice outside the input: line ${n.line} ${n.message}`);
  for (const from of result.lineMap) if (from < 0 || from >= lines.length) out.push(`import line map outside the input: ${from}`);
  return out;
}

/**
 * Imports a bridge input and checks the import's own invariants; returns the imported text
 * (for the checks of any input) and what is wrong.
 */
export function checkImport(input: BridgeInput): { text: string | undefined; violations: string[] } {
  let first: ImportResult;
  try {
    first = importOf(input);
  } catch (e) {
    return { text: undefined, violations: [`import ${input.format} threw ${(e as Error).stack ?? String(e)}`] };
  }
  const out = importPositions(input, first);
  if (input.asGenerated && first.errors.length === 0) {
    try {
      const drawn = renderDocument(analyze(first.text).model, { charset: 'ascii' }).text;
      const exported = exportOf(input, analyze(first.text));
      const second = importOf({ ...input, text: exported });
      const again = renderDocument(analyze(second.text).model, { charset: 'ascii' }).text;
      if (second.errors.length > 0) out.push(`round trip: the export does not import again: ${second.errors[0].message}\n${exported}`);
      else if (again !== drawn)
        out.push(
          `round trip: import → export → import draws differently\n--- first\n${drawn}\n--- again\n${again}\n--- exported\n${exported}`,
        );
    } catch (e) {
      out.push(`round trip threw ${(e as Error).stack ?? String(e)}`);
    }
  }
  return { text: first.text, violations: out };
}
