/**
 * A sequence read as the design document reads it: its messages as numbered steps
 * (in source order, fragments flattened), each with the fragment branches it sits in,
 * and every fragment with the steps of each of its branches.
 */
import type { FragmentBranch, FragmentItem, Item, MessageItem, NoteItem, Sequence } from '../model';

/** Where a step sits: one branch of one fragment. */
export interface BranchPlace {
  readonly fragment: FragmentItem;
  readonly branch: FragmentBranch;
  /** 0 for the fragment's opening branch, 1… for `else`/`and`/`option`. */
  readonly index: number;
}

export interface Step {
  /** 1-based, in source order. */
  readonly n: number;
  readonly message: MessageItem;
  /** The enclosing branches, outermost first. */
  readonly places: readonly BranchPlace[];
}

export interface BranchSteps extends BranchPlace {
  /** The steps inside this branch, nested fragments included (consecutive numbers). */
  readonly steps: readonly Step[];
  /** How deep the fragment is nested (0 for a fragment directly in the sequence). */
  readonly depth: number;
}

export interface FragmentSteps {
  readonly fragment: FragmentItem;
  readonly branches: readonly BranchSteps[];
  readonly depth: number;
}

export interface SequenceReading {
  readonly steps: readonly Step[];
  /** Every fragment, outer before inner, in source order. */
  readonly fragments: readonly FragmentSteps[];
  readonly notes: readonly NoteItem[];
  /** Step of each message, for tables that point back at the steps. */
  readonly stepOf: ReadonlyMap<MessageItem, Step>;
}

export function readSequence(sequence: Sequence): SequenceReading {
  const steps: Step[] = [];
  const fragments: FragmentSteps[] = [];
  const notes: NoteItem[] = [];
  const stepOf = new Map<MessageItem, Step>();

  const walk = (items: readonly Item[], places: readonly BranchPlace[]): void => {
    for (const item of items) {
      if (item.type === 'message') {
        const step: Step = { n: steps.length + 1, message: item, places };
        steps.push(step);
        stepOf.set(item, step);
      } else if (item.type === 'note') {
        notes.push(item);
      } else if (item.type === 'fragment') {
        const branches: BranchSteps[] = [];
        const entry: FragmentSteps = { fragment: item, branches, depth: places.length };
        fragments.push(entry);
        item.branches.forEach((branch, index) => {
          const place: BranchPlace = { fragment: item, branch, index };
          const first = steps.length;
          walk(branch.items, [...places, place]);
          branches.push({ ...place, steps: steps.slice(first), depth: places.length });
        });
      }
    }
  };
  walk(sequence.items, []);
  return { steps, fragments, notes, stepOf };
}

/** `step 4`, `steps 4–6`, or '' for none (steps of one branch are consecutive). */
export function stepRange(steps: readonly Step[]): string {
  if (steps.length === 0) return '';
  const first = steps[0].n;
  const last = steps[steps.length - 1].n;
  return first === last ? `step ${first}` : `steps ${first}–${last}`;
}
