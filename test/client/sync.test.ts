// The preview's side of the source map (rows ↔ source lines) and the echo guard of scroll sync.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceRange } from '../../client/src/preview/diagram.js';
import { EchoGuard, RowIndex } from '../../client/src/preview/webview/sync.js';

const line = (startLine: number, endLine = startLine): SourceRange => ({ startLine, startCharacter: 0, endLine, endCharacter: 5 });

// title, blank, header, lifelines, msg (line 4), self message loop (line 5, three rows), frame (lines 6-9), msg (line 7), frame end (line 9)
const rows = new RowIndex([null, null, null, null, line(4), line(5), line(5), line(5), line(6, 9), line(7), line(9)]);

describe('the row index', () => {
  it('finds every row drawn from a line (a self message has several)', () => {
    assert.deepEqual(rows.rowsAt(4), [4]);
    assert.deepEqual(rows.rowsAt(5), [5, 6, 7]);
    assert.deepEqual(rows.rowsAt(2), []);
  });

  it('lights a fragment frame only from its own first line, not from the lines inside it', () => {
    assert.deepEqual(rows.rowsAt(6), [8]);
    assert.deepEqual(rows.rowsAt(7), [9]);
    assert.deepEqual(rows.rowsAt(9), [10]);
  });

  it('maps a source line to the row to scroll to: the last row starting at or before it', () => {
    assert.equal(rows.rowForLine(0), undefined);
    assert.equal(rows.rowForLine(4), 4);
    assert.equal(rows.rowForLine(5), 5);
    assert.equal(rows.rowForLine(8), 9);
    assert.equal(rows.rowForLine(100), 10);
  });

  it('maps a row to its source line, or the nearest mapped row above (else below)', () => {
    assert.equal(rows.lineForRow(4), 4);
    assert.equal(rows.lineForRow(0), 4);
    assert.equal(rows.lineForRow(7), 5);
  });
});

describe('the echo guard', () => {
  it('swallows the one event that lands where we scrolled, and nothing else', () => {
    const g = new EchoGuard();
    assert.equal(g.isEcho(100), false, 'nothing expected');
    g.expect(100);
    assert.equal(g.isEcho(101), true, 'our own scroll (within a pixel or two)');
    assert.equal(g.isEcho(100), false, 'consumed');
    g.expect(100);
    assert.equal(g.isEcho(300), false, 'the user scrolled elsewhere meanwhile');
    assert.equal(g.isEcho(100), false);
  });
});
