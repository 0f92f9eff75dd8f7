/**
 * Pathological `.seq` inputs for `npm run stress`, each paired with a plain file of the same
 * length (a file of ordinary messages, as many bytes) that it is timed against.
 * A new surface (v2 statements, Mermaid/PlantUML imports) adds its inputs to `STRESS_INPUTS`.
 */

export type StressCommand = 'check' | 'render';

/** What the render of an input must print: the diagram, or the "too large to draw" notice. */
export type Expect = 'drawn' | 'notice' | 'any';

export interface StressInput {
  /** Short name for the table, e.g. `activations`. */
  readonly name: string;
  readonly command: StressCommand;
  /** What `render` must print (`any` for `check`). */
  readonly expect: Expect;
  /** The file's text at a size (the count of the pathological construct, e.g. 20,000 activations). */
  readonly text: (size: number) => string;
  /** The file's extension when it is no `.seq` file (`mmd`, `puml`: imported by the CLI). */
  readonly ext?: string;
}

const lines = (parts: Iterable<string>): string => [...parts].join('\n') + '\n';

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** Messages per named sequence in a plain file: each sequence stays under the 100,000-row limit. */
const PLAIN_PER_SEQUENCE = 20_000;

/**
 * The plain file an input is compared with: as many lines of messages between four
 * participants (in named sequences of 20,000 when there are more, so that it is drawn), their
 * labels padded so that it is at least as many bytes (both files cost the same to read and
 * parse, and draw about as many rows).
 */
export function plainFile(of: string): string {
  const total = Math.max(1, of.split('\n').length - 5);
  const head = ['participant p0', 'participant p1', 'participant p2', 'participant p3'];
  const message = (i: number, pad: string) => `p${i % 4} -> p${(i + 1) % 4}: m${i}${pad}`;
  const body = (pad: string): string[] => {
    if (total <= PLAIN_PER_SEQUENCE) return Array.from({ length: total }, (_, i) => message(i, pad));
    const out: string[] = [];
    for (let i = 0; out.length < total; i++) {
      if (i % PLAIN_PER_SEQUENCE === 0) {
        if (out.length + 2 >= total) break;
        if (i > 0) out.push('end');
        out.push(`sequence plain ${i / PLAIN_PER_SEQUENCE}`);
      }
      out.push(message(i, pad));
      if (out.length === total - 1) out.push('end');
    }
    return out;
  };
  const unpadded = lines([...head, ...body('')]);
  const pad = unpadded.length < of.length ? ' ' + 'x'.repeat(Math.ceil((of.length - unpadded.length) / total)) : '';
  return pad ? lines([...head, ...body(pad)]) : unpadded;
}

/** `activate pN` for N distinct participants and one message every ten lines (issue 23's file), all declared. */
function activationsDistinct(size: number): string {
  return lines(
    (function* () {
      for (const i of range(size)) yield `participant p${i}`;
      for (const i of range(size)) {
        yield `activate p${i}`;
        if (i % 10 === 9) yield `p${i} -> p${i - 1}: call ${i}`;
      }
    })(),
  );
}

/** Activations that stay drawable: `width` lifelines activated one after another, then released, over and over. */
function activationsCycling(size: number, width = 150): string {
  return lines(
    (function* () {
      for (const i of range(width)) yield `participant p${i}`;
      for (const i of range(size)) {
        const round = Math.floor(i / width);
        const k = i % width;
        yield round % 2 === 0 ? `activate p${k}` : `deactivate p${width - 1 - k}`;
        if (i % 10 === 9) yield `p${k} -> p${(k + 1) % width}: call ${i}`;
      }
    })(),
  );
}

/** `destroy pN` for N declared participants, each carried out by the message after it; `perSequence` lifelines per named sequence. */
function destroys(size: number, perSequence = Number.POSITIVE_INFINITY): string {
  return lines(
    (function* () {
      for (const i of range(size + 1)) yield `participant p${i}`;
      for (const i of range(size)) {
        if (Number.isFinite(perSequence) && i % perSequence === 0) {
          if (i > 0) yield 'end';
          yield `sequence part ${i / perSequence}`;
        }
        yield `destroy p${i + 1}`;
        yield `p${i + 1} -> p0: bye ${i}`;
      }
      if (Number.isFinite(perSequence) && size > 0) yield 'end';
    })(),
  );
}

/**
 * Fragments nested `depth` deep, each level with a first branch (`first(i)`) and an `else`
 * branch (`otherwise(i)`); blocks of that depth repeated up to `size` fragments, `perSequence`
 * fragments to a named sequence (each sequence has its own size limit). `head`: lines above.
 */
function nestedWith(
  size: number,
  depth: number,
  perSequence: number,
  first: (i: number) => string[],
  otherwise: (i: number) => string[],
  head: Iterable<string> = ['participant a', 'participant b'],
): string {
  return lines(
    (function* () {
      yield* head;
      for (let done = 0; done < size; done += depth) {
        if (perSequence < size && done % perSequence === 0) {
          if (done > 0) yield 'end';
          yield `sequence part ${done / perSequence}`;
        }
        const d = Math.min(depth, size - done);
        for (const i of range(d)) {
          yield `alt level ${i}`;
          yield* first(done + i);
        }
        for (const i of range(d)) {
          yield 'else';
          yield* otherwise(done + d - 1 - i);
          yield 'end';
        }
      }
      if (perSequence < size) yield 'end';
    })(),
  );
}

/** Fragments nested, each with a message and an `else` branch. */
function nested(size: number, depth = size, perSequence = size): string {
  return nestedWith(
    size,
    depth,
    perSequence,
    (i) => [`a -> b: in ${i}`],
    (i) => [`b --> a: out ${i}`],
  );
}

/**
 * Created participants (v2) in fragments nested: each level's `else` branch creates one, gone
 * again after it (all of them stay uncreated around every block: no per-fragment copy of that).
 * With `width`, the same `width` participants (declared above) are created over and over, so a
 * drawing keeps few lifelines (each else branch is its own path).
 */
function creates(size: number, depth = size, perSequence = size, width?: number): string {
  const head = ['participant a', 'participant b', ...[...range(width ?? 0)].map((i) => `participant c${i}`)];
  const create = (i: number) =>
    width === undefined ? [`create participant c${i}`, `b -> c${i}: new ${i}`] : [`create c${i % width}`, `b -> c${i % width}: new ${i}`];
  return nestedWith(size, depth, perSequence, (i) => [`a -> b: in ${i}`], create, head);
}

/**
 * Each level's first branch activates a participant (`width` of them, declared, in turn) and its
 * `else` branch does not: after `end` the first branch's activations hold, so every level differs
 * from its block's start by all the levels inside it (the case a journal undid and redid per level).
 */
function activatedInFirstBranches(size: number, width = size, depth = size, perSequence = size): string {
  const head = ['participant a', ...[...range(Math.min(width, size))].map((i) => `participant p${i}`)];
  return nestedWith(
    size,
    depth,
    perSequence,
    (i) => [`activate p${i % width}`],
    (i) => [`a -> a: out ${i}`],
    head,
  );
}

/** `note over` naming `width` participants, `size` notes of it (declared first, so they are all lifelines). */
function noteOver(size: number, width: number): string {
  const names = [...range(width)].map((i) => `p${i}`);
  return lines(
    (function* () {
      for (const n of names) yield `participant ${n}`;
      yield `${names[0]} -> ${names[width - 1]}: start`;
      for (const i of range(size)) yield `note over ${names.join(', ')}: note ${i}`;
    })(),
  );
}

/** Enough notes over one lifeline to pass the row limit (100,000 rows: a note takes 3). */
function tooManyRows(size: number): string {
  const notes = Math.max(34_000, size);
  return lines(['participant a', 'participant b', 'a -> b: start', ...[...range(notes)].map((i) => `note over a: n${i}`)]);
}

/** More lifelines than 4,000 columns hold, in one chain of messages. */
function tooManyColumns(size: number): string {
  const n = Math.max(800, Math.floor(size / 10));
  return lines([...range(n)].map((i) => `p${i} -> p${i + 1}: hop ${i}`));
}

/** Under both the row and the column limit, over 20,000,000 cells: 450 lifelines (~3,600 columns) and ~6,000+ rows. */
function tooManyCells(size: number): string {
  const notes = Math.max(2_000, size);
  return lines([
    ...[...range(450)].map((i) => `participant p${i}`),
    `p0 -> p449: across`,
    ...[...range(notes)].map((i) => `note over p${i % 450}: n${i}`),
  ]);
}

/** `count` sequences, each a message and a `ref` to the next (v2); `cycle`: the last refers to the first. */
function refChain(count: number, cycle: boolean): string {
  return lines(
    (function* () {
      yield 'participant a';
      yield 'participant b';
      for (const i of range(count)) {
        yield `sequence s${i}`;
        yield `  a -> b: step ${i}`;
        yield `  takes 1ms`;
        if (i + 1 < count || cycle) yield `  ref over a, b: s${(i + 1) % count}`;
        yield 'end';
      }
    })(),
  );
}

/** `count` boxes (v2) of two participants each, and a message across each box. */
function boxes(count: number, perSequence = count): string {
  return lines(
    (function* () {
      for (const i of range(count)) {
        yield `box g${i} "Group ${i}"`;
        yield `  participant p${2 * i}`;
        yield `  participant q${2 * i + 1}`;
        yield 'end';
      }
      for (const i of range(count)) {
        if (i % perSequence === 0) {
          if (i > 0) yield 'end';
          yield `sequence part ${i / perSequence}`;
        }
        yield `  p${2 * i} -> q${2 * i + 1}: m${i}`;
      }
      if (count > 0) yield 'end';
    })(),
  );
}

/** `count` created participants (v2), each created by the message after its `create`, `perSequence` to a sequence. */
function createdFlat(count: number, perSequence = count): string {
  return lines(
    (function* () {
      yield 'participant a';
      for (const i of range(count)) {
        if (i % perSequence === 0) {
          if (i > 0) yield 'end';
          yield `sequence part ${i / perSequence}`;
        }
        yield `  create c${i}`;
        yield `  a -> c${i}: new ${i}`;
      }
      if (count > 0) yield 'end';
    })(),
  );
}

/** A Mermaid or PlantUML diagram around `body` lines. */
const mermaid = (body: Iterable<string>): string => `sequenceDiagram\n${lines(body)}`;
const plantuml = (body: Iterable<string>): string => `@startuml\n${lines(body)}@enduml\n`;

function* nestedLoops(n: number, message: (i: number) => string): Generator<string> {
  for (const i of range(n)) yield `loop level ${i}\n${message(i)}`;
  for (const _ of range(n)) yield 'end';
}

function* manyParticipants(n: number, message: (i: number, next: number) => string): Generator<string> {
  for (const i of range(n)) yield `participant p${i}`;
  for (const i of range(n)) yield message(i, (i + 1) % n);
}

/** Every input `npm run stress` runs, at a size (20,000 for the full run). */
export const STRESS_INPUTS: readonly StressInput[] = [
  { name: 'activations', command: 'check', expect: 'any', text: activationsDistinct },
  { name: 'activations', command: 'render', expect: 'drawn', text: (n) => activationsCycling(n) },
  { name: 'destroys', command: 'check', expect: 'any', text: (n) => destroys(n) },
  { name: 'destroys', command: 'render', expect: 'drawn', text: (n) => destroys(n, 10) },
  { name: 'nested fragments', command: 'check', expect: 'any', text: (n) => nested(n) },
  { name: 'nested fragments', command: 'render', expect: 'drawn', text: (n) => nested(n, 20, 1000) },
  { name: 'created in fragments', command: 'check', expect: 'any', text: (n) => creates(n) },
  { name: 'created in fragments', command: 'render', expect: 'drawn', text: (n) => creates(n, 20, 200, 10) },
  { name: 'activated in nested first branches', command: 'check', expect: 'any', text: (n) => activatedInFirstBranches(n) },
  { name: 'activated in nested first branches', command: 'render', expect: 'drawn', text: (n) => activatedInFirstBranches(n, 10, 20, 200) },
  { name: 'note over 3,000', command: 'check', expect: 'any', text: (n) => noteOver(Math.max(1, Math.floor(n / 1000)), 3000) },
  { name: 'note over 3,000', command: 'render', expect: 'notice', text: (n) => noteOver(Math.max(1, Math.floor(n / 1000)), 3000) },
  { name: 'note over 400', command: 'render', expect: 'drawn', text: (n) => noteOver(Math.max(1, Math.floor(n / 100)), 400) },
  { name: 'over the row limit', command: 'render', expect: 'notice', text: tooManyRows },
  { name: 'over the column limit', command: 'render', expect: 'notice', text: tooManyColumns },
  { name: 'over the cell limit', command: 'render', expect: 'notice', text: tooManyCells },
  // v2 (issue 20): refs, boxes and creation at 10,000.
  { name: 'ref chain 10,000', command: 'check', expect: 'any', text: (n) => refChain(n / 2, false) },
  { name: 'ref cycle 10,000', command: 'check', expect: 'any', text: (n) => refChain(n / 2, true) },
  { name: 'boxes 10,000', command: 'check', expect: 'any', text: (n) => boxes(n / 2) },
  { name: 'boxes 10,000', command: 'render', expect: 'notice', text: (n) => boxes(n / 2) },
  { name: 'creates 10,000', command: 'check', expect: 'any', text: (n) => createdFlat(n / 2) },
  { name: 'creates 10,000', command: 'render', expect: 'drawn', text: (n) => createdFlat(n / 2, 100) },
  // Imports (issue 21): a 1 MB line, deep nesting and many participants, in Mermaid and PlantUML, read in memory by the CLI.
  {
    name: 'import mermaid nested',
    command: 'check',
    expect: 'any',
    ext: 'mmd',
    text: (n) => mermaid(nestedLoops(n, (i) => `a->>b: in ${i}`)),
  },
  {
    name: 'import plantuml nested',
    command: 'check',
    expect: 'any',
    ext: 'puml',
    text: (n) => plantuml(nestedLoops(n, (i) => `a -> b : in ${i}`)),
  },
  {
    name: 'import mermaid participants',
    command: 'render',
    expect: 'any',
    ext: 'mmd',
    text: (n) => mermaid(manyParticipants(n, (i, j) => `p${i}->>p${j}: m${i}`)),
  },
  {
    name: 'import plantuml participants',
    command: 'render',
    expect: 'any',
    ext: 'puml',
    text: (n) => plantuml(manyParticipants(n, (i, j) => `p${i} -> p${j} : m${i}`)),
  },
  {
    name: 'import mermaid long line',
    command: 'check',
    expect: 'any',
    ext: 'mmd',
    text: (n) => mermaid([`a->>b: ${'x'.repeat(n * 50)}`, ...[...range(n)].map((i) => `a->>+b: m${i}\nb-->>-a: r${i}`)]),
  },
  {
    name: 'import plantuml long line',
    command: 'check',
    expect: 'any',
    ext: 'puml',
    text: (n) => plantuml([`a -> b : ${'x'.repeat(n * 50)}`, ...[...range(n)].map((i) => `a -> b ++ : m${i}\nreturn r${i}`)]),
  },
];
