/** The renderers' public surface: layout, ASCII/Unicode drawing, the whole document. */
export { DEFAULT_LIMITS, TOO_LARGE_NOTICE, type Charset, type RenderLimits, type RenderOptions, type RenderedDiagram } from './types';
export { drawInto, drawLayout, renderSequence, type LineSink } from './draw';
export { renderDocument, type DocumentRenderOptions, type RenderedDocument } from './document';
export {
  layoutSequence,
  type Layout,
  type LayoutOptions,
  type LayoutRow,
  type LifelineLayout,
  type HeaderBox,
  type Frame,
  type NoteBox,
  type RowState,
} from '../layout';
export { asciiGlyphs } from './ascii';
export { unicodeGlyphs } from './unicode';
export type { Glyphs } from './glyphs';
export { displayWidth, safeText, textLines } from '../width';
export { renderSvg, drawSvg, CELL_WIDTH, CELL_HEIGHT, type SvgOptions, type SvgDiagram } from './svg';
export { renderSvgDocument, renderSvgSequence, type SvgDocumentOptions } from './svgDocument';
export type { SvgTheme } from './svgStyle';
