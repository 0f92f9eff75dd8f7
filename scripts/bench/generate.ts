/**
 * A seeded generator of realistic sequence diagrams, written three ways: `.seq`,
 * Mermaid `sequenceDiagram` and PlantUML. The same seed and size always give the same
 * text, so every run of the benchmark measures the same documents.
 *
 * The diagram is a service landscape: an actor, a front end, a gateway, services,
 * databases and queues. It is built from nested request/reply calls (activation with
 * `+`/`-`, balanced), fire-and-forget events, self messages, fragments (alt/else, opt,
 * loop, par/and, critical/option, break; nested), notes (over, left of, right of),
 * dividers, `autonumber`, and timing (`takes`, `timeout`) under a `within` budget.
 *
 * Where a language has no such construct the others keep the line as a comment:
 * timing is Lifeline's alone (`%%` / `'` comments elsewhere), and Mermaid has no
 * divider (drawn there as a note over every lifeline).
 */

/** mulberry32: a small, fast, seeded PRNG (deterministic across platforms). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Arrow = '->' | '-->' | '->>' | '-->>' | '-x' | '--x';
type Kind = 'actor' | 'system' | 'service' | 'database' | 'queue' | 'participant';

interface Participant {
  readonly id: string;
  readonly kind: Kind;
  readonly display: string;
  readonly description: string;
}

/** One line of the diagram, in a form every emitter can write. */
type Event =
  | {
      readonly t: 'msg';
      readonly from: number;
      readonly to: number;
      readonly arrow: Arrow;
      readonly label: string;
      readonly activate?: boolean;
      readonly deactivate?: boolean;
    }
  | { readonly t: 'takes'; readonly ms: number }
  | { readonly t: 'timeout'; readonly ms: number; readonly action: string }
  | { readonly t: 'open'; readonly kind: FragmentKind; readonly text: string }
  | { readonly t: 'branch'; readonly keyword: 'else' | 'and' | 'option'; readonly text: string }
  | { readonly t: 'end' }
  | { readonly t: 'note'; readonly position: 'over' | 'left of' | 'right of'; readonly targets: readonly number[]; readonly text: string }
  | { readonly t: 'divider'; readonly text: string };

type FragmentKind = 'alt' | 'opt' | 'loop' | 'par' | 'critical' | 'break';

export interface GeneratedDiagram {
  /** Messages in the diagram (arrows; self messages included). */
  readonly messages: number;
  readonly participants: number;
  readonly seq: string;
  readonly mermaid: string;
  readonly plantuml: string;
}

export interface GenerateOptions {
  readonly messages: number;
  /** 10–40 in the benchmark. */
  readonly participants: number;
  readonly seed?: number;
}

const SERVICE_WORDS = [
  'Auth',
  'Orders',
  'Billing',
  'Catalog',
  'Pricing',
  'Search',
  'Inventory',
  'Shipping',
  'Profile',
  'Notify',
  'Ledger',
  'Audit',
  'Session',
  'Media',
  'Reports',
  'Fraud',
];
const DB_WORDS = ['Users', 'Orders', 'Ledger', 'Catalog', 'Audit', 'Sessions', 'Stock'];
const QUEUE_WORDS = ['Events', 'Jobs', 'Mail', 'Outbox', 'Metrics'];
const RESOURCES = ['orders', 'users', 'carts', 'items', 'payments', 'sessions', 'invoices', 'stock', 'reports', 'tokens'];
const VERBS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const DB_OPS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE FROM'];
const WORK = [
  'validate request',
  'check permissions',
  'compute totals',
  'apply discount',
  'render summary',
  'refresh cache',
  'sign token',
  'verify signature',
];
const REPLIES = ['200 OK', '201 Created', '204 No Content', 'result rows', 'token', 'cached value', 'summary', 'ack'];
const EVENTS = ['OrderPlaced', 'PaymentTaken', 'StockReserved', 'UserUpdated', 'InvoiceIssued', 'MailQueued'];
const CONDITIONS: Record<FragmentKind, readonly string[]> = {
  alt: ['cache hit', 'user is signed in', 'amount under limit', 'item in stock'],
  opt: ['a discount code is present', 'the user opted in', 'audit is enabled'],
  loop: ['for each item in the cart', 'every 5 s until done', 'for each page of results'],
  par: ['fan out', 'in parallel'],
  critical: ['reserve stock', 'charge the card'],
  break: ['the request is rejected', 'the token expired'],
};
const ELSE_TEXT: Record<'alt' | 'par' | 'critical', readonly string[]> = {
  alt: ['otherwise', 'cache miss', 'user is a guest', 'out of stock'],
  par: ['', 'meanwhile'],
  critical: ['the lock is taken', 'the provider is down'],
};
const NOTES = [
  'retries with exponential backoff',
  'idempotent by request id',
  'read replica',
  'runs in a transaction',
  'values are cached for 60 s',
  'mTLS between services',
];

function participantsFor(count: number): Participant[] {
  const out: Participant[] = [
    { id: 'User', kind: 'actor', display: 'User', description: 'Person using the shop' },
    { id: 'Web', kind: 'system', display: 'Web Frontend', description: 'Single-page app' },
    { id: 'Gateway', kind: 'service', display: 'API Gateway', description: 'Routes and rate-limits calls' },
  ];
  for (let i = 3; out.length < count; i++) {
    const k = i % 5;
    const n = Math.floor(i / 5);
    if (k === 3) {
      const w = DB_WORDS[n % DB_WORDS.length];
      out.push({ id: `${w}DB${n}`, kind: 'database', display: `${w} DB ${n}`, description: `PostgreSQL: ${w.toLowerCase()}` });
    } else if (k === 4 && n % 2 === 0) {
      const w = QUEUE_WORDS[n % QUEUE_WORDS.length];
      out.push({ id: `${w}Q${n}`, kind: 'queue', display: `${w} Queue ${n}`, description: `Kafka topic ${w.toLowerCase()}` });
    } else {
      const w = SERVICE_WORDS[(i * 7) % SERVICE_WORDS.length];
      out.push({ id: `${w}${i}`, kind: 'service', display: `${w} Service ${i}`, description: `Owns ${w.toLowerCase()}` });
    }
  }
  return out;
}

class Builder {
  readonly events: Event[] = [];
  messages = 0;
  takesTotal = 0;
  private readonly pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.rnd() * xs.length)];

  constructor(
    readonly rnd: () => number,
    readonly parts: readonly Participant[],
    readonly target: number,
  ) {}

  /** A callee near the caller (most calls go one or two layers down), sometimes far away. */
  private callee(from: number): number {
    const n = this.parts.length;
    if (this.rnd() < 0.75) {
      const step = 1 + Math.floor(this.rnd() * 3);
      const to = from + step < n ? from + step : Math.max(1, from - step);
      return to === from ? (from + 1) % n : to;
    }
    let to = 1 + Math.floor(this.rnd() * (n - 1));
    if (to === from) to = to + 1 < n ? to + 1 : 1;
    return to;
  }

  private requestLabel(to: number): string {
    const p = this.parts[to];
    const res = this.pick(RESOURCES);
    if (p.kind === 'database') return `${this.pick(DB_OPS)} ${res} where id = ${Math.floor(this.rnd() * 9000) + 100}`;
    if (p.kind === 'queue') return `publish ${this.pick(EVENTS)}`;
    return `${this.pick(VERBS)} /api/${res}/${Math.floor(this.rnd() * 900) + 100}`;
  }

  private timing(): void {
    const r = this.rnd();
    if (r < 0.3) {
      const ms = 5 * (1 + Math.floor(this.rnd() * 40));
      this.takesTotal += ms;
      this.events.push({ t: 'takes', ms });
    }
    if (r > 0.95) this.events.push({ t: 'timeout', ms: 1000 * (1 + Math.floor(this.rnd() * 5)), action: 'show the retry banner' });
  }

  get done(): boolean {
    return this.messages >= this.target;
  }

  /** A request from `from`, possibly nested calls of the callee, then its reply. */
  call(from: number, depth: number): void {
    if (this.done) return;
    const to = this.callee(from);
    const p = this.parts[to];
    if (p.kind === 'queue') {
      this.msg(from, to, this.rnd() < 0.9 ? '->>' : '-x', this.requestLabel(to));
      return;
    }
    const activate = p.kind !== 'database' && this.rnd() < 0.5;
    this.msg(from, to, '->', this.requestLabel(to), activate ? { activate } : {});
    this.timing();
    if (depth < 3) {
      const inner = this.rnd() < 0.55 ? Math.floor(this.rnd() * 3) : 0;
      for (let i = 0; i < inner && !this.done; i++) this.step(to, depth + 1);
    }
    if (this.rnd() < 0.04) this.msg(to, to, '->', this.pick(WORK));
    const arrow: Arrow = this.rnd() < 0.03 ? '--x' : this.rnd() < 0.05 ? '-->>' : '-->';
    this.msg(to, from, arrow, this.pick(REPLIES), activate ? { deactivate: true } : {});
  }

  /** One step of work by `who`: a call, a note, a fragment, or a self message. */
  step(who: number, depth: number): void {
    if (this.done) return;
    const r = this.rnd();
    if (r < 0.05) {
      this.note(who);
      this.call(who, depth);
    } else if (r < 0.13 && depth < 3) this.fragment(who, depth);
    else if (r < 0.16) this.msg(who, who, '->', this.pick(WORK));
    else this.call(who, depth);
  }

  private note(who: number): void {
    const r = this.rnd();
    const n = this.parts.length;
    if (r < 0.4) {
      const other = Math.min(n - 1, who + 1 + Math.floor(this.rnd() * 2));
      this.events.push({ t: 'note', position: 'over', targets: other === who ? [who] : [who, other], text: this.pick(NOTES) });
    } else if (r < 0.7) this.events.push({ t: 'note', position: 'right of', targets: [who], text: this.pick(NOTES) });
    else this.events.push({ t: 'note', position: who === 0 ? 'right of' : 'left of', targets: [who], text: this.pick(NOTES) });
  }

  private fragment(who: number, depth: number): void {
    const kind = this.pick<FragmentKind>(['alt', 'alt', 'opt', 'opt', 'loop', 'par', 'critical', 'break']);
    this.events.push({ t: 'open', kind, text: this.pick(CONDITIONS[kind]) });
    const branches = kind === 'alt' || kind === 'par' || kind === 'critical' ? 2 + (this.rnd() < 0.2 ? 1 : 0) : 1;
    for (let b = 0; b < branches; b++) {
      if (b > 0) {
        const keyword = kind === 'alt' ? 'else' : kind === 'par' ? 'and' : 'option';
        this.events.push({ t: 'branch', keyword, text: this.pick(ELSE_TEXT[kind as 'alt' | 'par' | 'critical']) });
      }
      const steps = 1 + Math.floor(this.rnd() * 2);
      for (let s = 0; s < steps; s++) {
        // A branch always holds at least one message, even at the end of the budget.
        if (this.done && s > 0) break;
        if (this.done) this.msg(who, who, '->', this.pick(WORK));
        else this.step(who, depth + 1);
      }
    }
    this.events.push({ t: 'end' });
  }

  msg(from: number, to: number, arrow: Arrow, label: string, flags: { activate?: boolean; deactivate?: boolean } = {}): void {
    this.events.push({ t: 'msg', from, to, arrow, label, ...flags });
    this.messages++;
  }

  divider(k: number): void {
    this.events.push({ t: 'divider', text: `Phase ${k}` });
  }
}

export function generate(options: GenerateOptions): GeneratedDiagram {
  const seed = options.seed ?? 20261125;
  const rnd = prng(seed ^ (options.messages * 2654435761) ^ options.participants);
  const parts = participantsFor(Math.max(3, options.participants));
  const b = new Builder(rnd, parts, options.messages);
  let phase = 1;
  let nextDivider = 0;
  while (!b.done) {
    if (b.messages >= nextDivider) {
      b.divider(phase++);
      nextDivider += 150 + Math.floor(rnd() * 100);
    }
    // A user action enters at the front end; the gateway fans out from there.
    b.msg(0, 1, '->', `click ${RESOURCES[Math.floor(rnd() * RESOURCES.length)]}`);
    b.call(1, 0);
    if (!b.done && rnd() < 0.5) b.step(2, 1);
    if (!b.done) b.msg(1, 0, '-->', 'show result');
  }
  const within = Math.max(1, Math.ceil((b.takesTotal * 1.2) / 60000));
  return {
    messages: b.messages,
    participants: parts.length,
    seq: emitSeq(parts, b.events, within),
    mermaid: emitMermaid(parts, b.events),
    plantuml: emitPlantUml(parts, b.events),
  };
}

const TITLE = 'Shop platform';
/** Messages per sequence: 10,000 messages of 30 participants stay under the 20,000,000-cell limit. */
const SEQUENCE_MESSAGES = 10_000;

function emitSeq(parts: readonly Participant[], events: readonly Event[], withinMin: number): string {
  const out: string[] = [
    `title ${TITLE}`,
    'project: Lifeline benchmark',
    'version: 1.0',
    'overview: A generated service landscape (seeded; the same every run).',
    '',
  ];
  for (const p of parts)
    out.push(`${p.kind} ${p.id} "${p.display}"${p.kind === 'queue' || p.kind === 'database' ? ' internal' : ''}: ${p.description}`);
  const open = (part: number, firstNumber: number) =>
    out.push(
      '',
      `sequence ${part > 1 ? `Checkout, continued (${part})` : 'Checkout and everything after it'} within ${withinMin}min`,
      '  purpose: Exercise every construct at scale',
      '  trigger: A user clicks',
      '  outcome: The user sees a result',
      `  autonumber${firstNumber > 1 ? ` ${firstNumber}` : ''}`,
    );
  open(1, 1);
  let indent = '  ';
  let messages = 0;
  let part = 1;
  const id = (i: number) => parts[i].id;
  for (const e of events) {
    // Past the spec's cell limit one sequence would draw only the notice: a long run goes on in
    // the next sequence, at a divider (top level, every activation closed).
    if (e.t === 'divider' && messages >= part * SEQUENCE_MESSAGES) {
      out.push('end');
      open(++part, messages + 1);
    }
    switch (e.t) {
      case 'msg':
        messages++;
        out.push(`${indent}${id(e.from)} ${e.arrow} ${e.activate ? '+' : e.deactivate ? '-' : ''}${id(e.to)}: ${e.label}`);
        break;
      case 'takes':
        out.push(`${indent}takes ${e.ms}ms`);
        break;
      case 'timeout':
        out.push(`${indent}timeout ${e.ms / 1000}s: ${e.action}`);
        break;
      case 'open':
        out.push(`${indent}${e.kind} ${e.text}`);
        indent += '  ';
        break;
      case 'branch':
        out.push(`${indent.slice(2)}${e.keyword}${e.text ? ` ${e.text}` : ''}`);
        break;
      case 'end':
        indent = indent.slice(2);
        out.push(`${indent}end`);
        break;
      case 'note':
        out.push(`${indent}note ${e.position} ${e.targets.map(id).join(', ')}: ${e.text}`);
        break;
      case 'divider':
        out.push(`${indent}== ${e.text} ==`);
        break;
    }
  }
  out.push(
    'end',
    '',
    `flow Main path: ${parts
      .slice(0, Math.min(4, parts.length))
      .map((p) => p.id)
      .join(' -> ')}`,
  );
  return out.join('\n') + '\n';
}

const MERMAID_ARROW: Record<Arrow, string> = { '->': '->>', '-->': '-->>', '->>': '-)', '-->>': '--)', '-x': '-x', '--x': '--x' };

function emitMermaid(parts: readonly Participant[], events: readonly Event[]): string {
  const out: string[] = ['sequenceDiagram', `  title ${TITLE}`, '  autonumber'];
  for (const p of parts) out.push(`  ${p.kind === 'actor' ? 'actor' : 'participant'} ${p.id} as ${p.display}`);
  let indent = '  ';
  const id = (i: number) => parts[i].id;
  for (const e of events) {
    switch (e.t) {
      case 'msg':
        out.push(`${indent}${id(e.from)}${MERMAID_ARROW[e.arrow]}${e.activate ? '+' : e.deactivate ? '-' : ''}${id(e.to)}: ${e.label}`);
        break;
      case 'takes':
        out.push(`${indent}%% takes ${e.ms}ms`);
        break;
      case 'timeout':
        out.push(`${indent}%% timeout ${e.ms / 1000}s: ${e.action}`);
        break;
      case 'open':
        out.push(`${indent}${e.kind} ${e.text}`);
        indent += '  ';
        break;
      case 'branch':
        out.push(`${indent.slice(2)}${e.keyword}${e.text ? ` ${e.text}` : ''}`);
        break;
      case 'end':
        indent = indent.slice(2);
        out.push(`${indent}end`);
        break;
      case 'note':
        out.push(`${indent}Note ${e.position} ${e.targets.map(id).join(',')}: ${e.text}`);
        break;
      case 'divider':
        out.push(`${indent}Note over ${id(0)},${id(parts.length - 1)}: ${e.text}`);
        break;
    }
  }
  return out.join('\n') + '\n';
}

const PLANTUML_ARROW: Record<Arrow, string> = { '->': '->', '-->': '-->', '->>': '->>', '-->>': '-->>', '-x': '->x', '--x': '-->x' };
const PLANTUML_KIND: Record<Kind, string> = {
  actor: 'actor',
  system: 'participant',
  service: 'participant',
  database: 'database',
  queue: 'queue',
  participant: 'participant',
};

function emitPlantUml(parts: readonly Participant[], events: readonly Event[]): string {
  const out: string[] = ['@startuml', `title ${TITLE}`, 'autonumber'];
  for (const p of parts) out.push(`${PLANTUML_KIND[p.kind]} "${p.display}" as ${p.id}`);
  let indent = '';
  const id = (i: number) => parts[i].id;
  for (const e of events) {
    switch (e.t) {
      case 'msg':
        out.push(
          `${indent}${id(e.from)} ${PLANTUML_ARROW[e.arrow]} ${id(e.to)}${e.activate ? ' ++' : e.deactivate ? ' --' : ''} : ${e.label}`,
        );
        break;
      case 'takes':
        out.push(`${indent}' takes ${e.ms}ms`);
        break;
      case 'timeout':
        out.push(`${indent}' timeout ${e.ms / 1000}s: ${e.action}`);
        break;
      case 'open':
        out.push(`${indent}${e.kind === 'critical' ? 'critical' : e.kind} ${e.text}`);
        indent += '  ';
        break;
      case 'branch':
        out.push(`${indent.slice(2)}else${e.text ? ` ${e.text}` : ''}`);
        break;
      case 'end':
        indent = indent.slice(2);
        out.push(`${indent}end`);
        break;
      case 'note':
        out.push(`${indent}note ${e.position} ${e.targets.map(id).join(', ')} : ${e.text}`);
        break;
      case 'divider':
        out.push(`${indent}== ${e.text} ==`);
        break;
    }
  }
  out.push('@enduml');
  return out.join('\n') + '\n';
}
