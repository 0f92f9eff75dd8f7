// package.json's part of the bridges: Lifeline claims no Mermaid or PlantUML language (other
// extensions own them), Convert to .seq shows exactly for the files it reads, the exports for
// .seq files, and Markdown activates the extension for the fence code action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';

interface MenuItem {
  readonly command: string;
  readonly when?: string;
}

const IMPORTED = ['.mmd', '.mermaid', '.puml', '.plantuml', '.pu'];
const menus = manifest.contributes.menus as Record<string, readonly MenuItem[]>;

test('no language is contributed for the imported extensions', () => {
  const claimed = manifest.contributes.languages.flatMap((l) => l.extensions.map((e) => e.toLowerCase()));
  assert.deepEqual(
    claimed.filter((e) => IMPORTED.includes(e)),
    [],
  );
});

test('the bridge commands are contributed under Lifeline', () => {
  const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
  assert.equal(titles['lifeline.convertToSeq'], 'Lifeline: Convert to .seq');
  assert.equal(titles['lifeline.exportMermaid'], 'Lifeline: Export as Mermaid');
  assert.equal(titles['lifeline.exportPlantUml'], 'Lifeline: Export as PlantUML');
});

/** The `resourceExtname =~ /…/flags` test of a `when` clause, as a RegExp. */
function extnameRegex(when: string): RegExp {
  const m = /^resourceExtname =~ \/(.*)\/([a-z]*)$/.exec(when);
  assert.ok(m, `a resourceExtname test: ${when}`);
  return new RegExp(m[1], m[2]);
}

for (const menu of ['commandPalette', 'explorer/context', 'editor/context', 'editor/title/context']) {
  test(`${menu}: Convert to .seq shows for the imported files only, the exports for .seq files`, () => {
    const items = menus[menu].filter((i) => i.command === 'lifeline.convertToSeq' || i.command.startsWith('lifeline.export'));
    const convert = items.find((i) => i.command === 'lifeline.convertToSeq');
    assert.ok(convert?.when);
    const accepts = extnameRegex(convert.when);
    for (const ext of [...IMPORTED, '.MMD', '.PUML']) assert.ok(accepts.test(ext), ext);
    for (const ext of ['.seq', '.md', '.txt', '.mmdx', '.ppu']) assert.ok(!accepts.test(ext), ext);
    for (const id of ['lifeline.exportMermaid', 'lifeline.exportPlantUml']) {
      assert.match(items.find((i) => i.command === id)?.when ?? '', /^(editorLangId|resourceLangId) == seq$/, id);
    }
  });
}

test('a Markdown file activates the extension (the fence code action)', () => {
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
});
