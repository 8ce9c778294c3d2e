/** Whether a folder holds a log, so that reading commands never create one by accident. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const isLog = (dir: string): boolean => existsSync(join(dir, 'data.mdb'));
