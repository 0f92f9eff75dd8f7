/**
 * Reads an exported document back with markdown-it and returns its structure:
 * headings in order, tables (header and rows, as rendered text), code fences,
 * list items, and every token type seen. Tests assert on this rather than on raw text.
 */
import MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export interface Heading {
  readonly level: number;
  readonly text: string;
}

export interface Table {
  /** The heading the table stands under (the nearest one above). */
  readonly under: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface Fence {
  readonly under: string;
  readonly info: string;
  /** The fence's content without its final line break. */
  readonly content: string;
}

export interface Outline {
  readonly headings: readonly Heading[];
  readonly tables: readonly Table[];
  readonly fences: readonly Fence[];
  /** The rendered text of every paragraph, list item, heading and table cell (not fences). */
  readonly texts: readonly string[];
  /** Token types seen, inline children included (e.g. `html_inline` would betray unescaped HTML). */
  readonly tokenTypes: ReadonlySet<string>;
  /** Link targets, in order. */
  readonly links: readonly string[];
  /** Text inside `strong` spans, in order. */
  readonly strong: readonly string[];
}

/** GitHub-like: CommonMark plus tables and strikethrough (markdown-it's default preset); raw HTML allowed, so any that slips through shows up as `html_*` tokens. */
const md = new MarkdownIt({ html: true, linkify: false });

export function outline(markdown: string): Outline {
  const tokens = md.parse(markdown, {});
  const headings: Heading[] = [];
  const tables: Table[] = [];
  const fences: Fence[] = [];
  const texts: string[] = [];
  const tokenTypes = new Set<string>();
  const links: string[] = [];
  const strong: string[] = [];
  let under = '';
  let table: { header: string[]; rows: string[][] } | undefined;
  let row: string[] | undefined;
  let inHead = false;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    tokenTypes.add(t.type);
    for (const c of t.children ?? []) tokenTypes.add(c.type);
    collectInline(t, links, strong);
    switch (t.type) {
      case 'heading_open': {
        const text = inlineText(tokens[i + 1]);
        headings.push({ level: Number(t.tag.slice(1)), text });
        under = text;
        break;
      }
      case 'table_open':
        table = { header: [], rows: [] };
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (table && row) {
          if (inHead) table.header.push(...row);
          else table.rows.push(row);
        }
        row = undefined;
        break;
      case 'th_open':
      case 'td_open':
        row?.push(inlineText(tokens[i + 1]));
        break;
      case 'table_close':
        if (table) tables.push({ under, ...table });
        table = undefined;
        break;
      case 'fence':
        fences.push({ under, info: t.info, content: t.content.replace(/\n$/, '') });
        break;
      case 'code_block':
        fences.push({ under, info: '(indented)', content: t.content.replace(/\n$/, '') });
        break;
      case 'inline':
        texts.push(inlineText(t));
        break;
    }
  }
  return { headings, tables, fences, texts, tokenTypes, links, strong };
}

/** The text a reader sees: text, code spans, entities and breaks, markup dropped. */
function inlineText(t: Token | undefined): string {
  if (!t || t.type !== 'inline') return '';
  return (t.children ?? [])
    .map((c) =>
      c.type === 'text' || c.type === 'code_inline'
        ? c.content
        : c.type === 'softbreak' || c.type === 'hardbreak'
          ? '\n'
          : c.type === 'html_inline'
            ? c.content
            : '',
    )
    .join('');
}

function collectInline(t: Token, links: string[], strong: string[]): void {
  const children = t.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'link_open') links.push(String(c.attrGet('href') ?? ''));
    if (c.type === 'strong_open') {
      let s = '';
      for (let j = i + 1; j < children.length && children[j].type !== 'strong_close'; j++) s += children[j].content;
      strong.push(s);
    }
  }
}

/** The headings of one level, as text. */
export function headingsAt(o: Outline, level: number): string[] {
  return o.headings.filter((h) => h.level === level).map((h) => h.text);
}
