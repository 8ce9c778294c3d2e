/**
 * Where a run's partition hosts live. On worker threads: piscina has no task-to-worker
 * affinity, so each thread is its own pool (min = max = 1 thread, never idled out): tasks sent
 * to pool i always reach the worker holding host i's participants, one at a time, in order.
 * With no worker threads, one host runs on the main thread behind the same calls.
 */
import { Piscina } from 'piscina';
import { workerExecArgv } from '../../storage/worker-exec-argv.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { unpackClose } from './protocol.js';
import type { PackedCloseReply, Reply, Task } from './protocol.js';
import { hostHandler } from './handler.js';
import type { ProgressCallback } from './handler.js';

const WORKER = new URL('./worker.ts', import.meta.url).href;
/** The longest timer Node accepts; a larger idleTimeout would fire at once. */
const NEVER = 2 ** 31 - 1;

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
    const execArgv = workerExecArgv();
    this.pool = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: 1, idleTimeout: NEVER, concurrentTasksPerWorker: 1, ...(execArgv === undefined ? {} : { execArgv }) });
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
