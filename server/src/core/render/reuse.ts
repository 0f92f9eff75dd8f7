/**
 * Rows of an earlier drawing that a new one can take as they are. A keystroke in a label of a
 * 1,000-message diagram changes one of its ~1,100 rows; drawing them all again cost the preview's
 * answer most of its time (docs/performance.md). A row's line depends only on the row (its kind,
 * columns, text, note or frame box, and the state of the lifelines and frames it crosses), the
 * lifeline columns, the drawing's width and the charset: when those three are the same in both
 * layouts, every row equal to the old one at the same place — counted from the start, or from the
 * end — draws the same line.
 */
import type { CreatedPart, Frame, LabelLine, Layout, LayoutRow, NoteBox, RowState } from '../layout';
import type { Charset } from './types';
import { diffLists } from '../splice';

/** A layout drawn before, and the line it drew for each of its rows. */
export interface DrawnRows {
  readonly layout: Layout;
  readonly charset: Charset;
  /** The line drawn for row i of `layout.rows`. */
  line(i: number): string;
}

/** How many rows at the start and at the end of `after` can be taken from the drawing before. */
export interface ReusableRows {
  readonly head: number;
  readonly tail: number;
}

const NONE: ReusableRows = { head: 0, tail: 0 };

/** The rows of `after` (drawn in `charset`) that `before` already drew: its equal first and last rows. */
export function reusableRows(before: DrawnRows | undefined, after: Layout, charset: Charset): ReusableRows {
  if (!before || before.charset !== charset || !sameGeometry(before.layout, after)) return NONE;
  const states = new StatePairs();
  // The rows between the common start and end are the splice diffLists finds.
  const changed = diffLists(before.layout.rows, after.rows, (a, b) => sameRow(a, b, states));
  if (!changed) return { head: after.rows.length, tail: 0 };
  return { head: changed.start, tail: before.layout.rows.length - changed.start - changed.deleteCount };
}

/** Same columns and width: the bare rows and every box sit where they did. */
function sameGeometry(a: Layout, b: Layout): boolean {
  if (a.width !== b.width || a.lifelines.length !== b.lifelines.length) return false;
  for (let i = 0; i < a.lifelines.length; i++) if (a.lifelines[i].column !== b.lifelines[i].column) return false;
  return true;
}

/**
 * Row states compared once per pair: a layout interns its states (rows with equal state share
 * one object), so a diagram of a thousand rows has a few dozen of them.
 */
class StatePairs {
  private readonly equal = new Map<RowState, RowState>();

  same(a: RowState, b: RowState): boolean {
    if (a === b || this.equal.get(b) === a) return true;
    if (!sameState(a, b)) return false;
    this.equal.set(b, a);
    return true;
  }
}

function sameState(a: RowState, b: RowState): boolean {
  return (
    sameSet(a.active, b.active) &&
    sameSet(a.ended, b.ended) &&
    sameSet(a.unborn ?? NO_LIFELINES, b.unborn ?? NO_LIFELINES) &&
    a.frames.length === b.frames.length &&
    a.frames.every((f, i) => sameFrame(f, b.frames[i]))
  );
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The same text, number and width (a number's blank depends on the rest of the label: see `numberedText`). */
const sameLabelLine = (a: LabelLine, b: LabelLine) => a.text === b.text && a.number === b.number && a.width === b.width;
const NO_LIFELINES: ReadonlySet<number> = new Set();
const samePart = (a: CreatedPart | undefined, b: CreatedPart | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.lifeline === b.lifeline && a.part === b.part && a.height === b.height);
const sameFrame = (a: Frame, b: Frame) => a.left === b.left && a.right === b.right;
const sameNote = (a: NoteBox, b: NoteBox) => a.left === b.left && a.right === b.right && a.textLeft === b.textLeft;

/** Rows that draw the same line (their source spans may differ: that is not drawn). */
export function sameRow(a: LayoutRow, b: LayoutRow, states: { same(a: RowState, b: RowState): boolean } = new StatePairs()): boolean {
  if (a.kind !== b.kind || !states.same(a.state, b.state)) return false;
  switch (a.kind) {
    case 'lifelines':
    case 'box-bottom':
      return true;
    case 'label':
    case 'arrow': {
      const o = b as typeof a;
      return (
        a.from === o.from &&
        a.to === o.to &&
        a.arrow === o.arrow &&
        sameLabelLine(a, o) &&
        samePart((a as { created?: CreatedPart }).created, (o as { created?: CreatedPart }).created)
      );
    }
    case 'created':
      return samePart(a, b as typeof a);
    case 'self-top':
    case 'self-bottom': {
      const o = b as typeof a;
      return a.lifeline === o.lifeline && a.arrow === o.arrow;
    }
    case 'self-label': {
      const o = b as typeof a;
      return a.lifeline === o.lifeline && a.arrow === o.arrow && sameLabelLine(a, o);
    }
    case 'destroy': {
      const o = b as typeof a;
      return a.lifelines.length === o.lifelines.length && a.lifelines.every((x, i) => x === o.lifelines[i]);
    }
    case 'note-top':
    case 'note-bottom':
      return sameNote(a.note, (b as typeof a).note) && a.tag === (b as typeof a).tag;
    case 'note-text': {
      const o = b as typeof a;
      return sameNote(a.note, o.note) && a.text === o.text;
    }
    case 'frame-top':
    case 'frame-separator': {
      const o = b as typeof a;
      return (
        sameFrame(a.frame, o.frame) &&
        (a.title === undefined ? o.title === undefined : o.title !== undefined && a.title.text === o.title.text)
      );
    }
    case 'frame-bottom':
      return sameFrame(a.frame, (b as typeof a).frame);
    case 'divider':
      return a.text === (b as typeof a).text;
    case 'delay': {
      const o = b as typeof a;
      return a.column === o.column && a.text === o.text;
    }
  }
}
