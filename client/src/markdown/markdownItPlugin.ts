/**
 * A markdown-it plugin that draws ```seq fenced blocks as Lifeline diagrams, for VS Code's
 * built-in Markdown preview (and any other markdown-it host).
 *
 * Wiring (client/src/extension.ts):
 *
 *   export function activate(context) {
 *     return {
 *       extendMarkdownIt(md) {
 *         return md.use(lifelineMarkdownItPlugin, {
 *           charset: () => workspace.getConfiguration('lifeline').get('preview.charset'),
 *         });
 *       },
 *     };
 *   }
 *
 * and `"markdown.markdownItPlugins": true` under `contributes` in package.json.
 *
 * The plugin uses the core synchronously (markdown-it renders synchronously) and never
 * throws: a block with errors shows the problems above whatever still renders, and a
 * failure of the renderer itself shows the message and the block's source.
 * Everything inserted into the HTML is escaped. No `vscode` import: the host passes
 * the charset and the style as getters, read on every render so a settings change
 * applies at the next refresh.
 *
 * With the `picture` style a block is the SVG picture, as an `<img>` with a `data:` URL:
 * an image never runs script nor loads anything, whatever the diagram's text, and the
 * preview's HTML sanitizer and content security policy let it through (they allow `data:`
 * images). Its colours are the standalone file's (white background, dark strokes).
 */
import type MarkdownIt from 'markdown-it';
import { analyze, computeLineStarts, lineOfOffset, type Diagnostic } from '../../../server/src/core/index';
import { exportMarkdown, exportText, type Charset } from '../../../server/src/core/export/markdown';
import { renderSvgDocument } from '../../../server/src/core/render/index';

export interface LifelineMarkdownItOptions {
  /** The diagram charset (`ascii` or `unicode`); anything else means `ascii`. Called for every block. */
  readonly charset?: () => unknown;
  /** `text` (the default) or `picture` (the SVG); anything else means `text`. Called for every block. */
  readonly style?: () => unknown;
}

export type MarkdownStyle = 'text' | 'picture';

/** A markdown-it instance (the package's types export the constructor under this name). */
type Markdown = InstanceType<typeof MarkdownIt>;
type RenderRule = NonNullable<Markdown['renderer']['rules']['fence']>;
type Token = MarkdownIt.Token;

/** The fence languages drawn as diagrams (the first word of the info string, case-insensitive). */
const LANGUAGES = new Set(['seq']);

export function lifelineMarkdownItPlugin(md: Markdown, options: LifelineMarkdownItOptions = {}): void {
  const fallback: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx];
    const language = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!LANGUAGES.has(language)) return fallback(tokens, idx, opts, env, self);
    return renderSeqBlock(md, token, readCharset(options), readStyle(options));
  };
}

export default lifelineMarkdownItPlugin;

/** The bridge commands' work (client/src/bridges.ts), in this bundle because it needs the core. */
export * as bridges from './bridges';

/**
 * The design document of a `.seq` text (the Export Design Document command). Here, in the
 * bundle that carries the core, so that the extension loads the core only when it is used.
 */
export function designDocument(text: string, options: { charset: Charset; sourceName: string }): string {
  return exportMarkdown(analyze(text).model, options);
}

function readStyle(options: LifelineMarkdownItOptions): MarkdownStyle {
  try {
    return options.style?.() === 'picture' ? 'picture' : 'text';
  } catch {
    return 'text';
  }
}

function readCharset(options: LifelineMarkdownItOptions): Charset {
  try {
    return options.charset?.() === 'unicode' ? 'unicode' : 'ascii';
  } catch {
    return 'ascii';
  }
}

/**
 * One ```seq block: `<div class="lifeline-block">`, the problems (when any), then
 * `<pre class="lifeline-diagram">` or, with the picture style, `<img class="lifeline-picture">`.
 */
export function renderSeqBlock(md: Markdown, token: Token, charset: Charset, style: MarkdownStyle = 'text'): string {
  const esc = md.utils.escapeHtml;
  const open = `<div${blockAttributes(token, esc)}>`;
  // The block's first content line in the Markdown file (1-based), when markdown-it knows where the fence is.
  const firstLine = token.map ? token.map[0] + 2 : undefined;
  try {
    const analysis = analyze(token.content);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const lineStarts = computeLineStarts(token.content);
    const problems = errors.length > 0 ? problemList(errors, lineStarts, firstLine, esc) : '';
    const text = exportText(analysis.model, { charset }).replace(/\n$/, '');
    const diagram =
      text === ''
        ? '<p class="lifeline-empty">This seq block draws nothing yet: declare a participant or write a message.</p>\n'
        : style === 'picture'
          ? picture(analysis.model, esc)
          : `<pre class="lifeline-diagram">${esc(text)}</pre>\n`;
    return `${open}\n${problems}${diagram}</div>\n`;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return (
      `${open}\n<div class="lifeline-problems" role="alert"><p>Lifeline could not draw this block: ${esc(reason)}</p></div>\n` +
      `<pre class="lifeline-source">${esc(token.content)}</pre>\n</div>\n`
    );
  }
}

/** The picture as an image: its size and its title (the alt text) from the SVG itself. */
function picture(model: Parameters<typeof renderSvgDocument>[0], esc: (s: string) => string): string {
  const svg = renderSvgDocument(model);
  const size = /^<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg);
  const title = model.title ? `Sequence diagram: ${model.title.replace(/\s+/g, ' ')}` : 'Sequence diagram';
  const dimensions = size ? ` width="${size[1]}" height="${size[2]}"` : '';
  return `<p><img class="lifeline-picture" src="data:image/svg+xml;base64,${base64(svg)}" alt="${esc(title)}"${dimensions}></p>\n`;
}

/** UTF-8 bytes in base64, without Node's Buffer (the plugin may run in a browser's markdown-it). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function problemList(
  errors: readonly Diagnostic[],
  lineStarts: readonly number[],
  firstLine: number | undefined,
  esc: (s: string) => string,
): string {
  const items = errors.map((d) => {
    const blockLine = lineOfOffset(lineStarts, d.offset);
    const where = firstLine !== undefined ? `Line ${firstLine + blockLine}` : `Line ${blockLine + 1} of the block`;
    return `<li><strong>${where}</strong>: ${esc(d.message)} <code>${esc(d.code)}</code></li>`;
  });
  const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  return (
    `<div class="lifeline-problems" role="alert"><p>This seq block has ${count}; the diagram below shows what could be drawn.</p>\n` +
    `<ul>\n${items.join('\n')}\n</ul></div>\n`
  );
}

const ATTRIBUTE_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;

/**
 * The wrapper keeps the token's attributes (VS Code's preview sets `data-line` and the
 * `code-line` class on every block for scroll sync) and adds our own class.
 */
function blockAttributes(token: Token, esc: (s: string) => string): string {
  const attrs = new Map<string, string>((token.attrs ?? []).filter(([k]) => ATTRIBUTE_NAME.test(k)).map(([k, v]) => [k, String(v)]));
  attrs.set('class', ['lifeline-block', attrs.get('class')].filter(Boolean).join(' '));
  return [...attrs].map(([k, v]) => ` ${esc(k)}="${esc(v)}"`).join('');
}
