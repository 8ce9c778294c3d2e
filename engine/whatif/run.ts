/**
 * Running a what-if (docs/whatif.md): every variant into its own scenario
 * (`<whatifId>/<name>`) of one log folder, in parallel on worker threads (a variant per
 * worker) or in process, and the side-by-side comparison written next to the log
 * (`whatif.json`, `whatif.csv`).
 *
 * Common random numbers come for free: draws are keyed by (seed, employee, year, decision),
 * never by the scenario or design, so every variant sees the same workforce.
 * A variant already complete in the folder (same inputs) is read back, an interrupted one
 * resumes after its last complete year, one of other inputs is refused. A what-if that
 * throws leaves nothing in a folder it started empty.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { amendedFor } from '../../actors/participant/amend.js';
import { participantEnvironment } from '../../actors/participant/environment.js';
import { typescriptWorker } from '../../storage/typescript-worker.js';
import { decodePlanDesign } from '../../rules/plan-design.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { isLog } from '../../storage/exists.js';
import { yearRecords } from '../../storage/run-state.js';
import { RunRefusedError, scenarioDigest } from '../run.js';
import type { Scenario } from '../scenario.js';
import type { RunSnapshot } from '../simulate.js';
import type { YearMetrics } from '../metrics.js';
import type { WhatIf, WhatIfVariant } from './format.js';
import { commitYear, copyStoredYears, storedSnapshot } from './store.js';
import type { VariantYear } from './store.js';
import { variantYears } from './worker.js';
import type { VariantMessage, VariantTask } from './worker.js';
import { writeComparison } from './compare.js';
import { simulateParallel } from '../parallel/run.js';
import { yearMetrics } from '../metrics.js';

export interface WhatIfOptions {
  /** The log folder; the comparison files are written into it. */
  readonly out: string;
  /**
   * Worker threads, one variant per worker (default: the number of variants, at most the
   * machine's cores less one, which the main thread needs to write the log). 1 simulates the
   * variants one after the other in this thread. A worker's years are copied to the main
   * thread (structured clone, about as costly as simulating them), so workers pay off only
   * with cores to spare.
   */
  readonly threads?: number;
  /** Called as each year of each variant is committed (forked years included, as they are copied back). */
  readonly onYear?: (variant: string, year: number, metrics: YearMetrics) => void;
  /**
   * `variants` (default): a variant per worker thread, as above. `partitions`: the variants
   * one after another, each cut into partitions simulated on `threads` workers (the run's own
   * parallelism, engine/parallel, which ships encoded segments rather than events).
   */
  readonly parallel?: 'variants' | 'partitions';
  /** Write `whatif.json` and `whatif.csv` into `out` (default true; never after a stop). */
  readonly writeFiles?: boolean;
  /** Stop each variant after committing this many simulated years (for tests of resume; the variants stay "running"). */
  readonly stopAfterYears?: number;
}

export interface VariantOutcome {
  readonly name: string;
  readonly scenarioId: string;
  readonly planDesignId: string;
  /** `already-complete`: the folder held this variant's complete run; nothing was simulated. `stopped`: by `stopAfterYears`. */
  readonly status: 'complete' | 'already-complete' | 'stopped';
  /** The first year this call simulated (after the fork year, or the resume point), or null. */
  readonly firstSimulatedYear: number | null;
  /** Every year of the variant, forked years included. */
  readonly metrics: readonly YearMetrics[];
}

export interface WhatIfOutcome {
  readonly whatif: WhatIf;
  readonly variants: readonly VariantOutcome[];
}

const isEmptyDir = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0;

/** What a variant still has to simulate, once the folder is checked and the forked years copied. */
interface Pending {
  readonly variant: WhatIfVariant;
  readonly hashes: Readonly<Record<string, string>>;
  readonly from: RunSnapshot | undefined;
  readonly done: boolean;
}

/** Checks the fork's stored run and returns the digest that ties each forked variant to it. */
function checkFork(whatif: WhatIf, src: EventLog): string {
  const fork = whatif.fork!;
  const meta = src.getMetadata(fork.scenarioId);
  if (meta === undefined) {
    const there = src.scenarios();
    throw new RunRefusedError(`fork: ${fork.from} holds no run of ${fork.scenarioId}${there.length > 0 ? ` (it holds ${there.join(', ')})` : ''}`);
  }
  if (meta.lastCompleteYear === null || meta.lastCompleteYear < fork.year) {
    throw new RunRefusedError(`fork: the run of ${fork.scenarioId} in ${fork.from} is complete only to ${meta.lastCompleteYear ?? 'no year'}; fork at or before it`);
  }
  const design = decodePlanDesign(meta.planDesign);
  const stored: Scenario | null = design._tag === 'Right' ? { ...whatif.base, scenarioId: fork.scenarioId, years: meta.years, plan: design.right } : null;
  if (stored === null || meta.startYear !== whatif.startYear || scenarioDigest(stored) !== meta.inputHashes.scenario) {
    throw new RunRefusedError(
      `fork: the run of ${fork.scenarioId} in ${fork.from} was made from other inputs than this what-if (census, workforce, seed, start year, scripted events or engine version); a fork continues the same workforce under new designs`,
    );
  }
  return `${meta.inputHashes.scenario}@${fork.year}`;
}

/** Checks the folder for a variant, copies the forked years if needed, and says where to start. */
async function prepare(log: EventLog, whatif: WhatIf, variant: WhatIfVariant, src: EventLog | null, forkHash: string | null): Promise<Pending> {
  const scenario = variant.scenario;
  const hashes = { scenario: scenarioDigest(scenario), ...(forkHash === null ? {} : { fork: forkHash }) };
  const meta = log.getMetadata(scenario.scenarioId);
  let last: number | null = null;
  if (meta !== undefined) {
    const same = meta.inputHashes.scenario === hashes.scenario && meta.inputHashes.fork === hashes.fork;
    if (!same) throw new RunRefusedError(`${log.dir} holds a run of ${scenario.scenarioId} with other inputs; choose another out folder or whatifId`);
    if (meta.status === 'complete') return { variant, hashes, from: undefined, done: true };
    last = meta.lastCompleteYear;
  }
  const fork = whatif.fork;
  if (fork !== null && src !== null && (last ?? -1) < fork.year) {
    await copyStoredYears(src, fork.scenarioId, log, scenario, hashes, last ?? -1, fork.year);
    last = fork.year;
  }
  if (last === null) return { variant, hashes, from: undefined, done: false };
  const from = storedSnapshot(log, scenario.scenarioId, last);
  // The stored run's Dec 31 states continue under the variant's design, amended from the next Jan 1 (replay does the same).
  if (fork !== null && last === fork.year) {
    const env = participantEnvironment(scenario.plan, scenario.startYear);
    return { variant, hashes, from: { ...from, participants: from.participants.map((s) => amendedFor(s, env)) }, done: false };
  }
  return { variant, hashes, from, done: false };
}

/** The years of a variant simulated on a worker, as an async iterable of what the worker posts. */
async function* onWorker(pool: Piscina, scenario: Scenario, from: RunSnapshot | undefined): AsyncGenerator<VariantYear> {
  const { port1, port2 } = new MessageChannel();
  const committed = new Int32Array(new SharedArrayBuffer(4));
  const queue: VariantMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  port1.on('message', (m: VariantMessage) => {
    queue.push(m);
    wake?.();
  });
  const task: VariantTask = { scenario, from, port: port2, committed };
  const running = pool.run(task, { transferList: [port2] }).catch((e: unknown) => {
    failure = e;
    wake?.();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure !== null) throw failure;
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      if ('done' in m) break;
      yield m.year; // resumes once the consumer has committed the year
      Atomics.add(committed, 0, 1);
      Atomics.notify(committed, 0);
    }
    await running;
  } finally {
    // A consumer that stops early must not leave the worker waiting for a commit.
    Atomics.store(committed, 0, 0x3fffffff);
    Atomics.notify(committed, 0);
    port1.close();
  }
}

/** The years of a variant simulated in partitions on `threads` workers (engine/parallel). */
async function* onPartitions(scenario: Scenario, from: RunSnapshot | undefined, threads: number): AsyncGenerator<VariantYear> {
  for await (const y of simulateParallel(scenario, { threads, ...(from === undefined ? {} : { from }) })) {
    yield { year: y.year, segments: [], encoded: y.encoded, metrics: yearMetrics(y.year, y.summaries, y.plan), snapshot: y.snapshot(), hires: y.hires };
  }
}

/** Runs every variant of the what-if into `opts.out` and writes the comparison there. */
export async function runWhatIf(whatif: WhatIf, opts: WhatIfOptions): Promise<WhatIfOutcome> {
  const fresh = isEmptyDir(opts.out);
  const fork = whatif.fork;
  if (fork !== null && !isLog(fork.from)) throw new RunRefusedError(`fork: ${fork.from} is not a vested log (no data.mdb)`);
  const log = openLog(opts.out);
  const sameFolder = fork !== null && resolve(fork.from) === resolve(opts.out);
  const src = fork === null ? null : sameFolder ? log : openLog(fork.from);
  let pool: Piscina | null = null;
  let closed = false;
  let srcClosed = false;
  try {
    const forkHash = src === null ? null : checkFork(whatif, src);
    const pending: Pending[] = [];
    for (const v of whatif.variants) pending.push(await prepare(log, whatif, v, src, forkHash));
    if (src !== null && src !== log) {
      await src.close();
      srcClosed = true;
    }

    const todo = pending.filter((p) => !p.done);
    const partitions = opts.parallel === 'partitions';
    const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism() - 1, partitions ? Number.MAX_SAFE_INTEGER : todo.length));
    if (threads > 1 && !partitions) pool = new Piscina({ ...typescriptWorker(new URL('./worker.ts', import.meta.url).href), minThreads: threads, maxThreads: threads });
    const firstSimulated = new Map<string, number>();
    const stopped = new Set<string>();
    const runOne = async (p: Pending): Promise<void> => {
      const s = p.variant.scenario;
      const years = partitions && threads > 1 ? onPartitions(s, p.from, threads) : pool === null ? variantYears(s, p.from) : onWorker(pool, s, p.from);
      let committed = 0;
      for await (const y of years) {
        if (!firstSimulated.has(p.variant.name)) firstSimulated.set(p.variant.name, y.year);
        await commitYear(log, s, p.hashes, y);
        opts.onYear?.(p.variant.name, y.year, y.metrics);
        if (++committed === opts.stopAfterYears && y.year < s.startYear + s.years - 1) {
          stopped.add(p.variant.name);
          break;
        }
      }
    };
    if (pool === null) for (const p of todo) await runOne(p);
    else await Promise.all(todo.map(runOne));

    const variants: VariantOutcome[] = pending.map((p) => ({
      name: p.variant.name,
      scenarioId: p.variant.scenario.scenarioId,
      planDesignId: p.variant.scenario.plan.planDesignId,
      status: p.done ? 'already-complete' : stopped.has(p.variant.name) ? 'stopped' : 'complete',
      firstSimulatedYear: firstSimulated.get(p.variant.name) ?? null,
      metrics: yearRecords(log, p.variant.scenario.scenarioId).map((r) => r.metrics as YearMetrics),
    }));
    const outcome: WhatIfOutcome = { whatif, variants };
    if (opts.writeFiles !== false && stopped.size === 0) writeComparison(opts.out, outcome);
    return outcome;
  } catch (e) {
    await pool?.destroy();
    pool = null;
    if (src !== null && src !== log && !srcClosed) await src.close().catch(() => undefined);
    await log.close().catch(() => undefined);
    closed = true;
    if (fresh) rmSync(opts.out, { recursive: true, force: true });
    throw e;
  } finally {
    await pool?.destroy();
    if (!closed) await log.close();
  }
}
