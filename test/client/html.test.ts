// The preview page's HTML: its Content Security Policy and the escaping of the initial state
// (the page's only channel for data in markup). The same properties are checked again in the
// real browser by test/e2e/previewSecurity.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, escapeAttribute, nonce, previewHtml } from '../../client/src/preview/html.js';
import type { InitialState } from '../../client/src/preview/messages.js';

const resources = {
  cspSource: 'https://resource.example',
  styleUri: 'https://resource.example/media/preview.css',
  scriptUri: 'https://resource.example/dist/webview.js',
};

const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'&amp;`;
const state: InitialState = {
  info: {
    uri: `file:///w/${hostile}.seq`,
    fileName: `${hostile}.seq`,
    charset: 'ascii',
    charsetOverride: null,
    locked: false,
    style: 'picture',
    durations: false,
    sequence: hostile,
    sequences: [hostile],
  },
  zoom: 1,
  fit: false,
  diagram: {
    id: hostile,
    version: 1,
    charset: 'ascii',
    lines: [hostile, `</pre></textarea>${hostile}`],
    rows: [null, null],
    statements: [[0, hostile]],
    tooLarge: false,
    svg: `<svg xmlns="http://www.w3.org/2000/svg"><title>${hostile.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title></svg>`,
  },
};

describe('the preview page', () => {
  it('allows nothing by default, and only its own nonce-tagged script and style', () => {
    const csp = contentSecurityPolicy(resources.cspSource, 'abc123');
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'nonce-abc123'"]);
    assert.deepEqual(directives['style-src'], [resources.cspSource, "'nonce-abc123'"]);
    assert.ok(!csp.includes('unsafe'), csp);
  });

  it('puts no user text into markup: the state travels escaped in one attribute and parses back intact', () => {
    const html = previewHtml(resources, state, 'n0nce');
    assert.equal(html.includes('<script>alert'), false);
    assert.equal(html.includes('<img'), false);
    assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'one script: ours');
    assert.match(html, /<script nonce="n0nce" src="https:\/\/resource\.example\/dist\/webview\.js"><\/script>/);
    const attr = /<meta id="lifeline-state" data-state="([^"]*)">/.exec(html);
    assert.ok(attr, 'the state meta');
    const decoded = attr[1].replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    assert.deepEqual(JSON.parse(decoded), state);
  });

  it('escapes every character that could end an attribute or start markup', () => {
    assert.equal(escapeAttribute(`<>"'&`), '&#60;&#62;&#34;&#39;&#38;');
  });

  it('uses a fresh, unguessable nonce per page', () => {
    const a = nonce();
    const b = nonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{24}$/);
  });
});
