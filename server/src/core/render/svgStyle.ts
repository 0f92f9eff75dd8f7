/**
 * The picture's fixed parts: the cell size that maps the text grid onto SVG
 * coordinates, the palette as CSS classes, escaping, and the `<svg>` wrapper.
 */
import { textLines } from '../width';

/** One grid cell of the text drawing is this box of SVG user units (the grid's column and row). */
export const CELL_WIDTH = 8;
export const CELL_HEIGHT = 18;
/** Blank room around the drawing. */
export const PADDING = 12;
const FONT_SIZE = 13;
/** A text's baseline below its row's centre: about a third of the font size centres the glyphs. */
export const BASELINE = 4.5;

export type SvgTheme = 'light' | 'vscode';

/**
 * Each colour role: its value in the light palette, and the VS Code theme variable that
 * replaces it in the preview (with the light value as the fallback outside VS Code).
 */
const ROLES = {
  bg: ['#ffffff', '--vscode-editor-background'],
  fg: ['#1f2328', '--vscode-editor-foreground'],
  line: ['#1f2328', '--vscode-editor-foreground'],
  muted: ['#59636e', '--vscode-descriptionForeground'],
  box: ['#f6f8fa', '--vscode-editorWidget-background'],
  bar: ['#d1d9e0', '--vscode-editorIndentGuide-activeBackground1'],
  note: ['#fff8c5', '--vscode-editorHoverWidget-background'],
  tab: ['#eff2f5', '--vscode-editorGroupHeader-tabsBackground'],
} as const;

type Role = keyof typeof ROLES;

function colour(theme: SvgTheme, role: Role): string {
  const [light, variable] = ROLES[role];
  return theme === 'vscode' ? `var(${variable},${light})` : light;
}

const FONT = `ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace`;

/**
 * The style sheet, scoped by the theme's class so that pictures of both themes can share a
 * page. Literal colours in the light theme: a standalone file needs no CSS variables.
 */
export function styleSheet(theme: SvgTheme): string {
  const c = (role: Role) => colour(theme, role);
  const s = `.ll-${theme}`;
  const rules: [string, string][] = [
    ['text', `font-family:${FONT};font-size:${FONT_SIZE}px;white-space:pre;fill:${c('fg')}`],
    ['.ll-bg', `fill:${c('bg')}`],
    ['.ll-box', `fill:${c('box')};stroke:${c('line')};stroke-width:1.2`],
    ['.ll-actor', `fill:none;stroke:${c('line')};stroke-width:1.1;stroke-linecap:round`],
    ['.ll-life', `stroke:${c('muted')};stroke-width:1`],
    ['.ll-life-delay', `stroke:${c('muted')};stroke-width:1;stroke-dasharray:1 3`],
    ['.ll-bar', `fill:${c('bar')};stroke:${c('line')};stroke-width:1`],
    ['.ll-msg', `fill:none;stroke:${c('line')};stroke-width:1.2`],
    ['.ll-reply', `fill:none;stroke:${c('line')};stroke-width:1.2;stroke-dasharray:4 3`],
    ['.ll-head', `fill:${c('line')};stroke:${c('line')};stroke-width:1;stroke-linejoin:round`],
    ['.ll-head-open', `fill:none;stroke:${c('line')};stroke-width:1.2;stroke-linejoin:round`],
    ['.ll-head-lost', `fill:none;stroke:${c('line')};stroke-width:1.5`],
    ['.ll-destroy', `fill:none;stroke:${c('line')};stroke-width:1.8`],
    ['.ll-note', `fill:${c('note')};stroke:${c('line')};stroke-width:1`],
    ['.ll-fold', `fill:none;stroke:${c('line')};stroke-width:1`],
    ['.ll-frame', `fill:none;stroke:${c('muted')};stroke-width:1.2`],
    ['.ll-tab', `fill:${c('tab')};stroke:${c('muted')};stroke-width:1.2`],
    ['.ll-sep', `fill:none;stroke:${c('muted')};stroke-width:1.2;stroke-dasharray:5 4`],
    ['.ll-divider', `fill:none;stroke:${c('muted')};stroke-width:1`],
    ['.ll-frame-title', 'font-weight:bold'],
    ['.ll-guard,.ll-delay', 'font-style:italic'],
    ['.ll-heading', 'font-weight:bold'],
  ];
  return rules.map(([selector, body]) => selector.split(',').map((x) => `${s} ${x}`).join(',') + `{${body}}`).join('');
}

/** A coordinate: integers as such, others with at most two decimals. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

const XML_SPECIAL = /[&<>"'\ufffe\uffff]/;
const XML_SPECIAL_ALL = /[&<>"'\ufffe\uffff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * User text as XML character data or attribute value. The layout's text is already
 * terminal-safe (no control characters, no lone surrogates); U+FFFE and U+FFFF, which
 * XML does not allow, become U+FFFD.
 */
export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_SPECIAL_ALL, (c) => ENTITIES[c] ?? '\ufffd');
}

export interface SvgFrame {
  /** Grid columns and rows of the content (the `<svg>` is sized to hold them). */
  readonly columns: number;
  readonly rows: number;
  /** The content in grid units: the centre of cell (c, r) is at (c × CELL_WIDTH, r × CELL_HEIGHT). */
  readonly body: string;
  readonly title: string;
  readonly theme: SvgTheme;
}

/** The standalone `<svg>` document around grid content: size, title, style, background. */
export function svgFile(frame: SvgFrame): string {
  const width = Math.max(0, frame.columns) * CELL_WIDTH + 2 * PADDING;
  const height = Math.max(0, frame.rows) * CELL_HEIGHT + 2 * PADDING;
  const theme = frame.theme === 'vscode' ? 'vscode' : 'light';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="lifeline-svg ll-${theme}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" xml:space="preserve">` +
    `<title>${escapeXml(textLines(frame.title).join(' '))}</title>` +
    `<style>${styleSheet(theme)}</style>` +
    `<rect class="ll-bg" width="${width}" height="${height}"/>` +
    `<g transform="translate(${fmt(PADDING + CELL_WIDTH / 2)},${fmt(PADDING + CELL_HEIGHT / 2)})">${frame.body}</g>` +
    `</svg>\n`
  );
}
