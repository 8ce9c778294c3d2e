/**
 * {@link statesAsOf} on several cores: the participants are cut into slices of consecutive
 * ids; piscina workers (states-as-of-worker.ts) compute slices while the calling thread
 * computes the next one whenever its workers are all busy (so on 2 cores the default is one
 * worker and the caller, not a caller idling behind two workers), and the states come out in
 * employee-id order whatever thread computed them, exactly as statesAsOf yields them. Each
 * participant is independent (its own snapshot and segments): a slice needs nothing from another.
 *
 * Starting a worker takes ~0.5 s (tsx loads the machine, the rules and LMDB again), so a run
 * of fewer than `minWorkerParticipants` is computed in process, and the workers are kept for
 * later calls (a query per Friday of a year pays the start once; idle workers do not keep the
 * process alive; {@link closeStatesThreads} ends them). A slice a worker fails on is computed
 * again in process, which throws the error as it is (a refused event stays a RefusedEventError)
 * or goes on when it was the worker that failed; after a failure no more slices go to workers.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { IsoDate } from '../rules/calendar.js';
import type { EventLog } from './log.js';
import { participantIds } from './logged-years.js';
import { replayableRun } from './state-as-of.js';
import type { ParticipantState, ReplayableRun } from './state-as-of.js';
import { statesAsOf } from './states-as-of.js';
import type { StatesTask } from './states-as-of-worker.js';
import { typescriptWorker } from './typescript-worker.js';

const WORKER = new URL('./states-as-of-worker.ts', import.meta.url).href;

export interface StatesThreadsOptions {
  /** Worker threads besides the calling one (0: in process); default the machine's cores less one, at least 1. */
  readonly threads?: number;
  /** Participants per slice (default 256, ~25 ms of work): small enough to balance the threads, large enough to amortise a task. */
  readonly slice?: number;
  /** A run with fewer participants is computed in process (default 2,000: about what the caller computes while a worker starts). */
  readonly minWorkerParticipants?: number;
  /** The calling thread computes slices too while its workers are busy (default true). */
  readonly callerComputes?: boolean;
  /** The scenario's run, when the caller has it already (default: read from the log). */
  readonly run?: ReplayableRun;
}

let pool: Piscina<StatesTask, ParticipantState[]> | null = null;

function workers(n: number): Piscina<StatesTask, ParticipantState[]> {
  if (pool !== null && pool.maxThreads !== n) void closeStatesThreads();
  pool ??= new Piscina<StatesTask, ParticipantState[]>({ ...typescriptWorker(WORKER), minThreads: n, maxThreads: n });
  return pool;
}

/** Ends the worker threads kept by statesAsOfThreaded (a later call starts them again). */
export async function closeStatesThreads(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Every participant hired by the end of `date`, in employee-id order, with its state then (statesAsOf, on several threads). */
export async function* statesAsOfThreaded(log: EventLog, scenarioId: string, date: IsoDate, opts: StatesThreadsOptions = {}): AsyncGenerator<ParticipantState> {
  const run = opts.run ?? replayableRun(log, scenarioId);
  const ids = participantIds(log, scenarioId);
  const threads = ids.length < (opts.minWorkerParticipants ?? 2_000) ? 0 : Math.max(0, Math.floor(opts.threads ?? Math.max(1, availableParallelism() - 1)));
  if (threads === 0) {
    yield* statesAsOf(log, scenarioId, date, { run });
    return;
  }
  const size = Math.max(1, Math.floor(opts.slice ?? 256));
  const slices: { fromId: string; toId?: string }[] = [];
  for (let i = 0; i < ids.length; i += size) slices.push(i + size < ids.length ? { fromId: ids[i]!, toId: ids[i + size]! } : { fromId: ids[i]! });
  const n = slices.length;
  const local = (i: number): ParticipantState[] => [...statesAsOf(log, scenarioId, date, { run, ...slices[i]! })];
  const workerPool = workers(threads);
  const results = new Array<ParticipantState[] | undefined>(n);
  /** How far ahead of the slice handed out next slices are computed (bounds the states held). */
  const window = 4 * threads + 2;
  let consumed = 0;
  let dispatched = 0;
  let inFlight = 0;
  let workersFailed = false;
  let wake: (() => void) | null = null;
  const redo: number[] = [];
  try {
    while (consumed < n) {
      while (!workersFailed && inFlight < 2 * threads && dispatched < n && dispatched < consumed + window) {
        const i = dispatched++;
        inFlight++;
        workerPool.run({ dir: log.dir, scenarioId, date, ...slices[i]! }).then(
          (states) => void (results[i] = states),
          () => {
            workersFailed = true;
            redo.push(i);
          },
        ).finally(() => {
          inFlight--;
          wake?.();
        });
      }
      // A slice a worker failed on is computed here (throwing the error, if it is the log's).
      for (let i = redo.pop(); i !== undefined; i = redo.pop()) results[i] = local(i);
      const ready = results[consumed];
      if (ready !== undefined) {
        results[consumed++] = undefined;
        yield* ready;
        continue;
      }
      if ((opts.callerComputes !== false || workersFailed) && dispatched < n && dispatched < consumed + window) {
        const i = dispatched++;
        results[i] = local(i);
        // Let the workers' finished slices in and hand them new ones.
        await nextTurn();
        continue;
      }
      if (inFlight === 0) throw new Error(`statesAsOfThreaded: slice ${consumed} of ${n} was never computed`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    // However this ends (done, an error, the consumer stopping early), no slice is left running
    // on a worker: a caller may close the log or end the workers next, and a worker ended
    // inside an LMDB call aborts the whole process (seen in CI: a FATAL ERROR from lmdb's
    // cursor reset after a refused event ended the run while other slices were in flight).
    while (inFlight > 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
}
