// Diagnostics as LSP: code, severity, source, range, related information, the Unnecessary tag, the version, fix data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { DiagnosticCodes } from '../../server/src/core/index';
import { diagnostics } from '../../server/src/features/diagnostics';
import { at, docOf, rangeText } from './helpers';

/** One source per code; each must produce that code (so every code of the spec crosses the conversion). */
const sources: Record<string, string> = {
  syntax: 'actor A\nA -> A\nsequance X',
  'undeclared-participant': 'actor A\nA -> B',
  'unused-participant': 'actor A\nactor Unused\nA -> A',
  'duplicate-declaration': 'actor A\nservice A\nA -> A',
  'unclosed-block': 'actor A\nalt x\nA -> A',
  'unexpected-keyword': 'actor A\nA -> A\nend',
  'dangling-timing': 'takes 10ms',
  'invalid-duration': 'actor A\nA -> A\ntakes 2 secs',
  'budget-exceeded': 'actor A\nsequence S within 1s\nA -> A\ntakes 2s\nend',
  'inactive-deactivation': 'actor A\nA -> A\ndeactivate A',
  'destroyed-participant': 'actor A\nactor B\nA -> B\ndestroy B\nA -> B\nA -> B',
  'duplicate-metadata': 'project: a\nproject: b',
  'duplicate-timing': 'actor A\nA -> A\ntakes 1s\ntakes 2s',
  'duplicate-sequence': 'actor A\nsequence S\nA -> A\nend\nsequence S\nA -> A\nend',
  'missing-related': 'related: nowhere.seq',
  'nested-box': 'box A\n  box B\n  end\nend',
  'unknown-sequence': 'actor A\nsequence Login\nA -> A\nend\nref over A: Logn',
  'box-content': 'box B\n  actor A\n  A -> A\nend',
  'not-yet-created': 'actor A\nA -> S\ncreate S\nA -> S',
  'recursive-ref': 'actor A\nsequence L\nref over A: L\nend',
};

const severity: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  hint: DiagnosticSeverity.Hint,
};

for (const code of DiagnosticCodes) {
  test(`diagnostics: ${code} crosses to LSP with its code, severity and source`, () => {
    const doc = docOf(sources[code], { fileExists: () => false }, 'file:///w/a.seq', 7);
    const published = diagnostics(doc);
    assert.equal(published.version, 7);
    assert.equal(published.uri, 'file:///w/a.seq');
    const d = published.diagnostics.find((x) => x.code === code);
    assert.ok(d, `no ${code} in ${JSON.stringify(published.diagnostics.map((x) => x.code))}`);
    assert.equal(d.source, 'lifeline');
    const core = doc.analysis.diagnostics.find((x) => x.code === code)!;
    assert.equal(d.severity, severity[core.severity]);
    assert.equal(d.message, core.message);
  });
}

test('diagnostics: a duplicate declaration points at the first one', () => {
  const doc = docOf('actor Auth\nservice Auth\nAuth -> Auth');
  const d = diagnostics(doc).diagnostics.find((x) => x.code === 'duplicate-declaration')!;
  assert.equal(at(d.range.start), '2:9');
  assert.equal(d.relatedInformation?.length, 1);
  assert.equal(d.relatedInformation![0].location.uri, doc.uri);
  assert.equal(at(d.relatedInformation![0].location.range.start), '1:7');
  assert.match(d.relatedInformation![0].message, /first declared here/);
});

test('diagnostics: an unused participant is faded (Unnecessary), other diagnostics are not', () => {
  const doc = docOf('actor A\nactor Unused\nA -> B');
  const ds = diagnostics(doc).diagnostics;
  const unused = ds.find((x) => x.code === 'unused-participant')!;
  assert.deepEqual(unused.tags, [DiagnosticTag.Unnecessary]);
  assert.equal(unused.severity, DiagnosticSeverity.Hint);
  assert.equal(rangeText(doc, unused.range), 'Unused');
  assert.equal(ds.find((x) => x.code === 'undeclared-participant')!.tags, undefined);
});

test('diagnostics: quick-fix data travels with the diagnostic', () => {
  const d = diagnostics(docOf('actor A\nA -> UserDB')).diagnostics[0];
  assert.deepEqual((d.data as { kind: string; guessedKind: string }).kind, 'undeclared-participant');
  assert.equal((d.data as { guessedKind: string }).guessedKind, 'database');
});

test('diagnostics: ranges are in UTF-16 code units (an emoji counts 2)', () => {
  const doc = docOf('actor A\nA -> A: 😀\nA -> 用户');
  const d = diagnostics(doc).diagnostics.find((x) => x.code === 'undeclared-participant')!;
  assert.equal(at(d.range.start), '3:6');
  assert.equal(d.range.end.character - d.range.start.character, 2);
  const emoji = diagnostics(docOf('"😀x" -> "😀x"')).diagnostics[0];
  assert.equal(emoji.range.end.character, 5);
});

test('diagnostics: a clean document publishes an empty list', () => {
  assert.deepEqual(diagnostics(docOf('actor A\nA -> A: hi')).diagnostics, []);
});
