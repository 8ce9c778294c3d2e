/**
 * `vested replay DIR [--as-of DATE] [--scenario ID]`: replays every participant of each run in
 * DIR through fresh participant machines, from the snapshot taken at its hire, and checks that
 * every derived event equals the log and every year-end state equals the stored snapshot.
 * Exit 0 when all agree, 1 naming each difference, or when --scenario names none of DIR's
 * scenarios or one that was ingested rather than run (no snapshots to replay from).
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { IsoDate } from '../../rules/calendar.js';
import { replayScenario } from '../../storage/state-as-of.js';
import { noSuchScenario, runOf, withLog } from './with-log.js';
import { parseAsOf } from './as-of.js';

export async function replayCommand(dir: string, opts: { asOf?: string; scenario?: string }, out: Writable, err: Writable): Promise<0 | 1> {
  let until: IsoDate | undefined;
  if (opts.asOf !== undefined) {
    const d = parseAsOf('replay', opts.asOf, err);
    if (d === null) return 1;
    until = d;
  }
  return withLog('replay', dir, err, async (log) => {
    if (opts.scenario !== undefined && !log.scenarios().includes(opts.scenario)) return noSuchScenario('replay', dir, log, opts.scenario, err);
    const scenarios = opts.scenario === undefined ? log.scenarios().filter((s) => log.getMetadata(s) !== undefined) : [opts.scenario];
    let failed = false;
    for (const scenarioId of scenarios) {
      const run = runOf('replay', log, scenarioId, err);
      if (run === null) return 1;
      const r = replayScenario(log, scenarioId, until, run);
      for (const d of r.differences.slice(0, 50)) err.write(`${scenarioId}: ${d.employeeId}${d.date === '' ? '' : ` on ${d.date}`}: ${d.what}\n`);
      if (r.differences.length > 50) err.write(`… and ${r.differences.length - 50} more differences\n`);
      failed ||= r.differences.length > 0;
      out.write(
        `${scenarioId}: replayed ${r.participants} participants${until === undefined ? '' : ` through ${until}`}, ` +
          `${r.snapshotsCompared} year-end snapshots compared: ${r.differences.length === 0 ? 'identical' : `${r.differences.length} differences`}\n`,
      );
    }
    return failed ? 1 : 0;
  });
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay the log through fresh participant machines and report any difference')
    .argument('<dir>', 'log folder')
    .option('--as-of <date>', 'replay through this date (YYYY-MM-DD)')
    .option('--scenario <id>', 'only this scenario')
    .action(async (dir: string, o: { asOf?: string; scenario?: string }) => {
      process.exitCode = await replayCommand(dir, o, process.stdout, process.stderr);
    });
}
