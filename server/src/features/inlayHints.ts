/**
 * Inlay hints at the end of each `sequence` line: its critical path against its `within`
 * budget ("critical path 442 ms / 1.5 s"), recomputed on every change; and at the end of
 * each `ref` line (v2) the critical path of the sequence it names, which counts as one step.
 */
import { type InlayHint, type Range } from 'vscode-languageserver-protocol';
import { formatDuration } from '../core/index';
import { toPosition, type ParsedDocument } from './document';
import { criticalPathLabel } from './hover';
import { sequenceLineSpan } from './locate';
import type { RefTargetInfo } from '../core/index';
import { refItemOf, refStatements, resolveRef, type Workspace } from './refs';

function foreign(target: RefTargetInfo | undefined): { name: string; ms: number } | undefined {
  return target?.file !== undefined ? { name: target.name, ms: target.criticalPathMs } : undefined;
}

export function inlayHints(doc: ParsedDocument, range: Range, workspace: Workspace = []): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const seq of doc.analysis.model.sequences) {
    if (!seq.statement) continue;
    const line = sequenceLineSpan(seq.statement);
    const position = toPosition(doc, line.offset + line.length);
    if (position.line < range.start.line || position.line > range.end.line) continue;
    const over = seq.within !== undefined && seq.criticalPath.ms > seq.within.ms;
    const steps = seq.criticalPath.path.map((t) =>
      t.type === 'ref'
        ? `ref ${t.target?.name ?? t.text}: ${formatDuration(t.takes?.ms ?? 0)}`
        : `${t.from} → ${t.to}: ${formatDuration(t.takes!.ms)}`,
    );
    hints.push({
      position,
      label: criticalPathLabel(seq),
      paddingLeft: true,
      tooltip: [
        seq.within
          ? `Critical path against the budget (within ${seq.within.text})${over ? ': over budget' : ''}.`
          : 'Critical path (sum of `takes` along the longest branch).',
        ...steps,
      ].join('\n'),
    });
  }
  for (const st of refStatements(doc)) {
    const position = toPosition(doc, st.span.offset + st.span.length);
    if (position.line < range.start.line || position.line > range.end.line) continue;
    const sequence = resolveRef(doc, st, workspace)?.sequence;
    // A file that is not open: what the core read of it.
    const known = sequence ? { name: sequence.name, ms: sequence.criticalPath.ms } : foreign(refItemOf(doc, st)?.target);
    if (!known) continue;
    hints.push({
      position,
      label: `critical path ${formatDuration(known.ms)}`,
      paddingLeft: true,
      tooltip: `The critical path of ${known.name}: it counts as one step of this sequence.`,
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line);
}
