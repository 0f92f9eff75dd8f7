/**
 * The invariants every input must keep, and the extra ones of a valid generated document.
 * Runs inside the watchdog's worker; returns violations as text (empty: fine) and the time
 * the product's own work took (analysis, both renderings, both exports), without the checks.
 *
 * Any input:   analyze / render (ASCII and Unicode) / export never throw; every diagnostic
 *              range (and related range, and quick-fix position) and every syntax-tree and
 *              model span lies inside the document; no output holds a control character,
 *              a bidi control or a lone surrogate; no output line ends in a blank.
 * Valid input: no error diagnostic; the model holds every participant, sequence and message
 *              as generated (nothing lost); every sequence keeps the section-7 rules in both
 *              charsets; ASCII mode is ASCII outside user text; the export embeds each diagram.
 */
import { performance } from 'node:perf_hooks';
import {
  analyze,
  DiagnosticCodes,
  severityOf,
  type Analysis,
  type Item,
  type MessageItem,
  type Model,
  type Sequence,
  type Span,
} from '../../server/src/core/index';
import { renderDocument, renderSequence, type RenderedDiagram } from '../../server/src/core/render/index';
import { exportMarkdown, exportText } from '../../server/src/core/export/markdown';
import type { Expectation } from './gen';
import type { BridgeInput } from './genV2';
import { checkImport, checkSvg } from './bridgeChecks';
import { checkDocumentText, checkSequence, FORBIDDEN, type Charset } from './renderRules';

export type InputKind = 'valid' | 'near-valid' | 'mutant' | 'soup' | 'hostile' | 'large' | 'v2' | 'v2-near' | 'mermaid' | 'plantuml';

export interface FuzzInput {
  readonly text: string;
  readonly kind: InputKind;
  readonly expect?: Expectation;
  /** A Mermaid / PlantUML input: imported first (bridgeChecks.ts), then checked as a `.seq` text. */
  readonly bridge?: Omit<BridgeInput, 'text'>;
}

export interface CheckResult {
  readonly violations: string[];
  /** Milliseconds spent in the product (analysis, renderings, exports), without the checks. */
  readonly ms: number;
  /**
   * The same by phase: one analysis; the document rendered in both charsets; the Markdown
   * export (in the charsets asked for). `other`: a second analysis with a failing file
   * system and the text export.
   */
  readonly phases: { analyze: number; render: number; export: number; other: number };
  /** The "too large to draw" notices of the ASCII rendering, in order (empty when everything was drawn). */
  readonly notices: readonly string[];
}

export interface CheckOptions {
  /** The clock the phases are timed with (milliseconds): wall time by default; the long run passes CPU time. */
  readonly clock?: () => number;
  /** The charsets to export Markdown in (default both). */
  readonly exportCharsets?: readonly Charset[];
  /** Also analyse with a failing file system and export text (default true). */
  readonly extras?: boolean;
  /** Check every span of the syntax tree and the model too, not only the diagnostics' ranges (default true). */
  readonly spans?: boolean;
}

const CHARSETS: readonly Charset[] = ['ascii', 'unicode'];

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
}

export function checkInput(input: FuzzInput, options: CheckOptions = {}): CheckResult {
  const out: string[] = [];
  const { text } = input;
  const clock = options.clock ?? (() => performance.now());
  const exportCharsets = options.exportCharsets ?? CHARSETS;
  const extras = options.extras ?? true;
  const phases = { analyze: 0, render: 0, export: 0, other: 0 };
  const timed = <T>(what: string, phase: keyof typeof phases, f: () => T): T | undefined => {
    const t0 = clock();
    try {
      return f();
    } catch (e) {
      out.push(`${what} threw ${describe(e)}`);
      return undefined;
    } finally {
      phases[phase] += clock() - t0;
    }
  };
  const notices: string[] = [];
  const result = () => ({ violations: out, ms: phases.analyze + phases.render + phases.export + phases.other, phases, notices });
  if (input.bridge) {
    const imported = timed('import', 'other', () => checkImport({ ...input.bridge!, text: input.text }));
    if (imported) out.push(...imported.violations);
    if (imported?.text === undefined) return result();
    const rest = checkInput({ text: imported.text, kind: 'near-valid' }, options);
    out.push(...rest.violations.map((v) => `after import: ${v}`));
    notices.push(...rest.notices);
    for (const k of Object.keys(phases) as (keyof typeof phases)[]) phases[k] += rest.phases[k];
    return result();
  }

  const analysis = timed('analyze', 'analyze', () => analyze(text));
  if (extras) {
    timed('analyze with a failing file system', 'other', () =>
      analyze(text, {
        fileExists: () => {
          throw new Error('EACCES');
        },
      }),
    );
  }
  if (!analysis) return result();
  out.push(...checkRanges(text, analysis, options.spans ?? true));

  const rendered = new Map<Charset, string>();
  const diagrams: Diagrams = new Map();
  for (const charset of CHARSETS) {
    const doc = timed(`render (${charset})`, 'render', () => renderDocument(analysis.model, { charset }));
    if (doc) {
      rendered.set(charset, doc.text);
      if (doc.tooLarge && charset === 'ascii')
        notices.push(...doc.text.split('\n').filter((l) => l.startsWith('Diagram too large to draw')));
      out.push(
        ...checkDocumentText(doc.text, charset, input.kind === 'valid' ? input.expect?.userTexts : undefined, `render (${charset})`),
      );
      if (doc.rows.length !== (doc.text === '' ? 0 : doc.text.split('\n').length - 1))
        out.push(`render (${charset}): ${doc.rows.length} source rows for ${doc.text.split('\n').length - 1} lines`);
    }
    if (!exportCharsets.includes(charset)) continue;
    const md = timed(`export markdown (${charset})`, 'export', () => exportMarkdown(analysis.model, { charset, sourceName: 'fuzz.seq' }));
    if (md !== undefined) {
      const bad = FORBIDDEN.exec(md);
      if (bad)
        out.push(
          `export markdown (${charset}): unsafe character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}: ${JSON.stringify(md.slice(Math.max(0, bad.index - 30), bad.index + 30))}`,
        );
      // Past the size limit the export shows the notice the renderer gives (spec 7: the same for CLI, preview and export).
      if (charset === 'ascii')
        for (const n of notices) if (!md.includes(`\n${n}\n`)) out.push(`export markdown: the notice ${JSON.stringify(n)} is missing`);
      if (input.kind === 'valid') {
        for (const seq of analysis.model.sequences) {
          const d = diagramOf(diagrams, analysis.model, seq, charset);
          const drawing = d.lines.map((l) => l.trimEnd()).join('\n');
          if (drawing && !md.includes(drawing))
            out.push(`export markdown (${charset}): the diagram of "${seq.name}" is not embedded as drawn`);
        }
      }
    }
  }
  if (extras) {
    const svg = timed('render svg', 'other', () => checkSvg(analysis.model));
    if (svg) out.push(...svg);
    const txt = timed('export text', 'other', () => exportText(analysis.model, { charset: 'ascii' }));
    if (txt !== undefined && rendered.has('ascii') && txt.replace(/\n$/, '') !== rendered.get('ascii')!.replace(/\n$/, ''))
      out.push('export text differs from what render prints');
  }

  if (input.kind === 'valid' && input.expect) {
    try {
      out.push(...checkValid(analysis, input.expect, diagrams));
    } catch (e) {
      out.push(`the checker itself threw ${describe(e)}`);
    }
  }
  return result();
}

type Diagrams = Map<Sequence, Map<Charset, RenderedDiagram>>;

/** Each sequence's drawing, drawn once per charset for all the checks. */
function diagramOf(cache: Diagrams, model: Model, sequence: Sequence, charset: Charset): RenderedDiagram {
  let byCharset = cache.get(sequence);
  if (!byCharset) cache.set(sequence, (byCharset = new Map()));
  let d = byCharset.get(charset);
  if (!d) byCharset.set(charset, (d = renderSequence(model, sequence, { charset })));
  return d;
}

// ---------------------------------------------------------------------------

function inside(text: string, s: Span | undefined): boolean {
  return (
    s !== undefined &&
    Number.isInteger(s.offset) &&
    Number.isInteger(s.length) &&
    s.offset >= 0 &&
    s.length >= 0 &&
    s.offset + s.length <= text.length
  );
}

function checkRanges(text: string, a: Analysis, spans: boolean): string[] {
  const out: string[] = [];
  const fail = (msg: string) => {
    if (out.length < 10) out.push(msg);
  };
  let previous = -1;
  for (const d of a.diagnostics) {
    if (!inside(text, d))
      fail(`diagnostic ${d.code} range ${d.offset}+${d.length} outside the document (length ${text.length}): ${d.message}`);
    if (!(DiagnosticCodes as readonly string[]).includes(d.code)) fail(`unknown diagnostic code ${d.code}`);
    if (severityOf[d.code] !== d.severity) fail(`diagnostic ${d.code} has severity ${d.severity}`);
    if (!d.message) fail(`diagnostic ${d.code} has no message`);
    if (d.offset < previous) fail('diagnostics are not sorted by offset');
    previous = d.offset;
    for (const r of d.related ?? []) if (!inside(text, r)) fail(`related range ${r.offset}+${r.length} of ${d.code} outside the document`);
    const data = d.data;
    if (data?.kind === 'undeclared-participant' || data?.kind === 'unclosed-block') {
      if (!(data.insertAt >= 0 && data.insertAt <= text.length))
        fail(`quick-fix position ${data.insertAt} of ${d.code} outside the document`);
    }
    if (data?.kind === 'unused-participant' && !inside(text, data.lineSpan)) fail(`quick-fix line span of ${d.code} outside the document`);
  }
  // A range must not cut a surrogate pair in two (an editor cannot place a position there).
  const splits = (offset: number) =>
    offset > 0 && offset < text.length && /[\ud800-\udbff]/.test(text[offset - 1]) && /[\udc00-\udfff]/.test(text[offset]);
  for (const d of a.diagnostics) {
    if (splits(d.offset) || splits(d.offset + d.length)) fail(`diagnostic ${d.code} range ${d.offset}+${d.length} cuts a surrogate pair`);
  }
  if (a.document.text !== text) fail('the syntax tree does not keep the text');
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  if (a.document.lineStarts.length !== breaks + 1) fail(`${a.document.lineStarts.length} line starts for ${breaks} line breaks`);
  for (const c of a.document.comments) {
    if (!inside(text, c)) fail('a comment span lies outside the document');
    else if (!/^(#|\/\/)/.test(text.slice(c.offset, c.offset + c.length)))
      fail(`a comment span does not start at # or //: ${JSON.stringify(text.slice(c.offset, c.offset + 20))}`);
  }
  // Every span of the syntax tree and of the model (an explicit stack: trees may nest 10,000 deep).
  const seen = new Set<object>();
  const walk = (root: unknown, rootPath: string): void => {
    const stack: [unknown, string][] = [[root, rootPath]];
    while (stack.length > 0) {
      const [v, path] = stack.pop()!;
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
        continue;
      }
      if (v instanceof Map || v instanceof Set) continue;
      const o = v as Record<string, unknown>;
      if (typeof o.offset === 'number' && typeof o.length === 'number' && !inside(text, o as unknown as Span))
        fail(`span ${path} = ${o.offset}+${o.length} outside the document (length ${text.length})`);
      for (const [k, x] of Object.entries(o))
        if (k !== 'text' && k !== 'lineStarts' && x !== null && typeof x === 'object') stack.push([x, `${path}.${k}`]);
    }
  };
  if (!spans) return out;
  walk(a.document.statements, 'statements');
  walk(a.model.participants, 'participants');
  walk(a.model.sequences, 'sequences');
  walk(a.model.flows, 'flows');
  return out;
}

function flatMessages(items: readonly Item[], into: MessageItem[] = []): MessageItem[] {
  for (const item of items) {
    if (item.type === 'message') into.push(item);
    else if (item.type === 'fragment') for (const b of item.branches) flatMessages(b.items, into);
  }
  return into;
}

/** Nothing lost: the model means what was generated; the drawing keeps section 7. */
function checkValid(a: Analysis, e: Expectation, diagrams: Diagrams): string[] {
  const out: string[] = [];
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors.slice(0, 3))
    out.push(`valid document has error ${d.code} at ${d.offset}: ${d.message} — line ${JSON.stringify(lineAt(a.document.text, d.offset))}`);
  const ids = a.model.participants.map((p) => p.id);
  const want = e.participants.map((p) => p.id);
  if (ids.join('\u0001') !== want.join('\u0001')) out.push(`participants ${JSON.stringify(ids)}, expected ${JSON.stringify(want)}`);
  for (const p of e.participants) {
    const got = a.model.participantById.get(p.id)?.displayName;
    if (got !== undefined && got !== p.display)
      out.push(`participant ${JSON.stringify(p.id)} shown as ${JSON.stringify(got)}, expected ${JSON.stringify(p.display)}`);
  }
  if (a.model.sequences.length !== e.sequences.length) {
    out.push(
      `${a.model.sequences.length} sequences (${a.model.sequences.map((s) => JSON.stringify(s.name)).join(', ')}), expected ${e.sequences.length} (${e.sequences.map((s) => JSON.stringify(s.name)).join(', ')})`,
    );
    return out;
  }
  const display = new Map(e.participants.map((p) => [p.id, p.display]));
  a.model.sequences.forEach((seq, i) => {
    const x = e.sequences[i];
    if (seq.name !== x.name || seq.implicit !== x.implicit)
      out.push(
        `sequence ${i + 1} is ${JSON.stringify(seq.name)} (implicit ${seq.implicit}), expected ${JSON.stringify(x.name)} (implicit ${x.implicit})`,
      );
    if (seq.lifelines.join('\u0001') !== x.lifelines.join('\u0001'))
      out.push(`sequence ${JSON.stringify(x.name)} lifelines ${JSON.stringify(seq.lifelines)}, expected ${JSON.stringify(x.lifelines)}`);
    const got = flatMessages(seq.items).map((m) => ({ from: m.from, to: m.to, arrow: m.arrow, label: m.label }));
    if (JSON.stringify(got) !== JSON.stringify(x.messages))
      out.push(`sequence ${JSON.stringify(x.name)} messages ${JSON.stringify(got)}, expected ${JSON.stringify(x.messages)}`);
    if (out.length) return;
    for (const charset of CHARSETS) {
      const diagram = diagramOf(diagrams, a.model, seq, charset);
      out.push(...checkSequence({ model: a.model, sequence: seq, expected: x, display, diagram, charset }));
    }
  });
  return out;
}

function lineAt(text: string, offset: number): string {
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const m = /[\r\n]/.exec(text.slice(offset));
  return text.slice(start, m ? offset + m.index : text.length);
}
