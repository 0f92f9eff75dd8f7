// `lifeline import`, `export --format mermaid|plantuml`, and render/check of Mermaid, PlantUML and
// Markdown files, as a user runs them: the built dist/cli.js, real files, real exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliHarness, ROOT } from './harness';

const { run, file, tmp } = cliHarness('lifeline-bridges-', { rebuild: true });

const MERMAID =
  'sequenceDiagram\n    participant A as Alice\n    A->>+B: hello\n    B-->>-A: hi\n    A->B: no head\n    link A: Home @ https://example.com\n';

test('import: Mermaid → .seq on stdout, one stderr line per dropped thing, exit 0', () => {
  const r = run(['import', file('a.mmd', MERMAID)]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^participant A "Alice"\nparticipant B\nA -> \+B: hello\nB --> -A: hi\n# dropped: arrow `->`/);
  assert.deepEqual(r.err.trimEnd().split('\n'), [
    'lifeline import: 5: arrow `->` from A to B: a line without arrowhead is drawn with one',
    'lifeline import: 6: `link` (an actor menu): Lifeline draws no menus',
  ]);
});

test('import: every file name the issue lists, and - with --from', () => {
  for (const name of ['x.mermaid', 'x.mmd']) assert.equal(run(['import', file(name, MERMAID)]).code, 0, name);
  for (const name of ['x.puml', 'x.plantuml', 'x.pu']) {
    const r = run(['import', file(name, '@startuml\nA -> B : hi\n@enduml\n')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /A -> B: hi/);
  }
  const md = run([
    'import',
    file('doc.md', '# Doc\n\n```mermaid\nsequenceDiagram\nA->>B: one\n```\n\n```plantuml\n@startuml\nB -> A : two\n@enduml\n```\n'),
  ]);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /sequence Diagram 1\n {2}A -> B: one\nend\n/);
  assert.match(md.out, /sequence Diagram 2\n {2}B -> A: two\nend\n/);
  const stdin = run(['import', '-', '--from', 'plantuml'], '@startuml\nA ->> B : async\n@enduml\n');
  assert.equal(stdin.code, 0, stdin.err);
  assert.match(stdin.out, /A ->> B: async/);
});

test('import -o writes the file', () => {
  const out = join(tmp, 'out.seq');
  const r = run(['import', file('o.mmd', MERMAID), '-o', out]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(readFileSync(out, 'utf8'), /A -> \+B: hello/);
});

test('import: syntax errors in the input language → FILE:LINE:COL, exit 1', () => {
  const f = file('bad.mmd', 'sequenceDiagram\n    A->>B: ok\n    what is this\n');
  const r = run(['import', f]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.mmd:3:5: error syntax: cannot read `what is this`/);
});

test('import: usage and I/O problems → one line, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['import'], /import takes one FILE/],
    [['import', file('x.txt', 'hello')], /cannot tell its language from the name; use --from/],
    [['import', file('y.mmd', MERMAID), '--from', 'visio'], /--from must be mermaid, plantuml or markdown/],
    [['import', join(tmp, 'missing.mmd')], /missing\.mmd: no such file/],
    [['import', file('bin.mmd', Buffer.from([0x73, 0, 0x71]))], /looks like a binary file .* not a diagram/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    assert.match(r.err, message);
  }
});

test('render and check read Mermaid and PlantUML directly, positions mapped back to the original', () => {
  const f = file('r.mmd', MERMAID);
  const render = run(['render', f]);
  assert.equal(render.code, 0, render.err);
  assert.match(render.out, /\[Alice\]/);
  const check = run(['check', f]);
  assert.equal(check.code, 0, check.out);
  assert.match(check.out, /r\.mmd:5:1: information dropped: arrow `->`/);
  const p = file('c.puml', '@startuml\nparticipant A\nA -> B : one\nactivate B\ndeactivate B\ndeactivate B\n@enduml\n');
  const puml = run(['check', p, '--format', 'json']);
  const rows = JSON.parse(puml.out) as { range: { start: { line: number } }; code: string }[];
  assert.ok(
    rows.some((r) => r.code === 'inactive-deactivation' && r.range.start.line === 5),
    puml.out,
  );
  const broken = run(['check', file('b.puml', '@startuml\nA -> B : ok\nnonsense here\n@enduml\n')]);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /b\.puml:3:1: error syntax: cannot read `nonsense here`/);
});

test('export --format mermaid|plantuml, and -o', () => {
  const login = join(ROOT, 'examples/login.seq');
  const m = run(['export', login, '--format', 'mermaid']);
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /^sequenceDiagram\n/);
  assert.match(m.out, /%% lifeline: takes 20ms/);
  const out = join(tmp, 'login.puml');
  const p = run(['export', login, '--format', 'plantuml', '-o', out]);
  assert.equal(p.code, 0, p.err);
  assert.match(readFileSync(out, 'utf8'), /^@startuml\n[\s\S]*@enduml\n$/);
  const bad = run(['export', login, '--format', 'visio']);
  assert.equal(bad.code, 2);
  assert.ok(existsSync(out));
});
