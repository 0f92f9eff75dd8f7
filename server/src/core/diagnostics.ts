/** Diagnostic codes of spec section 6: one string union, one severity table. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DiagnosticCodes = [
  'syntax',
  'undeclared-participant',
  'unused-participant',
  'duplicate-declaration',
  'unclosed-block',
  'unexpected-keyword',
  'dangling-timing',
  'invalid-duration',
  'budget-exceeded',
  'inactive-deactivation',
  'destroyed-participant',
  'duplicate-metadata',
  'duplicate-timing',
  'duplicate-sequence',
  'missing-related',
  'nested-box',
  'unknown-sequence',
  'box-content',
  'not-yet-created',
  'recursive-ref',
] as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[number];

export const severityOf: Readonly<Record<DiagnosticCode, Severity>> = {
  syntax: 'error',
  'undeclared-participant': 'warning',
  'unused-participant': 'hint',
  'duplicate-declaration': 'error',
  'unclosed-block': 'error',
  'unexpected-keyword': 'error',
  'dangling-timing': 'error',
  'invalid-duration': 'error',
  'budget-exceeded': 'warning',
  'inactive-deactivation': 'warning',
  'destroyed-participant': 'error',
  'duplicate-metadata': 'warning',
  'duplicate-timing': 'warning',
  'duplicate-sequence': 'warning',
  'missing-related': 'warning',
  'nested-box': 'error',
  'unknown-sequence': 'warning',
  'box-content': 'error',
  'not-yet-created': 'error',
  'recursive-ref': 'error',
};

/** A range in UTF-16 code units from the start of the document (LSP's unit). */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface RelatedInfo extends Span {
  readonly message: string;
}

/** Data a quick fix needs, carried by the diagnostic (Langium's habit). */
export type FixData =
  | {
      readonly kind: 'undeclared-participant';
      /** The participant id (NFC-normalised). */
      readonly name: string;
      /** The kind guessed from the name (spec section 6). */
      readonly guessedKind: ParticipantKindName;
      /** The declaration line to add, e.g. `database UserDB` (the name quoted when it must be). */
      readonly declaration: string;
      /** Up to three declared names, nearest first. */
      readonly suggestions: readonly string[];
      /** Where the declaration goes: insert `prefix + declaration + suffix` at `insertAt`. */
      readonly insertAt: number;
      readonly prefix: string;
      readonly suffix: string;
    }
  | {
      readonly kind: 'unused-participant';
      /** The whole declaration line, its line break included. */
      readonly lineSpan: Span;
    }
  | {
      readonly kind: 'not-yet-created';
      /** The `create` line to move, its line break included. */
      readonly lineSpan: Span;
      /** Where it goes: the start of the line of the message that should create the participant. */
      readonly insertAt: number;
      /** The line as it will be inserted (re-indented like the message, with a line break). */
      readonly insertText: string;
    }
  | {
      readonly kind: 'unknown-sequence';
      /** The ref's text to replace, and the sequence name it is near. */
      readonly textSpan: Span;
      readonly replacement: string;
    }
  | {
      readonly kind: 'unclosed-block';
      /** Insert `insertText` (the `end` line, with indentation and line break) at `insertAt`. */
      readonly insertAt: number;
      readonly insertText: string;
    };

export type ParticipantKindName = 'actor' | 'system' | 'service' | 'database' | 'queue' | 'participant';

export interface Diagnostic extends Span {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedInfo[];
  /** `unnecessary` makes editors fade the range (unused declarations). */
  readonly tags?: readonly 'unnecessary'[];
  readonly data?: FixData;
}

export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: Pick<Diagnostic, 'related' | 'tags' | 'data'> = {},
): Diagnostic {
  return { code, severity: severityOf[code], offset: span.offset, length: span.length, message, ...extra };
}
