// The regex pieces and rule builders syntaxes/build-grammar.mjs assembles the grammar from
// (the linear-time rules in its header apply to every pattern here).

// Identifiers: UAX #31 ID_Start then ID_Continue, plus `_` and `.` (spec §1);
// as in the parser, `_` may start a name and `.` only continue one.
const ID_START = '[\\p{ID_Start}_]';
export const ID_CONTINUE = '[\\p{ID_Continue}_.]';
const NAME = `${ID_START}${ID_CONTINUE}*+`;
/** The end of a keyword: no identifier character follows (`alternative` is no `alt`). */
export const KW_END = `(?!${ID_CONTINUE})`;
/** A statement's start: the line start, or the fence's anchor in Markdown. */
export const LINE = '(?:^|\\G)\\s*+';
/** A closed quoted name as three groups: opening quote, content, closing quote. */
const QUOTED_3 = '(")((?:[^"\\\\]|\\\\.)*+)(")';
/** A participant reference as five groups: bare name | (quoted: 3 groups). */
export const PARTICIPANT_5 = `(?:(${NAME})|(${QUOTED_3}))`;
/** A message's edge endpoint as two groups: the left edge `[`, the right edge `]` (spec §4, v2). */
const EDGE_2 = '(?:(\\[)|(\\]))';
/** The participant kinds (spec §3). */
export const KINDS = '(actor|system|service|database|queue|participant)';
/** The six arrows, longest first, as seven groups: the whole arrow, then one per kind. */
export const ARROW_7 = '((-->>)|(-->)|(--x)|(->>)|(->)|(-x))';
/** A duration as two groups: the whole duration, then its unit (spec §1). */
export const DURATION_2 = `([0-9]++(?:\\.[0-9]++)?+(ms|min|s|h))(?!${ID_CONTINUE})`;

const ARROW_KINDS = ['async-reply', 'reply', 'lost-reply', 'async', 'sync', 'lost'];

/** Captures for PARTICIPANT_5 starting at group `n`, for a name scoped `scope`. */
export function participantCaptures(n, scope) {
  return {
    [n]: { name: scope },
    [n + 1]: { name: `${scope} string.quoted.double.seq` },
    [n + 2]: { name: 'punctuation.definition.string.begin.seq' },
    // vscode-textmate drops the enclosing captures' scopes when it
    // re-tokenizes a capture, so the content repeats them.
    [n + 3]: { name: `${scope} string.quoted.double.seq`, patterns: [{ include: '#quoted-escapes' }] },
    [n + 4]: { name: 'punctuation.definition.string.end.seq' },
  };
}

/** Captures for EDGE_2 starting at group `n`. */
function edgeCaptures(n) {
  return {
    [n]: { name: 'variable.language.edge.left.seq' },
    [n + 1]: { name: 'variable.language.edge.right.seq' },
  };
}

/** Captures for ARROW_7 starting at group `n`. */
function arrowCaptures(n) {
  const captures = { [n]: { name: 'keyword.operator.arrow.seq' } };
  ARROW_KINDS.forEach((kind, i) => {
    captures[n + 1 + i] = { name: `keyword.operator.arrow.${kind}.seq` };
  });
  return captures;
}

/** Captures for DURATION_2 starting at group `n`. */
export function durationCaptures(n) {
  return {
    [n]: { name: 'constant.numeric.duration.seq' },
    [n + 1]: { name: 'keyword.other.unit.seq' },
  };
}

/** A rule for free text that runs from `:` to the end of the line. */
export function colonText(contentName) {
  return {
    begin: '(:)',
    beginCaptures: { 1: { name: 'punctuation.separator.colon.seq' } },
    end: '$',
    contentName,
    patterns: [{ include: '#text-escapes' }],
  };
}

/** `keyword text…`: a keyword at the line start, then free text to the end of the line. */
export function keywordThenText(keywords, keywordScope, metaScope, contentName) {
  return {
    begin: `${LINE}(${keywords.join('|')})${KW_END}\\s*+`,
    beginCaptures: { 1: { name: keywordScope } },
    end: '$',
    name: metaScope,
    contentName,
    patterns: [{ include: '#text-escapes' }],
  };
}

/**
 * A line that opens with `punct`, holds text, and may close with `punct` again
 * (dividers `== text ==`, delays `... text ...`). The end's second and third
 * alternatives close a line without the closing mark; the lookbehind lets the
 * blank-eating one start only at the start of a run of blanks.
 */
export function framedText(open, close, metaScope, punctScope, contentName) {
  return {
    begin: `${LINE}(${open})`,
    beginCaptures: { 1: { name: punctScope } },
    end: `(${close})\\s*+$|(?<!\\s)\\s*+$|$`,
    endCaptures: { 1: { name: punctScope } },
    name: metaScope,
    contentName,
    patterns: [{ include: '#text-escapes' }],
  };
}

/** The message body after the arrow: activation marker, target (a name or an edge), label. */
export const messageBody = [
  {
    match: `\\G\\s*+(?:(\\+)|(-))?\\s*+(?:${EDGE_2}|${PARTICIPANT_5})`,
    captures: {
      1: { name: 'keyword.operator.activation.activate.seq' },
      2: { name: 'keyword.operator.activation.deactivate.seq' },
      ...edgeCaptures(3),
      ...participantCaptures(5, 'variable.other.participant.seq'),
    },
  },
  { include: '#label' },
];

/** A message's source: an edge (groups 1–2) or a name (3–7). */
export const MESSAGE_SOURCE_7 = `(?:${EDGE_2}|${PARTICIPANT_5})`;

/** Captures shared by both message rules: the source (1–7) and the arrow (8–14). */
export const messageBeginCaptures = {
  ...edgeCaptures(1),
  ...participantCaptures(3, 'variable.other.participant.seq'),
  ...arrowCaptures(8),
};

/** A quoted display name; an unterminated one runs to the end of the line. */
export const displayName = {
  begin: '"',
  beginCaptures: { 0: { name: 'punctuation.definition.string.begin.seq' } },
  end: '(")|$',
  endCaptures: { 1: { name: 'punctuation.definition.string.end.seq' } },
  name: 'string.quoted.double.display-name.seq',
  patterns: [{ include: '#quoted-escapes' }],
};

/** What follows a declaration's id: display name, internal|external, `: description`. */
export const declarationRest = [
  displayName,
  {
    match: '(?<=\\s)(internal|external)(?=\\s|:|$)',
    captures: { 1: { name: 'storage.modifier.$1.seq' } },
  },
  colonText('string.unquoted.description.seq'),
];
