// Snapshot tests with vscode-tmgrammar-snap: every examples/*.seq (whatever exists at run
// time) and every assertion case is tokenized and compared with its committed snapshot,
// test/grammar/snapshots/<examples|cases>/<name>.seq.snap.
//
//   UPDATE_SNAPSHOTS=1 node scripts/test.mjs --only grammar   write new and changed snapshots
//
// The tool keeps `<file>.snap` beside each source, so the sources and their snapshots are
// staged in a temporary directory laid out like the snapshot directory. Without the update
// flag a missing or obsolete snapshot fails (the tool itself would silently write one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CASES_DIR, EXAMPLES_DIR, SNAP_CLI, SNAPSHOTS_DIR, runCli, seqFilesIn } from './support/cli';
import { SEQ_GRAMMAR } from './support/textmate';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1' || process.argv.includes('--updateSnapshot');

interface Source {
  group: 'examples' | 'cases';
  file: string;
  /** `<group>/<name>.seq`, the source's place in the staging and snapshot directories. */
  key: string;
}

const sources: Source[] = [
  ...seqFilesIn(EXAMPLES_DIR).map((file) => ({ group: 'examples' as const, file, key: `examples/${basename(file)}` })),
  ...seqFilesIn(CASES_DIR).map((file) => ({ group: 'cases' as const, file, key: `cases/${basename(file)}` })),
];

function committedSnapshots(): string[] {
  return (['examples', 'cases'] as const).flatMap((group) => {
    const dir = join(SNAPSHOTS_DIR, group);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n.endsWith('.seq.snap'))
          .map((n) => `${group}/${n}`)
      : [];
  });
}

/** Splits the tool's report into one section per file (each starts with ✓, ERROR or Generating/Updating). */
function sectionsByFile(output: string, stage: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const at = line.indexOf(stage);
    if (at >= 0) {
      const m = /^[/\\]?((?:examples|cases)[/\\][^\s]+?\.seq)\b/.exec(line.slice(at + stage.length));
      if (m) current = m[1].replace(/\\/g, '/');
    }
    if (current !== undefined) sections.set(current, (sections.get(current) ?? '') + line + '\n');
  }
  return sections;
}

test('grammar snapshots of examples/ and the assertion cases (vscode-tmgrammar-snap)', async (t) => {
  assert.ok(
    sources.some((s) => s.group === 'cases'),
    'the assertion cases are snapshotted too',
  );
  const stage = mkdtempSync(join(tmpdir(), 'lifeline-grammar-snap-'));
  try {
    for (const s of sources) {
      mkdirSync(join(stage, s.group), { recursive: true });
      copyFileSync(s.file, join(stage, s.key));
      const snap = join(SNAPSHOTS_DIR, `${s.key}.snap`);
      if (existsSync(snap)) copyFileSync(snap, join(stage, `${s.key}.snap`));
    }
    const missing = sources.filter((s) => !existsSync(join(SNAPSHOTS_DIR, `${s.key}.snap`)));
    const obsolete = committedSnapshots().filter((snap) => !sources.some((s) => `${s.key}.snap` === snap));
    const toRun = UPDATE ? sources : sources.filter((s) => !missing.includes(s));

    const args = ['-g', SEQ_GRAMMAR, '--scope', 'source.seq', '--expandDiff'];
    if (UPDATE) args.push('--updateSnapshot');
    const run = toRun.length > 0 ? runCli(SNAP_CLI, [...args, ...toRun.map((s) => join(stage, s.key))]) : { status: 0, output: '' };
    const sections = sectionsByFile(run.output, stage);

    if (UPDATE) {
      assert.equal(run.status, 0, `vscode-tmgrammar-snap failed:\n${run.output}`);
      for (const s of sources) {
        mkdirSync(join(SNAPSHOTS_DIR, s.group), { recursive: true });
        copyFileSync(join(stage, `${s.key}.snap`), join(SNAPSHOTS_DIR, `${s.key}.snap`));
      }
      for (const snap of obsolete) unlinkSync(join(SNAPSHOTS_DIR, snap));
      t.diagnostic(`snapshots written: ${sources.length}; obsolete removed: ${obsolete.length}`);
      return;
    }

    for (const s of sources) {
      await t.test(s.key, () => {
        assert.ok(
          !missing.includes(s),
          `no snapshot ${s.key}.snap: review the tokens, then run UPDATE_SNAPSHOTS=1 node scripts/test.mjs --only grammar`,
        );
        const section = sections.get(s.key) ?? '';
        assert.match(section, /run successfully/, `the tokens differ from ${s.key}.snap (-- snapshot, ++ now):\n${section || run.output}`);
      });
    }
    await t.test('no obsolete snapshots', () => {
      assert.deepEqual(obsolete, [], 'snapshots whose source is gone: run UPDATE_SNAPSHOTS=1 node scripts/test.mjs --only grammar');
    });
    assert.equal(run.status, 0, `vscode-tmgrammar-snap failed:\n${run.output}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
});
