/**
 * A full garbage collection, on demand, for the points of a run where a thread holds the least
 * it ever does (a year just handed over). V8 sizes the heap it grows to from what the last full
 * collection left; left to itself it collected a run's dead year-sized buffers late, so a
 * 100,000-employee run peaked far above what it held.
 *
 * `gc` is V8's own function, exposed by its flag (set by heap-flags.ts), which is read when a
 * context is made: the main thread takes `gc` from a new context, workers find it on their own
 * global (none asks: see parallel/worker.ts). A worker started before the flag was set has no
 * `gc`, and does without.
 */
import './heap-flags.js';
import { isMainThread } from 'node:worker_threads';
import { runInNewContext } from 'node:vm';

const gc = (globalThis as { gc?: () => void }).gc ?? (isMainThread ? (runInNewContext('gc') as () => void) : undefined);

export function collectGarbage(): void {
  gc?.();
}
