// The picture and import checkers can fail: a drawn picture and a clean import pass, and each
// broken picture (malformed, a script, an event attribute, a `javascript:` link) is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { checkImport, checkSvg, checkSvgText, importPositions } from './bridgeChecks';

const GOOD = '<svg xmlns="http://www.w3.org/2000/svg"><text x="1">&lt;script&gt;</text></svg>';

const BROKEN: { name: string; svg: string; says: RegExp }[] = [
  { name: 'not well-formed', svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>a</svg>', says: /not well-formed/ },
  { name: 'a script element', svg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', says: /<script>/ },
  { name: 'an event attribute', svg: '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>', says: /event attribute onload/ },
  { name: 'a javascript: link', svg: '<svg xmlns="http://www.w3.org/2000/svg"><g href="javascript:x"/></svg>', says: /javascript:x/ },
  { name: 'a foreign object', svg: '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', says: /foreignObject/ },
];

test('svg checker: an inert picture passes, and the picture of hostile labels too', () => {
  assert.deepEqual(checkSvgText(GOOD), []);
  assert.deepEqual(checkSvg(analyze('A -> B: <script>alert(1)</script>\nnote over A: <img onerror=x>\n').model), []);
});

for (const c of BROKEN) {
  test(`svg checker reports ${c.name}`, () => {
    const found = checkSvgText(c.svg);
    assert.ok(
      found.some((v) => c.says.test(v)),
      found.join('\n'),
    );
  });
}

test('import checker: a clean Mermaid diagram passes its round trip; an error out of the input is reported', () => {
  const clean = checkImport({ format: 'mermaid', text: 'sequenceDiagram\n  Alice->>Bob: hi\n  Bob-->>Alice: ok\n', asGenerated: true });
  assert.deepEqual(clean.violations, []);
  assert.match(clean.text ?? '', /Alice -> Bob: hi/);
  const input = { format: 'plantuml' as const, text: '@startuml\nalt x\n', asGenerated: true };
  assert.deepEqual(
    importPositions(input, {
      text: '',
      notices: [{ line: 3, message: 'n' }],
      errors: [{ line: 2, column: 6, message: 'e' }],
      lineMap: [0, 2],
    }),
    [],
  );
  const outside = importPositions(input, {
    text: '',
    notices: [{ line: 4, message: 'n' }],
    errors: [{ line: 2, column: 7, message: 'e' }],
    lineMap: [3],
  });
  assert.equal(outside.length, 3, outside.join('\n'));
});
