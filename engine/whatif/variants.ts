/**
 * What-if variants derived from a frozen base (DESIGN.md "Immutable inputs"): a variant is
 * the base plan design with some fields overridden, produced with immer so the base (and
 * every other variant) is never touched. Overrides are written in interchange form, like a
 * plan design file, and merged into the base's canonical interchange form field by field:
 * objects merge, everything else (lists, strings, numbers, null) replaces. The merged design
 * goes through the same strict decoder as any plan design, so an override can never produce
 * a design a file could not.
 */
import { freeze, produce } from 'immer';
import type { Draft } from 'immer';
import type { Either } from 'fp-ts/lib/Either.js';
import { left } from 'fp-ts/lib/Either.js';
import { decodePlanDesign, encodePlanDesign } from '../../rules/plan-design.js';
import type { PlanDesign } from '../../rules/plan-design.js';
import type { Scenario } from '../scenario.js';

type Json = Record<string, unknown>;
const isObject = (u: unknown): u is Json => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Merges `overrides` into `draft` in place: objects field by field, anything else replaces. */
function mergeInto(draft: Json, overrides: Json): void {
  for (const [k, v] of Object.entries(overrides)) {
    const target = draft[k];
    if (isObject(v) && isObject(target)) mergeInto(target, v);
    else draft[k] = structuredClone(v);
  }
}

/**
 * The base design with `overrides` (interchange form) merged in, decoded and frozen; or every
 * problem of the merged design as `path: reason`. Without a `planDesignId` in the overrides
 * the variant keeps the base's id (give one when the designs differ, so the events say so).
 */
export function deriveDesign(base: PlanDesign, overrides: Readonly<Json>): Either<readonly string[], PlanDesign> {
  if (!isObject(overrides)) return left([`(root): overrides are an object of plan design fields, got ${JSON.stringify(overrides)}`]);
  const canonical = freeze(encodePlanDesign(base) as Json, true);
  const merged = produce(canonical, (d: Draft<Json>) => {
    mergeInto(d as Json, overrides as Json);
  });
  return decodePlanDesign(merged);
}

/** The scenario of a variant: the base scenario (frozen) with its own id and design, derived with immer. */
export function variantScenario(base: Scenario, scenarioId: string, plan: PlanDesign): Scenario {
  return produce(base, (d) => {
    d.scenarioId = scenarioId;
    d.plan = plan as Draft<PlanDesign>;
  });
}
