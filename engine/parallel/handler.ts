/**
 * One partition host behind the task protocol (protocol.ts): what a worker thread runs, and
 * what a run with no worker threads calls on the main thread, so both go through the same
 * steps. Errors go back as tagged data, never as Error instances (they cross threads).
 */
import { RefusedEventError } from '../../actors/participant/participant.js';
import { PartitionHost } from './host.js';
import type { Reply, Task } from './protocol.js';

export type ProgressCallback = (year: number, done: number, total: number) => void;

/** A handler of tasks for one host, created on `init`; `progress` is passed to the host. */
export function hostHandler(progress?: ProgressCallback): (task: Task) => Reply<unknown> {
  let host: PartitionHost | null = null;
  const current = (): PartitionHost => {
    if (host === null) throw new Error('partition host not initialized (the worker restarted?)');
    return host;
  };
  const handle = (task: Task): unknown => {
    switch (task.op) {
      case 'init':
        host?.stop();
        host = new PartitionHost(task.init.scenario, task.init.snapshots, progress);
        return null;
      case 'begin':
        return current().begin(task.year);
      case 'year':
        return current().year(task.year, task.hires);
      case 'close':
        return current().close(task.year, task.proposals);
      case 'stop':
        host?.stop();
        host = null;
        return null;
    }
  };
  return (task) => {
    try {
      return { ok: handle(task) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { failed: e instanceof RefusedEventError ? 'refused' : 'error', message };
    }
  };
}
