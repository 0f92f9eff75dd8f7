// What the first scenarios open and expect, shared by the code-server e2e tests (test/e2e) and
// the @vscode/test-electron suite (test/vscode), so both prove the same behaviour.

export const EXTENSION_ID = 'lifeline-diagrams.lifeline';

/** The language as package.json contributes it; VS Code shows the first alias. */
export const SEQ_LANGUAGE = { id: 'seq', name: 'Sequence Diagram', activationEvent: 'onLanguage:seq' } as const;

/** A clean file, in a folder (so opening it expands the folder first): opening it activates the extension. */
export const CLEAN = {
  file: 'flows/checkout.seq',
  text: 'participant User\nparticipant Shop\nUser -> Shop: buy\n',
} as const;

/**
 * A broken file: Mermaid's alias syntax is no Lifeline statement, the spec's example of a
 * `syntax` error (1-based line 1), whose message shows the Lifeline way to write it.
 */
export const BROKEN = {
  file: 'broken.seq',
  text: 'participant A as Alice\nparticipant B\nA -> B: hello\n',
  expected: { source: 'lifeline', code: 'syntax', severity: 'error', line: 1, message: /participant A "Alice"/ },
} as const;

/** The workspace both suites open: one file per scenario. */
export const WORKSPACE: Record<string, string> = { [CLEAN.file]: CLEAN.text, [BROKEN.file]: BROKEN.text };
