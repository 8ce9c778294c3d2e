/**
 * `vested check DIR`: verifies the log's integrity (sequences, ids, indexes, snapshots, run
 * metadata; storage/check.ts). Exit 0 with a one-line OK summary, or exit 1 naming every
 * problem found (up to 200).
 */
import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { checkLog } from '../../storage/check.js';
import { withLog } from './with-log.js';

export async function checkCommand(dir: string, out: Writable, err: Writable): Promise<0 | 1> {
  return withLog('check', dir, err, async (log) => {
    const r = checkLog(log);
    if (r.problems.length > 0) {
      out.write(r.problems.map((p) => `${dir}: ${p}\n`).join(''));
      out.write(`${dir}: ${r.problems.length} problem(s) found\n`);
      return 1;
    }
    out.write(`OK ${dir}: ${r.scenarios} scenario(s), ${r.events} events in ${r.segments} segments, ${r.participants} participant(s), ${r.snapshots} snapshot(s)\n`);
    return 0;
  });
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
