/**
 * Generators of `.seq` documents for the fuzzers.
 *
 * `validDocument` builds a document that follows the spec (every statement of sections
 * 2–5, Unicode names, CJK/emoji labels, nested fragments, timing lines, comments, every
 * line-break style) together with what it means: the participants in lifeline order and
 * each sequence's messages. The checkers compare the analysis and the rendering with it.
 * "Valid" means no error diagnostics; warnings (undeclared or unused participants, a
 * budget exceeded, a duplicate sequence name) are allowed and happen.
 *
 * The generator draws a plan (indices into a name pool, pieces of text) and a pure
 * function prints it, so fast-check shrinks a failing document to a small one.
 */
export type { ExpectedMessage, ExpectedSequence, Expectation, GeneratedDocument } from './genDocument';
export { validDocument } from './genDocument';
export { HOSTILE, applyEdit, editArb, nearValidDocument, splitLines, type Edit } from './genEdits';
export { NAME_POOL } from './genPools';
export { soupDocument } from './genSoup';
