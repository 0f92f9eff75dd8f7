/** The Unicode charset: the same drawing with box-drawing characters (each one cell wide). */
import type { Glyphs } from './glyphs';

export const unicodeGlyphs: Glyphs = {
  charset: 'unicode',
  lifeline: '│',
  active: '┃',
  delay: '┆',
  destroyed: '╳',
  solid: '─',
  dotted: '┄',
  heads: {
    sync: { right: '▶', left: '◀' },
    async: { right: '▷', left: '◁' },
    lost: { right: '×', left: '×' },
  },
  loopTop: '┐',
  loopBottom: '┘',
  loopSide: '│',
  loopSideDotted: '┆',
  header: { topLeft: '┌', topRight: '┐', bottomLeft: '└', bottomRight: '┘', horizontal: '─', vertical: '│', tee: '┬' },
  note: { topLeft: '╭', topRight: '╮', bottomLeft: '╰', bottomRight: '╯', horizontal: '─', vertical: '│' },
  frame: {
    topLeft: '┌',
    topRight: '┐',
    bottomLeft: '└',
    bottomRight: '┘',
    horizontal: '─',
    vertical: '│',
    sepLeft: '├',
    sepRight: '┤',
    sepFill: '┄',
    sepGap: '┄',
  },
  divider: '═',
};
