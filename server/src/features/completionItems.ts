/** The completion items of each context (participants, edges, sequences, forms, arrows, durations, box). */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-protocol';
import { Arrows, formatName, participantKinds, type ArrowKind, type Participant, type ParticipantKindName } from '../core/index';
import { blocksAt } from './blocks';
import { type ParsedDocument } from './document';

import { lineNodes } from './locate';

/**
 * Participant items over `range`. A name known only from the word being typed (an implicit
 * participant made of the partial word itself) is left out.
 */
export function participantItems(all: readonly Participant[], range: Range, typedAt?: number): CompletionItem[] {
  const participants = typedAt === undefined ? all : all.filter((x) => x.declared || x.references.some((r) => r.offset !== typedAt));
  return participants.map((x, i) => {
    const written = formatName(x.id);
    const parts = [x.declared ? x.kind : 'undeclared'];
    if (x.displayName !== x.id) parts.push(x.displayName.replace(/\n/g, ' '));
    const item: CompletionItem = {
      label: written,
      kind: participantCompletionKind[x.declared ? x.kind : 'participant'],
      detail: parts.join(' · ') + (x.description ? ` — ${x.description}` : ''),
      sortText: `1${String(i).padStart(5, '0')}`,
      filterText: written,
      textEdit: { range, newText: written },
    };
    if (x.description) item.documentation = x.description;
    return item;
  });
}

export const participantCompletionKind: Readonly<Record<ParticipantKindName, CompletionItemKind>> = {
  actor: CompletionItemKind.Interface,
  system: CompletionItemKind.Class,
  service: CompletionItemKind.Module,
  database: CompletionItemKind.Struct,
  queue: CompletionItemKind.Event,
  participant: CompletionItemKind.Variable,
};

const arrowDetail: Readonly<Record<ArrowKind, string>> = {
  '->': 'synchronous request',
  '-->': 'reply',
  '->>': 'asynchronous message',
  '-->>': 'asynchronous reply',
  '-x': 'lost message',
  '--x': 'lost reply',
};

const COMMON_DURATIONS = ['50ms', '100ms', '200ms', '250ms', '500ms', '800ms', '1s', '2s', '5s', '10s', '30s', '1min', '5min'];

const EDGE_DETAIL = {
  '[': 'the left edge: the message comes from or goes to outside the diagram',
  ']': 'the right edge: the message comes from or goes to outside the diagram',
} as const;

/** The edges `[` and `]` as a sender (line start) or target; the one a reader expects there first. */
export function edgeItems(range: Range, where: 'sender' | 'target'): CompletionItem[] {
  const order = where === 'sender' ? (['[', ']'] as const) : ([']', '['] as const);
  return order.map((e, i) => ({
    label: e,
    kind: CompletionItemKind.Constant,
    detail: EDGE_DETAIL[e],
    sortText: `5${i}`,
    filterText: e,
    textEdit: { range, newText: where === 'sender' ? `${e} ` : e },
  }));
}

/** The sequences a `ref` may name: every named one but the one the cursor is in (that would be recursive). */
/** `offset` is the cursor's in `doc`, or −1 for another document (where no sequence is left out). */
export function sequenceItems(doc: ParsedDocument, range: Range, offset: number): CompletionItem[] {
  const here = offset < 0 ? undefined : blocksAt(doc, offset).find((b) => b.kind === 'sequence')?.statement;
  return doc.analysis.model.sequences
    .filter((s) => !s.implicit && s.name !== '' && s.statement !== here)
    .map((s, i) => {
      const written = s.name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
      const item: CompletionItem = {
        label: written,
        kind: CompletionItemKind.Reference,
        detail: `sequence${s.within ? ` within ${s.within.text}` : ''}`,
        sortText: String(i).padStart(5, '0'),
        textEdit: { range, newText: written },
      };
      if (s.purpose) item.documentation = s.purpose;
      return item;
    });
}

const AUTONUMBER_FORMS = [
  { word: 'off', detail: 'stop numbering the messages' },
  { word: 'resume', detail: 'go on numbering from the next number' },
];

export function autonumberItems(range: Range): CompletionItem[] {
  return AUTONUMBER_FORMS.map((f, i) => ({
    label: f.word,
    kind: CompletionItemKind.Keyword,
    detail: f.detail,
    sortText: String(i),
    textEdit: { range, newText: f.word },
  }));
}

/** After `create`: a kind (the long form declares), or a participant declared elsewhere. */
export function createItems(participants: readonly Participant[], range: Range, typedAt: number): CompletionItem[] {
  const kinds = participantKinds.map((k) => ({
    label: k,
    kind: CompletionItemKind.Keyword,
    detail: `create and declare a participant (${k})`,
    sortText: `0${k}`,
    textEdit: { range, newText: `${k} ` },
  }));
  return [...kinds, ...participantItems(participants, range, typedAt)];
}

export function arrowItems(range: Range, afterArrow: boolean): CompletionItem[] {
  return Arrows.map((a, i) => ({
    label: a,
    kind: CompletionItemKind.Operator,
    detail: arrowDetail[a],
    sortText: `${afterArrow ? 2 : 0}${i}`,
    filterText: a,
    textEdit: { range, newText: `${a} ` },
  }));
}

export function durationItems(doc: ParsedDocument, range: Range, typed: string): CompletionItem[] {
  const used = new Set<string>();
  for (const node of lineNodes(doc)) {
    if (node.type === 'statement' && (node.statement.type === 'takes' || node.statement.type === 'timeout') && node.statement.duration) {
      used.add(node.statement.duration.text);
    }
    if (node.type === 'sequence' && node.statement.within) used.add(node.statement.within.text);
  }
  const number = /^\d+(?:\.\d+)?$/.test(typed) ? typed : undefined;
  const candidates = number ? ['ms', 's', 'min', 'h'].map((u) => number + u) : [...used, ...COMMON_DURATIONS];
  return [...new Set(candidates)].map((d, i) => ({
    label: d,
    kind: CompletionItemKind.Unit,
    detail: used.has(d) ? 'used in this file' : 'duration',
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: d },
  }));
}

/** A box holds only declarations: the kinds, and `end`. */
export function boxItems(range: Range): CompletionItem[] {
  const kinds = participantKinds.map((k) => ({
    label: k,
    kind: CompletionItemKind.Keyword,
    detail: `declare a participant (${k}) in the box`,
    sortText: `0${k}`,
    textEdit: { range, newText: `${k} ` },
  }));
  return [
    ...kinds,
    { label: 'end', kind: CompletionItemKind.Keyword, detail: 'close `box`', sortText: '1end', textEdit: { range, newText: 'end' } },
  ];
}
