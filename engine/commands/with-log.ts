/**
 * The shape every read command shares: refuse a folder that is not a log (exit 1, naming it),
 * open it, run, and always close it; and the choices several of them make alike: which
 * scenario, and whether a date is within the run.
 */
import type { Writable } from 'node:stream';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { isLog } from '../../storage/exists.js';
import { replayableRun } from '../../storage/state-as-of.js';
import type { ReplayableRun } from '../../storage/state-as-of.js';

export async function withLog<C extends 0 | 1 | 2>(command: string, dir: string, err: Writable, run: (log: EventLog) => Promise<C> | C): Promise<C | 1> {
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

/** Says that `dir` has no scenario `scenarioId` (exit 1), naming the ones it has. */
export function noSuchScenario(command: string, dir: string, log: EventLog, scenarioId: string, err: Writable): 1 {
  err.write(`vested ${command}: ${dir} has no scenario ${JSON.stringify(scenarioId)} (it has: ${log.scenarios().join(', ') || 'none'})\n`);
  return 1;
}

/**
 * The scenario a command reads: the one named, or the log's only one. Several and none named
 * is a usage error (2); a name the log does not have, or a log with none, exit 1.
 */
export function chooseScenario(command: string, dir: string, log: EventLog, requested: string | undefined, err: Writable): string | 1 | 2 {
  const scenarios = log.scenarios();
  if (requested !== undefined) return scenarios.includes(requested) ? requested : noSuchScenario(command, dir, log, requested, err);
  if (scenarios.length === 1) return scenarios[0]!;
  err.write(`vested ${command}: name the scenario with --scenario (${dir} has: ${scenarios.join(', ') || 'none'})\n`);
  return scenarios.length > 1 ? 2 : 1;
}

/**
 * True (and says so) when `asOf` is after the run's last complete year: a replay stops at the
 * run's end, so the state shown would be that day's under a later date.
 */
export function afterRunEnd(command: string, dir: string, scenarioId: string, asOf: string, lastYear: number, err: Writable): boolean {
  const end = `${lastYear}-12-31`;
  if (asOf <= end) return false;
  err.write(`vested ${command}: --as-of: ${asOf} is after the end of the run of ${scenarioId} in ${dir} (${end})\n`);
  return true;
}

/**
 * The scenario's run, to replay from, or null once `err` says why there is none (an ingested
 * scenario, or a stored plan design that does not decode): the command exits 1.
 */
export function runOf(command: string, log: EventLog, scenarioId: string, err: Writable): ReplayableRun | null {
  try {
    return replayableRun(log, scenarioId);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    err.write(`vested ${command}: ${e.message}\n`);
    return null;
  }
}
