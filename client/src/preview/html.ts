/**
 * The preview page. It holds no user text in markup: the diagram, the file name, the problems
 * and the sequence names reach the page as data — the initial state as JSON in an escaped
 * `<meta>` attribute, later updates as messages — and the page's script puts them into the DOM
 * with `textContent`.
 *
 * Content Security Policy: nothing by default; the stylesheet and the script come from the
 * extension (its `media/` and `dist/` folders) and carry this page's nonce; no inline script,
 * no inline style attribute, no network, no frames, no forms.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import type { InitialState } from './messages';

export interface PageResources {
  /** `webview.cspSource`: the origin the webview serves extension files from. */
  readonly cspSource: string;
  /** The stylesheet and the script, as webview URIs. */
  readonly styleUri: vscode.Uri | string;
  readonly scriptUri: vscode.Uri | string;
}

export function nonce(): string {
  return randomBytes(18).toString('base64');
}

/** The Content-Security-Policy of the page with this nonce (exported for tests). */
export function contentSecurityPolicy(cspSource: string, pageNonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${pageNonce}'`,
    `script-src 'nonce-${pageNonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function previewHtml(resources: PageResources, state: InitialState, pageNonce = nonce()): string {
  const csp = contentSecurityPolicy(resources.cspSource, pageNonce);
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta id="lifeline-state" data-state="${attr(JSON.stringify(state))}">
<link rel="stylesheet" href="${attr(String(resources.styleUri))}" nonce="${attr(pageNonce)}">
<title>Lifeline Preview</title>
</head>
<body>
<header class="top" id="top">
<div class="toolbar" role="toolbar" aria-label="Diagram preview" aria-controls="diagram">
  <span class="file" id="file"></span>
  <label class="picker"><span class="visually-hidden">Sequence</span><select id="sequence" title="Show one sequence, or all of them"></select></label>
  <span class="spacer"></span>
  <button type="button" id="style" aria-pressed="false" title="Show the diagram as a picture">Text | Picture</button>
  <button type="button" id="charset" aria-pressed="false" title="Draw with Unicode box characters instead of ASCII">ASCII</button>
  <button type="button" id="durations" aria-pressed="false" title="Show each step's time and the critical path in a margin">Durations</button>
  <button type="button" id="zoom-out" title="Smaller" aria-label="Zoom out">&#x2212;</button>
  <button type="button" id="zoom-reset" title="Reset the zoom" aria-label="Reset zoom">100%</button>
  <button type="button" id="zoom-in" title="Larger" aria-label="Zoom in">+</button>
  <button type="button" id="zoom-fit" aria-pressed="false" title="Fit the diagram to the width of the preview">Fit width</button>
  <button type="button" id="copy" title="Copy the diagram as text">Copy</button>
  <button type="button" id="copy-svg" title="Copy the picture as SVG (light colours)">Copy SVG</button>
  <button type="button" id="save-svg" title="Save the picture as an SVG file (light colours)">Save SVG…</button>
  <button type="button" id="source" title="Show the source file">Go to source</button>
  <button type="button" id="lock" aria-pressed="false" title="Keep showing this file when another editor becomes active">Lock</button>
</div>
<div class="banner" id="banner" role="alert" hidden>
  <p class="banner-title" id="banner-title"></p>
  <ul class="banner-list" id="banner-list"></ul>
</div>
</header>
<main class="content" id="content">
  <pre class="diagram" id="diagram" tabindex="0" role="img" aria-roledescription="sequence diagram" aria-describedby="steps"></pre>
  <div class="picture" id="picture" tabindex="0" role="img" aria-roledescription="sequence diagram" aria-describedby="steps"></div>
  <section class="steps" aria-labelledby="steps-heading">
    <h2 class="visually-hidden" id="steps-heading">Diagram steps</h2>
    <ol class="visually-hidden" id="steps"></ol>
  </section>
  <p class="empty" id="empty" hidden></p>
</main>
<div class="visually-hidden" id="announce" role="status" aria-live="polite"></div>
<script nonce="${attr(pageNonce)}" src="${attr(String(resources.scriptUri))}"></script>
</body>
</html>
`;
}

/** Escapes text for a double-quoted HTML attribute (and anything else, to be safe). */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
