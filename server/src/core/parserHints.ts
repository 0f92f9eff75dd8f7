/**
 * What to say about a line that is not Lifeline, with Mermaid's and PlantUML's habits in mind:
 * each message names what to write instead.
 */
import colorNames from 'color-name';
import type { NameNode } from './ast';
import type { Span } from './diagnostics';
import { isBlank, type LineScanner } from './lineScanner';
import { formatName } from './names';

/** Where a hint points, and what it says. */
export interface Hint {
  readonly span: Span;
  readonly message: string;
}

/**
 * A first word that is no keyword and no message. `keywords` and `metaKeys` are the words that
 * start statements; the scanner stands right after the word.
 */
export function unknownLineHint(s: LineScanner, first: NameNode, keywords: ReadonlySet<string>, metaKeys: ReadonlySet<string>): Hint {
  const word = first.value;
  const at = (message: string): Hint => ({ span: first.span, message });
  s.skipBlanks();
  if (first.quoted)
    return at(`Expected an arrow after ${first.value ? `"${first.value}"` : 'the name'}: write \`"${first.value}" -> B: text\`.`);
  const lower = word.toLowerCase();
  if (keywords.has(lower) || metaKeys.has(lower)) return at(`Keywords are lower case: write \`${lower}\`.`);
  if (word === 'sequenceDiagram' || word === 'startuml' || word === 'enduml') return at(`Lifeline needs no \`${word}\` line: remove it.`);
  if (word === 'rect') return at('`rect` is not part of Lifeline: use `group <label>` … `end`.');
  if (word === 'Note' || word === 'NOTE') return at('Keywords are lower case: write `note`.');
  if (s.startsWith('→')) return { span: { offset: s.pos, length: 1 }, message: '`→` is for process flows only: in a message write `->`.' };
  if (s.startsWith('<-') || s.startsWith('<'))
    return { span: s.wordSpan(), message: 'Arrows point left to right in the source: write the sender first, e.g. `B --> A: text`.' };
  if (s.peek() === 58) return at(`Unknown metadata key \`${word}\`: use one of ${[...metaKeys].map((k) => `\`${k}\``).join(', ')}.`);
  if (s.atEnd())
    return at(`Expected an arrow after \`${word}\`: write \`${word} -> B: text\`, or declare it with \`participant ${word}\`.`);
  return at(
    `Unknown statement \`${word}\`: expected a message (\`A -> B: text\`), a declaration (\`actor User\`), or a keyword such as \`sequence\`, \`alt\` or \`note\`.`,
  );
}

/** A CSS colour as Mermaid (`Aqua`, `rgb(33,66,99)`, `transparent`) or PlantUML (`#LightBlue`) writes one. */
export function isColour(word: string): boolean {
  const w = word.toLowerCase();
  return w in colorNames || w === 'transparent' || w.startsWith('#') || /^(rgb|rgba|hsl|hsla)\(/.test(w);
}

/**
 * The rest of a `box` line after its id (and label) that Lifeline does not read: a colour or a
 * label without quotes. `id` is the box's name as written; `words` the unread rest, trimmed.
 */
export function boxHint(id: NameNode, label: string | undefined, rest: string, restSpan: Span): Hint {
  // `rgb(33,66,99)`: the scanner read `rgb` as the id; its arguments open the rest.
  const args = /^rgba?$|^hsla?$/i.test(id.value) && rest.startsWith('(') ? /^\([^)]*\)?/.exec(rest)![0] : '';
  if (args) rest = rest.slice(args.length).trim();
  const colour = !id.quoted && isColour(id.value + args) ? id.value : undefined;
  // Mermaid: `box [colour] label words`; PlantUML: `box "Label" #colour`.
  const words = rest.split(/\s+/).filter(Boolean);
  const restColours = words.filter(isColour);
  if (colour) {
    const text = label ?? (rest.replace(/^"|"$/g, '') || 'Group');
    const idWord = /[\p{ID_Start}_][\p{ID_Continue}._]*/u.exec(text)?.[0] ?? 'Group';
    return {
      span: { offset: id.span.offset, length: restSpan.offset + restSpan.length - id.span.offset },
      message: `write \`box ${formatName(idWord)} "${text}"\`; colours are not supported.`,
    };
  }
  if (restColours.length > 0) {
    const labelPart = label !== undefined ? ` "${label}"` : '';
    return { span: restSpan, message: `write \`box ${formatName(id.value)}${labelPart}\`; colours are not supported.` };
  }
  const text = [label ?? id.value, rest].join(' ').replace(/"/g, '');
  return { span: restSpan, message: `A box's label is quoted: write \`box ${formatName(id.value)} "${text}"\`.` };
}

/** The span of the line's rest from the cursor, trimmed (at least one cell). */
export function restSpan(s: LineScanner): Span {
  let e = s.end;
  while (e > s.pos && isBlank(s.text.charCodeAt(e - 1))) e--;
  return { offset: s.pos, length: Math.max(1, e - s.pos) };
}
