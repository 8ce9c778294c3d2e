/** Shared inputs of the what-if specs: a small synthetic census and what-if files around it. */
import type { IsoDate } from '../../rules/calendar.js';
import type { EventLog } from '../../storage/log.js';
import { runToLog } from '../../engine/run.js';
import { runWhatIf } from '../../engine/whatif/run.js';
import type { WhatIfOutcome } from '../../engine/whatif/run.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { censusToCsv, syntheticCensus } from '../../engine/census/synthetic.js';
import { decodeWhatIf } from '../../engine/whatif/format.js';
import type { WhatIf } from '../../engine/whatif/format.js';
import { openLog } from '../../storage/log.js';

export const BASE = {
  planId: 'P',
  planDesignId: 'base',
  eligibility: { minAge: 21, serviceMonths: 3, entry: 'monthly' },
  match: { tiers: [{ upTo: '0.03', rate: '1' }, { upTo: '0.05', rate: '0.5' }], trueUp: true, vesting: { type: 'cliff', years: 3 } },
  forfeitures: { use: 'reallocate' },
};

/** Writes census.csv (n employees) into `dir` and returns a what-if JSON object using it. */
export function whatifJson(dir: string, n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  writeFileSync(join(dir, 'census.csv'), censusToCsv(syntheticCensus(n, 7, 2026)));
  return {
    whatifId: 'spec',
    seed: 11,
    startYear: 2026,
    years: 2,
    census: 'census.csv',
    workforce: {},
    base: BASE,
    variants: [
      { name: 'base' },
      { name: 'rich', overrides: { planDesignId: 'rich', match: { tiers: [{ upTo: '0.06', rate: '1' }] }, autoEnrollment: { enabled: true } } },
      { name: 'core', overrides: { planDesignId: 'core', match: { tiers: [] }, core: { rate: '0.03' }, safeHarbor: true, vesting: { type: 'immediate' } } },
    ],
    ...extra,
  };
}

export function decoded(json: unknown, dir: string): WhatIf {
  const r = decodeWhatIf(json, dir, 'whatif.json');
  if (r._tag === 'Left') throw new Error(r.left.join('\n'));
  return r.right;
}

/** A scenario's events without what differs by scenario or design: employee, date, payload, sequence. */
export async function eventsOf(dir: string, scenarioId: string): Promise<unknown[]> {
  const log = openLog(dir);
  try {
    return [...log.readScenario(scenarioId)].map((e) => ({ sequence: e.sequence, employeeId: e.employeeId, effectiveDate: e.effectiveDate, payload: e.payload }));
  } finally {
    await log.close();
  }
}

/** Hire and (first) termination dates of a scenario's participants, from its log. */
export function lives(log: EventLog, scenarioId: string): Map<string, { hired: IsoDate; terminated?: IsoDate }> {
  const out = new Map<string, { hired: IsoDate; terminated?: IsoDate }>();
  for (const e of log.readScenario(scenarioId)) {
    if (e.employeeId === undefined) continue;
    if (e.payload.eventType === 'hire') out.set(e.employeeId, { hired: e.effectiveDate as IsoDate });
    if (e.payload.eventType === 'termination' && out.has(e.employeeId)) out.get(e.employeeId)!.terminated ??= e.effectiveDate as IsoDate;
  }
  return out;
}

/**
 * Stores a run of the what-if's base design as scenario `stored-run` in `dir/stored`, then forks
 * `variants` from it at `forkYear` into `dir/fork`; returns the what-if's outcome.
 */
export async function storeAndFork(dir: string, json: Record<string, unknown>, variants: readonly unknown[], forkYear: number): Promise<WhatIfOutcome> {
  const storedRun = decoded({ ...json, whatifId: 'stored', variants: [{ name: 'run' }] }, dir);
  await runToLog({ ...storedRun.base, scenarioId: 'stored-run' }, { out: join(dir, 'stored') });
  const forked = decoded({ ...json, variants, fork: { from: 'stored', scenarioId: 'stored-run', year: forkYear } }, dir);
  return runWhatIf(forked, { out: join(dir, 'fork'), threads: 1 });
}
