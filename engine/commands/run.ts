/**
 * `vested run SCENARIO [--out DIR] [--threads N] [--snapshot-every YEARS]`: simulates the scenario into the log in DIR (default
 * `out/<scenarioId>`) on N worker threads (default: the machine's cores; 0: in process), resuming an interrupted run of the same inputs, and prints the per-year
 * summary. On a terminal, a progress bar per year goes to stderr. Exit 1 on bad input (each
 * problem on its own line, naming file, line and field) or a refused event; 2 on usage errors.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadScenario } from '../scenario.js';
import { runToLog, RunRefusedError } from '../run.js';
import { metricsTable } from '../metrics.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { startHostPools, stopHostPools } from '../parallel/pool.js';

export interface RunCommandOptions {
  readonly out?: string;
  /** Worker threads (engine/parallel); 0 runs in process. Default: the machine's cores. */
  readonly threads?: number;
  /** Show progress bars (default: when stderr is a terminal). */
  readonly progress?: boolean;
  /** Store the participants' year-end snapshots every this many years (default 1). */
  readonly snapshotEvery?: number;
}

/** A progress bar per plan year: employees processed, events/s, ETA. */
function progressBars(err: Writable & { isTTY?: boolean }) {
  let bar: SingleBar | null = null;
  let barYear = 0;
  let started = 0;
  return {
    update(year: number, done: number, total: number): void {
      if (bar === null || barYear !== year) {
        bar?.stop();
        bar = new SingleBar({
          stream: err,
          format: `${year} [{bar}] {value}/{total} employees | {rate} employees/s | ETA {eta}s`,
          hideCursor: true,
        });
        bar.start(total, 0, { rate: 0 });
        barYear = year;
        started = performance.now();
      }
      // A year's total grows once its hires are known (a run with no worker threads reports as it goes).
      if (bar.getTotal() !== total) bar.setTotal(total);
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    finish(): void {
      bar?.update(bar.getTotal());
      bar?.stop();
      bar = null;
    },
  };
}

export async function runCommand(file: string, opts: RunCommandOptions, out: Writable, err: Writable & { isTTY?: boolean }): Promise<0 | 1> {
  const threads = opts.threads ?? availableParallelism();
  // The worker threads load their modules while this thread loads the scenario.
  startHostPools(threads);
  try {
    return await runLoaded(file, threads, opts, out, err);
  } finally {
    await stopHostPools();
  }
}

async function runLoaded(file: string, threads: number, opts: RunCommandOptions, out: Writable, err: Writable & { isTTY?: boolean }): Promise<0 | 1> {
  const loaded = await loadScenario(file);
  if (loaded._tag === 'Left') {
    for (const m of loaded.left) err.write(`${m}\n`);
    return 1;
  }
  const scenario = loaded.right;
  const dir = opts.out ?? join('out', scenario.scenarioId);
  const bars = (opts.progress ?? err.isTTY === true) ? progressBars(err) : null;
  try {
    const outcome = await runToLog(scenario, {
      out: dir,
      threads,
      ...(opts.snapshotEvery === undefined ? {} : { snapshotEvery: opts.snapshotEvery }),
      ...(bars === null ? {} : { progress: (y: number, done: number, total: number) => bars.update(y, done, total) }),
      onYear: () => bars?.finish(),
    });
    if (outcome.status === 'already-complete') {
      out.write(`${dir} already holds the complete run of ${scenario.scenarioId}; nothing to do. Its summary:\n\n`);
      out.write(`${metricsTable(outcome.metrics)}\n`);
      return 0;
    }
    const resumed = outcome.firstYear !== null && outcome.firstYear !== scenario.startYear;
    out.write(
      `${scenario.scenarioId}: ${scenario.years} year${scenario.years === 1 ? '' : 's'} from ${scenario.startYear}` +
        `${resumed ? `, resumed at ${outcome.firstYear}` : ''}, log in ${dir}\n\n`,
    );
    out.write(`${metricsTable(outcome.metrics)}\n`);
    return 0;
  } catch (e) {
    bars?.finish();
    if (e instanceof RefusedEventError || e instanceof RunRefusedError) {
      err.write(`vested run: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate a scenario into the event log of an output folder and print the yearly summary')
    .argument('<scenario>', 'scenario JSON file')
    .option('--out <dir>', 'output folder (default: out/<scenarioId>)')
    .option('--threads <n>', 'worker threads (default: the machine cores; 0: in process)', parseThreads)
    .option('--snapshot-every <years>', 'store the participants\' year-end snapshots every N years, and after the last (default 1)', parseSnapshotEvery)
    .option('--no-progress', 'no progress bars even on a terminal')
    .action(async (file: string, o: { out?: string; progress?: boolean; threads?: number; snapshotEvery?: number }) => {
      process.exitCode = await runCommand(
        file,
        {
          ...(o.out === undefined ? {} : { out: o.out }),
          ...(o.progress === false ? { progress: false } : {}),
          ...(o.threads === undefined ? {} : { threads: o.threads }),
          ...(o.snapshotEvery === undefined ? {} : { snapshotEvery: o.snapshotEvery }),
        },
        process.stdout,
        process.stderr,
      );
    });
}

/** `--threads N`: a whole number ≥ 0 (commander turns the throw into a usage error, exit 2). */
export function parseThreads(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`--threads must be a whole number (0 runs in process), got ${JSON.stringify(text)}`);
  }
  return n;
}

/** `--snapshot-every N`: a whole number of years ≥ 1. */
export function parseSnapshotEvery(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`--snapshot-every must be a whole number of years ≥ 1, got ${JSON.stringify(text)}`);
  }
  return n;
}
