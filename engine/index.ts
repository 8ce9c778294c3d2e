/**
 * The public API of `vested` (package.json `exports` "."; `import { … } from 'vested'`).
 * Everything a simulation script needs: build or load a scenario, run it in process or into
 * an event log (a callback per year, or a generator / async iterator over years and their
 * events), read the summary metrics, open a log and read it back (events, a participant's
 * history, state as of any date, whole-log replay), and compare plan designs (what-if).
 * Reference: docs/api.md.
 *
 * What is not re-exported here is internal and may change without notice.
 */
import type { DerivedEvent } from '../actors/events/index.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import type { RunSnapshot } from './simulate.js';
import { yearMetrics } from './metrics.js';
import type { YearMetrics } from './metrics.js';

// Scenarios, census, workforce model
export { loadScenario, loadScenarioSync, decodeScenario, decodeScenarioSync, MAX_YEARS } from './scenario.js';
export type { Scenario } from './scenario.js';
export type { CensusRow } from './census/row.js';
export { parseCensusCsv, loadCensusCsv, decodeInlineCensus } from './census/load.js';
export { syntheticCensus, censusToCsv } from './census/synthetic.js';
export { decodeWorkforce, DEFAULT_WORKFORCE, WORKFORCE_DEFAULTS } from './workforce/index.js';
export type { WorkforceModel } from './workforce/index.js';

// Plan designs (frozen values; derive variants with immer's `produce` or `deriveDesign`)
export { decodePlanDesign, encodePlanDesign, planDesign, DEFAULT_PLAN, planDesignWarnings, PlanDesignCodec } from '../rules/plan-design.js';
export type { PlanDesign } from '../rules/plan-design.js';

// Runs
export { simulate } from './simulate.js';
export type { RunSnapshot, SimulatedYear } from './simulate.js';
export { runToLog, scenarioDigest, RunRefusedError, ENGINE_VERSION } from './run.js';
export type { RunOptions, RunOutcome } from './run.js';
export { RefusedEventError } from '../actors/participant/participant.js';
export type { ParticipantSnapshot } from '../actors/participant/participant.js';

// Metrics
export { yearMetrics, metricsTable, metricsJson, METRIC_COLUMNS } from './metrics.js';
export type { YearMetrics } from './metrics.js';

// Events (the interchange format)
export { decodeEvent, decodeEventJson, decodeScriptedEvent, encodeEvent, eventToJsonLine, events, CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
export type { VestedEvent, DerivedEvent, ScriptedEvent, Payload, PayloadOf, EventType, ContributionSource } from '../actors/events/index.js';

// The event log
export { openLog, EventLog, exportLog, checkLog, ingestFile, isLog } from '../storage/index.js';
export type { OpenLogOptions, RunMetadata, HistoryOptions, CheckReport, IngestResult } from '../storage/index.js';
export { yearRecords } from '../storage/run-state.js';
export type { YearRecord } from '../storage/run-state.js';
// Replay and time travel: state as of a date = latest snapshot at or before it + the events after it
export { stateAsOf, balancesAsOf, replayScenario, replayableRun } from '../storage/state-as-of.js';
export type { ParticipantState, ReplayReport, ReplayableRun } from '../storage/state-as-of.js';
/** A participant's state value as reports name it: `employed.enrolled.deferring`. */
export { statePath } from '../actors/participant/machine.js';
// Every participant's state on a date, in employee-id order (in process, or across worker threads)
export { statesAsOf } from '../storage/states-as-of.js';
export type { StatesAsOfOptions } from '../storage/states-as-of.js';
export { statesAsOfThreaded, closeStatesThreads } from '../storage/states-as-of-threads.js';
export type { StatesThreadsOptions } from '../storage/states-as-of-threads.js';

// What-if
export {
  loadWhatIf,
  loadWhatIfSync,
  decodeWhatIf,
  buildWhatIf,
  runWhatIf,
  deriveDesign,
  variantScenario,
  comparison,
  comparisonCsv,
  comparisonTable,
  writeComparison,
  WHATIF_METRICS,
} from './whatif/index.js';
export type { WhatIf, WhatIfVariant, WhatIfFork, WhatIfOptions, WhatIfOutcome, VariantOutcome, Comparison, ComparisonRow } from './whatif/index.js';

// Units (money in cents, rates in basis points, ISO dates)
export { formatMoney, formatRate, parseMoney, parseRate } from '../rules/units.js';
export type { Cents, BasisPoints } from '../rules/units.js';
export { isoDate, parseIsoDate } from '../rules/calendar.js';
export type { IsoDate } from '../rules/calendar.js';

/** One simulated year, in process: its summary, its events (in log order) and the run state after it. */
export interface RunYear {
  readonly year: number;
  readonly metrics: YearMetrics;
  /** The year's events: each participant's (employee ids ascending), then the plan's. */
  events(): Generator<DerivedEvent, void, undefined>;
  /** The run state after the year (to store, or to continue with `runYears(scenario, snapshot)`). */
  snapshot(): RunSnapshot;
}

/** The scenario's years in process, lazily: stop whenever you like. Nothing is written. */
export function* runYears(scenario: Scenario, from?: RunSnapshot): Generator<RunYear, void, undefined> {
  for (const y of simulate(scenario, from)) {
    const metrics = yearMetrics(y.year, y.summaries, y.plan);
    yield {
      year: y.year,
      metrics,
      *events() {
        for (const s of y.segments) yield* s.events;
      },
      snapshot: () => y.snapshot(),
    };
  }
}

/** {@link runYears} as an async iterator (`for await`), letting the event loop run between years. */
export async function* runYearsAsync(scenario: Scenario, from?: RunSnapshot): AsyncGenerator<RunYear, void, undefined> {
  for (const y of runYears(scenario, from)) {
    yield y;
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** Runs the whole scenario in process and returns its yearly metrics; `onEvent` sees every event. */
export function runInProcess(
  scenario: Scenario,
  opts: { readonly onYear?: (y: RunYear) => void; readonly onEvent?: (e: DerivedEvent, year: number) => void } = {},
): YearMetrics[] {
  const out: YearMetrics[] = [];
  for (const y of runYears(scenario)) {
    if (opts.onEvent !== undefined) for (const e of y.events()) opts.onEvent(e, y.year);
    opts.onYear?.(y);
    out.push(y.metrics);
  }
  return out;
}
