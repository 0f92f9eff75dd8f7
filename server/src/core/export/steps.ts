/**
 * A sequence read as the design document reads it: its messages as numbered steps
 * (in source order, fragments flattened), each with the fragment branches it sits in,
 * and every fragment with the steps of each of its branches.
 */
import type { FragmentBranch, FragmentItem, Item, MessageItem, NoteItem, RefItem, Sequence } from '../model';

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
  /** The enclosing branches, outermost first: the innermost eight at most (see `depth`). */
  readonly places: readonly BranchPlace[];
  /** How many branches enclose the step (more than `places` holds past eight). */
  readonly depth: number;
}

/**
 * A `ref` (v2) where it stands among the steps. It takes no step number: a message's number in
 * the drawing is its step number, and the drawing numbers messages only.
 */
export interface RefStep {
  readonly ref: RefItem;
  readonly places: readonly BranchPlace[];
  readonly depth: number;
}

/** Enclosing branches kept per step: a step ten thousand levels deep must not hold ten thousand (nor print them). */
export const MAX_PLACES = 8;

export interface BranchSteps extends BranchPlace {
  /** The steps inside this branch, nested fragments included (consecutive numbers). */
  readonly steps: readonly Step[];
  /** The steps and refs inside this branch, in source order. */
  readonly entries: readonly (Step | RefStep)[];
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
  /** The steps and the refs among them, in source order. */
  readonly entries: readonly (Step | RefStep)[];
  /** Every fragment, outer before inner, in source order. */
  readonly fragments: readonly FragmentSteps[];
  readonly notes: readonly NoteItem[];
  /** Step of each message, for tables that point back at the steps. */
  readonly stepOf: ReadonlyMap<MessageItem, Step>;
}

export function readSequence(sequence: Sequence): SequenceReading {
  const steps: Step[] = [];
  const entries: (Step | RefStep)[] = [];
  const fragments: FragmentSteps[] = [];
  const notes: NoteItem[] = [];
  const stepOf = new Map<MessageItem, Step>();

  // An explicit stack rather than recursion, and one list of the enclosing branches copied per
  // step rather than per branch: 10,000 nested fragments neither overflow the call stack nor
  // build a list for every level of every level.
  const places: BranchPlace[] = [];
  interface Walk {
    readonly items: readonly Item[];
    next: number;
    /** The branch this walk reads, and where its steps start (-1 before it starts). */
    readonly branch?: {
      readonly place: BranchPlace;
      readonly into: BranchSteps[];
      readonly depth: number;
      first: number;
      firstEntry: number;
    };
  }
  const stack: Walk[] = [{ items: sequence.items, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.branch && top.branch.first < 0) {
      top.branch.first = steps.length;
      top.branch.firstEntry = entries.length;
      places.push(top.branch.place);
    }
    if (top.next >= top.items.length) {
      stack.pop();
      if (top.branch) {
        places.pop();
        const { place, into, depth, first, firstEntry } = top.branch;
        const end = steps.length;
        const endEntry = entries.length;
        // Sliced when asked for: an else-if chain ten thousand deep holds every later step in
        // every branch, and keeping all those lists took memory quadratic in the depth.
        into.push({
          ...place,
          depth,
          get steps() {
            return steps.slice(first, end);
          },
          get entries() {
            return entries.slice(firstEntry, endEntry);
          },
        });
      }
      continue;
    }
    const item = top.items[top.next++];
    if (item.type === 'message') {
      const step: Step = { n: steps.length + 1, message: item, places: places.slice(-MAX_PLACES), depth: places.length };
      steps.push(step);
      entries.push(step);
      stepOf.set(item, step);
    } else if (item.type === 'ref') {
      entries.push({ ref: item, places: places.slice(-MAX_PLACES), depth: places.length });
    } else if (item.type === 'note') {
      notes.push(item);
    } else if (item.type === 'fragment') {
      const branches: BranchSteps[] = [];
      const depth = places.length;
      fragments.push({ fragment: item, branches, depth });
      // Pushed last to first, so that the first branch is read first.
      for (let index = item.branches.length - 1; index >= 0; index--) {
        const place: BranchPlace = { fragment: item, branch: item.branches[index], index };
        stack.push({ items: item.branches[index].items, next: 0, branch: { place, into: branches, depth, first: -1, firstEntry: -1 } });
      }
    }
  }
  return { steps, entries, fragments, notes, stepOf };
}

/** `step 4`, `steps 4–6`, or '' for none (steps of one branch are consecutive). */
export function stepRange(steps: readonly Step[]): string {
  if (steps.length === 0) return '';
  const first = steps[0].n;
  const last = steps[steps.length - 1].n;
  return first === last ? `step ${first}` : `steps ${first}–${last}`;
}
