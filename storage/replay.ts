/**
 * Replay: a participant rebuilt from a stored snapshot and the input events logged after it,
 * through the participant machine. What the machine derives on the way must be exactly what
 * the log holds, and its state at each year end exactly the stored snapshot; any difference
 * is reported with the participant, the date and what differed.
 *
 * A stored snapshot records how far into its participant-year it reaches (`through`: the
 * number of that year's events it reflects), so replay knows which logged events come after it.
 * Forfeiture allocations are the plan's decision, not the participant's: replay hands the
 * logged amount back to the machine on Dec 31, as the plan did.
 */
import { isDeepStrictEqual } from 'node:util';
import type { IsoDate } from '../rules/calendar.js';
import { dec31, yearOf } from '../rules/calendar.js';
import type { Cents } from '../rules/units.js';
import type { DerivedEvent } from '../actors/events/index.js';
import type { ParticipantEnvironment } from '../actors/participant/environment.js';
import { amendedFor } from '../actors/participant/amend.js';
import { Participant, currentSnapshot } from '../actors/participant/participant.js';
import type { ParticipantSnapshot } from '../actors/participant/participant.js';

/** A snapshot as replay uses it. */
export interface StoredSnapshot {
  readonly participant: ParticipantSnapshot;
  /** The participant-year the snapshot was taken in, and how many of its events it reflects. */
  readonly year: number;
  readonly through: number;
}

/**
 * Reads a stored snapshot value: a year-end snapshot is the participant snapshot itself (it
 * reflects its whole year); a hire snapshot is wrapped with the year and event count it reflects.
 * A snapshot of an earlier machine version reads as the current one where it can (participant.ts
 * `currentSnapshot`).
 */
export function storedSnapshot(value: unknown): StoredSnapshot {
  const v = value as Partial<StoredSnapshot> & Partial<ParticipantSnapshot>;
  if (v.participant !== undefined && v.year !== undefined && v.through !== undefined) {
    return { participant: currentSnapshot(v.participant), year: v.year, through: v.through };
  }
  const p = currentSnapshot(value as ParticipantSnapshot);
  return { participant: p, year: p.context.year, through: Number.MAX_SAFE_INTEGER };
}

/** One participant-year as logged: its events in order, and which of them were inputs. */
export interface LoggedYear {
  readonly year: number;
  readonly events: readonly DerivedEvent[];
  readonly inputs: ReadonlySet<number>;
}

export interface ReplayDifference {
  readonly employeeId: string;
  readonly date: string;
  readonly what: string;
}

const same = (a: DerivedEvent, b: DerivedEvent): boolean =>
  a.effectiveDate === b.effectiveDate && (a.employeeId ?? null) === (b.employeeId ?? null) && isDeepStrictEqual(a.payload, b.payload);

const describe = (e: DerivedEvent | undefined): string =>
  e === undefined ? 'nothing' : `${e.payload.eventType} ${JSON.stringify(e.payload)} on ${e.effectiveDate}`;

/**
 * The environment each plan year is replayed under: one for the whole replay, or one per year
 * (a what-if variant's copied years were made under the stored run's design, its own years
 * under its design).
 */
export type ReplayEnvironment = ParticipantEnvironment | ((year: number) => ParticipantEnvironment);

/**
 * Restores `snapshot`, taken in plan year `year`, under that year's environment; `enter(y)`,
 * called at the start of each later year y, hands the participant over to y's environment when
 * it is another one (its Dec 31 state restored under it, amended as the fork's first own year
 * amends the stored run's Dec 31 snapshots: actors/participant/amend.ts) and returns the
 * participant to go on with.
 */
export function restoreFor(env: ReplayEnvironment, snapshot: ParticipantSnapshot, year: number): { participant: Participant; enter: (year: number) => Participant } {
  const envOf = typeof env === 'function' ? env : () => env;
  let current = envOf(year);
  let p = Participant.restore(current, snapshot);
  return {
    participant: p,
    enter(next: number): Participant {
      const e = envOf(next);
      if (e !== current) {
        const s = p.snapshot();
        p.stop();
        p = Participant.restore(e, amendedFor(s, e));
        current = e;
      }
      return p;
    },
  };
}

export interface ReplayOptions {
  /** Stop at the end of this date (inclusive); default: the end of the last logged year. */
  readonly until?: IsoDate;
  /** The last plan year of the run, so a live participant is carried to its Dec 31. */
  readonly lastYear: number;
  /** Stored snapshots to compare against at each year end (by Dec 31 date). */
  readonly expectSnapshot?: (date: IsoDate) => StoredSnapshot | undefined;
  readonly differences?: ReplayDifference[];
}

/**
 * Replays one participant from `from` through the logged years, each year under its
 * environment; returns the participant as of `until` (or the end). Differences are collected in
 * `opts.differences` when given, else thrown.
 */
export function replayParticipant(
  env: ReplayEnvironment,
  from: StoredSnapshot,
  years: readonly LoggedYear[],
  opts: ReplayOptions,
): Participant {
  const restored = restoreFor(env, from.participant, from.year);
  let p = restored.participant;
  const id = from.participant.context.employeeId;
  const until = opts.until ?? dec31(opts.lastYear);
  const report = (date: string, what: string): void => {
    const d = { employeeId: id, date, what };
    if (opts.differences === undefined) throw new Error(`${id}: replay differs on ${date}: ${what}`);
    opts.differences.push(d);
  };
  let failed = false;
  const expect = (produced: readonly DerivedEvent[], logged: readonly DerivedEvent[], at: { i: number }): void => {
    for (const e of produced) {
      const want = logged[at.i];
      if (failed) return;
      if (want === undefined || !same(e, want)) {
        report(e.effectiveDate, `derived ${describe(e)}, the log has ${describe(want)}`);
        failed = true;
        return;
      }
      at.i++;
    }
  };

  const last = Math.min(opts.lastYear, yearOf(until));
  for (let year = from.year; year <= last && !p.settled && !failed; year++) {
    if (year > from.year) p = restored.enter(year);
    const logged = years.find((y) => y.year === year);
    const events = logged?.events ?? [];
    const at = { i: year === from.year ? from.through : 0 };
    // Inputs of the year, in log order, up to `until`: each brings the derived events before it.
    for (let k = at.i; k < events.length && !failed; k++) {
      const e = events[k]!;
      if (e.effectiveDate > until) break;
      // The machine reaches the input's date on its own; what it derives on the way must match.
      if (logged!.inputs.has(k)) expect(p.input(e), events, at);
    }
    if (failed) break;
    const end = until < dec31(year) ? until : dec31(year);
    expect(p.advance(end), events, at);
    if (end === dec31(year)) {
      for (let k = at.i; k < events.length && !failed; k++) {
        const e = events[k]!;
        if (e.payload.eventType === 'contribution' && e.payload.source === 'forfeiture_allocation') {
          expect(p.allocate(end, e.payload.amount as Cents), events, at);
        }
      }
      if (!failed && at.i < events.length) report(events[at.i]!.effectiveDate, `the log has ${describe(events[at.i])} the machine did not derive`);
      const stored = opts.expectSnapshot?.(end);
      if (stored !== undefined && !failed && !isDeepStrictEqual(p.snapshot(), stored.participant)) {
        report(end, 'the state after the year differs from the stored snapshot');
      }
    }
  }
  return p;
}
