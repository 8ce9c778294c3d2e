/**
 * A piscina worker that simulates one what-if variant and streams its years back to the main
 * thread, which alone writes the log (one writer per folder). Each year is posted as plain
 * data (segments, metrics, the run state after it) on the task's port, then `{ done: true }`.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Scenario } from '../scenario.js';
import { simulate } from '../simulate.js';
import type { RunSnapshot } from '../simulate.js';
import { yearMetrics } from '../metrics.js';
import type { VariantYear } from './store.js';

export interface VariantTask {
  readonly scenario: Scenario;
  readonly from: RunSnapshot | undefined;
  readonly port: MessagePort;
  /** [years committed by the main thread]: the worker stays at most {@link AHEAD} years ahead of the log. */
  readonly committed: Int32Array;
}

/** Years a worker may have posted but not yet seen committed (bounds the memory a fast worker holds). */
export const AHEAD = 1;

export type VariantMessage = { readonly year: VariantYear } | { readonly done: true };

/** The years of a scenario, from a snapshot (or the start), as plain data, lazily. */
export function* variantYears(scenario: Scenario, from: RunSnapshot | undefined): Generator<VariantYear, void, undefined> {
  for (const y of simulate(scenario, from)) {
    yield {
      year: y.year,
      segments: y.segments.map((s) => ({ employeeId: s.employeeId, year: s.year, events: s.events, inputs: s.inputs })),
      metrics: yearMetrics(y.year, y.summaries, y.plan),
      snapshot: y.snapshot(),
      hires: y.hires,
    };
  }
}

export default function runVariant(task: VariantTask): number {
  let years = 0;
  for (const y of variantYears(task.scenario, task.from)) {
    task.port.postMessage({ year: y } satisfies VariantMessage);
    years++;
    // Wait (blocking this worker only) until the main thread has committed all but AHEAD of them.
    for (let c = Atomics.load(task.committed, 0); c < years - AHEAD; c = Atomics.load(task.committed, 0)) Atomics.wait(task.committed, 0, c);
  }
  task.port.postMessage({ done: true } satisfies VariantMessage);
  task.port.close();
  return years;
}
