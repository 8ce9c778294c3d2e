/**
 * A partition host: the participants of some partitions, kept across years, and the
 * partition's side of the year protocol (protocol.ts). One per worker thread; the same class
 * runs in process in specs. It sees only its own employees: their census rows and scripted
 * events, the hires routed to it, and the forfeiture allocations proposed to them.
 */
import { ByteArena, packRecords } from './codec.js';
import { encodeSnapshotRecord } from '../../storage/snapshot-record.js';
import { jan1 } from '../../rules/calendar.js';
import type { DerivedEvent } from '../../actors/events/index.js';
import { participantEnvironment } from '../../actors/participant/environment.js';
import type { ParticipantEnvironment } from '../../actors/participant/environment.js';
import { employedOn } from '../../actors/participant/context.js';
import { Participant } from '../../actors/participant/participant.js';
import type { ParticipantSnapshot, YearSummary } from '../../actors/participant/participant.js';
import { Roster } from './roster.js';
import type { Scenario } from '../scenario.js';
import { scriptedInputs } from '../inputs.js';
import type { YearInputs } from '../inputs.js';
import { allocateForfeitures, participantsYear, storedHire } from '../year-loop.js';
import type { HireSnapshot, ParticipantsYearOptions, YearSegment } from '../year-loop.js';
import { fromCensusRow, terminationProbability, yearEvents } from '../workforce/index.js';
import type { WorkforceContext, WorkforceEmployee } from '../workforce/index.js';
import { mergeByDate, workforceEmployee } from '../simulate.js';
import { decodeYearSegment, encodeYearSegment } from './segments.js';
import type { EncodedSegment } from './segments.js';
import type { BeginReply, CloseReply, HostInit, Proposal, YearReply } from './protocol.js';

/** A year's hire snapshots as CloseReply carries them, gathered as they are taken. */
const noHires = (): { ids: string[]; dates: string[]; snapshots: Uint8Array[] } => ({ ids: [], dates: [], snapshots: [] });

/** The year a host is running, from `run` to `close`. */
interface YearWork {
  readonly year: number;
  /** The participant-years closed so far, encoded for the log, their records in `arena`. */
  readonly encoded: Map<string, EncodedSegment>;
  /** The year's segment records, kept in a few large buffers (codec.ts) that the close hands over whole. */
  readonly arena: ByteArena;
  /** The year's hires as the log stores them, each encoded the moment it was taken (year-loop.ts `hired`). */
  readonly hires: ReturnType<typeof noHires>;
  /** The workforce model's view of each participant still employed after the year, for `begin(year + 1)`. */
  readonly next: { readonly year: number; readonly employees: Map<string, WorkforceEmployee> };
  /** What `participantsYear` hands over as it goes: to the fields above. */
  readonly options: Pick<ParticipantsYearOptions, 'close' | 'hired'>;
  /** The summaries of the participants run by `run` (set when it is done). */
  summaries: readonly YearSummary[];
  /** Inputs held back for `year`: of employees not here yet whose first input is not their hire (it may be among the hires). */
  readonly deferred: YearInputs;
  /** `year` ran (the hires): only the close is left. */
  hired: boolean;
}

export class PartitionHost {
  private readonly env: ParticipantEnvironment;
  /** The host's participants, at rest between years (roster.ts). */
  private readonly participants: Roster;
  private readonly scripted: Map<number, YearInputs>;
  private readonly workforce: WorkforceContext | null;
  /** The workforce model's events of a year, from its `begin` to its `run`. */
  private generated: { readonly year: number; readonly events: DerivedEvent[] } | null = null;
  /** The year in progress, from its `run` to its `close`. */
  private work: YearWork | null = null;
  /** After `year(Y)`: the workforce model's view of each participant still employed, for `begin(Y + 1)`. */
  private nextYear: { readonly year: number; readonly employees: Map<string, WorkforceEmployee> } | null = null;

  /**
   * `progress`, for a host running on the main thread (a run with no worker threads): the
   * participants done so far in `run()` and `year()`, for the progress bar.
   */
  constructor(
    private readonly scenario: Scenario,
    snapshots: readonly ParticipantSnapshot[],
    private readonly progress?: (year: number, done: number, total: number) => void,
  ) {
    this.env = participantEnvironment(scenario.plan, scenario.startYear);
    this.participants = new Roster(this.env);
    this.scripted = scriptedInputs(scenario.census, scenario.events, scenario.startYear, scenario.years);
    const s = scenario;
    this.workforce = s.workforce === null ? null : { model: s.workforce, plan: s.plan, seed: s.seed, startYear: s.startYear };
    for (const snap of snapshots) this.participants.set(snap.context.employeeId, Participant.restore(this.env, snap));
  }

  static create(init: HostInit): PartitionHost {
    return new PartitionHost(init.scenario, init.snapshots);
  }

  /**
   * Jan 1 of `year`: the workforce model's events of this host's employees (kept here), and
   * what the hiring target needs of them: each one's termination probability, by id (the
   * main thread sums them in the in-process order, so the hires are the same). It needs only
   * the participants as `year(year - 1)` left them, so it may come before `close(year - 1)`.
   */
  begin(year: number): BeginReply {
    this.generated = null;
    if (this.workforce === null) return { ids: [], p: [] };
    const employees: WorkforceEmployee[] =
      year === this.scenario.startYear
        ? this.scenario.census.map((row) => fromCensusRow(row, this.scenario.plan, this.scenario.startYear))
        : this.employeesOn(year);
    this.nextYear = null;
    this.generated = { year, events: yearEvents(this.workforce, year, employees) };
    return { ids: employees.map((e) => e.employeeId), p: employees.map((e) => terminationProbability(this.workforce!, year, e).p) };
  }

  /** The workforce model's view of the employees on Jan 1 of `year`, in the roster's order. */
  private employeesOn(year: number): WorkforceEmployee[] {
    const start = jan1(this.scenario.startYear);
    const yearStart = jan1(year);
    const noted = this.nextYear?.year === year ? this.nextYear.employees : null;
    const out: WorkforceEmployee[] = [];
    for (const id of this.participants.keys()) {
      if (noted !== null) {
        // Every participant ran through the year before, and was noted unless terminated.
        const e = noted.get(id);
        if (e !== undefined) out.push(e);
        continue;
      }
      const c = this.participants.context(id);
      if (employedOn(c, yearStart) && c.termination === null) out.push(workforceEmployee(c, year, start));
    }
    return out;
  }

  /**
   * The participants' part of `year` that needs no hires: every participant here, and every
   * employee whose inputs start with a hire (the census, scripted hires). It runs while the main
   * thread computes the hires from the begin replies; `year` runs those. Each participant-year
   * is encoded for the log the moment its calendar reaches Dec 31 (so the host never holds a
   * year of event objects); close() re-encodes only those the forfeiture allocations extend.
   */
  run(year: number): void {
    if (this.work !== null) throw new Error(`partition host: run(${year}) before close(${this.work.year})`);
    const own = this.scripted.get(year) ?? new Map();
    let inputs: YearInputs = own;
    if (this.workforce !== null) {
      if (this.generated?.year !== year) throw new Error(`partition host: run(${year}) before begin(${year})`);
      inputs = mergeByDate(own, this.generated.events);
    }
    this.generated = null;
    const now: YearInputs = new Map();
    const deferred: YearInputs = new Map();
    for (const [id, list] of inputs) {
      const joins = this.participants.has(id) || list[0]?.event.payload.eventType === 'hire';
      (joins ? now : deferred).set(id, list);
    }
    const start = jan1(this.scenario.startYear);
    const next = { year: year + 1, employees: new Map<string, WorkforceEmployee>() };
    const encoded = new Map<string, EncodedSegment>();
    // A fresh arena each year: the last one's buffers went to the main thread with the close.
    const arena = new ByteArena();
    const hires = noHires();
    const close = (employeeId: string, events: DerivedEvent[], at: number[]): void => {
      if (events.length > 0) encoded.set(employeeId, this.encode(arena, { employeeId, year, events, inputs: at }));
      // What next year's begin() needs of the participant, taken while it is live (the
      // forfeiture allocations of close() change none of it).
      const c = this.participants.get(employeeId)!.context;
      if (c.termination === null) next.employees.set(employeeId, workforceEmployee(c, year + 1, start));
      this.participants.rest(employeeId);
    };
    const hired = (h: HireSnapshot): void => {
      const s = storedHire(year, h);
      hires.ids.push(s.employeeId);
      hires.dates.push(s.date);
      hires.snapshots.push(encodeSnapshotRecord(s.value));
    };
    const options = { close, hired };
    const work: YearWork = { year, encoded, arena, hires, next, options, summaries: [], deferred, hired: false };
    this.work = work;
    const progress = this.progress && ((done: number, total: number) => this.progress!(year, done, total));
    // Assigned, not pushed as arguments: a host on the main thread holds 100,000 and more.
    work.summaries = participantsYear(this.participants, this.env, year, now, { ...options, ...(progress === undefined ? {} : { progress }) }).summaries;
  }

  /** The rest of `year`, given the hires (with their events) routed here: the hires, and the inputs `run` held back. */
  year(year: number, hires: readonly DerivedEvent[]): YearReply {
    const work = this.work;
    if (work === null || work.year !== year || work.hired) throw new Error(`partition host: year(${year}) without run(${year})`);
    const before = work.summaries.length;
    const progress = this.progress && ((done: number, total: number) => this.progress!(year, before + done, before + total));
    const inputs = hires.length === 0 ? work.deferred : mergeByDate(work.deferred, hires);
    const summaries = work.summaries.concat(participantsYear(this.participants, this.env, year, inputs, { ...work.options, onlyInputs: true, ...(progress === undefined ? {} : { progress }) }).summaries);
    work.hired = true;
    this.nextYear = work.next;
    return { count: summaries.length, summaries: packRecords(summaries) };
  }

  /**
   * Dec 31: the plan's forfeiture allocations to this host's employees, then the year's output;
   * the live participants' snapshots unless `snapshots` is false (a year between snapshot years).
   */
  close(year: number, proposals: readonly Proposal[], snapshots = true): CloseReply {
    const work = this.work;
    if (work === null || work.year !== year || !work.hired) throw new Error(`partition host: close(${year}) before year(${year})`);
    const { encoded, arena } = work;
    const total = allocateForfeitures(this.participants, year, proposals, (employeeId, given) => {
      const before = encoded.get(employeeId);
      const seg = before === undefined ? { employeeId, year, events: [], inputs: [] } : decodeYearSegment(before);
      encoded.set(employeeId, this.encode(arena, { ...seg, events: [...seg.events, ...given] }));
    });
    const segments = [...encoded.values()];
    const live = this.participants.endYear();
    this.work = null;
    return { total, segments, segmentArena: arena, liveIds: live.ids, snapshots: snapshots ? live.records : [], hires: work.hires };
  }

  /** A participant-year (or its extension by the close) in the log's record format, the record in the year's arena. */
  private encode(arena: ByteArena, s: YearSegment): EncodedSegment {
    const e = encodeYearSegment(this.scenario.plan.planDesignId, s);
    return { ...e, record: arena.add(e.record) };
  }

  stop(): void {
    this.participants.clear();
  }
}
