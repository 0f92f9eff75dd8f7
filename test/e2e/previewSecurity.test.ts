// The preview under attack (issue 5 scenario 9, issue 8 "the preview under attack"): a file full
// of markup, script, URL, CSS, SVG and bidi payloads renders as literal text in the real preview,
// nothing executes (no payload flag is set, no dialog opens), and the page's Content Security
// Policy — read from its HTML — allows only the extension's own nonce-tagged script and style.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/index.js';
import { renderDocument } from '../../server/src/core/render/index.js';
import { useVSCode, waitFor } from './harness/index.js';
import { Preview } from './harness/lifeline.js';
import { HOSTILE, PAYLOADS } from '../fixtures/hostile.js';

/** A file whose very name is a payload (shown in the toolbar, the tab, the page's state). */
const HOSTILE_NAME = `<img src=x onerror=alert('file')>.seq`;

describe('the preview under attack', () => {
  const vscode = useVSCode({
    workspace: { 'hostile.seq': HOSTILE, [HOSTILE_NAME]: 'participant X\nX -> X: hi\n' },
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
  });
  const dialogs: string[] = [];

  /** Nothing ran: no flag in the preview page, the webview host frame or the workbench; no dialog. */
  async function assertNothingRan(preview: Preview): Promise<void> {
    const wb = preview.wb;
    assert.equal(await preview.evaluate(() => (window as unknown as Record<string, unknown>).__lifelinePwned), undefined, 'preview page');
    for (const frame of wb.page.frames()) {
      const flag = await frame.evaluate(() => (window as unknown as Record<string, unknown>).__lifelinePwned).catch(() => undefined);
      assert.equal(flag, undefined, `frame ${frame.url()}`);
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
  }

  /** The page holds only what our code builds: rows of text, our one script and one stylesheet. */
  async function assertOnlyOurElements(preview: Preview): Promise<void> {
    const dom = await preview.evaluate((body) => {
      const doc = body.ownerDocument;
      return {
        diagramChildren: Array.from(body.querySelectorAll('#diagram *')).map((e) => `${e.tagName}.${e.className}`),
        dangerous: Array.from(doc.querySelectorAll('img, svg, iframe, object, embed, a, form, textarea, style, base, video, audio'))
          // VS Code's own default styles for every webview.
          .filter((e) => !(e.tagName === 'STYLE' && e.id === '_defaultStyles'))
          .map((e) => `${e.tagName}#${e.id} ${e.outerHTML.slice(0, 120)}`),
        scripts: Array.from(doc.querySelectorAll('script'))
          // VS Code's own shim that defines acquireVsCodeApi in every webview (injected before our CSP).
          .filter((s) => !(s.getAttribute('src') === null && (s.textContent ?? '').includes('globalThis.acquireVsCodeApi')))
          .map((s) => ({ src: s.getAttribute('src') ?? '', nonce: s.nonce, inline: s.textContent ?? '' })),
        stylesheets: Array.from(doc.querySelectorAll('link')).map((l) => ({
          rel: l.rel,
          href: l.getAttribute('href') ?? '',
          nonce: l.nonce,
        })),
        metas: Array.from(doc.querySelectorAll('meta')).map(
          (m) => m.getAttribute('http-equiv') ?? m.id ?? m.getAttribute('name') ?? m.getAttribute('charset') ?? '',
        ),
        bodyDisplay: getComputedStyle(body).display,
      };
    });
    assert.ok(dom.diagramChildren.length > 0);
    assert.deepEqual([...new Set(dom.diagramChildren.map((c) => c.split('.')[0]))], ['SPAN'], 'the diagram holds text rows only');
    assert.deepEqual(dom.dangerous, [], 'no element a payload could have made');
    assert.equal(dom.scripts.length, 1, JSON.stringify(dom.scripts));
    assert.match(dom.scripts[0].src, /\/dist\/webview\.js$/);
    assert.equal(dom.scripts[0].inline, '');
    assert.equal(dom.stylesheets.length, 1, JSON.stringify(dom.stylesheets));
    assert.match(dom.stylesheets[0].href, /\/media\/preview\.css$/);
    assert.notEqual(dom.bodyDisplay, 'none', 'no injected CSS applies');
  }

  it('9. renders every payload as literal text and executes none of them', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    wb.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await wb.openFile('hostile.seq');
    await wb.waitForLanguageMode('Sequence Diagram'); // the preview button shows for .seq editors
    // The preview button in the editor's title bar.
    await wb.page.locator('.editor-group-container.active .editor-actions [aria-label^="Open Preview to the Side"]').click();

    const expected = renderDocument(analyze(HOSTILE).model, { charset: 'ascii' }).text;
    // Markup payloads reach the drawing unchanged; bidi controls are the renderer's to defuse
    // (terminal safety), and the preview shows whatever it drew.
    for (const p of PAYLOADS.filter((x) => !/[\u202a-\u202e\u2066-\u2069]/.test(x))) {
      assert.ok(expected.includes(p), `the renderer keeps the payload as text: ${p}`);
    }
    const shown = await preview.waitFor('the hostile diagram, as text', (s) => s.text === expected && s.bannerVisible, 60_000);
    assert.equal(shown.text, expected);
    // The banner quotes the broken line's problem as text.
    assert.match(shown.bannerText, /syntax/);

    // The sequence picker lists the hostile names as text.
    const options = await preview.frame().locator('#sequence option').allTextContents();
    assert.ok(options.includes(`<img src=x onerror=window.__lifelinePwned='sequence-name'>`), options.join(' | '));
    assert.ok(options.includes(`</option><script>window.__lifelinePwned='picker'</script>`), options.join(' | '));
    await preview.frame().locator('#sequence').selectOption({ index: 2 });
    const one = renderDocument(analyze(HOSTILE).model, {
      charset: 'ascii',
      sequence: `</option><script>window.__lifelinePwned='picker'</script>`,
    }).text;
    await preview.waitFor('the second sequence alone', (s) => s.text === one);
    await preview.frame().locator('#sequence').selectOption({ index: 0 });
    await preview.waitFor('all sequences again', (s) => s.text === expected);

    // Clicking rows and banner entries sends data, never markup.
    await preview.frame().locator('#banner .problem').first().click();
    await assertOnlyOurElements(preview);
    await assertNothingRan(preview);
  });

  it('keeps it literal when the page is rebuilt from its saved state (the escaped <meta>)', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    // Hide the preview behind another editor in its group, then show it again: the webview is
    // rebuilt from the HTML the extension regenerated on hiding, with the hostile diagram inside
    // the <meta> attribute.
    await wb.runCommand('View: Focus Right Editor Group');
    await wb.openFile('hostile.seq');
    await wb.page.locator('.tab', { hasText: 'Preview hostile.seq' }).click();
    const expected = renderDocument(analyze(HOSTILE).model, { charset: 'ascii' }).text;
    await preview.waitFor('the hostile diagram after the rebuild', (s) => s.text === expected);
    // The page started from the escaped state in its <meta>: the diagram is in there, intact.
    const initial = await preview.evaluate((body) => body.ownerDocument.getElementById('lifeline-state')?.getAttribute('data-state') ?? '');
    const state = JSON.parse(initial) as { diagram?: { lines: string[] } };
    assert.equal(`${state.diagram?.lines.join('\n')}\n`, expected, 'the initial state carries the diagram, unchanged by escaping');
    await assertOnlyOurElements(preview);
    await assertNothingRan(preview);
  });

  it('shows a hostile file name as text', async () => {
    const wb = vscode().workbench;
    const preview = new Preview(wb);
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile(HOSTILE_NAME);
    const name = await waitFor(
      'the file name in the toolbar',
      () => preview.frame().locator('#file').textContent(),
      (t) => t === HOSTILE_NAME,
    );
    assert.equal(name, HOSTILE_NAME);
    await preview.waitFor('its diagram', (s) => s.text.includes('[X]'));
    await assertOnlyOurElements(preview);
    await assertNothingRan(preview);
  });

  it('states a strict Content Security Policy in its HTML, and the browser enforces it', async () => {
    const preview = new Preview(vscode().workbench);
    const page = await preview.evaluate((body) => {
      const doc = body.ownerDocument;
      const w = window as unknown as { __lifelineViolations: string[] };
      w.__lifelineViolations = [];
      doc.addEventListener('securitypolicyviolation', (e) => w.__lifelineViolations.push(e.effectiveDirective));
      // Try what an injection would: an inline script, and an inline handler on an image that
      // fails to load (its data: URL is not an allowed image source either).
      const s = doc.createElement('script');
      s.textContent = "window.__lifelineCspProbe = 'inline script ran'";
      doc.body.append(s);
      const img = doc.createElement('img');
      img.setAttribute('onerror', "window.__lifelineCspProbe = 'handler ran'");
      img.setAttribute('src', 'data:,x');
      doc.body.append(img);
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      const ours = doc.querySelector<HTMLScriptElement>('script[src]');
      return { csp, scriptNonce: ours?.nonce ?? '' };
    });
    // The browser reports each blocked attempt; once all three are in, nothing can still run.
    const probe = await waitFor(
      'the CSP to block the inline script, the image and its handler',
      () =>
        preview.evaluate((body) => {
          const w = window as unknown as { __lifelineViolations: string[]; __lifelineCspProbe?: string };
          const result = { ran: w.__lifelineCspProbe, violations: [...w.__lifelineViolations] };
          if (result.violations.includes('script-src-attr')) body.ownerDocument.querySelector('img')?.remove();
          return result;
        }),
      (r) => ['script-src-elem', 'img-src', 'script-src-attr'].every((d) => r.violations.includes(d)),
    );
    assert.equal(probe.ran, undefined, 'an inline script or handler ran despite the CSP');

    const directives = new Map(
      page.csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name, values] as const;
        }),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const script = directives.get('script-src') ?? [];
    assert.equal(script.length, 1, `script-src: ${script.join(' ')}`);
    assert.match(script[0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    assert.equal(script[0], `'nonce-${page.scriptNonce}'`, 'our script carries the nonce');
    const style = directives.get('style-src') ?? [];
    assert.ok(style.includes(script[0]), 'styles need the same nonce');
    for (const [name, values] of directives) {
      for (const v of values) {
        assert.ok(!["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(v), `${name} allows ${v}`);
      }
    }
    // Images, fonts and stylesheets: only the webview's own resource origin (`webview.cspSource`),
    // the same for all three.
    const origins = ['img-src', 'font-src', 'style-src'].map((name) =>
      (directives.get(name) ?? []).filter((v) => !v.startsWith("'nonce-")).join(' '),
    );
    assert.ok(origins[0].length > 0);
    assert.deepEqual(origins, [origins[0], origins[0], origins[0]]);
    for (const v of origins[0].split(' '))
      assert.match(v, /^('self'|https:\/\/\*?\.?[\w.-]*vscode[\w.-]*(\.net|\.com)?)$/, `resource origin ${v}`);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    assert.equal(directives.has('connect-src'), false, 'no network for the page (default-src none)');
  });
});
