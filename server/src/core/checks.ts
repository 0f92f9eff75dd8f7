/**
 * The checks of spec section 6 that need the model's meaning: undeclared and unused names,
 * missing related files (budgets are checked in sequenceTiming.ts). The model builder calls them;
 * each returns diagnostics as data.
 */
import type { ParticipantStatement, NameNode } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { Participant, RelatedFile } from './model';
import { formatName, guessKind, nearestNames } from './names';
import { lineBreakOf } from './parser';
import { lineContentEnd, lineOfOffset } from './text';

/** Edit-distance comparisons for all "did you mean" suggestions of one document. */
const SUGGESTION_COMPARISONS = 200_000;

/** The undeclared-participant check: its suggestions and its quick fix's insertion point, computed once per document. */
export class UndeclaredNames {
  /** Declared ids, fixed once pass 1 is done; suggestions per undeclared name; name comparisons left for them. */
  private declaredIds: string[] | undefined;
  private readonly suggestionsByName = new Map<string, string[]>();
  private comparisonsLeft = SUGGESTION_COMPARISONS;
  private insertion: { insertAt: number; prefix: string; suffix: string } | undefined;

  constructor(
    private readonly text: string,
    private readonly lineStarts: readonly number[],
    /** First declarations by id, complete before the first use is checked. */
    private readonly firstDeclaration: ReadonlyMap<string, ParticipantStatement>,
  ) {}

  /** "Did you mean" names for an undeclared one: computed once per name, within a budget (thousands of undeclared names against thousands of declared ones stay linear). */
  private suggestionsFor(name: string): string[] {
    let s = this.suggestionsByName.get(name);
    if (!s) {
      const declared = (this.declaredIds ??= [...this.firstDeclaration.keys()]);
      s = declared.length <= this.comparisonsLeft ? nearestNames(name, declared) : [];
      this.comparisonsLeft -= Math.min(declared.length, this.comparisonsLeft);
      this.suggestionsByName.set(name, s);
    }
    return s;
  }

  diagnosticFor(name: NameNode): Diagnostic {
    const kind = guessKind(name.value);
    const suggestions = this.suggestionsFor(name.value);
    const where = this.declarationInsertion();
    const hint = suggestions.length ? ` (or did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
    return diagnostic(
      'undeclared-participant',
      name.span,
      `"${name.value}" is not declared: add \`${kind} ${formatName(name.value)}\` with the other participants${hint}.`,
      {
        data: {
          kind: 'undeclared-participant',
          name: name.value,
          guessedKind: kind,
          declaration: `${kind} ${formatName(name.value)}`,
          suggestions,
          ...where,
        },
      },
    );
  }

  /** After the last declaration line, with its indentation; at the top when there is none. */
  private declarationInsertion(): { insertAt: number; prefix: string; suffix: string } {
    if (this.insertion) return this.insertion;
    const text = this.text;
    const eol = lineBreakOf(text);
    // A plain declaration line: a `create participant …` (v2) declares too, but inside a sequence.
    const plain = (st: ParticipantStatement) =>
      /^[ \t]*$/.test(text.slice(this.lineStarts[lineOfOffset(this.lineStarts, st.span.offset)], st.span.offset));
    let last: ParticipantStatement | undefined;
    for (const st of this.firstDeclaration.values()) if (plain(st) && (!last || st.span.offset > last.span.offset)) last = st;
    if (!last) {
      this.insertion = { insertAt: 0, prefix: '', suffix: eol };
    } else {
      const line = lineOfOffset(this.lineStarts, last.span.offset);
      const indent = text.slice(this.lineStarts[line], last.span.offset);
      this.insertion = { insertAt: lineContentEnd(text, this.lineStarts, line), prefix: eol + indent, suffix: '' };
    }
    return this.insertion;
  }
}

/** Declared participants no statement uses, each with the line its quick fix removes. */
export function unusedParticipants(participants: readonly Participant[], text: string, lineStarts: readonly number[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of participants) {
    if (!p.declared || p.references.length > 0 || !p.declaration) continue;
    const line = lineOfOffset(lineStarts, p.declaration.span.offset);
    let start = lineStarts[line];
    let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    // Between a lone CR before the line and an LF after it, removing the line with its break
    // would join the two into one CRLF and take a second line: remove the CR before it instead.
    if (text.charCodeAt(start - 1) === 13 && text.charCodeAt(end) === 10)
      [start, end] = [start - 1, lineContentEnd(text, lineStarts, line)];
    out.push(
      diagnostic(
        'unused-participant',
        p.declaration.name.span,
        `"${p.id}" is declared but never used: remove the declaration, or use it in a message.`,
        {
          tags: ['unnecessary'],
          data: { kind: 'unused-participant', lineSpan: { offset: start, length: end - start } },
        },
      ),
    );
  }
  return out;
}

/** `related:` files that do not exist (nothing when the file system is unknown). */
export function missingRelated(related: readonly RelatedFile[], exists: ((relativePath: string) => boolean) | undefined): Diagnostic[] {
  if (!exists) return [];
  const out: Diagnostic[] = [];
  for (const r of related) {
    let ok = false;
    try {
      ok = exists(r.path);
    } catch {
      ok = false;
    }
    if (!ok)
      out.push(
        diagnostic(
          'missing-related',
          r.span,
          `The related file "${r.path}" does not exist: fix the path (it is relative to this file) or remove the line.`,
        ),
      );
  }
  return out;
}

/** The critical path (with refs, v2) lives with the rest of the timing across sequences. */
export { criticalPathOf } from './sequenceTiming';
