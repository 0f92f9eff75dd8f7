// The injection corpus through the picture's paths (issue 23 "every new surface, attacked",
// issue 22 tests): Mermaid and PlantUML files full of payloads are imported and drawn by the
// built CLI, their SVG is opened directly in Chromium, and the Markdown preview's picture style
// shows them in the real VS Code. Nothing executes, nothing is fetched, the labels are text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument, renderSvgDocument } from '../../server/src/core/render/index.js';
import { chromiumPath } from '../../scripts/prerequisites.js';
import { CHROMIUM_ARGS, repoRoot, useVSCode, waitFor } from './harness/index.js';
import { openMarkdownPreview, Preview } from './harness/lifeline.js';
import { hoverAt } from './harness/editorFeatures.js';
import { HOSTILE, PAYLOADS } from '../fixtures/hostile.js';
import { hostileMermaid, hostilePlantUml, MERMAID_PAYLOADS, PLANTUML_PAYLOADS, type ImportPayload } from '../fixtures/hostileImports.js';
import { elements, parseSvg } from '../core/render/svgCheck.js';

const tmp = mkdtempSync(join(tmpdir(), 'lifeline-picture-attack-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The built CLI, as a user runs it. */
function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SOURCES: { name: string; text: string; payloads: ImportPayload[] }[] = [
  { name: 'hostile.mmd', text: hostileMermaid(), payloads: MERMAID_PAYLOADS },
  { name: 'hostile.puml', text: hostilePlantUml(), payloads: PLANTUML_PAYLOADS },
];

/** Every `<text>` of a picture, as the SVG's XML holds it. */
function svgTexts(svg: string): string[] {
  return elements(parseSvg(svg), 'text').map((t) => t.textContent ?? '');
}

describe('hostile Mermaid and PlantUML, imported and drawn', () => {
  for (const source of SOURCES) {
    it(`${source.name}: the .seq keeps every payload as text, and both drawings show it`, () => {
      const input = join(tmp, source.name);
      writeFileSync(input, source.text);
      const seqFile = `${input}.seq`;
      const imported = cli(['import', input, '-o', seqFile]);
      assert.equal(imported.code, 0, imported.err);
      assert.equal(imported.err, '', 'nothing dropped, no error');
      const seq = readFileSync(seqFile, 'utf8');
      const analysis = analyze(seq);
      assert.deepEqual(
        analysis.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const text = renderDocument(analysis.model, { charset: 'ascii' }).text;
      assert.equal(cli(['render', seqFile]).out, text, 'the CLI draws what the core draws');
      const svg = cli(['render', seqFile, '--format', 'svg']).out;
      const texts = svgTexts(svg);
      for (const p of source.payloads) {
        // Labels carry the payload as written (after the source language's own entities).
        assert.ok(seq.includes(p.shown), `the .seq keeps ${p.shown}`);
        assert.ok(text.includes(p.shown), `the text drawing shows ${p.shown}`);
        assert.ok(
          texts.some((t) => t.includes(p.shown)),
          `a <text> of the picture shows ${p.shown}`,
        );
      }
    });
  }
});

/**
 * Every payload assigns `window.__lifelinePwned`; this turns the assignment into a call of the
 * exposed `__lifelineProbe` the test records. (A string: tsx would name a function's callbacks.)
 */
const TRAP = {
  content:
    "Object.defineProperty(window, '__lifelinePwned', { set(v) { window.__lifelineProbe(String(v)); }, get() { return undefined; } });",
};

/** What a page did that a payload would make it do. */
interface Activity {
  probe: string[];
  dialogs: string[];
  requests: string[];
  console: string[];
}

describe('the SVG opened directly in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  before(async () => {
    profile = mkdtempSync(join(tmpdir(), 'lifeline-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /**
   * Opens a file in a new tab and records what ran: a payload assigns `window.__lifelinePwned`
   * (the TRAP), calls `alert` (a dialog), loads something (a request other than the file) or logs.
   */
  async function open(file: string): Promise<{ activity: Activity; texts: { text: string; visible: boolean }[]; root: string }> {
    const page = await context.newPage();
    const url = pathToFileURL(file).href;
    const activity: Activity = { probe: [], dialogs: [], requests: [], console: [] };
    await page.exposeBinding('__lifelineProbe', (_source, value: string) => void activity.probe.push(value));
    await page.addInitScript(TRAP);
    page.on('dialog', (d) => {
      activity.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (r.url() !== url) activity.requests.push(r.url());
    });
    page.on('console', (m) => activity.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => activity.console.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });
    const shown = await page.evaluate(() => ({
      root: document.documentElement.tagName,
      texts: Array.from(document.querySelectorAll('text')).map((t) => {
        const style = getComputedStyle(t);
        const box = (t as SVGTextElement).getBBox();
        return {
          text: t.textContent ?? '',
          visible: style.display !== 'none' && style.visibility === 'visible' && style.fill !== 'none' && box.width > 0 && box.height > 0,
        };
      }),
    }));
    await page.close();
    return { activity, ...shown };
  }

  it('catches a payload that does run (the detectors work)', async () => {
    const file = join(tmp, 'control.svg');
    writeFileSync(
      file,
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.__lifelinePwned='control';alert('control')</script>` +
        `<image href="https://evil.example/x.png" width="1" height="1"/><text x="1" y="9">t</text></svg>`,
    );
    const { activity } = await open(file);
    assert.deepEqual(activity.probe, ['control']);
    assert.deepEqual(activity.dialogs, ['alert: control']);
    assert.deepEqual(activity.requests, ['https://evil.example/x.png']);
  });

  const pictures: { name: string; make: () => { file: string; payloads: string[] } }[] = [
    ...SOURCES.flatMap((source) => [
      {
        name: `render --format svg of imported ${source.name}`,
        make: () => {
          const input = join(tmp, source.name);
          writeFileSync(input, source.text);
          const file = join(tmp, `${source.name}.render.svg`);
          writeFileSync(file, cli(['render', input, '--format', 'svg']).out);
          return { file, payloads: source.payloads.map((p) => p.shown) };
        },
      },
      {
        name: `export --format svg of imported ${source.name}`,
        make: () => {
          const input = join(tmp, source.name);
          writeFileSync(input, source.text);
          const seqFile = join(tmp, `${source.name}.export.seq`);
          assert.equal(cli(['import', input, '-o', seqFile]).code, 0);
          const file = join(tmp, `${source.name}.export.svg`);
          const r = cli(['export', seqFile, '--format', 'svg', '-o', file]);
          assert.equal(r.code, 0, r.err);
          return { file, payloads: source.payloads.map((p) => p.shown) };
        },
      },
    ]),
    {
      name: 'render --format svg of the .seq injection corpus',
      make: () => {
        const seqFile = join(tmp, 'hostile.seq');
        writeFileSync(seqFile, HOSTILE);
        const file = join(tmp, 'hostile.seq.svg');
        writeFileSync(file, cli(['render', seqFile, '--format', 'svg']).out);
        // Bidi controls are the renderer's to defuse; every other payload is drawn as written.
        return { file, payloads: PAYLOADS.filter((x) => !/[\u202a-\u202e\u2066-\u2069]/.test(x)) };
      },
    },
  ];

  for (const picture of pictures) {
    it(`${picture.name}: nothing runs or loads, every label is visible text`, async () => {
      const { file, payloads } = picture.make();
      const svg = readFileSync(file, 'utf8');
      const { activity, texts, root } = await open(file);
      assert.deepEqual(activity, { probe: [], dialogs: [], requests: [], console: [] });
      assert.equal(root, 'svg', 'Chromium read the file as SVG (no XML error page)');
      assert.deepEqual(
        texts.map((t) => t.text),
        svgTexts(svg),
        'the browser shows the texts the file holds',
      );
      for (const p of payloads) {
        const label = texts.find((t) => t.text.includes(p));
        assert.ok(label, `a <text> shows ${p}`);
        assert.ok(label.visible, `visible: ${p}`);
      }
    });
  }
});

describe('in VS Code: the Markdown picture style, and the imported files in the preview', () => {
  const imported = SOURCES.map((s) => {
    const input = join(tmp, `vscode-${s.name}`);
    writeFileSync(input, s.text);
    return { name: `imported-${s.name.replace('.', '-')}.seq`, text: cli(['import', input]).out, payloads: s.payloads };
  });
  const blocks = [HOSTILE, ...imported.map((f) => f.text)];
  const doc = [
    '# Pictures',
    '',
    ...blocks.flatMap((b, i) => [`Block ${i + 1}:`, '', '```seq', b.trimEnd(), '```', '']),
    'The end.',
    '',
  ].join('\n');
  const vscode = useVSCode({
    workspace: { 'design.md': doc, 'hostile.seq': HOSTILE, ...Object.fromEntries(imported.map((f) => [f.name, f.text])) },
    settings: { 'lifeline.markdown.style': 'picture', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });
  const probe: string[] = [];
  const dialogs: string[] = [];
  before(async () => {
    // For every frame created from now on (the previews' webviews and their content frames).
    await vscode().browser.exposeBinding('__lifelineProbe', (_source, value: string) => void probe.push(value));
    await vscode().browser.addInitScript(TRAP);
    vscode().workbench.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  });

  /** Nothing ran in any frame of the workbench, and no dialog opened. */
  async function assertNothingRan(): Promise<void> {
    for (const frame of vscode().workbench.page.frames()) {
      const flag = await frame.evaluate(() => Object.getOwnPropertyDescriptor(window, '__lifelinePwned')?.value).catch(() => undefined);
      assert.equal(flag, undefined, `frame ${frame.url()}`);
    }
    assert.deepEqual(probe, []);
    assert.deepEqual(dialogs, []);
  }

  it('the Markdown preview shows each hostile block as a picture: the image renders, carries the labels, and nothing runs', async () => {
    const wb = vscode().workbench;
    await wb.openFile('design.md');
    await openMarkdownPreview(wb);
    const preview = wb.webview();
    const images = await waitFor(
      'three decoded pictures in the Markdown preview',
      () =>
        preview.locator('body').evaluate((body) =>
          Array.from(body.querySelectorAll<HTMLImageElement>('img.lifeline-picture')).map((img) => ({
            src: img.getAttribute('src') ?? '',
            complete: img.complete,
            width: img.naturalWidth,
            height: img.naturalHeight,
          })),
        ),
      (imgs) => imgs.length === blocks.length && imgs.every((i) => i.complete && i.width > 0 && i.height > 0),
      60_000,
    );
    assert.equal(await preview.locator('pre.lifeline-diagram').count(), 0, 'no text diagrams with the picture style');
    assert.equal(await preview.locator('h1').innerText(), 'Pictures', 'the rest of the document renders');
    const payloadsOf = [
      PAYLOADS.filter((x) => !/[\u202a-\u202e\u2066-\u2069]/.test(x)),
      ...SOURCES.map((s) => s.payloads.map((p) => p.shown)),
    ];
    images.forEach((img, i) => {
      const m = /^data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)$/.exec(img.src);
      assert.ok(m, `picture ${i + 1} is a data: image`);
      const texts = svgTexts(Buffer.from(m[1], 'base64').toString('utf8'));
      for (const p of payloadsOf[i])
        assert.ok(
          texts.some((t) => t.includes(p)),
          `picture ${i + 1} draws ${p}`,
        );
    });
    // Only our elements: no element a payload could have made next to the pictures.
    const made = await preview
      .locator('body')
      .evaluate((body) =>
        Array.from(
          body.querySelectorAll(
            'script:not([src]), iframe, object, embed, svg, foreignObject, a[href^="javascript"], img:not(.lifeline-picture)',
          ),
        ).map((e) => e.outerHTML.slice(0, 120)),
      );
    assert.deepEqual(made, []);
    await assertNothingRan();
  });

  for (const file of imported) {
    it(`the Lifeline preview draws ${file.name} (box, created participant, ref, edges) as text; its box hover quotes the label`, async () => {
      const wb = vscode().workbench;
      const preview = await Preview.openBeside(wb, file.name);
      const expected = renderDocument(analyze(file.text).model, { charset: 'ascii' }).text;
      await preview.waitFor(`${file.name} as lifeline render draws it`, (st) => st.text === expected, 60_000);
      const elements = await preview.evaluate((body) => Array.from(body.querySelectorAll('#diagram *')).map((e) => e.tagName));
      assert.deepEqual([...new Set(elements)], ['SPAN'], 'the diagram holds text rows only');

      // The box's hover shows its hostile label as text (hovers are untrusted Markdown).
      await wb.runCommand('View: Focus First Editor Group');
      const lines = file.text.split('\n');
      const boxLine = lines.findIndex((l) => l.startsWith('box '));
      const label = /"(.*)"$/.exec(lines[boxLine])![1];
      const hover = await hoverAt(wb, boxLine + 1, 6, /box, 1 participant/);
      assert.ok(hover.includes(label), `the hover quotes ${label}:\n${hover}`);
      const made = await wb.page
        .locator('.monaco-hover-content')
        .evaluateAll((els) =>
          els.flatMap((el) =>
            Array.from(el.querySelectorAll('img, script, iframe, svg, a[href^="javascript"]')).map((e) => e.outerHTML.slice(0, 120)),
          ),
        );
      assert.deepEqual(made, []);
      await assertNothingRan();
    });
  }
  it('the preview’s picture style draws every hostile file as inert SVG text', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    const files = [
      { name: 'hostile.seq', text: HOSTILE, payloads: PAYLOADS.filter((x) => !/[\u202a-\u202e\u2066-\u2069]/.test(x)) },
      ...imported.map((f) => ({ ...f, payloads: f.payloads.map((p) => p.shown) })),
    ];
    for (const [i, file] of files.entries()) {
      await wb.runCommand('View: Focus First Editor Group');
      await wb.openFile(file.name);
      const model = analyze(file.text).model;
      await preview.waitFor(`${file.name} as text`, (st) => st.text === renderDocument(model, { charset: 'ascii' }).text, 60_000);
      // The toggle is remembered per panel: pressed once, the next files open as pictures.
      if (i === 0) await preview.clickToolbar('style');
      const expected = svgTexts(renderSvgDocument(model, { theme: 'vscode' }));
      const shown = await waitFor(
        `the picture of ${file.name}`,
        () =>
          preview.evaluate((body) => {
            const svg = body.querySelector('#picture svg');
            return {
              style: body.dataset.style ?? '',
              texts: Array.from(svg?.querySelectorAll('text') ?? []).map((t) => ({
                text: t.textContent ?? '',
                width: (t as SVGTextElement).getBBox().width,
              })),
              tags: Array.from(svg?.querySelectorAll('*') ?? []).map((e) => e.localName),
              attributes: Array.from(svg?.querySelectorAll('*') ?? []).flatMap((e) => e.getAttributeNames()),
              scripts: Array.from(body.ownerDocument.querySelectorAll('script[src]')).map((e) => e.getAttribute('src') ?? ''),
            };
          }),
        (p) => p.style === 'picture' && JSON.stringify(p.texts.map((t) => t.text)) === JSON.stringify(expected),
      );
      // Only the renderer's elements (and the preview's own highlight group), no handler, no link.
      assert.deepEqual(
        [...new Set(shown.tags)].filter((t) => !['svg', 'title', 'style', 'rect', 'g', 'path', 'text', 'tspan', 'circle'].includes(t)),
        [],
      );
      assert.deepEqual(
        shown.attributes.filter((a) => /^on|href$/i.test(a)),
        [],
      );
      assert.equal(shown.scripts.length, 1);
      assert.match(shown.scripts[0], /\/dist\/webview\.js$/);
      for (const p of file.payloads) {
        const label = shown.texts.find((t) => t.text.includes(p));
        assert.ok(label && label.width > 0, `${file.name}: a visible <text> shows ${p}`);
      }
      await assertNothingRan();
    }
  });
});
