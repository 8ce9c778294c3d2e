/**
 * `npm run perf:check`: the latest record of perf/history.jsonl against the earlier ones of
 * the same mode (quick or full). A figure is *regressed* only when it got worse by more than
 * the threshold (default 10 %) AND the change is significant on the samples (Welch's t-test,
 * one-sided, alpha 0.01 by default): a big move in noisy samples is not enough, nor is a
 * tiny but consistent one. "Worse" follows the figure's declared direction (a rate falls; a
 * time or a size rises); an improvement is never a regression. Prints a verdict per figure and
 * exits 1 when any figure regressed.
 *
 *   npm run perf:check [-- --threshold 0.1 --alpha 0.01 --window 5 --relative --file F]
 *
 * --window N: compare against the samples of the last N earlier records (pooled).
 * --relative: divide each sample by its own run's baseline first, so a machine that is busier
 *   or slower across the board does not look like a regression (only meaningful where the
 *   baseline is not our own code).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mean, welch } from './stats.js';
import { readHistory } from './history.js';
import type { Better, HistoryFigure, HistoryRecord } from './history.js';

export type Verdict = 'regressed' | 'worse, not significant' | 'worse, under threshold' | 'unchanged' | 'improved' | 'new' | 'too few samples';

export interface FigureVerdict {
  readonly suite: string;
  readonly figure: string;
  readonly unit: string;
  readonly better: Better;
  readonly verdict: Verdict;
  /** Mean of the latest samples over the mean of the earlier ones, minus 1 (signed, in the unit's sense). */
  readonly change: number | null;
  /** One-sided p-value that the latest samples are worse; null when not testable. */
  readonly p: number | null;
}

export interface DetectOptions {
  /** Fraction: 0.1 = 10 %. */
  readonly threshold: number;
  readonly alpha: number;
  /** How many earlier records of the same mode to pool. */
  readonly window: number;
  /** Compare samples divided by their run's baseline. */
  readonly relative: boolean;
}

export const DEFAULTS: DetectOptions = { threshold: 0.1, alpha: 0.01, window: 5, relative: false };

const keyOf = (f: Pick<HistoryFigure, 'suite' | 'figure' | 'unit'>): string => `${f.suite}\u0000${f.figure}\u0000${f.unit}`;

function samplesOf(f: HistoryFigure, relative: boolean): number[] {
  const xs = f.samples.length > 0 ? f.samples : [f.value];
  return relative && f.baseline > 0 ? xs.map((x) => x / f.baseline) : [...xs];
}

/** The verdict of one figure: `latest` samples against the pooled `earlier` samples. */
export function judge(latest: readonly number[], earlier: readonly number[], better: Better, opts: Pick<DetectOptions, 'threshold' | 'alpha'>): { verdict: Verdict; change: number | null; p: number | null } {
  if (earlier.length === 0) return { verdict: 'new', change: null, p: null };
  const before = mean(earlier);
  const now = mean(latest);
  const change = before === 0 ? null : now / before - 1;
  // How much worse, as a positive fraction when worse.
  const worse = change === null ? 0 : better === 'higher' ? -change : change;
  if (latest.length < 2 || earlier.length < 2) return { verdict: 'too few samples', change, p: null };
  const w = welch(latest, earlier);
  const p = better === 'higher' ? w.pLess : w.pGreater;
  const pBetter = better === 'higher' ? w.pGreater : w.pLess;
  let verdict: Verdict;
  if (worse > opts.threshold && p < opts.alpha) verdict = 'regressed';
  else if (worse > opts.threshold) verdict = 'worse, not significant';
  else if (worse > 0 && p < opts.alpha) verdict = 'worse, under threshold';
  else if (worse < 0 && pBetter < opts.alpha) verdict = 'improved';
  else verdict = 'unchanged';
  return { verdict, change, p };
}

/** Every figure of the last record judged against the earlier records of its mode. */
export function detect(history: readonly HistoryRecord[], opts: DetectOptions = DEFAULTS): FigureVerdict[] {
  const latest = history.at(-1);
  if (latest === undefined) return [];
  const earlier = history.slice(0, -1).filter((r) => r.mode === latest.mode).slice(-opts.window);
  return latest.figures.map((f) => {
    const pooled = earlier.flatMap((r) => r.figures.filter((g) => keyOf(g) === keyOf(f)).flatMap((g) => samplesOf(g, opts.relative)));
    const j = judge(samplesOf(f, opts.relative), pooled, f.better, opts);
    return { suite: f.suite, figure: f.figure, unit: f.unit, better: f.better, ...j };
  });
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

function numberOption(args: readonly string[], name: string, fallback: number, ok: (n: number) => boolean, what: string): number {
  const s = option(args, name);
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!ok(n)) throw new RangeError(`${name} must be ${what}, got ${s}`);
  return n;
}

export function main(args: readonly string[]): number {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = option(args, '--file') ?? join(here, 'history.jsonl');
  const opts: DetectOptions = {
    threshold: numberOption(args, '--threshold', DEFAULTS.threshold, (n) => n >= 0, 'a fraction ≥ 0 (0.1 = 10 %)'),
    alpha: numberOption(args, '--alpha', DEFAULTS.alpha, (n) => n > 0 && n < 1, 'between 0 and 1'),
    window: numberOption(args, '--window', DEFAULTS.window, (n) => Number.isInteger(n) && n >= 1, 'a positive integer'),
    relative: args.includes('--relative'),
  };
  const history = readHistory(file);
  const latest = history.at(-1);
  if (latest === undefined) {
    console.log(`${file}: no record yet; run npm run perf first`);
    return 0;
  }
  const earlier = history.slice(0, -1).filter((r) => r.mode === latest.mode).length;
  console.log(`latest: ${latest.mode} run of ${latest.commit.slice(0, 10)}${latest.dirty ? ' (uncommitted changes)' : ''} at ${latest.date}, against ${Math.min(earlier, opts.window)} earlier ${latest.mode} record(s)`);
  console.log(`regressed = worse by > ${opts.threshold * 100} % and Welch one-sided p < ${opts.alpha}${opts.relative ? ', samples relative to their run\'s baseline' : ''}\n`);
  const verdicts = detect(history, opts);
  for (const v of verdicts) {
    const change = v.change === null ? '—' : `${v.change >= 0 ? '+' : ''}${(v.change * 100).toFixed(1)} %`;
    const p = v.p === null ? '' : `  p=${v.p < 1e-4 ? v.p.toExponential(1) : v.p.toFixed(4)}`;
    console.log(`${v.verdict === 'regressed' ? 'REGRESSED' : v.verdict.padEnd(9)}  ${change.padStart(9)} ${`(${v.better} is better)`.padEnd(19)}${p}  ${v.suite}: ${v.figure} [${v.unit}]`);
  }
  const bad = verdicts.filter((v) => v.verdict === 'regressed');
  console.log(`\n${bad.length} regressed of ${verdicts.length} figures`);
  return bad.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
