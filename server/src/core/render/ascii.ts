/** The ASCII charset: the spec's drawing, nothing but ASCII outside user text. */
import type { Glyphs } from './glyphs';

export const asciiGlyphs: Glyphs = {
  charset: 'ascii',
  lifeline: '|',
  active: '#',
  delay: ':',
  destroyed: 'X',
  solid: '-',
  dotted: '.',
  heads: {
    sync: { right: '>', left: '<' },
    async: { right: '>>', left: '<<' },
    lost: { right: 'x', left: 'x' },
  },
  loopTop: '.',
  loopBottom: "'",
  loopSide: '|',
  loopSideDotted: ':',
  header: { open: '[', close: ']' },
  note: { topLeft: '+', topRight: '+', bottomLeft: '+', bottomRight: '+', horizontal: '-', vertical: '|' },
  frame: {
    topLeft: '+',
    topRight: '+',
    bottomLeft: '+',
    bottomRight: '+',
    horizontal: '-',
    vertical: '|',
    sepLeft: '+',
    sepRight: '+',
    sepFill: '-',
    sepGap: ' ',
  },
  divider: '=',
};
