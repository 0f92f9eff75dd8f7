/**
 * The checks of spec section 6 that need the model's meaning: undeclared and unused names,
 * missing related files, sequences over their time budget. The model builder calls them;
 * each returns diagnostics as data.
 */
import type { ParticipantStatement, SequenceStatement, NameNode } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { CriticalPath, Duration, Item, MessageItem, Participant, RelatedFile } from './model';
import { formatName, guessKind, nearestNames } from './names';
import { lineBreakOf } from './parser';
import { formatDuration } from './timing';
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
    return diagnostic('undeclared-participant', name.span, `"${name.value}" is not declared: add \`${kind} ${formatName(name.value)}\` with the other participants${hint}.`, {
      data: {
        kind: 'undeclared-participant',
        name: name.value,
        guessedKind: kind,
        declaration: `${kind} ${formatName(name.value)}`,
        suggestions,
        ...where,
      },
    });
  }

  /** After the last declaration line, with its indentation; at the top when there is none. */
  private declarationInsertion(): { insertAt: number; prefix: string; suffix: string } {
    if (this.insertion) return this.insertion;
    const text = this.text;
    const eol = lineBreakOf(text);
    let last: ParticipantStatement | undefined;
    for (const st of this.firstDeclaration.values()) if (!last || st.span.offset > last.span.offset) last = st;
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
    if (text.charCodeAt(start - 1) === 13 && text.charCodeAt(end) === 10) [start, end] = [start - 1, lineContentEnd(text, lineStarts, line)];
    out.push(diagnostic('unused-participant', p.declaration.name.span, `"${p.id}" is declared but never used: remove the declaration, or use it in a message.`, {
      tags: ['unnecessary'],
      data: { kind: 'unused-participant', lineSpan: { offset: start, length: end - start } },
    }));
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
    if (!ok) out.push(diagnostic('missing-related', r.span, `The related file "${r.path}" does not exist: fix the path (it is relative to this file) or remove the line.`));
  }
  return out;
}

/** A named sequence whose critical path takes longer than its `within` budget. */
export function budgetExceeded(st: SequenceStatement, within: Duration, criticalPath: CriticalPath): Diagnostic | undefined {
  if (criticalPath.ms <= within.ms || !st.within) return undefined;
  const steps = criticalPath.steps.map((m) => `${m.from} → ${m.to}${m.label ? ` "${m.label.split('\n')[0]}"` : ''} (${m.takes!.text})`).join(', ');
  return diagnostic('budget-exceeded', st.within.span, `The critical path takes ${formatDuration(criticalPath.ms)}, over the budget of ${formatDuration(within.ms)} (within ${within.text}): ${steps}. Shorten a step or raise the budget.`);
}

/**
 * Sum of `takes`; `par` counts its longest branch, `alt`/`critical` their longest case, the
 * others their body once. Computed bottom-up over an explicit post-order walk (no recursion).
 */
export function criticalPathOf(items: readonly Item[]): CriticalPath {
  // Post-order list of item lists: children before parents.
  const order: (readonly Item[])[] = [];
  const pending: (readonly Item[])[] = [items];
  while (pending.length > 0) {
    const list = pending.pop()!;
    order.push(list);
    for (const item of list) if (item.type === 'fragment') for (const b of item.branches) pending.push(b.items);
  }
  const pathOf = new Map<readonly Item[], CriticalPath>();
  for (let k = order.length - 1; k >= 0; k--) {
    const list = order[k];
    let ms = 0;
    const steps: MessageItem[] = [];
    for (const item of list) {
      if (item.type === 'message') {
        if (item.takes) {
          ms += item.takes.ms;
          steps.push(item);
        }
      } else if (item.type === 'fragment') {
        const longestOnly = item.kind === 'par' || item.kind === 'alt' || item.kind === 'critical';
        let best: CriticalPath | undefined;
        for (const b of item.branches) {
          const p = pathOf.get(b.items)!;
          if (longestOnly) {
            if (!best || p.ms > best.ms) best = p;
          } else {
            ms += p.ms;
            for (const step of p.steps) steps.push(step);
          }
        }
        if (best) {
          ms += best.ms;
          for (const step of best.steps) steps.push(step);
        }
      }
    }
    pathOf.set(list, { ms, steps });
  }
  return pathOf.get(items)!;
}
