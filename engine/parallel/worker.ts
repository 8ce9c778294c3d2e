/**
 * The piscina worker of a parallel run: one partition host per thread (each Piscina pool of
 * a run has exactly one thread, so the host's participants stay put across years). Errors
 * go back as tagged data (protocol.ts), never as Error instances. A close reply's buffers are
 * transferred, not copied: a year of segment records is hundreds of MB at 100,000 employees.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { hostHandler } from './handler.js';
import type { PackedCloseReply, Task } from './protocol.js';

const handle = hostHandler({ packed: true });

export default function run(task: Task): unknown {
  const reply = handle(task);
  // No collection is asked for between tasks: with piscina's default (sync) atomics a worker
  // waits for its next task blocked in Atomics.wait, so an immediate set here never ran, and
  // the memory figures (perf/headline.bench.ts) were measured without it.
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
