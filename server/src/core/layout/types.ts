/** What a layout is: lifeline columns, header boxes and one entry per output row. */
import type { ArrowKind } from '../ast';
import type { Span } from '../diagnostics';
import type { MeasuredText } from '../width';
import type { Charset, RenderLimits, RenderOptions } from './limits';

export interface HeaderBox {
  /** The box's first column. */
  readonly left: number;
  /** Its width in cells: the widest line of the display name (at least 1) + 2. */
  readonly width: number;
  /** The display name's lines, terminal-safe. */
  readonly lines: readonly MeasuredText[];
}

export interface LifelineLayout {
  readonly id: string;
  /** The lifeline's column: box.left + floor((box.width - 1) / 2). */
  readonly column: number;
  readonly box: HeaderBox;
  /** Created by a message (v2): its box is drawn on that message's rows, not in the header. */
  readonly created?: boolean;
}

/** A fragment frame: its sides' columns (resolved once the widths are known). */
export interface Frame {
  readonly left: number;
  readonly right: number;
}

/** A participant box (v2): a labelled frame around its lifelines, from above the header to the last row. */
export interface BoxFrame {
  readonly left: number;
  readonly right: number;
  readonly label: MeasuredText;
  /** The box's first and last lifelines. */
  readonly first: number;
  readonly last: number;
}

/** A note's box: border columns and where its text block starts. */
export interface NoteBox {
  readonly left: number;
  readonly right: number;
  readonly textLeft: number;
}

/** What the lifelines look like on a row. Interned: rows with equal state share one object. */
export interface RowState {
  /** Indices of active lifelines (`#`). */
  readonly active: ReadonlySet<number>;
  /** Indices of lifelines that have ended (destroyed): blank from here on. */
  readonly ended: ReadonlySet<number>;
  /** The frames around the row, outermost first (their sides are drawn on it). */
  readonly frames: readonly Frame[];
  /** Indices of created lifelines (v2) not created yet: blank until their box. */
  readonly unborn?: ReadonlySet<number>;
}

/** A row of a created participant's box (v2): part 0..height-1 of its rows. */
export interface CreatedPart {
  readonly lifeline: number;
  readonly part: number;
  readonly height: number;
}

interface RowBase {
  /** The source the row came from (undefined for the bare lifeline row). */
  readonly span: Span | undefined;
  readonly state: RowState;
}

/**
 * A line of a message's label. With `autonumber` the first line carries the message's `number`,
 * drawn before its text (`numberedText`): `width` counts it, `text` is the line as written. The
 * layout does not join the two into a string of its own: at 30,000 numbered messages those
 * strings were 30,000 young objects that every scavenge until the end of the drawing copied
 * (docs/performance.md, seventh round).
 */
export type LabelLine = MeasuredText & { readonly number: number | undefined };

/** Rows with a line of text carry it inline (`text`, `width`): no object of its own per row. */
export type LayoutRow = RowBase &
  (
    | { readonly kind: 'lifelines' }
    /** A line of a multi-line label, above its arrow row. */
    | ({ readonly kind: 'label'; readonly from: number; readonly to: number; readonly arrow: ArrowKind } & LabelLine)
    /** `from`/`to`: lifeline indices; -1 is the left edge (column 0), lifelines.length the right edge (the last column), v2. */
    | ({
        readonly kind: 'arrow';
        readonly from: number;
        readonly to: number;
        readonly arrow: ArrowKind;
        readonly created?: CreatedPart;
      } & LabelLine)
    | ({ readonly kind: 'created' } & CreatedPart)
    | { readonly kind: 'self-top' | 'self-bottom'; readonly lifeline: number; readonly arrow: ArrowKind }
    | ({ readonly kind: 'self-label'; readonly lifeline: number; readonly arrow: ArrowKind } & LabelLine)
    | { readonly kind: 'destroy'; readonly lifelines: readonly number[] }
    | { readonly kind: 'note-top' | 'note-bottom'; readonly note: NoteBox; readonly tag?: 'ref' }
    | ({ readonly kind: 'note-text'; readonly note: NoteBox } & MeasuredText)
    | { readonly kind: 'frame-top' | 'frame-separator'; readonly frame: Frame; readonly title: MeasuredText | undefined }
    | { readonly kind: 'frame-bottom'; readonly frame: Frame }
    | ({ readonly kind: 'divider' } & MeasuredText)
    /** The bottom border of the participant boxes (v2), the drawing's last row. */
    | { readonly kind: 'box-bottom' }
    | ({ readonly kind: 'delay'; readonly column: number } & MeasuredText)
  );

export interface Layout {
  /** The charset to draw with by default (widths are the same for both; only the header's height differs). */
  readonly charset: Charset;
  readonly lifelines: readonly LifelineLayout[];
  /** Columns of the whole drawing (header, rows, dividers). */
  readonly width: number;
  /** Rows taken by the header boxes in `charset` (ASCII: the most lines of a display name; Unicode: two more), and the participant boxes' top border (v2). */
  readonly headerRows: number;
  /** Participant boxes (v2), left to right. */
  readonly boxes?: readonly BoxFrame[];
  /** The most lines of a display name. */
  readonly nameLines: number;
  /** The rows below the header: the bare lifeline row first, then the items'. */
  readonly rows: readonly LayoutRow[];
  /** headerRows + rows.length (for a layout given up as certainly too large: a lower bound). */
  readonly rowCount: number;
  readonly limits: RenderLimits;
  /** rowCount or width past the limits: the drawer prints the notice instead. */
  readonly tooLarge: boolean;
}

export type LayoutOptions = RenderOptions;
