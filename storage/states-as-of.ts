/**
 * The state of every participant of a run on one date (`stateAsOf` for everyone at once):
 * what a recordkeeper's "all balances as of Friday" asks. Per participant it is the same
 * rebuild — the latest snapshot at or before the date plus the inputs logged after it,
 * through the participant machine — but the scan is organised for the whole log:
 *   - one read transaction, and one ordered pass over the segment indexes (segment-index.ts)
 *     with each year's snapshot keys walked in step, instead of a transaction, an index range and snapshot seeks
 *     per participant;
 *   - only the segments after the snapshot and up to the date are read, and of those only the
 *     input rows and forfeiture allocations are decoded (replay-inputs.ts): the machine derives
 *     the rest again, so its state is what stateAsOf reaches (spec/storage/states-as-of.spec.ts).
 *     Unlike stateAsOf it does not check the derived events against the log: `vested replay` does.
 * A participant whose log is not plain run output (an ingested segment, two segments in one
 * year) goes through stateAsOf itself.
 */
import type { IsoDate } from '../rules/calendar.js';
import type { EventLog } from './log.js';
import { viewSegment } from './segment.js';
import { employeesInRange } from './segment-index.js';
import type { SegmentSpan as Span } from './segment-index.js';
import { storedSnapshot } from './replay.js';
import { snapshotWalk } from './snapshots.js';
import type { InputYear } from './replay-inputs.js';
import { inputYear, replayInputs } from './replay-inputs.js';
import { replayableRun, stateAsOf, stateOf } from './state-as-of.js';
import type { ParticipantState, ReplayableRun } from './state-as-of.js';

export interface StatesAsOfOptions {
  /** The run, when the caller already has it. */
  readonly run?: ReplayableRun;
  /** Only employee ids ≥ `fromId` and < `toId` (a slice of the participants, for one thread). */
  readonly fromId?: string;
  readonly toId?: string;
}

/**
 * Every participant hired by the end of `date`, in employee-id order, with its state at the
 * end of that date. Lazy: one read transaction is held until the iteration ends or is abandoned.
 */
export function* statesAsOf(log: EventLog, scenarioId: string, date: IsoDate, opts: StatesAsOfOptions = {}): Generator<ParticipantState> {
  const run = opts.run ?? replayableRun(log, scenarioId);
  const { env, segments, snapshots } = log.dbs;
  const txn = env.useReadTransaction();
  const walk = snapshotWalk(snapshots, txn, scenarioId, date, opts.fromId, opts.toId);

  const one = (employeeId: string, spans: readonly Span[]): ParticipantState | undefined => {
    const stored = walk.latest(employeeId);
    if (stored === undefined) return undefined;
    const from = storedSnapshot(stored);
    // A year-end snapshot reflects its whole year: replay starts with the next one.
    const firstYear = from.through === Number.MAX_SAFE_INTEGER ? from.year + 1 : from.year;
    const start = `${String(firstYear).padStart(4, '0')}-01-01`;
    const years: InputYear[] = [];
    for (const s of spans) {
      if (s.lastDate < start || s.firstDate > date) continue;
      const buf = segments.get([scenarioId, s.first], { transaction: txn });
      if (buf === undefined) throw new Error(`${log.dir}: index names segment ${scenarioId}@${s.first}, which is missing; run vested check`);
      const view = viewSegment(buf);
      const year = view?.header.year ?? null;
      if (view === null || view.header.kind !== 'derived' || year === null || years.some((y) => y.year === year)) return stateAsOf(log, scenarioId, employeeId, date, run);
      years.push(inputYear(view, employeeId, year, year === from.year ? from.through : 0, date));
    }
    const p = replayInputs(run.envOf, from, years, date, run.lastYear);
    try {
      return stateOf(p, date);
    } finally {
      p.stop();
    }
  };

  try {
    for (const [employeeId, spans] of employeesInRange(log.dbs, scenarioId, txn, opts.fromId, opts.toId)) {
      const s = one(employeeId, spans);
      if (s !== undefined) yield s;
    }
  } finally {
    walk.close();
    txn.done();
  }
}
