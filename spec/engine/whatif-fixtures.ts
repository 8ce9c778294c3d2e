/** Shared inputs of the what-if specs: a small synthetic census and what-if files around it. */
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
