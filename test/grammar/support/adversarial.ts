// Adversarial single lines for the linear-time test (issue 8): each is built to make one
// of the grammar's patterns work as hard as it can, at any length.

export interface AdversarialCase {
  name: string;
  /** Which grammar tokenizes the line: the seq grammar, or Markdown with the seq injection. */
  grammar: 'seq' | 'markdown';
  /** The line, about `n` UTF-16 units long. */
  make(n: number): string;
  /** Lines tokenized first (not timed), to reach a state such as the inside of a fence. */
  before?: readonly string[];
}

/** `prefix`, then `unit` repeated until the line is about `n` long, then `suffix`. */
function fill(prefix: string, unit: string, suffix = ''): (n: number) => string {
  return (n) => prefix + unit.repeat(Math.max(1, Math.ceil((n - prefix.length - suffix.length) / unit.length))) + suffix;
}

const seq = (name: string, make: (n: number) => string): AdversarialCase => ({ name, grammar: 'seq', make });

export const adversarialCases: readonly AdversarialCase[] = [
  // Runs of one character, bare.
  seq('run of -', fill('', '-')),
  seq('run of >', fill('', '>')),
  seq('run of "', fill('', '"')),
  seq('run of \\', fill('', '\\')),
  seq('run of letters', fill('', 'a')),
  seq('run of blanks then a letter', fill('', ' ', 'x')),
  seq('run of :', fill('', ':')),
  seq('run of =', fill('', '=')),
  seq('run of .', fill('', '.')),
  seq('run of digits', fill('', '1')),
  seq('run of #', fill('', '#')),
  seq('run of CJK letters', fill('', '用')),
  seq('letters with combining marks', fill('', 'e\u0301')),
  seq('astral letters', fill('', '𝒜')),
  // Names and arrows.
  seq('long name, no arrow', fill('', 'a', ' -')),
  seq('long name before an arrow', fill('', 'a', ' -> B: x')),
  seq('long name, blanks, almost an arrow', fill('A', ' ', '--')),
  seq('name and blanks repeated', fill('', 'a ')),
  seq('half arrows repeated', fill('A ', '-- ')),
  seq('arrows repeated', fill('A ', '-> ')),
  seq('names and arrows repeated', fill('', 'a->')),
  seq('-x repeated', fill('', '-x')),
  seq('dashes after the arrow', fill('A ->', '-')),
  seq('blanks after the arrow', fill('A ->', ' ', '+')),
  seq('activation markers', fill('A -> ', '+-')),
  seq('long target then blanks', fill('A -> ', 'b', '    x')),
  seq('self message with a long name', (n) => {
    const name = 'a'.repeat(Math.floor(n / 2) - 4);
    return `${name} -> ${name}`;
  }),
  seq('self message with a long quoted name', (n) => {
    const name = 'a b'.repeat(Math.floor(n / 6));
    return `"${name}" -> "${name}x"`;
  }),
  // Quotes and escapes.
  seq('unterminated quote', fill('"', 'a')),
  seq('unterminated quote of escapes', fill('"', '\\"')),
  seq('quote of backslashes', fill('"', '\\\\')),
  seq('quoted source, no arrow', fill('"', 'a', '" -')),
  seq('quotes and blanks', fill('', '" ')),
  seq('escapes in a label', fill('A -> B: ', '\\n')),
  seq('backslashes in a label', fill('A -> B: ', '\\')),
  seq('blanks in a label', fill('A -> B:', ' ', 'x')),
  seq('colons in a label', fill('A -> B', ':')),
  seq('blanks before a colon', fill('A -> B', ' ', ':')),
  seq('keywords in a label', fill('A -> B: ', 'alt end note over -> ')),
  // Participants.
  seq('declaration, blanks', fill('actor', ' ', 'x')),
  seq('declaration, many display names', fill('actor A ', '"" ')),
  seq('declaration, unterminated display name', fill('actor A "', 'x')),
  seq('declaration, scopes repeated', fill('actor A', ' internal')),
  seq('declaration, long quoted id', fill('actor "', 'a', '"')),
  // Sequences and timing.
  seq('sequence name of blanks', fill('sequence', ' ', 'x')),
  seq('sequence, within repeated', fill('sequence ', 'within ')),
  seq('sequence, within and blanks', fill('sequence x within', ' ', '5s')),
  seq('sequence, within and digits', fill('sequence x within ', '1', 'x')),
  seq('sequence, within 1s repeated', fill('sequence x', ' within 1s')),
  seq('takes, digits', fill('takes ', '1', 'x')),
  seq('takes, decimals', fill('takes 1', '.1')),
  seq('timeout, digits and blanks', fill('timeout 1s', ' ', 'x')),
  seq('timeout, escapes in the fallback', fill('timeout 1s:', '\\n')),
  // Other statements.
  seq('metadata key, blanks', fill('project', ' ', 'x')),
  seq('related, blanks', fill('related: x', ' ', 'x')),
  seq('related, trailing blanks', fill('related: x', ' ')),
  seq('title of escapes', fill('title ', '\\\\')),
  seq('fragment condition of blanks', fill('alt', ' ', 'x')),
  seq('note over many names', fill('note over ', 'A, ')),
  seq('note over blanks', fill('note over', ' ', 'x')),
  seq('note left, blanks between words', fill('note left', ' ', 'of A')),
  seq('divider of =', fill('== ', '=', 'x')),
  seq('divider, = and blanks', fill('== ', '= ')),
  seq('divider, blanks', fill('==', ' ', 'x')),
  seq('delay of dots', fill('... ', '.', 'x')),
  seq('delay, dots and blanks', fill('... ', '. ')),
  seq('delay, blanks', fill('...', ' ', 'x')),
  seq('flow name without colon', fill('flow ', 'x')),
  seq('flow, many steps', fill('flow F: ', 'A -> ')),
  seq('flow, dashes', fill('flow F: A ', '-')),
  seq('flow, unicode arrows', fill('flow F: A', '→')),
  seq('activate, blanks', fill('activate', ' ', 'x')),
  seq('comment of anything', fill('# ', '"\\ -> ')),
  // The Markdown injection.
  { name: 'markdown: run of backticks', grammar: 'markdown', make: fill('', '`') },
  { name: 'markdown: fence, blanks', grammar: 'markdown', make: fill('```seq', ' ', 'x') },
  { name: 'markdown: fence, backticks in the info', grammar: 'markdown', make: fill('```seq ', '` ') },
  { name: 'markdown: inside a seq fence, backticks', grammar: 'markdown', make: fill('', '`'), before: ['```seq'] },
  { name: 'markdown: inside a seq fence, names and arrows', grammar: 'markdown', make: fill('', 'a->'), before: ['```seq'] },
  { name: 'markdown: inside a seq fence, blanks', grammar: 'markdown', make: fill('', ' ', '```x'), before: ['```seq'] },
];
