/**
 * `vested balances DIR --as-of DATE [--scenario ID] [--format csv|jsonl] [--threads N]`: every
 * participant hired by the end of DATE, in employee-id order, with its status and the balance
 * and vested amount of each source then: the seed system's weekly balance table ("balances as
 * of Friday"), answered from the log (statesAsOfThreaded) instead of stored. Each row is what
 * `vested history DIR ID --as-of DATE` shows of that participant's state, in the same words.
 * Rows are written as the states come, in ~64 KB writes that wait for stdout to drain, so
 * 100,000 participants are never held at once.
 * Exit 1 when DIR is not a log, names no such scenario, holds no run of it, or DATE is not a
 * date (like `history`) or is after the run's last complete year; 2 on usage errors (no
 * --as-of, a bad --format or --threads, several scenarios and none chosen).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Option } from 'commander';
import type { Command } from 'commander';
import { CONTRIBUTION_SOURCES } from '../../actors/events/enums.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import type { ParticipantState } from '../../storage/state-as-of.js';
import { closeStatesThreads, statesAsOfThreaded } from '../../storage/states-as-of-threads.js';
import { afterRunEnd, chooseScenario, runOf, withLog } from './with-log.js';
import { parseAsOf } from './as-of.js';
import { encodeState } from './history.js';
import { parseThreads } from './run.js';

export type BalancesFormat = 'csv' | 'jsonl';

export interface BalancesOptions {
  readonly asOf: string;
  readonly scenario?: string;
  /** Default csv. */
  readonly format?: BalancesFormat;
  /** Worker threads besides this one (0: in process); default statesAsOfThreaded's (the machine's cores less one, at least 1). */
  readonly threads?: number;
  /** Below this many participants everything is computed in process (statesAsOfThreaded's default, 2,000); specs lower it to exercise the workers. */
  readonly minWorkerParticipants?: number;
}

/** One row: the state's status and amounts in interchange units, every source present ("0.00" when empty) so the columns never change. */
interface Row {
  readonly employeeId: string;
  readonly status: string;
  readonly balances: Record<string, string>;
  readonly vestedBalances: Record<string, string>;
}

function row(s: ParticipantState): Row {
  // history's encoding, so a row says exactly what `vested history --as-of` says of the participant.
  const e = encodeState(s) as { status: string; balances: Record<string, string>; vestedBalances: Record<string, string> };
  const balances: Record<string, string> = {};
  const vestedBalances: Record<string, string> = {};
  for (const source of CONTRIBUTION_SOURCES) {
    balances[source] = e.balances[source] ?? '0.00';
    vestedBalances[source] = e.vestedBalances[source] ?? '0.00';
  }
  return { employeeId: s.employeeId, status: e.status, balances, vestedBalances };
}

/** RFC 4180: a field with a quote, comma or line break goes in quotes, its quotes doubled (a status of parallel states holds commas). */
const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The CSV header: the census's `balance_<source>` names, and `vested_<source>`. */
export const BALANCES_CSV_HEADER: readonly string[] = [
  'employee_id',
  'status',
  ...CONTRIBUTION_SOURCES.map((s) => `balance_${s}`),
  ...CONTRIBUTION_SOURCES.map((s) => `vested_${s}`),
];

const line: Record<BalancesFormat, (r: Row) => string> = {
  csv: (r) =>
    [r.employeeId, r.status, ...CONTRIBUTION_SOURCES.map((s) => r.balances[s]!), ...CONTRIBUTION_SOURCES.map((s) => r.vestedBalances[s]!)].map(csvField).join(','),
  jsonl: (r) => JSON.stringify(r),
};

const CHUNK = 1 << 16;

export async function balancesCommand(dir: string, opts: BalancesOptions, out: Writable, err: Writable): Promise<0 | 1 | 2> {
  const asOf = parseAsOf('balances', opts.asOf, err);
  if (asOf === null) return 1;
  const format = opts.format ?? 'csv';
  return withLog('balances', dir, err, async (log) => {
    const scenarioId = chooseScenario('balances', dir, log, opts.scenario, err);
    if (typeof scenarioId !== 'string') return scenarioId;
    // Refuses, naming the folder, a scenario that was ingested rather than run: no snapshots to start from.
    const run = runOf('balances', log, scenarioId, err);
    if (run === null || afterRunEnd('balances', dir, scenarioId, asOf, run.lastYear, err)) return 1;
    let text = format === 'csv' ? `${BALANCES_CSV_HEADER.join(',')}\n` : '';
    try {
      const states = statesAsOfThreaded(log, scenarioId, asOf, {
        run,
        ...(opts.threads === undefined ? {} : { threads: opts.threads }),
        ...(opts.minWorkerParticipants === undefined ? {} : { minWorkerParticipants: opts.minWorkerParticipants }),
      });
      for await (const s of states) {
        text += `${line[format](row(s))}\n`;
        if (text.length >= CHUNK) {
          const ok = out.write(text);
          text = '';
          if (!ok) await once(out, 'drain');
        }
      }
    } catch (e) {
      if (!(e instanceof RefusedEventError)) throw e;
      if (text !== '') out.write(text);
      err.write(`vested balances: ${dir}: ${e.message}\n`);
      return 1;
    }
    if (text !== '' && !out.write(text)) await once(out, 'drain');
    return 0;
  });
}

export function registerBalances(program: Command): void {
  program
    .command('balances')
    .description("every participant's status, balance and vested amount by source as of a date (e.g. each Friday), from the log")
    .argument('<dir>', 'log folder')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD: balances at the end of that day')
    .option('--scenario <id>', 'scenario (needed when the log holds several)')
    .addOption(new Option('--format <format>', 'csv with a header line, or one JSON object per line').choices(['csv', 'jsonl']).default('csv'))
    .option('--threads <n>', 'worker threads besides this one (default: the machine cores less one; 0: in process)', parseThreads)
    .action(async (dir: string, o: { asOf: string; scenario?: string; format: BalancesFormat; threads?: number }) => {
      try {
        process.exitCode = await balancesCommand(
          dir,
          { asOf: o.asOf, format: o.format, ...(o.scenario === undefined ? {} : { scenario: o.scenario }), ...(o.threads === undefined ? {} : { threads: o.threads }) },
          process.stdout,
          process.stderr,
        );
      } finally {
        await closeStatesThreads();
      }
    });
}
