/**
 * The piscina worker of a parallel run: one partition host per thread (each Piscina pool of
 * a run has exactly one thread, so the host's participants stay put across years). Errors
 * go back as tagged data (protocol.ts), never as Error instances. A close reply's buffers are
 * transferred, not copied: a year of segment records is hundreds of MB at 100,000 employees.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { collectGarbage } from '../collect-garbage.js';
import { hostHandler } from './handler.js';
import type { PackedCloseReply, Task } from './protocol.js';

const handle = hostHandler({ packed: true });

export default function run(task: Task): unknown {
  const reply = handle(task);
  // Collect once the reply has gone, while the main thread works on it: after a year, last
  // year's records of the participants now at rest again are garbage (before the close packs
  // the year's output); after a close, the host holds the least it ever does.
  if ((task.op === 'year' || task.op === 'close') && 'ok' in reply) setImmediate(collectGarbage);
  if (task.op !== 'close' || !('ok' in reply)) return reply;
  const c = reply.ok as PackedCloseReply;
  const { chunks, chunkOf, starts, ends } = c.segments.records;
  const buffers = [
    ...chunks.map((k) => k.buffer),
    chunkOf.buffer,
    starts.buffer,
    ends.buffer,
    ...[c.snapshots, c.hires.snapshots].flatMap((r) => [r.bytes.buffer, r.ends.buffer]),
  ];
  return move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return reply;
    },
  } as never);
}
