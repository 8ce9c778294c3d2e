/**
 * The worker threads that decode an ingest's chunks (ingest-worker.ts), started now or only
 * when they would help. A worker is ~0.3 s from its first result and costs ~0.5 s of CPU
 * before it has paid for itself (tsx and the codecs load again in it, V8 compiles the decoding
 * again for it on its background threads), so on a machine without an idle core, or for a file
 * this thread decodes in well under a second, a worker only slows the ingest down: measured on
 * a 2-core machine with one core busy elsewhere, 175k events/s with a worker against 250k/s
 * without. In `auto` mode the pool therefore starts as many workers as the machine had cores
 * that no other process used while this thread decoded its first ~40 ms, if at least 64 MiB of
 * the file are left; otherwise none. (Starting them at once and stopping them after 40 ms cost
 * ~5% on a busy machine, and gained nothing measurable on an idle one.)
 *
 * Only where chunks are decoded depends on this, never what they decode to.
 */
import { availableParallelism, cpus } from 'node:os';
import { Piscina } from 'piscina';
import type { DecodeTask } from './ingest-worker.js';
import { typescriptWorker } from './typescript-worker.js';

const WORKER = new URL('./ingest-worker.ts', import.meta.url).href;

/**
 * Chunks sent to a worker at a time. Piscina posts a task to a worker from the calling thread's
 * event loop, which is busy decoding a chunk of its own (~10 ms) when a worker finishes one;
 * tasks already posted let the worker go on to the next without waiting for it.
 */
export const PER_WORKER = 3;

/**
 * Bytes of the file left to decode below which no worker is started: this thread decodes them
 * in ~0.6 s (~10 ns a byte once warm; measured ~0.3 s for 35 MB), about twice what a worker
 * takes to start and warm up before it decodes as fast.
 */
const MIN_BYTES_LEFT = 64 << 20;
/** How long this thread decodes before `auto` decides (long enough to measure idle cores). */
const DECIDE_AFTER_MS = 40;

/** One core is the calling thread's; a single-core machine decodes in process. */
export const defaultThreads = (): number => availableParallelism() - 1;

/** Workers worth starting: one per idle core (up to `max`), if enough of the file is left to pay for their start. */
export function workersWorthStarting(max: number, idleCores: number, bytesLeft: number): number {
  if (bytesLeft < MIN_BYTES_LEFT) return 0;
  return Math.max(0, Math.min(max, Math.floor(idleCores + 0.5)));
}

/**
 * Milliseconds of CPU no other process used: the cores' idle time since boot (os.cpus(), in ms
 * on every platform Node supports) plus this process's own CPU time (its GC and compiler
 * threads count as available: they are its own).
 */
function freeMs(): number {
  const own = process.cpuUsage();
  return cpus().reduce((sum, c) => sum + c.times.idle, 0) + (own.user + own.system) / 1000;
}

export class DecodePool {
  /** Set once a worker failed; from then on nothing is sent to the workers. */
  failed = false;
  /** Called when a worker fails outside of a task (one that cannot start reports only here). */
  onFailure: (() => void) | null = null;
  private pool: Piscina<DecodeTask, Uint8Array> | null = null;
  private workers = 0;
  /** False until `auto` has decided on workers. */
  private decided = true;
  private readonly since = performance.now();
  private readonly freeSince = freeMs();
  private destroyed: Promise<void> | null = null;

  private constructor(private readonly max: number) {}

  /** `threads` workers, started now. */
  static start(threads: number): DecodePool {
    const p = new DecodePool(threads);
    p.launch(threads);
    return p;
  }

  /** At most `max` workers for a file of `bytes`, started by {@link consider} if they would help. */
  static auto(max: number, bytes: number): DecodePool {
    const p = new DecodePool(max);
    p.decided = max <= 0 || bytes < MIN_BYTES_LEFT;
    return p;
  }

  /** Workers running, and none failed: chunks may be sent. */
  get threads(): number {
    return this.pool === null || this.failed ? 0 : this.workers;
  }

  /**
   * In `auto` mode, once this thread has decoded for a while: starts the workers worth
   * starting, given the bytes of the file left to decode.
   */
  consider(bytesLeft: number): void {
    if (this.decided) return;
    const elapsed = performance.now() - this.since;
    if (elapsed < DECIDE_AFTER_MS) return;
    this.decided = true;
    // cores no other process used meanwhile, less the one this thread takes
    const idleCores = (freeMs() - this.freeSince) / elapsed - 1;
    this.launch(workersWorthStarting(this.max, idleCores, bytesLeft));
  }

  private launch(threads: number): void {
    if (threads <= 0) return;
    try {
      const pool = new Piscina<DecodeTask, Uint8Array>({
        ...typescriptWorker(WORKER), minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: PER_WORKER,
      });
      pool.on('error', () => {
        this.failed = true;
        this.onFailure?.();
      });
      this.pool = pool;
      this.workers = threads;
    } catch {
      // options a worker refuses, say: decode in process
      this.failed = true;
    }
  }

  run(task: DecodeTask): Promise<Uint8Array> {
    if (this.pool === null) return Promise.reject(new Error('no decoding workers'));
    return this.pool.run(task);
  }

  /** Stops the workers (once, however often called). */
  destroy(): Promise<void> {
    return (this.destroyed ??= this.pool?.destroy() ?? Promise.resolve());
  }
}
