/**
 * A run in process, all in memory: the plan's whole event stream in log order, as the log
 * would hold it. For a scripted scenario (census, plan, years and scripted events, no
 * workforce) it is what `vested run` writes to the log year by year.
 */
import { CURRENT_SCHEMA_VERSION, encodeEvent } from '../actors/events/index.js';
import type { DerivedEvent, EncodedEvent, VestedEvent } from '../actors/events/index.js';
import { deriveEventId } from '../storage/ids.js';
import type { Scenario } from './scenario.js';
import { decodeScenarioSync } from './scenario.js';
import { simulate } from './simulate.js';

/** The whole event stream of a scenario, in log order, with sequence and ids as the log assigns them. */
export function simulateScripted(scenario: Scenario): VestedEvent[] {
  const out: VestedEvent[] = [];
  for (const r of simulate(scenario)) {
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
  }
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
