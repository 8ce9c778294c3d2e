/**
 * The piscina worker of a parallel run: one partition host per thread (each Piscina pool of
 * a run has exactly one thread, so the host's participants stay put across years). Errors
 * go back as tagged data (protocol.ts), never as Error instances.
 */
import { RefusedEventError } from '../../actors/participant/participant.js';
import { PartitionHost } from './host.js';
import type { Reply, Task } from './protocol.js';

let host: PartitionHost | null = null;

function current(): PartitionHost {
  if (host === null) throw new Error('partition host not initialized (the worker restarted?)');
  return host;
}

export function handle(task: Task): unknown {
  switch (task.op) {
    case 'init':
      host?.stop();
      host = PartitionHost.create(task.init);
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
}

export default function run(task: Task): Reply<unknown> {
  try {
    return { ok: handle(task) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { failed: e instanceof RefusedEventError ? 'refused' : 'error', message };
  }
}
