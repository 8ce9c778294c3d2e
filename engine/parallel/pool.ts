/**
 * The worker threads of a parallel run. Piscina has no task-to-worker affinity, so each
 * thread is its own pool (min = max = 1 thread, never idled out): tasks sent to pool i always
 * reach the worker holding host i's participants, one at a time, in order.
 */
import { Piscina } from 'piscina';
import { RefusedEventError } from '../../actors/participant/participant.js';
import type { Reply, Task } from './protocol.js';

const WORKER = new URL('./worker.ts', import.meta.url).href;
/** The longest timer Node accepts; a larger idleTimeout would fire at once. */
const NEVER = 2 ** 31 - 1;

export class HostPool {
  private readonly pool: Piscina;

  constructor(readonly index: number) {
    this.pool = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: 1, idleTimeout: NEVER, concurrentTasksPerWorker: 1 });
  }

  /** Runs a task on the host; a host failure is rethrown here as the error it was. */
  async call<T>(task: Task): Promise<T> {
    const reply = (await this.pool.run(task)) as Reply<T>;
    if ('ok' in reply) return reply.ok;
    throw reply.failed === 'refused' ? new RefusedEventError(reply.message) : new Error(reply.message);
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
