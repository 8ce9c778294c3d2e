/**
 * The messages between the main thread and the partition hosts, one round trip per step of a
 * plan year (all deterministic, none depending on the thread count):
 *
 *   init   main → host: the scenario cut to the host's partitions (census rows, scripted
 *          events), and on resume the snapshots of its live participants.
 *   begin  host → main: ids and termination probabilities (basis points) of its employees on
 *          Jan 1; it keeps their workforce-model events. Main sums the probabilities in the
 *          in-process order and computes the hires with `hiresFor`.
 *   run    main → host, queued behind begin: the host runs the year of every participant it
 *          holds and of every employee whose inputs start with a hire (the census in the first
 *          year), while main computes the hires.
 *   year   main → host: the hire events of its partitions; the host runs them (and inputs it
 *          held back for them); host → main: the year summaries of all its employees
 *          (msgpack). Main sorts all summaries by employee id and sends YEAR_END to the plan.
 *   close  main → host: the forfeiture allocations proposed to its employees; host → main: what
 *          they took, the participant-year segments already in the log's record format
 *          (segments.ts), and the live participants' ids and snapshots (each a self-contained
 *          msgpack record the log stores as is, codec.ts), and the snapshots taken right after
 *          each of the year's hires; from a worker thread packed (`packClose`), the byte
 *          strings of each kind in one buffer. Main merges the segments in employee-id order,
 *          adds the plan's, and commits the year.
 *
 * On worker threads a host's queue runs begin(Y) run(Y) year(Y) begin(Y+1) close(Y) run(Y+1)
 * year(Y+1) …: a begin needs the participants as the year before left them, not its close, so
 * it fills the host's wait for the plan's year end, and the run of a year fills the main
 * thread's merge of the one before and its hiring; a host waits for this thread only when
 * that takes longer than running its participants.
 *
 * Everything crossing is plain data or byte buffers; a failure comes back as a tagged value
 * (never an Error instance), and the main thread rethrows it.
 */
import type { Cents } from '../../rules/units.js';
import type { DerivedEvent } from '../../actors/events/index.js';
import type { ParticipantSnapshot } from '../../actors/participant/participant.js';
import type { Scenario } from '../scenario.js';
import { joinBytes, splitBytes } from './codec.js';
import type { ByteArena, ByteRun } from './codec.js';
import { packSegments, unpackSegments } from './segments.js';
import type { EncodedSegment, PackedSegments } from './segments.js';

export interface HostInit {
  readonly scenario: Scenario;
  readonly snapshots: readonly ParticipantSnapshot[];
}

export interface Proposal {
  readonly employeeId: string;
  readonly amount: Cents;
}

export interface BeginReply {
  readonly ids: readonly string[];
  readonly p: readonly number[];
}

export interface YearReply {
  readonly count: number;
  /** msgpack of YearSummary[], in employee-id order. */
  readonly summaries: Uint8Array;
}

/** What a host hands over at Dec 31. */
export interface CloseReply {
  readonly total: Cents;
  /** The host's participant-year segments, in the log's record format, in employee-id order. */
  readonly segments: readonly EncodedSegment[];
  /** Where the segments' records are (the host's arena of the year): what crosses threads. */
  readonly segmentArena: ByteArena;
  readonly liveIds: readonly string[];
  /** The live participants' snapshots (storage/snapshot-record.ts), in `liveIds` order; none when the close task said `snapshots: false`. */
  readonly snapshots: readonly Uint8Array[];
  /** The participants hired this year: ids, the dates of their hire snapshots, and those snapshots as the log stores them (storage/snapshot-record.ts, of year-loop.ts `storedHire`). */
  readonly hires: { readonly ids: readonly string[]; readonly dates: readonly string[]; readonly snapshots: readonly Uint8Array[] };
}

/** A {@link CloseReply} as it crosses threads: the segment records in their arena's chunks, each other kind of byte strings in one exact-size buffer. */
export interface PackedCloseReply {
  readonly total: Cents;
  readonly segments: PackedSegments;
  readonly liveIds: readonly string[];
  readonly snapshots: ByteRun;
  readonly hires: { readonly ids: readonly string[]; readonly dates: readonly string[]; readonly snapshots: ByteRun };
}

export function packClose(c: CloseReply): PackedCloseReply {
  const { segmentArena, ...rest } = c;
  return { ...rest, segments: packSegments(c.segments, segmentArena), snapshots: joinBytes(c.snapshots), hires: { ...c.hires, snapshots: joinBytes(c.hires.snapshots) } };
}

/** A close reply received from a worker; its segments' arena has no further use on this side. */
export function unpackClose(c: PackedCloseReply): Omit<CloseReply, 'segmentArena'> {
  return { ...c, segments: unpackSegments(c.segments), snapshots: splitBytes(c.snapshots), hires: { ...c.hires, snapshots: splitBytes(c.hires.snapshots) } };
}

export type Task =
  | { readonly op: 'init'; readonly init: HostInit }
  | { readonly op: 'begin'; readonly year: number }
  | { readonly op: 'run'; readonly year: number }
  | { readonly op: 'year'; readonly year: number; readonly hires: readonly DerivedEvent[] }
  | { readonly op: 'close'; readonly year: number; readonly proposals: readonly Proposal[]; readonly snapshots?: boolean }
  | { readonly op: 'stop' };

/** A failure inside a host, as plain data: `refused` for a RefusedEventError, else `error`. */
export interface HostFailure {
  readonly failed: 'refused' | 'error';
  readonly message: string;
}

export type Reply<T> = { readonly ok: T } | HostFailure;
