// The layout's arrow-head widths live below the drawer; they must match what both charsets draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArrowKind } from '../../../server/src/core/ast';
import { headCells } from '../../../server/src/core/layout';
import { asciiGlyphs, unicodeGlyphs } from '../../../server/src/core/render/index';
import { headOf } from '../../../server/src/core/render/glyphs';

const ARROWS: readonly ArrowKind[] = ['->', '-->', '->>', '-->>', '-x', '--x'];

for (const arrow of ARROWS) {
  test(`headCells(${arrow}) is the ASCII head's width, and no charset's head is wider`, () => {
    const ascii = headOf(asciiGlyphs, arrow);
    assert.equal(headCells(arrow), ascii.right.length);
    assert.equal(headCells(arrow), ascii.left.length);
    for (const g of [asciiGlyphs, unicodeGlyphs]) assert.ok(headOf(g, arrow).right.length <= headCells(arrow));
  });
}
