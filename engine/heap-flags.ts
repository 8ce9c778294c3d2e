/**
 * The V8 flags a run sets for the whole process, once, from the main thread, when a run's
 * modules load (before the run starts any worker). V8 flags are the process's: a worker
 * changing them while another worker started made that one fail to load its modules.
 *
 * - `--expose-gc`, for collect-garbage.ts.
 * - `--no-allocation-site-pretenuring`. V8 watches how many objects of each allocation site
 *   outlive a young-generation collection and, past a threshold, allocates that site's objects
 *   straight in the old generation. Now and then (a run in three, at random, on either thread)
 *   it decided so for a site of a participant's per-transition state: from then on every
 *   event a participant derived was referenced from the old generation, survived the young
 *   collections and was promoted — 8 % of what a worker allocated instead of 0.5 %, three
 *   times the promoted bytes, twice the collection pauses and a fifth more wall time in that
 *   run. Without pretenuring a run promotes a little more at its best (the census kept a
 *   year lives through one more collection) and never falls into that.
 */
import { isMainThread } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';

if (isMainThread) {
  setFlagsFromString('--expose-gc');
  setFlagsFromString('--no-allocation-site-pretenuring');
}
