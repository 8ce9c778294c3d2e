/**
 * `vested check`: verifies a log against the invariants log.ts documents, reading every
 * record once. Forward: every segment decodes (legacy ones through the upcasters), sequences
 * of each scenario start at 0 and have no gap or overlap, and each segment has exactly its
 * index entries (plan, if plan-level; derivedByYear if derived, else participants and ids). Backward: each index holds no more
 * entries than the segments account for (with the forward matches, that rules out strays),
 * heads agree with the segments, snapshots belong to a known participant (and a hire
 * snapshot reflects no more events than its participant-year holds), run metadata is
 * coherent with what was written. Snapshots are checked for structure only: whether they
 * equal a replayed state is `vested replay`'s question.
 */
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import { parseIsoDate, yearOf } from '../rules/calendar.js';
import type { IsoDate } from '../rules/calendar.js';
import type { EventLog } from './log.js';
import { decodeSegment } from './segment.js';
import { segmentEvents } from './read.js';
import { storedDerivedSegment } from './segment-index.js';

export interface CheckReport {
  readonly problems: string[];
  readonly scenarios: number;
  readonly events: number;
  readonly segments: number;
  readonly participants: number;
  readonly snapshots: number;
}

const MAX_PROBLEMS = 200;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A hire snapshot (`{ participant, year, through }`, replay.ts) says how many of its
 * participant-year's events it reflects; replay resumes from event `through` of that year, so
 * a count past the year's events, or a year other than the snapshot's date, would make replay
 * skip or misplace events. Other snapshot values (year-end ones) are the participant snapshot
 * itself and are left to `vested replay`, which compares them with a replayed state.
 */
function checkHireSnapshot(where: string, value: unknown, date: string, eventsIn: (year: number) => number, problem: (p: string) => void): void {
  if (typeof value !== 'object' || value === null || !('through' in value) || !('participant' in value)) return;
  const { year, through } = value as { year?: unknown; through?: unknown };
  if (!Number.isSafeInteger(year) || String(year) !== date.slice(0, 4)) {
    problem(`${where}: hire snapshot of year ${JSON.stringify(year)}, dated in ${date.slice(0, 4)}`);
    return;
  }
  if (!Number.isSafeInteger(through) || (through as number) < 0) {
    problem(`${where}: hire snapshot reflects ${JSON.stringify(through)} events; expected a count`);
    return;
  }
  const n = eventsIn(year as number);
  if ((through as number) > n) problem(`${where}: hire snapshot reflects ${String(through)} events of ${String(year)}, but the participant has ${n} events derived in ${String(year)}`);
}

export function checkLog(log: EventLog): CheckReport {
  const { env, segments, participants, plan, derivedByYear, ids, heads, snapshots, runs } = log.dbs;
  const problems: string[] = [];
  let more = 0;
  const problem = (p: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else more++;
  };
  const txn = env.useReadTransaction();
  const at = { transaction: txn };
  const next = new Map<string, number>();
  const segCount = new Map<string, number>();
  const employees = new Map<string, Set<string>>();
  const maxDerivedYear = new Map<string, number>();
  const externalIds = new Set<string>();
  let events = 0;
  let nSegments = 0;
  let nParticipantSegs = 0;
  let nPlanSegs = 0;
  let nDerived = 0;
  try {
    /** With external ids in the log, a derived id could collide with one (an ingested event carrying it elsewhere). */
    const externalIdsExist = ids.getKeysCount({ ...at, limit: 1 }) > 0;
    for (const { key, value } of segments.getRange({ ...at })) {
      const [s, first] = key;
      const where = `scenario ${s} segment @${first}`;
      nSegments++;
      const expected = next.get(s) ?? 0;
      if (first !== expected) problem(`${where}: sequence ${first > expected ? `gap: sequences ${expected}..${first - 1} are missing` : `overlap: sequences from ${first} were already used up to ${expected - 1}`}`);
      let seg;
      try {
        seg = decodeSegment(value);
        const evs = segmentEvents(s, first, seg);
        if (evs.length !== seg.count) problem(`${where}: holds ${evs.length} events but says ${seg.count}`);
        if (seg.schemaVersion > CURRENT_SCHEMA_VERSION) problem(`${where}: schemaVersion ${seg.schemaVersion} is newer than ${CURRENT_SCHEMA_VERSION}`);
        const dates = evs.map((e) => e.effectiveDate);
        const span = [seg.count, dates.reduce((a, b) => (b < a ? b : a)), dates.reduce((a, b) => (b > a ? b : a))];
        if (seg.employeeId === null) {
          nPlanSegs++;
          if (!same(plan.get([s, first], at), span)) problem(`${where}: plan index entry is ${JSON.stringify(plan.get([s, first], at))}, expected ${JSON.stringify(span)}`);
        } else {
          let set = employees.get(s);
          if (set === undefined) employees.set(s, (set = new Set()));
          set.add(seg.employeeId);
          if (seg.kind !== 'derived') {
            nParticipantSegs++;
            const got = participants.get([s, seg.employeeId, first], at);
            if (!same(got, span)) problem(`${where}: participant index entry for ${seg.employeeId} is ${JSON.stringify(got)}, expected ${JSON.stringify(span)}`);
          }
        }
        if (seg.kind === 'derived') {
          nDerived++;
          const got = derivedByYear.get([s, seg.year!, seg.employeeId ?? ''], at);
          const want = [first, ...span];
          if (!same(got, want)) problem(`${where}: derived index entry for ${seg.employeeId ?? '(plan)'}/${seg.year} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
          maxDerivedYear.set(s, Math.max(maxDerivedYear.get(s) ?? -Infinity, seg.year!));
          if (externalIdsExist) {
            for (const e of evs) if (ids.get(e.eventId, at) !== undefined) problem(`${where}: derived event id ${e.eventId} is also stored as ${JSON.stringify(ids.get(e.eventId, at))}`);
          }
        } else {
          evs.forEach((e, i) => {
            if (externalIds.has(e.eventId)) problem(`${where}: event id ${e.eventId} appears twice`);
            externalIds.add(e.eventId);
            const got = ids.get(e.eventId, at);
            if (!same(got, [s, first + i])) problem(`${where}: id index for ${e.eventId} is ${JSON.stringify(got)}, expected ${JSON.stringify([s, first + i])}`);
          });
        }
        next.set(s, first + seg.count);
      } catch (e) {
        problem(`${where}: unreadable: ${e instanceof Error ? e.message : String(e)}`);
        next.set(s, first + 1);
      }
      segCount.set(s, (segCount.get(s) ?? 0) + 1);
      if (seg !== undefined) events += seg.count;
    }
    for (const [s, n] of next) {
      const h = heads.get(s, at);
      if (!same(h, [n, segCount.get(s)])) problem(`scenario ${s}: head is ${JSON.stringify(h)}, expected ${JSON.stringify([n, segCount.get(s)])}`);
    }
    for (const s of heads.getKeys({ ...at })) if (!next.has(s as string)) problem(`scenario ${String(s)}: has a head but no events`);
    const count = (db: { getKeysCount(o?: object): number }): number => db.getKeysCount({ ...at });
    if (count(participants) !== nParticipantSegs) problem(`participants index has ${count(participants)} entries for ${nParticipantSegs} participant segments not derived`);
    if (count(plan) !== nPlanSegs) problem(`plan index has ${count(plan)} entries for ${nPlanSegs} plan segments`);
    if (count(derivedByYear) !== nDerived) problem(`derived index has ${count(derivedByYear)} entries for ${nDerived} derived segments`);
    if (count(ids) !== externalIds.size) problem(`id index has ${count(ids)} entries for ${externalIds.size} stored ids`);
    let nSnapshots = 0;
    for (const { key, value } of snapshots.getRange({ ...at })) {
      nSnapshots++;
      const [s, year, emp, date] = key;
      if (!parseIsoDate(date).ok) problem(`snapshot ${s}/${emp}/${date}: not a date`);
      else if (yearOf(date as IsoDate) !== year) problem(`snapshot ${s}/${emp}/${date}: stored under year ${year}`);
      if (!employees.get(s)?.has(emp)) problem(`snapshot ${s}/${emp}/${date}: no events for this participant`);
      else checkHireSnapshot(`snapshot ${s}/${emp}/${date}`, value, date, (year) => storedDerivedSegment(log.dbs, s, emp, year, txn)?.[1] ?? 0, problem);
    }
    for (const { key, value: m } of runs.getRange({ ...at })) {
      const where = `run metadata of ${String(key)}`;
      if (m.scenarioId !== key) problem(`${where}: names scenario ${m.scenarioId}`);
      if (m.status !== 'running' && m.status !== 'complete') problem(`${where}: status ${JSON.stringify(m.status)}`);
      if (m.schemaVersion > CURRENT_SCHEMA_VERSION) problem(`${where}: schemaVersion ${m.schemaVersion} is newer than ${CURRENT_SCHEMA_VERSION}`);
      const last = m.lastCompleteYear;
      const top = maxDerivedYear.get(m.scenarioId);
      if (top !== undefined && (last === null || top > last)) problem(`${where}: events derived for ${top}, after the last complete year ${String(last)}`);
      if (m.status === 'complete' && last !== m.startYear + m.years - 1) problem(`${where}: complete, but the last complete year is ${String(last)}, not ${m.startYear + m.years - 1}`);
    }
    if (more > 0) problems.push(`... and ${more} more problems`);
    let nEmployees = 0;
    for (const set of employees.values()) nEmployees += set.size;
    return { problems, scenarios: next.size, events, segments: nSegments, participants: nEmployees, snapshots: nSnapshots };
  } finally {
    txn.done();
  }
}
