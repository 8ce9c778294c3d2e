/**
 * The piscina worker of a parallel run: one partition host per thread (each Piscina pool of
 * a run has exactly one thread, so the host's participants stay put across years). Errors
 * go back as tagged data (protocol.ts), never as Error instances.
 */
import { hostHandler } from './handler.js';

export default hostHandler({ packed: true });
