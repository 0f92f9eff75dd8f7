// "Convert to a ```seq block": the fence around the cursor (`|`) becomes a ```seq fence holding
// its import; the edit is applied and the whole document compared. Where no action applies the
// function answers undefined; a fence with syntax errors reports them at the Markdown file's lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seqFenceConversion } from '../../../server/src/core/index';

/** The document without its `|` and the cursor's offset. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the case marks the cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function apply(marked: string): string | undefined {
  const { text, offset } = cursor(marked);
  const c = seqFenceConversion(text, offset);
  return c && text.slice(0, c.start) + c.newText + text.slice(c.end);
}

const lines = (...l: string[]) => l.join('\n');

const CASES: { name: string; before: string; after: string | undefined }[] = [
  {
    name: 'a mermaid fence, cursor in its body',
    before: lines('# Login', '', '```mermaid', 'sequenceDiagram', '  Alice->>|Bob: hi', '  Bob-->>Alice: hello', '```', '', 'After.', ''),
    after: lines(
      '# Login',
      '',
      '```seq',
      'participant Alice',
      'participant Bob',
      'Alice -> Bob: hi',
      'Bob --> Alice: hello',
      '```',
      '',
      'After.',
      '',
    ),
  },
  {
    name: 'the cursor on the opening line',
    before: lines('```mer|maid', 'sequenceDiagram', 'A-)B: go', '```'),
    after: lines('```seq', 'participant A', 'participant B', 'A ->> B: go', '```'),
  },
  {
    name: 'the cursor on the closing line',
    before: lines('```mermaid', 'sequenceDiagram', 'A->>B: go', '`|``'),
    after: lines('```seq', 'participant A', 'participant B', 'A -> B: go', '```'),
  },
  {
    name: 'a plantuml fence',
    before: lines('Text', '```plantuml', '@startuml', 'actor User', 'User -> Shop|: buy', '@enduml', '```'),
    after: lines('Text', '```seq', 'actor User', 'participant Shop', 'User -> Shop: buy', '```'),
  },
  {
    name: 'what is dropped stays as a comment in the block',
    before: lines('```mermaid', 'sequenceDiagram', '  link A: Docs @ https://example.com', '  A->>B: h|i', '```'),
    after: lines(
      '```seq',
      'participant A',
      'participant B',
      '# dropped: `link` (an actor menu): Lifeline draws no menus',
      'A -> B: hi',
      '```',
    ),
  },
  {
    name: 'a tilde fence in a list keeps its marker and indentation',
    before: lines('- step', '  ~~~~mermaid', '  sequenceDiagram', '  A->>B: g|o', '  ~~~~'),
    after: lines('- step', '  ~~~~seq', '  participant A', '  participant B', '  A -> B: go', '  ~~~~'),
  },
  {
    name: 'CRLF line breaks are kept',
    before: '```mermaid\r\nsequenceDiagram\r\nA->>B: g|o\r\n```\r\n',
    after: '```seq\r\nparticipant A\r\nparticipant B\r\nA -> B: go\r\n```\r\n',
  },
  {
    name: 'an unclosed fence runs to the end of the document',
    before: lines('```mermaid', 'sequenceDiagram', 'A->>B: g|o'),
    after: lines('```seq', 'participant A', 'participant B', 'A -> B: go', '```'),
  },
  {
    name: 'only the fence under the cursor changes',
    before: lines('```mermaid', 'sequenceDiagram', 'A->>B: one', '```', '```mermaid', 'sequenceDiagram', 'C->>D: t|wo', '```'),
    after: lines('```mermaid', 'sequenceDiagram', 'A->>B: one', '```', '```seq', 'participant C', 'participant D', 'C -> D: two', '```'),
  },
  { name: 'a mermaid flowchart is no sequence', before: lines('```mermaid', 'flowchart LR', '  A-|->B', '```'), after: undefined },
  { name: 'a plantuml fence without @startuml', before: lines('```plantuml', 'Alice -> B|ob', '```'), after: undefined },
  { name: 'outside any fence', before: lines('Te|xt', '```mermaid', 'sequenceDiagram', 'A->>B: go', '```'), after: undefined },
  { name: 'a seq fence already', before: lines('```seq', 'A -> B: g|o', '```'), after: undefined },
];

for (const c of CASES) {
  test(`convert to a seq block: ${c.name}`, () => {
    assert.equal(apply(c.before), c.after);
  });
}

test('a fence with a syntax error reports it at the Markdown line and column', () => {
  const { text, offset } = cursor(lines('# Doc', '', '```mermaid', 'sequenceDiagram', '  this line means |nothing', '```'));
  const c = seqFenceConversion(text, offset);
  assert.ok(c);
  assert.equal(c.result.errors.length, 1);
  assert.deepEqual({ line: c.result.errors[0].line, column: c.result.errors[0].column }, { line: 5, column: 3 });
  assert.match(c.result.errors[0].message, /cannot read/);
});

test('notices and the line map point at the Markdown file', () => {
  const { text, offset } = cursor(
    lines('# Doc', '```mermaid', 'sequenceDiagram', '  link A: Docs @ https://example.com', '  A->>B: h|i', '```'),
  );
  const c = seqFenceConversion(text, offset);
  assert.deepEqual(
    c?.result.notices.map((n) => n.line),
    [4],
  );
  assert.deepEqual(c?.result.lineMap, [4, 4, 3, 4]);
});
