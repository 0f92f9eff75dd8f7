/**
 * The public surface of the core: pure TypeScript, no editor or protocol import.
 * The CLI, the language server, the webview and the Markdown plugin all use it.
 */
export * from './ast';
export * from './diagnostics';
export * from './model';
export { analyze, type Analysis } from './analyze';
export { parse, participantKinds, documentMetaKeys, sequenceMetaKeys, fragmentKinds, statementKeywords, lineBreakOf } from './parser';
export { buildModel, type ModelOptions } from './modelBuilder';
export { criticalPathOf } from './checks';
export { guessKind, nearestNames, formatName, isValidName } from './names';
export { formatDuration } from './timing';
export { isBlank, parseDuration } from './lineScanner';
export * from './text';
export { activationSpanOf, arrowSpanOf, isPositionKey, spanOf } from './nodes';
export { exportMarkdown, exportText } from './export/markdown';
export {
  renderDocument,
  renderSequence,
  layoutSequence,
  drawLayout,
  TOO_LARGE_NOTICE,
  type Charset,
  type RenderOptions,
  type RenderedDiagram,
} from './render/index';
export {
  renderSvg,
  renderSvgDocument,
  renderSvgSequence,
  CELL_WIDTH,
  CELL_HEIGHT,
  type SvgOptions,
  type SvgDocumentOptions,
  type SvgTheme,
} from './render/index';
export {
  importDiagram,
  importMermaid,
  importPlantUml,
  importMarkdown,
  importFormatOf,
  guessImportFormat,
  sourceLineOf,
  type ImportFormat,
  type ImportResult,
  type ImportNotice,
  type ImportError,
} from './import/index';
export { seqFenceConversion, type SeqFenceConversion } from './import/fence';
export { exportMermaid } from './export/mermaid';
export { exportPlantUml } from './export/plantuml';
export { seqSourceOf, originalPosition, importedProblems, type SeqSource, type ImportedProblem } from './import/source';
