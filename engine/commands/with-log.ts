/**
 * The shape every read command shares: refuse a folder that is not a log (exit 1, naming it),
 * open it, run, and always close it.
 */
import type { Writable } from 'node:stream';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { isLog } from '../../storage/exists.js';

export async function withLog(command: string, dir: string, err: Writable, run: (log: EventLog) => Promise<0 | 1> | 0 | 1): Promise<0 | 1> {
  if (!isLog(dir)) {
    err.write(`vested ${command}: ${dir} is not a vested log (no data.mdb)\n`);
    return 1;
  }
  const log = openLog(dir);
  try {
    return await run(log);
  } finally {
    await log.close();
  }
}
