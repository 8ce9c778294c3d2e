/**
 * perf/history.jsonl: one JSON record per `npm run perf`, appended, kept in the repo, so a
 * figure can be followed across commits and `npm run perf:check` can test the latest run
 * against the earlier ones. A record says what was measured where: commit (and whether the
 * tree had uncommitted changes), date, machine, Node version, mode, and every figure with
 * its samples and which direction is better.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, arch, release, totalmem } from 'node:os';
import type { BenchFigure } from './figure.js';

export type Better = 'higher' | 'lower';

export interface HistoryFigure extends BenchFigure {
  /** The suite that produced it (the bench file's name without `.bench.ts`). */
  readonly suite: string;
  readonly better: Better;
}

export interface MachineSummary {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  /** 1-minute load average when the run started: figures from a busy machine are noisier. */
  readonly load: number;
}

export interface HistoryRecord {
  readonly commit: string;
  /** True when the tree had uncommitted changes: the figures are not quite the commit's. */
  readonly dirty: boolean;
  readonly date: string;
  readonly mode: 'quick' | 'full';
  readonly machine: MachineSummary;
  readonly node: string;
  readonly seconds: number;
  readonly figures: readonly HistoryFigure[];
  /** Suites that did not run, and why (missing file, failure). */
  readonly skipped: readonly { readonly suite: string; readonly reason: string }[];
}

/**
 * Which direction is better, by unit. A bench module may say so itself (`better` on the
 * figure); otherwise its unit must be here, so that a new unit is a decision, not a guess.
 */
const BETTER_BY_UNIT: Readonly<Record<string, Better>> = {
  'events/s': 'higher',
  'periods/s': 'higher',
  'lines/s': 'higher',
  'py/s': 'higher',
  'participant-years/s': 'higher',
  'x': 'higher',
  '×': 'higher',
  'speed-up': 'higher',
  's': 'lower',
  'ms': 'lower',
  'µs': 'lower',
  'bytes': 'lower',
  'KB': 'lower',
  'MB': 'lower',
};

export function betterOf(figure: BenchFigure & { better?: Better }): Better {
  if (figure.better !== undefined) return figure.better;
  const b = BETTER_BY_UNIT[figure.unit];
  if (b === undefined) {
    throw new Error(`perf: figure "${figure.figure}" has unit "${figure.unit}", whose better direction is unknown; add it to BETTER_BY_UNIT in perf/history.ts or set \`better\` on the figure`);
  }
  return b;
}

export function machineSummary(): MachineSummary {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  return {
    cpu,
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** HEAD's commit and whether the work tree differs from it; "unknown" outside a git checkout. */
export function gitState(cwd: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export function appendRecord(file: string, record: HistoryRecord): void {
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** Every record of the file, oldest first; a line that is not a record is an error naming the line. */
export function readHistory(file: string): HistoryRecord[] {
  if (!existsSync(file)) return [];
  const out: HistoryRecord[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      const r = rec as Partial<HistoryRecord>;
      if (typeof r !== 'object' || r === null || !Array.isArray(r.figures) || (r.mode !== 'quick' && r.mode !== 'full')) {
        throw new Error(`${file}:${i + 1}: not a perf record (needs mode "quick" or "full" and a figures list)`);
      }
      out.push(r as HistoryRecord);
    });
  return out;
}
