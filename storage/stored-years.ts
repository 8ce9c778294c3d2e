/**
 * A run's stored plan years as they can be appended to another scenario (what a what-if fork
 * copies): each year's participant-years with the ordinals of their input events (replay feeds
 * those back to the machine and expects the rest), and every participant snapshot dated in
 * the year: hire snapshots as well as year-end ones, since replay of a participant hired
 * during the run starts at its hire snapshot.
 *
 * Everything is handed over decoded, to be appended with `EventLog.appendSegments`: a derived
 * segment's ids are computed from its scenario on read, so the events take the new scenario's
 * ids, and snapshot values are re-encoded by the destination's own database.
 */
import type { DerivedEvent } from '../actors/events/index.js';
import type { DatedSnapshot, EventLog, SegmentInput } from './log.js';
import { MAX_SEQ } from './log.js';
import { decodeSegment } from './segment.js';
import type { RowEvent } from './segment.js';
import { snapshotsInYears } from './snapshots.js';

/** One stored plan year of a run. */
export interface StoredYear {
  readonly year: number;
  /** The year's participant-years (and the plan's) in sequence order, with their input ordinals. */
  readonly segments: readonly SegmentInput[];
  /** Every snapshot dated in the year (for the run's first year, also any dated before it), by employee and date. */
  readonly snapshots: readonly DatedSnapshot[];
}

/**
 * The years `from … to` of the run `scenarioId`, lazily, on one read transaction. Throws when
 * a segment of those years was not derived by the run (e.g. ingested into its scenario): such
 * events carry their own ids and cannot move to another scenario as a derived segment.
 */
export function* storedYears(log: EventLog, scenarioId: string, from: number, to: number): Generator<StoredYear> {
  const meta = log.getMetadata(scenarioId);
  if (meta === undefined) throw new RangeError(`${log.dir}: no run of scenario ${JSON.stringify(scenarioId)}`);
  const { env, segments, snapshots } = log.dbs;
  const txn = env.useReadTransaction();
  try {
    const stored = segments.getRange({ start: [scenarioId, 0], end: [scenarioId, MAX_SEQ], transaction: txn })[Symbol.iterator]();
    let ahead: SegmentInput | undefined;
    const next = (): SegmentInput | undefined => {
      const r = stored.next();
      if (r.done === true) return undefined;
      const { key, value } = r.value;
      const seg = decodeSegment(value);
      if (seg.kind !== 'derived' || seg.year === null) {
        throw new RangeError(`${log.dir}: segment @${key[1]} of ${scenarioId} holds ${seg.kind} events, not events the run derived; only a run's own years can be copied`);
      }
      const { employeeId } = seg;
      const events = (seg.rows as readonly RowEvent[]).map((e) => ({
        ...(employeeId === null ? {} : { employeeId }),
        effectiveDate: e.effectiveDate,
        payload: e.payload,
      }) as DerivedEvent);
      return { employeeId, year: seg.year, events, ...(seg.inputs === undefined ? {} : { inputs: seg.inputs }) };
    };
    for (let year = from; year <= to; year++) {
      const segs: SegmentInput[] = [];
      for (let s = ahead ?? next(); s !== undefined; s = next()) {
        ahead = undefined;
        if (s.year < year) continue;
        if (s.year > year) {
          ahead = s;
          break;
        }
        segs.push(s);
      }
      const snaps: DatedSnapshot[] = [...snapshotsInYears(snapshots, scenarioId, year === from && from <= meta.startYear ? 0 : year, year, txn)];
      yield { year, segments: segs, snapshots: snaps };
    }
  } finally {
    txn.done();
  }
}
