/**
 * A scripted run, in process: a scenario without a workforce model (census, plan, years and
 * scripted events) through the participant and plan actors, returning the plan's whole event
 * stream in log order. `vested run` writes the same stream to the log year by year.
 */
import { CURRENT_SCHEMA_VERSION, encodeEvent } from '../actors/events/index.js';
import type { DerivedEvent, EncodedEvent, VestedEvent } from '../actors/events/index.js';
import { participantEnvironment } from '../actors/participant/environment.js';
import { deriveEventId } from '../storage/ids.js';
import type { Scenario } from './scenario.js';
import { decodeScenarioSync } from './scenario.js';
import { scriptedInputs } from './inputs.js';
import type { YearResult } from './year-loop.js';
import { runYear, startRun } from './year-loop.js';

/** Runs every year of a scenario's census and scripted events; `onYear` sees each year as it closes. */
export function runScripted(scenario: Scenario, onYear: (r: YearResult) => void): void {
  const state = startRun(participantEnvironment(scenario.plan, scenario.startYear));
  const inputs = scriptedInputs(scenario.census, scenario.events, scenario.startYear, scenario.years);
  for (let year = scenario.startYear; year < scenario.startYear + scenario.years; year++) {
    onYear(runYear(state, year, inputs.get(year) ?? new Map()));
  }
}

/** The whole event stream of a scripted scenario, in log order, with sequence and ids as the log assigns them. */
export function simulateScripted(scenario: Scenario): VestedEvent[] {
  const out: VestedEvent[] = [];
  runScripted(scenario, (r) => {
    for (const seg of r.segments) {
      seg.events.forEach((e: DerivedEvent, ordinal) => {
        out.push({
          eventId: deriveEventId(scenario.scenarioId, seg.employeeId ?? '', seg.year, ordinal),
          scenarioId: scenario.scenarioId,
          planDesignId: scenario.plan.planDesignId,
          ...(e.employeeId === undefined ? {} : { employeeId: e.employeeId }),
          effectiveDate: e.effectiveDate,
          sequence: out.length,
          schemaVersion: CURRENT_SCHEMA_VERSION,
          payload: e.payload,
        });
      });
    }
  });
  return out;
}

/**
 * The same from a scenario as parsed JSON (inline census only): canonical interchange events.
 * Throws with every decoding problem, or with the refusal of an illegal event.
 */
export function simulateScriptedJson(json: unknown): EncodedEvent[] {
  const decoded = decodeScenarioSync(json);
  if (decoded._tag === 'Left') throw new TypeError(`invalid scenario:\n${decoded.left.join('\n')}`);
  return simulateScripted(decoded.right).map(encodeEvent);
}
