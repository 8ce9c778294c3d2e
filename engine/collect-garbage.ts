/**
 * A full garbage collection, on demand, for the points of a run where a thread holds the least
 * it ever does (a year just handed over). V8 sizes the heap it grows to from what the last full
 * collection left; left to itself it collects a run's dead year-sized buffers late, so a
 * 100,000-employee run peaked far above what it held. `gc` is V8's own function, exposed by
 * its flag; the flag is read when a context is made, hence the new context, and it is turned
 * off again at once (V8 flags are the process's: contexts made later get no `gc` from this).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');
