/**
 * The headline: a whole `vested run` of 100,000 employees × 10 years (quick: 5,000 × 3),
 * biweekly payroll, the plan of examples/scenario.json, the default workforce model, the
 * full log written durably into a temp folder. Each run happens in its own child process,
 * which times scenario load (census CSV parse included) + runToLog and prints its own peak
 * RSS (`process.resourceUsage().maxRSS`), so the memory figure is the run's, not the
 * driver's. Figures: wall time, peak RSS, participant-years/s (employees × years, the
 * unit peers publish) and events/s. Targets: ≤ 60 s and ≤ 2 GB for the full size.
 *
 * Baseline, in the same run, when runToLog takes a `threads` option (found in engine/run.ts
 * at start-up): the measured run uses what `vested run` uses by default, one worker thread
 * per core (`availableParallelism()`); the baseline is the same run on one thread, in process
 * (`threads` absent: no workers at all, the plain sequential engine). Otherwise the baseline is the closest
 * peer's published figure, 60,040 employees × 5 years in 132 s = 2,274 participant-years/s
 * (not measured here: the ratio says how far we are from it, not a same-machine race), and
 * the peak RSS is set against the 2 GB target.
 *
 *   node --import tsx perf/headline.bench.ts [--quick]
 *
 * Last full-size result (2 shared vCPU, Node 20.20, 2026-11-26, commit d3d4fb9: flat
 * participant states, compiled segment-shape readers, segment records written piece by piece,
 * worker threads started before the scenario loads): 2 worker threads 55.9 s and 1.64 GB peak
 * RSS vs 99.4 s and 1.22 GB in process (1.78×); 17,880 participant-years/s, 57.6 M events; six
 * more 2-thread child runs of the same commit 56.7-59.5 s (median of seven 57.3 s). Earlier:
 * 59.1 s / 1.63 GB (99e507f; nine runs 57.7-63.5 s in a busier hour); 69.7 s / 1.65 GB (556833e). Earlier: 69.7 s / 1.65 GB (556833e:
 * hosts run their participants while the main thread computes the hires, segment records by
 * a small msgpack writer; 126.4 s in process, 1.81×); 68.2 s / 1.65 GB
 * (b5246f5, same session; timings swing ±10 %); 81.5 s / 1.66 GB
 * (commit 7d1462c: no allocation-site pretenuring, reused segment scratch columns, binary
 * participant records, a 96 MB young generation and ES module workers); 82.4 s / 1.61 GB (commit 5fe29f6); 110.5 s / 1.75 GB (log format 5, hosts' segment
 * records in an arena); 109.5 s / 2.17 GB (format 5 alone); 117.6 s / 3.0 GB (participants at
 * rest between years); 123.0 s / 3.3 GB; 138.2 s / 4.4 GB (before segment format 2, appended
 * puts, snapshot records); 368 s / 6.1 GB (before year-first snapshot keys and commits on
 * LMDB's write thread).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeHeadlineScenario } from './headline-scenario.js';
import type { BenchFigure } from './figure.js';
import { median } from './figure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const RUN_TS = join(HERE, '..', 'engine', 'run.ts');
/** The closest peer's published run: 60,040 employees × 5 years in 132 s. */
export const PEER_PARTICIPANT_YEARS_PER_SECOND = (60_040 * 5) / 132;
export const TARGET_SECONDS = 60;
export const TARGET_RSS_MB = 2048;

/** What one child run reports. */
interface ChildReport {
  wallSeconds: number;
  loadSeconds: number;
  yearSeconds: number[];
  yearEvents: number[];
  maxRssMb: number;
  threads: number | null;
}

/** True when engine/run.ts declares a `threads` run option (another engineer is adding it). */
export function threadsOptionExists(source: string = readFileSync(RUN_TS, 'utf8')): boolean {
  return /\bthreads\??\s*:/.test(source);
}

/**
 * Events of a committed year, without making the run do work it would not do: a parallel
 * run's year decodes its `segments` lazily (only `encoded`, with counts, goes to the log), so
 * count those when present.
 */
function eventCount(y: object): number {
  if ('encoded' in y) return (y.encoded as readonly { count: number }[]).reduce((n, s) => n + s.count, 0);
  return (y as { segments: readonly { events: readonly unknown[] }[] }).segments.reduce((n, s) => n + s.events.length, 0);
}

/** The child: load the scenario, run it into `out`, print a JSON report on stdout. */
async function child(scenarioPath: string, out: string, threads: number | null): Promise<void> {
  const { loadScenarioSync } = await import('../engine/scenario.js');
  const { runToLog } = await import('../engine/run.js');
  const { startHostPools, stopHostPools } = await import('../engine/parallel/pool.js');
  const t0 = performance.now();
  // As `vested run` does: the worker threads load their modules while the scenario loads.
  if (threads !== null) startHostPools(threads);
  const loaded = loadScenarioSync(scenarioPath);
  if (loaded._tag === 'Left') throw new Error(`headline scenario: ${loaded.left.join('; ')}`);
  const t1 = performance.now();
  const yearSeconds: number[] = [];
  const yearEvents: number[] = [];
  let last = t1;
  const opts = {
    out,
    onYear: (y: object) => {
      const now = performance.now();
      yearSeconds.push((now - last) / 1000);
      last = now;
      yearEvents.push(eventCount(y));
    },
    ...(threads === null ? {} : { threads }),
  };
  const outcome = await runToLog(loaded.right, opts as Parameters<typeof runToLog>[1]);
  if (outcome.status !== 'complete') throw new Error(`headline run ended ${outcome.status}`);
  const t2 = performance.now();
  await stopHostPools();
  const report: ChildReport = {
    wallSeconds: (t2 - t0) / 1000,
    loadSeconds: (t1 - t0) / 1000,
    yearSeconds,
    yearEvents,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    threads,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(scenarioPath: string, out: string, threads: number | null): ChildReport {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', scenarioPath, out, threads === null ? 'default' : String(threads)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`headline child run failed (exit ${String(r.status)}${r.signal === null ? '' : `, ${r.signal}`})`);
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildReport;
}

const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));

export async function runHeadlineBench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const employees = opts.quick ? 5_000 : 100_000;
  const years = opts.quick ? 3 : 10;
  const reps = 1;
  const participantYears = employees * years;
  const root = mkdtempSync(join(tmpdir(), 'vested-headline-'));
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  try {
    const scenarioPath = writeHeadlineScenario(root, employees, years);

    const threads = threadsOptionExists() ? availableParallelism() : null;
    const ours: ChildReport[] = [];
    const single: ChildReport[] = [];
    for (let i = 0; i < reps; i++) {
      ours.push(runChild(scenarioPath, join(root, `out-${i}`), threads));
      log(`headline ${employees} × ${years}: ${round(ours.at(-1)!.wallSeconds)} s, ${round(ours.at(-1)!.maxRssMb)} MB (${threads === null ? 'in process' : `${threads} worker threads`})`);
      if (threads !== null) {
        single.push(runChild(scenarioPath, join(root, `one-${i}`), null));
        log(`headline ${employees} × ${years}: ${round(single.at(-1)!.wallSeconds)} s, ${round(single.at(-1)!.maxRssMb)} MB (1 thread, in process)`);
      }
    }
    return figures(ours, threads === null ? null : single, employees, years, participantYears, threads);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


/**
 * The figures. The run-level values are medians over repetitions. The samples are per
 * simulated year (a year is the engine's unit of work, so a 10-year run gives the t-test 10
 * samples, not 1): each year's seconds for the wall time (the value is their sum plus the
 * scenario load), each year's rate for the rates. Peak RSS has one sample per run.
 */
function figures(ours: ChildReport[], single: ChildReport[] | null, employees: number, years: number, py: number, threads: number | null): (BenchFigure & { better: 'higher' | 'lower' })[] {
  const size = `${employees.toLocaleString('en-US')} × ${years} years${threads === null ? '' : `, ${threads} threads`}`;
  const wall = median(ours.map((r) => r.wallSeconds));
  const rss = median(ours.map((r) => r.maxRssMb));
  const events = ours[0]!.yearEvents.reduce((a, b) => a + b, 0);
  const pyRate = py / wall;
  const evRate = events / wall;
  const pySamples = ours.flatMap((r) => r.yearSeconds.map((s) => round(employees / s)));
  const evSamples = ours.flatMap((r) => r.yearSeconds.map((s, k) => round(r.yearEvents[k]! / s)));
  let base: { wall: number; rss: number; py: number; ev: number; label: string };
  if (single !== null) {
    const w1 = median(single.map((r) => r.wallSeconds));
    base = { wall: w1, rss: median(single.map((r) => r.maxRssMb)), py: py / w1, ev: events / w1, label: '1 thread in process, same run' };
  } else {
    const peerWall = py / PEER_PARTICIPANT_YEARS_PER_SECOND;
    base = { wall: peerWall, rss: TARGET_RSS_MB, py: PEER_PARTICIPANT_YEARS_PER_SECOND, ev: events / peerWall, label: 'peer 2,274 py/s, published' };
  }
  const fig = (figure: string, value: number, unit: string, baseline: number, samples: number[], better: 'higher' | 'lower') => ({
    figure,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline, 3),
    samples,
    better,
  });
  return [
    fig(`headline wall time, ${size} (load + runToLog, durable; baseline ${base.label}; target ≤ ${TARGET_SECONDS} s at 100,000 × 10)`, wall, 's', base.wall, ours.flatMap((r) => r.yearSeconds.map((x) => round(x))), 'lower'),
    fig(`headline peak RSS, ${size} (child maxRSS; baseline ${single !== null ? base.label : '2 GB target'}; target ≤ 2 GB)`, rss, 'MB', base.rss, ours.map((r) => round(r.maxRssMb)), 'lower'),
    fig(`headline participant-years/s, ${size} (baseline ${base.label})`, pyRate, 'participant-years/s', base.py, pySamples, 'higher'),
    fig(`headline events/s, ${size} (${events.toLocaleString('en-US')} events; baseline ${single !== null ? base.label : 'the peer rate on our events per participant-year'})`, evRate, 'events/s', base.ev, evSamples, 'higher'),
  ];
}

if (process.argv[2] === '--child') {
  const [scenarioPath, out, threads] = process.argv.slice(3);
  await child(scenarioPath!, out!, threads === 'default' || threads === undefined ? null : Number(threads));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await runHeadlineBench({ quick: process.argv.includes('--quick') })) {
    console.log(`${f.figure}\n  ${f.value} ${f.unit}  baseline ${f.baseline}  ratio ${f.ratio}  samples ${JSON.stringify(f.samples)}`);
  }
}
