/**
 * A scenario simulated on worker threads, year by year (DESIGN.md "Parallel"): the partitions
 * (partition.ts) live on `threads` hosts (host.ts, one per worker); the main thread does what
 * needs the whole plan at year boundaries: the hiring target, the plan actor (HCE is per
 * participant; ADP/ACP and forfeiture reallocation are the plan's year end), and the merge of
 * the year's output in log order. See protocol.ts for the steps and messages.
 *
 * Every number the main thread computes is computed as the in-process path does (simulate.ts):
 * the expected terminations are summed in the in-process participant order (census order in
 * the first year, then the order participants entered the run), the summaries reach the plan in
 * employee-id order, and segments are merged in employee-id order. So the output does not
 * depend on the thread count, and equals the in-process run's.
 *
 * While the main thread commits year Y, the hosts already simulate year Y+1 (which needs only
 * the hires, not the commit): the log still commits whole years in order.
 */
import { unpackRecords } from './codec.js';
import { decodeSnapshotRecord } from '../../storage/snapshot-record.js';
import type { Actor } from 'xstate';
import { createActor } from 'xstate';
import type { DerivedEvent } from '../../actors/events/index.js';
import { participantEnvironment } from '../../actors/participant/environment.js';
import type { ParticipantSnapshot, YearSummary } from '../../actors/participant/participant.js';
import { planMachine } from '../../actors/plan/machine.js';
import type { PlanContext, PlanMachine } from '../../actors/plan/machine.js';
import type { Scenario } from '../scenario.js';
import { scriptedInputs } from '../inputs.js';
import { byId } from '../year-loop.js';
import type { HireSnapshot, YearSegment } from '../year-loop.js';
import { hiresFor } from '../workforce/index.js';
import { restorePlan } from '../simulate.js';
import type { RunSnapshot, SimulatedYear } from '../simulate.js';
import { byHost, hostThreadCount } from './partition.js';
import { LocalHost, takeHostPools } from './pool.js';
import type { Host } from './pool.js';
import type { BeginReply, CloseReply, Proposal, Task, YearReply } from './protocol.js';
import { decodeYearSegment, encodeYearSegment } from './segments.js';
import type { EncodedSegment } from './segments.js';
import type { EncodedSnapshot } from '../../storage/encoded.js';

/**
 * A year of a parallel run: what `simulate` yields, plus the segments already encoded for the
 * log. `segments` is decoded from `encoded` only if read (the log does not need it), and its
 * `inputs` positions are empty: the log does not store them.
 */
export interface ParallelYear extends SimulatedYear {
  /** The participant-year segments in employee-id order, then the plan's. */
  readonly encoded: readonly EncodedSegment[];
  /** The live participants after the year, in the in-process order (the year record's liveIds). */
  readonly liveIds: readonly string[];
  /** Their snapshots as the log stores them (storage/snapshot-record.ts), in `liveIds` order, `snapshot()` decodes them; empty in a year without snapshots. */
  readonly snapshots: readonly Uint8Array[];
  /** The plan actor's context after the year (what `snapshot().plan` is, without decoding the participants). */
  readonly planContext: PlanContext;
  /** Each participant hired this year, its state right after the hire (year-loop.ts), by employee id; decoded when read. */
  readonly hires: readonly HireSnapshot[];
  /** The same hire snapshots as the log stores them (packed by the hosts), by employee id. */
  readonly hireRecords: readonly EncodedSnapshot[];
}

export interface ParallelOptions {
  /** Worker threads; 0: the partitions' host runs on this thread (same steps, same output). */
  readonly threads: number;
  /** Resume after the year of this snapshot (participants in the stored liveIds order). */
  readonly from?: RunSnapshot;
  readonly progress?: (year: number, done: number, total: number) => void;
  /** Whether the live participants' snapshots are taken after `year` (default: every year); without them a year's `snapshots` is empty. */
  readonly snapshotYear?: (year: number) => boolean;
}

/** Live ids after a year in the in-process map order: survivors in their order, then newcomers by id. */
function nextOrder(order: readonly string[], live: ReadonlySet<string>): string[] {
  const kept = order.filter((id) => live.has(id));
  const known = new Set(kept);
  const newcomers = [...live].filter((id) => !known.has(id)).sort(byId);
  return [...kept, ...newcomers];
}

/** Runs the scenario's years on worker threads, from its start or after `opts.from`'s year. */
export async function* simulateParallel(scenario: Scenario, opts: ParallelOptions): AsyncGenerator<ParallelYear, void, undefined> {
  if (!Number.isInteger(opts.threads) || opts.threads < 0) throw new RangeError(`threads must be a whole number, got ${opts.threads}`);
  // A thread beyond the partition count would have nothing to run; 0 threads: one host on this thread.
  const threads = hostThreadCount(opts.threads);
  const env = participantEnvironment(scenario.plan, scenario.startYear);
  const workforce = scenario.workforce === null ? null : { model: scenario.workforce, plan: scenario.plan, seed: scenario.seed, startYear: scenario.startYear };
  const from = opts.from;
  const plan: Actor<PlanMachine> = from === undefined ? createActor(planMachine(env.plan)) : restorePlan(env, from.plan);
  if (from === undefined) plan.start();
  let order: string[] = from === undefined ? [] : from.participants.map((p) => p.context.employeeId);

  const pipelined = opts.threads > 0;
  const pools: Host[] = opts.threads === 0 ? [new LocalHost(opts.progress)] : takeHostPools(threads);
  let released = false;
  /** The hosts and their participants, let go (once): at the end, or as soon as the last year has been handed over. */
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    await Promise.all(pools.map((p) => p.destroy().catch(() => undefined)));
  };
  /** The task batches handed to the hosts and not settled yet, awaited (failures ignored) before the pools go. */
  const inFlight = new Set<Promise<unknown>>();
  try {
    const census = byHost(scenario.census, threads, (r) => r.employeeId);
    const events = byHost(scenario.events, threads, (e) => e.employeeId ?? '');
    const snaps = byHost(from?.participants ?? [], threads, (s) => s.context.employeeId);
    const inited = Promise.all(
      pools.map((p, i) => p.call({ op: 'init', init: { scenario: { ...scenario, census: census[i]!, events: events[i]! }, snapshots: snaps[i]! } })),
    );
    inited.catch(() => undefined); // awaited below, after a refusal of the scripted input has had its chance to go first
    // Refuses bad scripted input up front, as the in-process run does, while the hosts take in their part.
    scriptedInputs(scenario.census, scenario.events, scenario.startYear, scenario.years);
    await inited;

    /** A task on every host (`task(i)` for host i), queued behind the ones before; its failure surfaces where it is awaited. */
    const onHosts = <T>(task: (i: number) => Task): Promise<T[]> => {
      const replies = Promise.all(pools.map((p, i) => p.call<T>(task(i))));
      // Only until settled: a batch's replies (a close's are a year of output) must not outlive their use.
      inFlight.add(replies);
      void replies.then(
        () => inFlight.delete(replies),
        () => inFlight.delete(replies),
      );
      return replies;
    };
    const first = from === undefined ? scenario.startYear : from.year + 1;
    const end = scenario.startYear + scenario.years;
    const beginYear = (year: number): Promise<BeginReply[]> => onHosts(() => ({ op: 'begin', year }));
    const runYear = (year: number): Promise<null[]> => onHosts(() => ({ op: 'run', year }));

    /**
     * The hires of `year` from the hosts' Jan 1 figures, sent to them; on worker threads the
     * next year's begin goes right behind (it needs the participants as this year leaves them).
     */
    const hireYear = (year: number, begun: readonly BeginReply[]): { readonly replies: Promise<YearReply[]>; readonly nextBegun: Promise<BeginReply[]> | null } => {
      let hires: DerivedEvent[] = [];
      if (workforce !== null) {
        const p = new Map<string, number>();
        for (const b of begun) b.ids.forEach((id, i) => p.set(id, b.p[i]!));
        const inOrder = year === scenario.startYear ? scenario.census.map((r) => r.employeeId) : order;
        // The same sum, in the same order, as expectedTerminations over the in-process list.
        let expected = 0;
        let headcount = 0;
        for (const id of inOrder) {
          const v = p.get(id);
          if (v === undefined) continue;
          expected += v / 10_000;
          headcount++;
        }
        hires = hiresFor(workforce, year, headcount, expected);
      }
      const routed = byHost(hires, threads, (e) => e.employeeId!);
      const replies = onHosts<YearReply>((i) => ({ op: 'year', year, hires: routed[i]! }));
      return { replies, nextBegun: pipelined && year + 1 < end ? beginYear(year + 1) : null };
    };

    /** The year's steps up to its hires: its run (awaited with the year's replies) and its hires sent. */
    const startYear = async (year: number, begun: Promise<BeginReply[]>, ran: Promise<null[]>) => ({ ran, ...hireYear(year, await begun) });
    let next = first < end ? await startYear(first, beginYear(first), runYear(first)) : null;
    for (let year = first; year < end; year++) {
      await next!.ran;
      const replies = await next!.replies;
      const nextBegun = next!.nextBegun;
      const count = replies.reduce((n, r) => n + r.count, 0);
      if (opts.threads > 0) opts.progress?.(year, count, count);
      const summaries = replies.flatMap((r) => unpackRecords<YearSummary[]>(r.summaries)).sort((a, b) => byId(a.employeeId, b.employeeId));

      plan.send({ type: 'YEAR_END', year, summaries });
      const closing = plan.getSnapshot();
      const planEvents = closing.context.outbox;
      const allocating = closing.matches('allocating');
      const proposals = byHost<Proposal>(allocating ? closing.context.proposals : [], threads, (p) => p.employeeId);
      const snapshotted = opts.snapshotYear?.(year) ?? true;
      const closeReplies = onHosts<CloseReply>((i) => ({ op: 'close', year, proposals: proposals[i]!, snapshots: snapshotted }));
      // Worker hosts run their tasks in order: each runs the next year's participants right
      // after this close, while this thread merges the year's output below and computes the hires.
      const nextRan = nextBegun !== null ? runYear(year + 1) : null;
      const closed = await closeReplies;
      if (allocating) plan.send({ type: 'ALLOCATED', total: closed.reduce((t, c) => t + c.total, 0) as never });
      const planYears = plan.getSnapshot().context.years;
      const planContext = plan.getSnapshot().context;

      const encoded = closed.flatMap((c) => c.segments).sort((a, b) => byId(a.employeeId!, b.employeeId!));
      if (planEvents.length > 0) encoded.push(encodeYearSegment(scenario.plan.planDesignId, { employeeId: null, year, events: planEvents, inputs: [] }));
      const byEmployee = new Map<string, Uint8Array>();
      for (const c of closed) c.snapshots.forEach((s, i) => byEmployee.set(c.liveIds[i]!, s));
      order = nextOrder(order, new Set(closed.flatMap((c) => c.liveIds)));
      const liveIds = order;
      const snapshots = snapshotted ? liveIds.map((id) => byEmployee.get(id)!) : [];
      let participants: ParticipantSnapshot[] | null = null;
      const hireRecords: EncodedSnapshot[] = closed
        .flatMap((c) => c.hires.ids.map((employeeId, i) => ({ employeeId, date: c.hires.dates[i]!, record: c.hires.snapshots[i]! })))
        .sort((a, b) => byId(a.employeeId, b.employeeId));
      let hires: HireSnapshot[] | null = null;

      // Worker hosts go on with the next year (its hires sent before this one is handed over)
      // while the caller commits this one; a failure to start it surfaces after this year is
      // handed over. A host on this thread would only hold two years in memory: it starts the
      // next year after the commit.
      let failed: { readonly error: unknown } | null = null;
      next = null;
      if (nextBegun !== null && nextRan !== null) {
        try {
          next = await startYear(year + 1, nextBegun, nextRan);
        } catch (error) {
          failed = { error };
        }
      }
      // After the last close the hosts have nothing more to do: their threads (each a few hundred
      // MB at 100,000 employees) go before the caller commits the year, not after.
      if (year + 1 === end) await release();
      let segments: YearSegment[] | null = null;
      yield {
        year,
        encoded,
        get segments(): YearSegment[] {
          return (segments ??= encoded.map(decodeYearSegment));
        },
        summaries,
        plan: planYears[planYears.length - 1]!,
        liveIds,
        snapshots,
        planContext,
        hireRecords,
        get hires(): HireSnapshot[] {
          return (hires ??= hireRecords.map((h) => {
            const { participant, through } = decodeSnapshotRecord(h.record) as { participant: ParticipantSnapshot; through: number };
            return { employeeId: h.employeeId, through, snapshot: participant };
          }));
        },
        snapshot: () => ({ year, participants: (participants ??= snapshots.map((b) => decodeSnapshotRecord(b) as ParticipantSnapshot)), plan: planContext }),
      };
      if (failed !== null) throw failed.error;
      if (year + 1 < end && !pipelined) next = await startYear(year + 1, beginYear(year + 1), runYear(year + 1));
    }
  } finally {
    await Promise.allSettled([...inFlight]);
    plan.stop();
    await release();
  }
}

