/**
 * Where a run's partition hosts live. On worker threads: piscina has no task-to-worker
 * affinity, so each thread is its own pool (min = max = 1 thread, never idled out): tasks sent
 * to pool i always reach the worker holding host i's participants, one at a time, in order
 * (`stricterFIFO`).
 * With no worker threads, one host runs on the main thread behind the same calls.
 */
import { Piscina } from 'piscina';
import { typescriptWorker } from '../../storage/typescript-worker.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { unpackClose } from './protocol.js';
import type { PackedCloseReply, Reply, Task } from './protocol.js';
import { hostHandler } from './handler.js';
import { hostThreadCount } from './partition.js';
import type { ProgressCallback } from './handler.js';

const WORKER = new URL('./worker.ts', import.meta.url).href;
/** The longest timer Node accepts; a larger idleTimeout would fire at once. */
const NEVER = 2 ** 31 - 1;
/**
 * A host's young generation, twice V8's default (48 MB: three 16 MB semi-spaces). A worker
 * allocates ~100 KB per participant-year that dies within the participant (events, machine
 * snapshots, working copies); with twice the room between scavenges fewer of them are caught
 * alive and copied. 100,000 × 3 years on 2 threads, alternating runs on a shared machine:
 * 25.6, 26.1, 30.5, 27.9, 36.0 s wall and 47.8 s CPU on average, against 28.2, 27.8, 30.3, 32.9,
 * 31.3 s and 50.8 s CPU with the default (64 and 128 MB measured in between).
 */
const YOUNG_GENERATION_MB = 96;

/** A partition host the main thread talks to, wherever it runs. */
export interface Host {
  /** Runs a task on the host; a host failure is rethrown here as the error it was. */
  call<T>(task: Task): Promise<T>;
  destroy(): Promise<void>;
}

const unwrap = <T>(reply: Reply<T>): T => {
  if ('ok' in reply) return reply.ok;
  throw reply.failed === 'refused' ? new RefusedEventError(reply.message) : new Error(reply.message);
};

export class HostPool implements Host {
  private readonly pool: Piscina;

  constructor(readonly index: number) {
    this.pool = new Piscina({
      ...typescriptWorker(WORKER), minThreads: 1, maxThreads: 1, idleTimeout: NEVER, concurrentTasksPerWorker: 1,
      // The protocol's order is the queue's: without this, a task piscina takes off the queue
      // and cannot hand over at that moment goes to the back, behind tasks that need it done.
      stricterFIFO: true,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  }

  /** Runs a task on the host; a host failure is rethrown here as the error it was. */
  async call<T>(task: Task): Promise<T> {
    const reply = unwrap((await this.pool.run(task)) as Reply<T>);
    return task.op === 'close' ? (unpackClose(reply as PackedCloseReply) as T) : reply;
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * Host threads started ahead of a run ({@link startHostPools}), until a run takes them. A worker
 * thread takes about a second to load this package's modules, about as long as the main
 * thread takes to parse a 100,000-row census: started first, they load side by side.
 */
let early: HostPool[] = [];

/**
 * Starts now, e.g. before its scenario loads, the threads a run given `threads` (runToLog's
 * option: 0 runs in process, and needs none) will run on.
 */
export function startHostPools(threads: number): readonly HostPool[] {
  void stopHostPools();
  early = threads > 0 ? Array.from({ length: hostThreadCount(threads) }, (_, i) => new HostPool(i)) : [];
  return early;
}

/** The threads of a run: those started early when there are as many, else new ones. */
export function takeHostPools(threads: number): HostPool[] {
  if (early.length === threads) {
    const taken = early;
    early = [];
    return taken;
  }
  void stopHostPools();
  return Array.from({ length: threads }, (_, i) => new HostPool(i));
}

/** Lets go of threads started early that no run took (the scenario did not load, the run was already complete). */
export async function stopHostPools(): Promise<void> {
  const left = early;
  early = [];
  await Promise.all(left.map((p) => p.destroy().catch(() => undefined)));
}

/** The host of a run with no worker threads: on the main thread, reporting progress within a year. */
export class LocalHost implements Host {
  private readonly handle: (task: Task) => Reply<unknown>;

  constructor(progress?: ProgressCallback) {
    this.handle = hostHandler({ packed: false, ...(progress === undefined ? {} : { progress }) });
  }

  async call<T>(task: Task): Promise<T> {
    return unwrap(this.handle(task) as Reply<T>);
  }

  async destroy(): Promise<void> {
    this.handle({ op: 'stop' });
  }
}
