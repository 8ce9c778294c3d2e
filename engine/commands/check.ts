/**
 * `vested check DIR`: verifies the log's integrity (sequences, ids, indexes, snapshots, run
 * metadata; storage/check.ts). Exit 0 with a one-line OK summary, or exit 1 naming every
 * problem found (up to 200).
 */
import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { openLog } from '../../storage/log.js';
import { checkLog } from '../../storage/check.js';
import { isLog } from '../../storage/exists.js';

export async function checkCommand(dir: string, out: Writable, err: Writable): Promise<0 | 1> {
  if (!isLog(dir)) {
    err.write(`vested check: ${dir} is not a vested log (no data.mdb)\n`);
    return 1;
  }
  const log = openLog(dir);
  try {
    const r = checkLog(log);
    if (r.problems.length > 0) {
      out.write(r.problems.map((p) => `${dir}: ${p}\n`).join(''));
      out.write(`${dir}: ${r.problems.length} problem(s) found\n`);
      return 1;
    }
    out.write(`OK ${dir}: ${r.scenarios} scenario(s), ${r.events} events in ${r.segments} segments, ${r.participants} participant(s), ${r.snapshots} snapshot(s)\n`);
    return 0;
  } finally {
    await log.close();
  }
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('verify the integrity of the log in DIR; exit 1 naming each problem')
    .argument('<dir>', 'log folder')
    .action(async (dir: string) => {
      process.exitCode = await checkCommand(dir, process.stdout, process.stderr);
    });
}
