/**
 * How a piscina pool of this package starts its threads: a plain ES module entry
 * (typescript-worker.mjs) that registers tsx's ESM loader in the thread and imports the
 * TypeScript worker module, with the process's module-loading options other than tsx's.
 *
 * Given the .ts file itself, piscina first tries `require()`, which tsx's CommonJS hook (in
 * the options a worker inherits) answers: the worker's whole module graph then ran as
 * CommonJS, where each call into another module goes through two export getters of esbuild's
 * output, ~6 % of a partition host's time. tsx does not register its ESM loader in worker
 * threads by itself on Node 20, hence the entry. The main thread's modules are ES modules too.
 */
import { workerExecArgv } from './worker-exec-argv.js';

const ENTRY = new URL('./typescript-worker.mjs', import.meta.url).href;

/** The piscina options that run `moduleUrl`'s default export (a file: URL of a .ts module) on each thread. */
export function typescriptWorker(moduleUrl: string): { readonly filename: string; readonly workerData: { readonly module: string }; readonly execArgv: string[] } {
  return { filename: ENTRY, workerData: { module: moduleUrl }, execArgv: workerExecArgv() };
}
