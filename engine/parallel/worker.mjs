// The entry of a partition host's worker thread: tsx's ESM loader registered in this thread,
// then the TypeScript worker imported as ES modules (see pool.ts for why not through piscina's
// require of worker.ts).
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./worker.ts');
export default run;
