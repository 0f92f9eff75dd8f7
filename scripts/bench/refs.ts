/**
 * The reference tools, installed by the benchmark itself, pinned, outside git:
 *   beautiful-mermaid, mermaid (+ jsdom, which mermaid's sanitizer needs in Node) — npm, into .bench/refs
 *   PlantUML — Debian's `plantuml` package, via apt-get (needs root)
 * None is a project dependency: `npm ci` stays lean. A tool that cannot be had is reported
 * as missing, with the reason, never dropped silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, type Stat } from './stats';

export const NPM_REFS = { 'beautiful-mermaid': '1.1.3', mermaid: '11.17.2', jsdom: '26.1.0' } as const;
export const PLANTUML_DEB = '1:1.2020.2+ds-3';

export type RefName = 'beautiful-mermaid' | 'mermaid-parse' | 'plantuml';

export const REF_LABELS: Readonly<Record<RefName, string>> = {
  'beautiful-mermaid': `beautiful-mermaid ${NPM_REFS['beautiful-mermaid']} (parse + ASCII)`,
  'mermaid-parse': `mermaid ${NPM_REFS.mermaid} parse()`,
  plantuml: 'PlantUML -ttxt (whole process)',
};

export interface RefStatus {
  readonly available: boolean;
  /** Version actually in use, or why the tool is missing. */
  readonly detail: string;
}

export type RefResult =
  | { readonly ok: true; readonly stat: Stat; readonly loadMs?: number; /** e.g. fewer runs than planned */ readonly note?: string }
  | { readonly ok: false; readonly reason: string };

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function installedVersion(refsDir: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(refsDir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** npm references: installed (once) with `npm install --no-save --prefix`, exact versions. */
export function ensureNpmRefs(refsDir: string, install: boolean): Record<'beautiful-mermaid' | 'mermaid-parse', RefStatus> {
  const wanted = Object.entries(NPM_REFS);
  const ready = () => wanted.every(([name, v]) => installedVersion(refsDir, name) === v);
  let failure = '';
  if (!ready() && install) {
    mkdirSync(refsDir, { recursive: true });
    const pkg = join(refsDir, 'package.json');
    if (!existsSync(pkg))
      writeFileSync(
        pkg,
        JSON.stringify(
          { name: 'lifeline-bench-refs', private: true, description: 'Reference tools for npm run bench; not part of the project.' },
          null,
          2,
        ) + '\n',
      );
    const specs = wanted.map(([name, v]) => `${name}@${v}`);
    log(`installing ${specs.join(' ')} into ${refsDir}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', refsDir, ...specs], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (r.status !== 0)
      failure = `npm install failed: ${
        (r.error?.message ?? r.stderr ?? '')
          .trim()
          .split('\n')
          .filter((l) => !/Unknown user config/.test(l))
          .slice(-1)[0] ?? 'exit ' + r.status
      }`;
  }
  const status = (names: readonly string[]): RefStatus => {
    const bad = names.filter((n) => installedVersion(refsDir, n) !== NPM_REFS[n as keyof typeof NPM_REFS]);
    if (bad.length === 0) return { available: true, detail: names.map((n) => `${n}@${installedVersion(refsDir, n)}`).join(', ') };
    return { available: false, detail: failure || `not installed (${bad.join(', ')}); run without --no-install` };
  };
  return { 'beautiful-mermaid': status(['beautiful-mermaid']), 'mermaid-parse': status(['mermaid', 'jsdom']) };
}

function debVersion(pkg: string): string | undefined {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Debian's plantuml, pinned; installed with apt-get when missing and we are root. */
export function ensurePlantUml(install: boolean): RefStatus {
  const have = () => spawnSync('sh', ['-c', 'command -v plantuml'], { encoding: 'utf8' }).status === 0;
  if (!have() && install) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root) return { available: false, detail: 'plantuml is not installed and installing it needs root (apt-get install plantuml)' };
    if (spawnSync('sh', ['-c', 'command -v apt-get'], {}).status !== 0)
      return { available: false, detail: 'plantuml is not installed and there is no apt-get here' };
    log(`installing Debian plantuml=${PLANTUML_DEB} (apt-get update first)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { encoding: 'utf8', env, timeout: 600_000 });
    if (update.status !== 0)
      return { available: false, detail: `apt-get update failed: ${(update.stderr ?? '').trim().split('\n').pop()}` };
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', `plantuml=${PLANTUML_DEB}`], {
      encoding: 'utf8',
      env,
      timeout: 900_000,
    });
    if (r.status !== 0)
      return { available: false, detail: `apt-get install plantuml=${PLANTUML_DEB} failed: ${(r.stderr ?? '').trim().split('\n').pop()}` };
  }
  if (!have()) return { available: false, detail: 'plantuml is not installed (run without --no-install, as root, to install it)' };
  const v = debVersion('plantuml') ?? 'unknown version';
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr?.split('\n')[0]?.trim() ?? 'java ?';
  return { available: true, detail: `Debian plantuml ${v}${v === PLANTUML_DEB ? '' : ` (expected ${PLANTUML_DEB})`}, ${java}` };
}

export interface RefRunOptions {
  readonly refsDir: string;
  readonly file: string;
  readonly warmupFile: string;
  readonly warmup: number;
  readonly runs: number;
  readonly timeoutMs: number;
}

/** beautiful-mermaid or mermaid parse(), timed in a child process. */
export function runNodeRef(tool: 'beautiful-mermaid' | 'mermaid-parse', o: RefRunOptions): RefResult {
  const worker = join(__dirname, 'refWorker.mjs');
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', worker, o.refsDir, tool, o.file, o.warmupFile, String(o.warmup), String(o.runs)],
    {
      encoding: 'utf8',
      timeout: o.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines = (r.stdout ?? '').trim().split('\n').filter(Boolean);
  const parsed = lines.flatMap((l) => {
    try {
      return [JSON.parse(l) as { sample?: number; samples?: number[]; loadMs?: number; error?: string }];
    } catch {
      return [];
    }
  });
  const final = parsed.find((x) => x.samples !== undefined || x.error !== undefined);
  if (final?.error) return { ok: false, reason: `failed: ${final.error}` };
  if (final?.samples?.length) return { ok: true, stat: summarize(final.samples), loadMs: final.loadMs };
  const partial = parsed.flatMap((x) => (typeof x.sample === 'number' ? [x.sample] : []));
  const timedOut = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  if (timedOut && partial.length > 0)
    return {
      ok: true,
      stat: summarize(partial),
      note: `${partial.length} of ${o.runs} runs finished within ${Math.round(o.timeoutMs / 1000)} s`,
    };
  if (timedOut) return { ok: false, reason: `timed out after ${Math.round(o.timeoutMs / 1000)} s` };
  const why = r.signal ? `killed by ${r.signal}` : `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? ''}`;
  return { ok: false, reason: `failed (${why.slice(0, 200)})` };
}

/** PlantUML `-ttxt` over a pipe, the whole process each run (JVM start included, as a user runs it). */
export function runPlantUml(file: string, warmupFile: string, warmup: number, runs: number, timeoutMs: number): RefResult {
  const once = (path: string): number | string => {
    const input = readFileSync(path);
    const t = performance.now();
    const r = spawnSync('plantuml', ['-ttxt', '-pipe'], { input, timeout: timeoutMs, maxBuffer: 1024 * 1024 * 1024 });
    const elapsed = performance.now() - t;
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return `timed out after ${Math.round(timeoutMs / 1000)} s`;
    if (r.error) return `failed: ${r.error.message}`;
    const out = r.stdout?.toString('utf8') ?? '';
    if (r.status !== 0 || /Syntax Error\?/.test(out))
      return `failed (exit ${r.status}${/Syntax Error\?/.test(out) ? ', syntax error in the generated source' : ''})`;
    return elapsed;
  };
  for (let i = 0; i < warmup; i++) {
    const w = once(warmupFile);
    if (typeof w === 'string') return { ok: false, reason: w };
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = once(file);
    if (typeof r === 'string') {
      if (samples.length === 0) return { ok: false, reason: r };
      return { ok: true, stat: summarize(samples), note: `${samples.length} of ${runs} runs; then ${r}` };
    }
    samples.push(r);
  }
  return { ok: true, stat: summarize(samples) };
}
