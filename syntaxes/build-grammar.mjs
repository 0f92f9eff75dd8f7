// Builds syntaxes/seq.tmLanguage.json from the regex pieces in grammar-pieces.mjs.
//
// TextMate grammars have no variables, so the identifier, quoted-name, arrow
// and duration patterns would otherwise be repeated by hand in a dozen rules.
// The JSON is committed (VS Code reads it directly); a grammar test runs
// `node syntaxes/build-grammar.mjs --check` so the two never drift.
//
//   node syntaxes/build-grammar.mjs          rewrite the JSON
//   node syntaxes/build-grammar.mjs --check  exit 1 if the JSON is stale
//
// Linear time (issue 8): every regex here and in grammar-pieces.mjs must
// tokenize a 100 KB line in linear time. The rules that keep it so:
// - statements are anchored at the line start (`^`, or `\G` when the grammar
//   is embedded in a Markdown fence), so their heavy patterns run once a line;
// - repetition is possessive (`*+`, `++`) and over disjoint alternatives, so
//   nothing backtracks into a run it already consumed;
// - no unanchored pattern starts with a repeated class (a search would
//   rescan the same run of blanks from every position in it): such patterns
//   start with a literal, or with a lookbehind that admits only a run's start.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ARROW_7,
  colonText,
  declarationRest,
  displayName,
  DURATION_2,
  durationCaptures,
  framedText,
  ID_CONTINUE,
  keywordThenText,
  KINDS,
  KW_END,
  LINE,
  MESSAGE_SOURCE_7,
  messageBeginCaptures,
  messageBody,
  PARTICIPANT_5,
  participantCaptures,
} from './grammar-pieces.mjs';

export function buildGrammar() {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Sequence Diagram',
    scopeName: 'source.seq',
    fileTypes: ['seq'],
    patterns: [
      { include: '#comment' },
      { include: '#message' },
      { include: '#metadata' },
      { include: '#title' },
      { include: '#participant' },
      { include: '#box' },
      { include: '#create' },
      { include: '#ref' },
      { include: '#sequence' },
      { include: '#timing' },
      { include: '#fragment' },
      { include: '#lifeline' },
      { include: '#note' },
      { include: '#divider' },
      { include: '#delay' },
      { include: '#autonumber' },
      { include: '#flow' },
    ],
    repository: {
      comment: {
        comment: 'Only a whole line is a comment: `GET /a#b` in a label stays text (spec §1).',
        patterns: [
          {
            match: `${LINE}((#).*+)`,
            captures: {
              1: { name: 'comment.line.number-sign.seq' },
              2: { name: 'punctuation.definition.comment.seq' },
            },
          },
          {
            match: `${LINE}((//).*+)`,
            captures: {
              1: { name: 'comment.line.double-slash.seq' },
              2: { name: 'punctuation.definition.comment.seq' },
            },
          },
        ],
      },
      message: {
        comment: 'A name, or the edge `[`/`]`, followed by an arrow makes a message, whatever the name (spec §1, rule 2).',
        patterns: [
          {
            comment: 'A self message: the target repeats the source, bare or quoted.',
            begin:
              `${LINE}${MESSAGE_SOURCE_7}\\s*+${ARROW_7}` + `(?=\\s*+[+-]?(?:\\3(?!${ID_CONTINUE})|"\\3"|\\6(?!${ID_CONTINUE})|"\\6"))`,
            beginCaptures: messageBeginCaptures,
            end: '$',
            name: 'meta.message.self.seq',
            patterns: messageBody,
          },
          {
            begin: `${LINE}${MESSAGE_SOURCE_7}\\s*+${ARROW_7}`,
            beginCaptures: messageBeginCaptures,
            end: '$',
            name: 'meta.message.seq',
            patterns: messageBody,
          },
        ],
      },
      metadata: {
        patterns: [
          {
            comment: '`related:` names another diagram file; editors show it as a link.',
            begin: `${LINE}(related)\\s*+(:)`,
            beginCaptures: {
              1: { name: 'keyword.other.metadata.document.seq' },
              2: { name: 'punctuation.separator.key-value.seq' },
            },
            end: '$',
            name: 'meta.metadata.document.seq',
            patterns: [{ match: '[^\\s](?:.*[^\\s])?', name: 'string.unquoted.metadata.seq markup.underline.link.seq' }],
          },
          {
            begin: `${LINE}(project|version|date|designer|overview|security|assumption)\\s*+(:)`,
            beginCaptures: {
              1: { name: 'keyword.other.metadata.document.seq' },
              2: { name: 'punctuation.separator.key-value.seq' },
            },
            end: '$',
            name: 'meta.metadata.document.seq',
            contentName: 'string.unquoted.metadata.seq',
            patterns: [{ include: '#text-escapes' }],
          },
          {
            begin: `${LINE}(purpose|trigger|outcome|scenario)\\s*+(:)`,
            beginCaptures: {
              1: { name: 'keyword.other.metadata.sequence.seq' },
              2: { name: 'punctuation.separator.key-value.seq' },
            },
            end: '$',
            name: 'meta.metadata.sequence.seq',
            contentName: 'string.unquoted.metadata.seq',
            patterns: [{ include: '#text-escapes' }],
          },
        ],
      },
      title: {
        comment: 'title TEXT; `title: TEXT` (Mermaid front matter) is read the same.',
        begin: `${LINE}(title)${KW_END}\\s*+(:)?+\\s*+`,
        beginCaptures: {
          1: { name: 'keyword.other.title.seq' },
          2: { name: 'punctuation.separator.colon.seq' },
        },
        end: '$',
        name: 'meta.title.seq',
        contentName: 'string.unquoted.title.seq',
        patterns: [{ include: '#text-escapes' }],
      },
      participant: {
        comment: '<kind> <id> ["Display name"] [internal|external] [: description]',
        begin: `${LINE}${KINDS}${KW_END}`,
        beginCaptures: { 1: { name: 'storage.type.participant.seq' } },
        end: '$',
        name: 'meta.participant.declaration.seq',
        patterns: [
          {
            match: `\\G\\s++${PARTICIPANT_5}`,
            captures: participantCaptures(1, 'entity.name.type.participant.seq'),
          },
          ...declarationRest,
        ],
      },
      box: {
        comment: 'box <id> ["Label"] groups the declarations up to `end` / `end box` (v2).',
        begin: `${LINE}(box)${KW_END}`,
        beginCaptures: { 1: { name: 'keyword.control.box.seq' } },
        end: '$',
        name: 'meta.box.seq',
        patterns: [
          {
            match: `\\G\\s++${PARTICIPANT_5}`,
            captures: participantCaptures(1, 'entity.name.type.box.seq'),
          },
          displayName,
        ],
      },
      create: {
        comment: 'create <id>, or create <kind> <id> … which also declares it (v2).',
        patterns: [
          {
            begin: `${LINE}(create)\\s++${KINDS}\\s++(?=[\\p{ID_Start}_"])`,
            beginCaptures: {
              1: { name: 'keyword.other.create.seq' },
              2: { name: 'storage.type.participant.seq' },
            },
            end: '$',
            name: 'meta.create.seq meta.participant.declaration.seq',
            patterns: [
              { match: `\\G${PARTICIPANT_5}`, captures: participantCaptures(1, 'entity.name.type.participant.seq') },
              ...declarationRest,
            ],
          },
          {
            match: `${LINE}(create)${KW_END}(?:\\s++${PARTICIPANT_5})?`,
            name: 'meta.create.seq',
            captures: {
              1: { name: 'keyword.other.create.seq' },
              ...participantCaptures(2, 'variable.other.participant.seq'),
            },
          },
        ],
      },
      ref: {
        comment: 'ref over A, B: text — the text names a sequence, here or in `file.seq#Sequence` (v2).',
        begin: `${LINE}(ref)\\s++(over)${KW_END}`,
        beginCaptures: {
          1: { name: 'keyword.other.ref.seq' },
          2: { name: 'keyword.other.ref.position.seq' },
        },
        end: '$',
        name: 'meta.ref.seq',
        patterns: [
          { include: '#participant-reference' },
          { match: ',', name: 'punctuation.separator.comma.seq' },
          colonText('string.unquoted.ref.seq'),
        ],
      },
      sequence: {
        comment: 'sequence NAME [within DURATION]; the name may hold colons (spec §4).',
        begin: `${LINE}(sequence)${KW_END}`,
        beginCaptures: { 1: { name: 'keyword.control.sequence.seq' } },
        end: '$',
        name: 'meta.sequence.seq',
        patterns: [
          {
            begin: '\\G\\s*+',
            end: `(?=(?<!\\S)within\\s++${DURATION_2}\\s*+$)|$`,
            contentName: 'entity.name.function.sequence.seq',
            patterns: [{ include: '#text-escapes' }],
          },
          {
            match: `(within)\\s++${DURATION_2}`,
            captures: {
              1: { name: 'keyword.other.within.seq' },
              ...durationCaptures(2),
            },
          },
        ],
      },
      timing: {
        comment: 'takes DURATION / timeout DURATION [: fallback]; anything else after the keyword is no duration.',
        patterns: [
          {
            begin: `${LINE}(takes)${KW_END}`,
            beginCaptures: { 1: { name: 'keyword.other.takes.seq' } },
            end: '$',
            name: 'meta.timing.takes.seq',
            patterns: [{ match: `\\G\\s++${DURATION_2}(?=\\s*+$)`, captures: durationCaptures(1) }],
          },
          {
            begin: `${LINE}(timeout)${KW_END}`,
            beginCaptures: { 1: { name: 'keyword.other.timeout.seq' } },
            end: '$',
            name: 'meta.timing.timeout.seq',
            patterns: [
              { match: `\\G\\s++${DURATION_2}(?=\\s*+(?::|$))`, captures: durationCaptures(1) },
              colonText('string.unquoted.fallback.seq'),
            ],
          },
        ],
      },
      fragment: {
        comment: 'Fragment keywords; the rest of the line is the condition or label (spec §4).',
        patterns: [
          keywordThenText(
            ['alt', 'opt', 'loop', 'par', 'critical', 'break', 'group'],
            'keyword.control.fragment.seq',
            'meta.fragment.begin.seq',
            'string.unquoted.condition.seq',
          ),
          keywordThenText(
            ['else', 'and', 'option'],
            'keyword.control.fragment.branch.seq',
            'meta.fragment.branch.seq',
            'string.unquoted.condition.seq',
          ),
          {
            comment: "`end box` is PlantUML's closing of a box.",
            match: `${LINE}(end)${KW_END}(?:\\s++(box)${KW_END})?`,
            captures: { 1: { name: 'keyword.control.end.seq' }, 2: { name: 'keyword.control.end.seq' } },
          },
        ],
      },
      lifeline: {
        comment: 'activate X / deactivate X / destroy X',
        match: `${LINE}(activate|deactivate|destroy)${KW_END}(?:\\s++${PARTICIPANT_5})?`,
        captures: {
          1: { name: 'keyword.other.$1.seq' },
          ...participantCaptures(2, 'variable.other.participant.seq'),
        },
      },
      note: {
        comment: 'note left of A: … / note right of A: … / note over A, B: …',
        begin: `${LINE}(note)\\s++(left\\s++of|right\\s++of|over)${KW_END}`,
        beginCaptures: {
          1: { name: 'keyword.other.note.seq' },
          2: { name: 'keyword.other.note.position.seq' },
        },
        end: '$',
        name: 'meta.note.seq',
        patterns: [
          { include: '#participant-reference' },
          { match: ',', name: 'punctuation.separator.comma.seq' },
          colonText('string.unquoted.note.seq'),
        ],
      },
      // The parser takes any run of `=` (of `.` and `…`) at both ends; the
      // lookbehinds let a closing run match only from its first character.
      divider: framedText('===*+', '(?<!=)=++', 'meta.divider.seq', 'keyword.operator.divider.seq', 'string.unquoted.divider.seq'),
      delay: framedText(
        '(?:\\.\\.\\.|…)[.…]*+',
        '(?<![.…])[.…]++',
        'meta.delay.seq',
        'keyword.operator.delay.seq',
        'string.unquoted.delay.seq',
      ),
      autonumber: {
        comment: 'autonumber [start [step]] | off | resume [step] (PlantUML `stop` is `off`).',
        match:
          `${LINE}(autonumber)${KW_END}` +
          `(?:\\s++(?:(off|stop)${KW_END}|(resume)${KW_END}(?:\\s++([0-9]++)(?=\\s|$))?+|([0-9]++)(?=\\s|$)(?:\\s++([0-9]++)(?=\\s|$))?+))?+`,
        captures: {
          1: { name: 'keyword.other.autonumber.seq' },
          2: { name: 'keyword.other.autonumber.mode.seq' },
          3: { name: 'keyword.other.autonumber.mode.seq' },
          4: { name: 'constant.numeric.integer.seq' },
          5: { name: 'constant.numeric.integer.seq' },
          6: { name: 'constant.numeric.integer.seq' },
        },
      },
      flow: {
        comment: 'flow NAME: A -> B → C; the name runs to the first colon (spec §5).',
        begin: `${LINE}(flow)${KW_END}`,
        beginCaptures: { 1: { name: 'keyword.other.flow.seq' } },
        end: '$',
        name: 'meta.flow.seq',
        patterns: [
          { match: '\\G\\s*+([^:\\s][^:]*+)', captures: { 1: { name: 'entity.name.function.flow.seq' } } },
          {
            begin: '(:)',
            beginCaptures: { 1: { name: 'punctuation.separator.colon.seq' } },
            end: '$',
            name: 'meta.flow.chain.seq',
            patterns: [
              { match: '(?<!-)->(?!>)|→', name: 'keyword.operator.arrow.seq keyword.operator.arrow.flow.seq' },
              { include: '#participant-reference' },
            ],
          },
        ],
      },
      'participant-reference': {
        match: PARTICIPANT_5,
        captures: participantCaptures(1, 'variable.other.participant.seq'),
      },
      label: colonText('string.unquoted.label.seq'),
      'text-escapes': {
        comment: 'In free text `\\n` is a line break where the text is drawn and `\\\\` a backslash.',
        match: '\\\\[n\\\\]',
        name: 'constant.character.escape.seq',
      },
      'quoted-escapes': {
        match: '\\\\["\\\\n]',
        name: 'constant.character.escape.seq',
      },
    },
  };
}

export const GRAMMAR_PATH = fileURLToPath(new URL('./seq.tmLanguage.json', import.meta.url));

export function renderGrammar() {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderGrammar();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(GRAMMAR_PATH, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== text) {
      console.error('syntaxes/seq.tmLanguage.json is stale: run `node syntaxes/build-grammar.mjs`');
      process.exit(1);
    }
  } else {
    writeFileSync(GRAMMAR_PATH, text);
    console.log(`wrote ${GRAMMAR_PATH}`);
  }
}
