// Inline assertion files (test/grammar/cases/*.seq, `# SYNTAX TEST "source.seq"`) run by
// vscode-tmgrammar-test: every `^^^ scope` and `- scope` line under a source line must hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { CASES_DIR, UNIT_CLI, runCli, seqFilesIn } from './support/cli';
import { REPO_ROOT, SEQ_GRAMMAR } from './support/textmate';

const cases = seqFilesIn(CASES_DIR);
const ASSERTION = /^#\s*(\^|<~*-+)/;

test('there are assertion files', () => {
  assert.ok(cases.length >= 10, `expected the assertion files in ${CASES_DIR}`);
});

/** One run over every case file; the report is split per file (a section starts at ✓ or ✖). */
function runAllCases(): { status: number | null; output: string; sections: Map<string, string> } {
  const r = runCli(UNIT_CLI, ['-g', SEQ_GRAMMAR, ...cases.map((f) => relative(REPO_ROOT, f))]);
  const sections = new Map<string, string>();
  let current: string | undefined;
  for (const line of r.output.split('\n')) {
    const head = /^[✓✖√×] (\S+)/.exec(line);
    if (head) current = basename(head[1]);
    if (current !== undefined) sections.set(current, (sections.get(current) ?? '') + line + '\n');
  }
  return { ...r, sections };
}

test('inline assertions (vscode-tmgrammar-test)', async (t) => {
  const run = runAllCases();
  for (const file of cases) {
    const name = basename(file);
    await t.test(name, () => {
      const lines = readFileSync(file, 'utf8').split(/\r?\n/);
      assert.match(lines[0], /^# SYNTAX TEST "source\.seq"/, 'the first line is the `# SYNTAX TEST "source.seq"` header');
      assert.ok(
        lines.some((l) => ASSERTION.test(l)),
        'the file asserts something',
      );
      const section = run.sections.get(name) ?? '';
      assert.match(section, /run successfu/, `vscode-tmgrammar-test reported:\n${section || run.output}`);
    });
  }
  assert.equal(run.status, 0, `vscode-tmgrammar-test failed:\n${run.output}`);
});

test('every scope the grammar assigns is asserted in some case file', () => {
  const scopes = new Set<string>();
  const visit = (node: unknown, isRule: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, true));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (isRule && (key === 'name' || key === 'contentName') && typeof value === 'string') {
        for (const scope of value.split(' ')) if (!scope.includes('$1')) scopes.add(scope); // `$1` ones are expanded below
      } else {
        visit(value, true);
      }
    }
  };
  visit(JSON.parse(readFileSync(SEQ_GRAMMAR, 'utf8')), false);
  for (const s of ['storage.modifier.internal.seq', 'storage.modifier.external.seq']) scopes.add(s);
  for (const s of ['keyword.other.activate.seq', 'keyword.other.deactivate.seq', 'keyword.other.destroy.seq']) scopes.add(s);
  scopes.delete('source.seq');
  const asserted = cases
    .flatMap((f) => readFileSync(f, 'utf8').split(/\r?\n/))
    .filter((l) => ASSERTION.test(l))
    .join('\n');
  const untested = [...scopes].filter((s) => !new RegExp(`(?:^|\\s)${s.replace(/\./g, '\\.')}(?:\\s|$)`, 'm').test(asserted));
  assert.deepEqual(untested, [], 'scopes that no assertion mentions');
});

test('self-test: a wrong assertion makes vscode-tmgrammar-test fail', () => {
  const file = join(REPO_ROOT, 'test/grammar/fixtures/wrong-assertion.seq');
  const r = runCli(UNIT_CLI, ['-g', SEQ_GRAMMAR, relative(REPO_ROOT, file)]);
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /missing required scopes: keyword\.control\.fragment\.seq/);
});
