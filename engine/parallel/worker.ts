/**
 * The piscina worker of a parallel run: one partition host per thread (each Piscina pool of
 * a run has exactly one thread, so the host's participants stay put across years). Errors
 * go back as tagged data (protocol.ts), never as Error instances. A close reply's buffers are
 * transferred, not copied: a year of segment records is hundreds of MB at 100,000 employees.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { hostHandler } from './handler.js';
import type { PackedCloseReply, Task } from './protocol.js';

const handle = hostHandler({ packed: true });

/**
 * A full collection after each year's close, while the main thread merges and commits: the
 * host then holds the least it ever does (its participants at rest), and V8 sizes the next
 * year's heap from that, not from the year's peak. Without it a worker's heap grew to twice as
 * much at 100,000 employees. (`gc` is V8's own function, exposed by its flag; the flag is read
 * when a context is made, hence the new context, and turned off again at once.)
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
// V8 flags are the process's: contexts made later (an embedder's) get no `gc` from this.
setFlagsFromString('--no-expose-gc');

export default function run(task: Task): unknown {
  const reply = handle(task);
  if (task.op !== 'close' || !('ok' in reply)) return reply;
  setImmediate(collect); // after the reply has gone
  const c = reply.ok as PackedCloseReply;
  const buffers = [c.segments.records, c.snapshots, c.hires.snapshots].flatMap((r) => [r.bytes.buffer, r.ends.buffer]);
  return move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return reply;
    },
  } as never);
}
