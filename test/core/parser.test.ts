// Table-driven parser tests: each line of source becomes one statement (or one diagnostic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/index';
import { summary } from './summary';
import { readsBlocks, readsLines, reportsErrors } from './parserTables';

const lines: [string, string][] = [
  // messages and arrows, longest first
  ['A -> B: hi', 'A -> B: "hi"'],
  ['A->B:hi', 'A -> B: "hi"'],
  ['A --> B: ok', 'A --> B: "ok"'],
  ['A ->> B: event', 'A ->> B: "event"'],
  ['A -->> B: later', 'A -->> B: "later"'],
  ['A -x B: lost', 'A -x B: "lost"'],
  ['A --x B: lost reply', 'A --x B: "lost reply"'],
  ['A -xena', 'A -x ena'],
  ['A -x xena', 'A -x xena'],
  ['A -> +B: work', 'A -> +B: "work"'],
  ['B --> -A: done', 'B --> -A: "done"'],
  ['A ->-B', 'A -> -B'],
  ['A -> A: self', 'A -> A: "self"'],
  ['A -> B', 'A -> B'],
  ['A -> B :  spaced  ', 'A -> B: "spaced"'],
  ['A -> B: GET /a#b http://x', 'A -> B: "GET /a#b http://x"'],
  ['A -> B: two\\nlines \\\\ back', 'A -> B: "two\nlines \\ back"'],
  ['"Auth Service" -> "D\\"B": q', 'Auth Service -> D"B: "q"'],
  ['purpose -> note: names may be keywords', 'purpose -> note: "names may be keywords"'],
  ['Zahlungsdienst -> 用户: 支付', 'Zahlungsdienst -> 用户: "支付"'],
  ['svc.v2 -> user_db: x', 'svc.v2 -> user_db: "x"'],
  ['उपयोगकर्ता -> B', 'उपयोगकर्ता -> B'],
  ['"e\u0301" -> B', '\u00e9 -> B'],
  // participants
  ['actor User: Person using the web shop', 'actor User : "Person using the web shop"'],
  ['system Frontend "Web Frontend": Single-page app', 'system Frontend "Web Frontend" : "Single-page app"'],
  ['database DB "Users DB"', 'database DB "Users DB"'],
  ['queue Events external: Kafka topic user-events', 'queue Events external : "Kafka topic user-events"'],
  ['service Auth "Auth\\nService" internal', 'service Auth "Auth\nService" internal'],
  ['participant "end"', 'participant end'],
  // metadata and title
  ['title Online checkout', 'title "Online checkout"'],
  ['project: Shop', 'project: "Shop"'],
  ['related : payments.seq', 'related: "payments.seq"'],
  ['assumption: The provider answers within 2 s.', 'assumption: "The provider answers within 2 s."'],
  // timing
  ['takes 120ms', 'takes 120ms'],
  ['takes 1.5s', 'takes 1500ms'],
  ['timeout 2s: show the retry banner', 'timeout 2000ms: "show the retry banner"'],
  ['timeout 3min', 'timeout 180000ms'],
  ['takes 1h', 'takes 3600000ms'],
  // lifelines, notes, dividers, delays, numbering, flows
  ['activate Auth', 'activate Auth'],
  ['deactivate Auth', 'deactivate Auth'],
  ['destroy Session', 'destroy Session'],
  ['note over Auth, DB: passwords are hashed', 'note over Auth,DB: "passwords are hashed"'],
  ['note left of User: on a phone', 'note left of User: "on a phone"'],
  ['note right of DB: read replica', 'note right of DB: "read replica"'],
  ['== Phase 2 ==', 'divider "Phase 2"'],
  ['==', 'divider ""'],
  ['... 5 minutes later ...', 'delay "5 minutes later"'],
  ['...', 'delay ""'],
  ['autonumber', 'autonumber'],
  ['flow Authentication: User -> Frontend → Auth', 'flow "Authentication": User > Frontend > Auth'],
];

readsLines(lines);

const blocks: [string, string, string][] = [
  [
    'a sequence with within and metadata',
    `
    sequence User login within 800ms
      purpose: Authenticate
      A -> B: x
    end`,
    'sequence "User login" within 800ms{purpose: "Authenticate"; A -> B: "x"}',
  ],
  [
    '`within` that is no duration stays in the name',
    `
    sequence Login within 2 secs
    end`,
    'sequence "Login within 2 secs"{}',
  ],
  [
    'a quoted sequence name',
    `
    sequence "Pay: by card"
    end`,
    'sequence "Pay: by card"{}',
  ],
  [
    'alt with else branches',
    `
    alt wrong password
      A --> B: 401
    else locked
      A --> B: 423
    else
    end`,
    'alt{alt "wrong password"[A --> B: "401"] else "locked"[A --> B: "423"] else[]}',
  ],
  [
    'par/and and critical/option nest',
    `
    par
      critical
        A -> B
      option fallback
        A -> C
      end
    and
      loop every item
        opt
          break
            group batch
            end
          end
        end
      end
    end`,
    'par{par[critical{critical[A -> B] option "fallback"[A -> C]}] and[loop{loop "every item"[opt{opt[break{break[group{group "batch"[]}]}]}]}]}',
  ],
  [
    'an unclosed block closes at the next sequence',
    `
    sequence One
      alt x
        A -> B
    sequence Two
    end`,
    'sequence "One"{alt{alt "x"[A -> B]} (open)} (open) | sequence "Two"{}',
  ],
  [
    'comments and blank lines are skipped',
    `
    # a comment
      // another

    A -> B`,
    'A -> B',
  ],
];

// Some blocks are recoveries, with a diagnostic of their own.
readsBlocks(blocks, false);

test('line breaks: LF, CRLF and lone CR all end a line', () => {
  const doc = parse('A -> B: one\r\nB -> C: two\rC -> D: three\nD -> E');
  assert.deepEqual(doc.statements.map(summary), ['A -> B: "one"', 'B -> C: "two"', 'C -> D: "three"', 'D -> E']);
  assert.deepEqual(doc.lineStarts, [0, 13, 25, 39]);
});

test('a BOM before the first line is ignored', () => {
  const doc = parse('\uFEFFA -> B: x');
  assert.deepEqual(doc.diagnostics, []);
  assert.equal(summary(doc.statements[0]), 'A -> B: "x"');
});

test('comments are recorded for folding and formatting', () => {
  const doc = parse('# one\n  // two\nA -> B: #not a comment');
  assert.deepEqual(doc.comments, [
    { offset: 0, length: 5 },
    { offset: 8, length: 6 },
  ]);
});

// Each bad line: exactly one diagnostic, on the offending token, with a message that says what to do.
const errors: [string, string, string, RegExp][] = [
  ['participant A as Alice', 'syntax', 'as', /write `participant A "Alice"`/],
  ['A ->', 'syntax', '->', /needs a target/],
  ['-> B', 'syntax', '->', /needs a sender/],
  ['A -> B hello', 'syntax', 'hello', /Expected `:`/],
  ['"Auth -> B', 'syntax', '"Auth -> B', /Unterminated quote/],
  ['A -> "B: x', 'syntax', '"B: x', /Unterminated quote/],
  ['hello world', 'syntax', 'hello', /Unknown statement/],
  ['Alt x', 'syntax', 'Alt', /lower case: write `alt`/],
  ['Note over A: x', 'syntax', 'Note', /lower case/],
  ['A → B', 'syntax', '→', /process flows only/],
  ['sequenceDiagram', 'syntax', 'sequenceDiagram', /remove it/],
  ['colour: red', 'syntax', 'colour', /Unknown metadata key/],
  ['Lonely', 'syntax', 'Lonely', /Expected an arrow/],
  ['note A: x', 'syntax', 'A:', /note left of A/],
  ['note left of A, B: x', 'syntax', 'B', /takes one participant/],
  ['takes 2 secs', 'invalid-duration', '2 secs', /not a duration/],
  ['takes -1s', 'invalid-duration', '-1s', /not a duration/],
  ['takes 5', 'invalid-duration', '5', /not a duration/],
  ['takes 1h30min', 'invalid-duration', '1h30min', /not a duration/],
  ['timeout 2S: retry', 'invalid-duration', '2S', /not a duration/],
  ['takes', 'syntax', 'takes', /needs a duration/],
  ['end', 'unexpected-keyword', 'end', /nothing open/],
  ['else', 'unexpected-keyword', 'else', /inside `alt`/],
  ['and', 'unexpected-keyword', 'and', /inside `par`/],
  ['option', 'unexpected-keyword', 'option', /inside `critical`/],
  ['autonumber x', 'syntax', 'x', /whole number/],
  ['flow Broken', 'syntax', 'flow', /flow Name: A -> B/],
  ['flow F: A -> ', 'syntax', '->', /Expected a participant/],
  ['activate', 'syntax', 'activate', /needs a participant/],
  ['title', 'syntax', 'title', /needs text/],
];

reportsErrors(errors);

test('one bad line gives one diagnostic and the rest is still read', () => {
  const doc = parse('A -> B: one\nthis is not a statement\nB -> C: two');
  assert.equal(doc.diagnostics.length, 1);
  assert.deepEqual(doc.statements.map(summary), ['A -> B: "one"', 'B -> C: "two"']);
});

test('unclosed blocks report on each opener, with where `end` goes', () => {
  const src = 'sequence S\n  alt x\n    A -> B\n\n';
  const doc = parse(src);
  const unclosed = doc.diagnostics.filter((d) => d.code === 'unclosed-block');
  assert.deepEqual(
    unclosed.map((d) => src.slice(d.offset, d.offset + d.length)),
    ['alt', 'sequence'],
  );
  const data = unclosed.map((d) => d.data);
  assert.deepEqual(data, [
    { kind: 'unclosed-block', insertAt: 30, insertText: '  end\n' },
    { kind: 'unclosed-block', insertAt: 30, insertText: 'end\n' },
  ]);
});

test('an unclosed block at the end of a file without a final line break', () => {
  const src = 'loop\r\n  A -> B';
  const [d] = parse(src).diagnostics;
  assert.deepEqual(d.data, { kind: 'unclosed-block', insertAt: src.length, insertText: '\r\nend' });
});
