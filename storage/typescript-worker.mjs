// The entry of every worker thread this package starts through piscina (typescript-worker.ts):
// registers tsx's ESM loader in the thread, then imports the TypeScript module named by the
// pool's workerData and hands piscina its default export.
import { register } from 'tsx/esm/api';
import { workerData } from 'piscina';

register();
const { default: handler } = await import(workerData.module);
export default handler;
