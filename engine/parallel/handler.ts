/**
 * One partition host behind the task protocol (protocol.ts): what a worker thread runs, and
 * what a run with no worker threads calls on the main thread, so both go through the same
 * steps. Errors go back as tagged data, never as Error instances (they cross threads).
 */
import { RefusedEventError } from '../../actors/participant/participant.js';
import { PartitionHost } from './host.js';
import { packClose } from './protocol.js';
import type { Reply, Task } from './protocol.js';

export type ProgressCallback = (year: number, done: number, total: number) => void;

/**
 * A handler of tasks for one host, created on `init`; `progress` is passed to the host. On a
 * worker thread (`packed`), the close reply is packed to cross threads (protocol.ts).
 */
export function hostHandler(opts: { readonly packed: boolean; readonly progress?: ProgressCallback }): (task: Task) => Reply<unknown> {
  const { packed, progress } = opts;
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
      case 'run':
        current().run(task.year);
        return null;
      case 'year':
        return current().year(task.year, task.hires);
      case 'close': {
        const closed = current().close(task.year, task.proposals, task.snapshots ?? true);
        return packed ? packClose(closed) : closed;
      }
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
