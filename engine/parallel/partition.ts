/**
 * Partitions of a run's workforce (DESIGN.md "The run", "Parallel"). The count is a constant,
 * not the thread count: an employee's partition, and so everything a partition computes, is
 * the same whether 1, 2 or 16 threads run them. Partition p lives on thread p mod threads;
 * a thread keeps its partitions (and their participants) for the whole run.
 */
import { hashString } from '../random.js';

/**
 * 16 partitions: enough to spread evenly over up to 16 threads (more threads than that would
 * idle), few enough that per-partition bookkeeping stays negligible. Changing it does not
 * change a run's output (each participant's story is independent of where it runs; the main
 * thread merges in employee-id order), only how work is spread.
 */
export const PARTITIONS = 16;

/** The host threads a run asks for `threads` runs on: at least one, and no more than there are partitions (another would idle). */
export const hostThreadCount = (threads: number): number => Math.max(1, Math.min(threads, PARTITIONS));

/** The partition of an employee: a stable hash of the id, so a new hire's is known in advance. */
export const partitionOf = (employeeId: string): number => (hashString(employeeId) >>> 0) % PARTITIONS;

/** The thread (host index) that runs `partition` when `threads` threads run the partitions. */
export const threadOf = (partition: number, threads: number): number => partition % threads;

/** The host index of an employee's partition. */
export const hostOf = (employeeId: string, threads: number): number => threadOf(partitionOf(employeeId), threads);

/** Splits items among `threads` hosts by the employee id `idOf` gives, keeping their order. */
export function byHost<T>(items: Iterable<T>, threads: number, idOf: (t: T) => string): T[][] {
  const out: T[][] = Array.from({ length: threads }, () => []);
  for (const t of items) out[hostOf(idOf(t), threads)]!.push(t);
  return out;
}
