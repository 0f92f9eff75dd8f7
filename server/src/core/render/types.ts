/** Types shared by the layout engine and the drawers. */
import type { Span } from '../diagnostics';

export {
  DEFAULT_LIMITS,
  isTooLarge,
  limitsOf,
  TOO_LARGE_NOTICE,
  type Charset,
  type RenderLimits,
  type RenderOptions,
} from '../layout/limits';

export interface RenderedDiagram {
  /** The diagram's lines; no line ends in a blank. */
  readonly lines: readonly string[];
  /** rows[i] is the source span output line i came from (undefined for header and bare lifeline rows). */
  readonly rows: readonly (Span | undefined)[];
  /** True when `lines` hold the too-large notice instead of a diagram. */
  readonly tooLarge: boolean;
  /** How many of the first lines are the header (the boxes); the bare lifeline row follows them. */
  readonly headerRows: number;
  /** The column of each lifeline, in lifeline order (empty when too large). */
  readonly columns: readonly number[];
}
