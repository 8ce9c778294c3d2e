/**
 * `vested history DIR EMPLOYEE_ID [--as-of DATE] [--scenario ID] [--json]`: a participant's
 * events (through DATE) and state on that date: status, elections, balances by source and
 * vested amounts, rebuilt from the latest snapshot and the events after it. Exit 1 when DIR is
 * not a log, names no such scenario or participant, or DATE is not a date or is after the
 * run's last complete year (as `balances`); 2 when the log holds several scenarios and none is named.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { IsoDate } from '../../rules/calendar.js';
import { formatMoney, formatRate } from '../../rules/units.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { vestedAmount } from '../../rules/vesting.js';
import { eventToJsonLine, encodeEvent } from '../../actors/events/index.js';
import { EMPLOYER_SOURCES } from '../../actors/participant/context.js';
import { statePath } from '../../actors/participant/machine.js';
import { stateAsOf } from '../../storage/state-as-of.js';
import type { ParticipantState } from '../../storage/state-as-of.js';
import { afterRunEnd, chooseScenario, runOf, withLog } from './with-log.js';
import { parseAsOf } from './as-of.js';

/** The state in interchange units: money "1234.50", rates "0.0600". */
export function encodeState(s: ParticipantState): Record<string, unknown> {
  const c = s.context;
  const balances: Record<string, string> = {};
  const vested: Record<string, string> = {};
  for (const [source, amount] of Object.entries(s.balances)) {
    if (amount === undefined || amount === 0) continue;
    balances[source] = formatMoney(amount);
    // On the termination date the unvested part was forfeited (RULES §8): what is left is vested.
    const employer = (EMPLOYER_SOURCES as readonly string[]).includes(source) && c.termination === null;
    const rate = employer ? (s.vestedRates[source as keyof typeof s.vestedRates] ?? (0 as BasisPoints)) : (10_000 as BasisPoints);
    vested[source] = formatMoney(vestedAmount(amount as Cents, rate));
  }
  return {
    employeeId: s.employeeId,
    asOf: s.asOf,
    status: statePath(s.state),
    hireDate: c.hireDate,
    terminationDate: c.termination?.date ?? null,
    eligibilityDate: c.eligibility.plan,
    enrollment:
      c.enrollment === null
        ? null
        : { date: c.enrollment.date, preTaxRate: formatRate(c.enrollment.preTax), rothRate: formatRate(c.enrollment.roth), source: c.enrollment.source },
    optedOut: c.optedOut,
    isHce: c.isHce,
    balances,
    vestedBalances: vested,
  };
}

export async function historyCommand(
  dir: string,
  employeeId: string,
  opts: { asOf?: string; scenario?: string; json?: boolean },
  out: Writable,
  err: Writable,
): Promise<0 | 1 | 2> {
  return withLog('history', dir, err, async (log) => {
    const scenarioId = chooseScenario('history', dir, log, opts.scenario, err);
    if (typeof scenarioId !== 'string') return scenarioId;
    // An ingested scenario has events but no run (no snapshots, no plan design to replay under): events only.
    const run = log.getMetadata(scenarioId) === undefined ? undefined : runOf('history', log, scenarioId, err);
    if (run === null) return 1;
    let asOf: IsoDate | undefined = run === undefined ? undefined : (`${run.lastYear}-12-31` as IsoDate);
    if (opts.asOf !== undefined) {
      const d = parseAsOf('history', opts.asOf, err);
      if (d === null) return 1;
      if (run !== undefined && afterRunEnd('history', dir, scenarioId, d, run.lastYear, err)) return 1;
      asOf = d;
    }
    const events = log.history(scenarioId, employeeId, asOf === undefined ? {} : { toDate: asOf });
    if (events.length === 0) {
      err.write(`vested history: ${scenarioId} has no events of ${employeeId}${asOf === undefined ? '' : ` on or before ${asOf}`}\n`);
      return 1;
    }
    if (run === undefined) err.write(`vested history: ${scenarioId} was ingested, not run: its events only, no state to rebuild\n`);
    const state = run === undefined ? undefined : stateAsOf(log, scenarioId, employeeId, asOf!, run);
    if (opts.json === true) {
      out.write(`${JSON.stringify({ events: events.map(encodeEvent), state: state === undefined ? null : encodeState(state) }, null, 2)}\n`);
      return 0;
    }
    for (const e of events) out.write(`${eventToJsonLine(e)}\n`);
    if (state !== undefined) out.write(`\nstate as of ${asOf}:\n${JSON.stringify(encodeState(state), null, 2)}\n`);
    return 0;
  });
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description("a participant's events and state (status, elections, balances, vested amounts) as of a date")
    .argument('<dir>', 'log folder')
    .argument('<employeeId>', 'employee id')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the end of the run)')
    .option('--scenario <id>', 'scenario (needed when the log holds several)')
    .option('--json', 'as JSON')
    .action(async (dir: string, employeeId: string, o: { asOf?: string; scenario?: string; json?: boolean }) => {
      process.exitCode = await historyCommand(dir, employeeId, o, process.stdout, process.stderr);
    });
}
