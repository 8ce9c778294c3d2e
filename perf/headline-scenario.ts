/**
 * The headline workload, shared by the headline and parallel benches so both measure the run
 * the issues name: `vested census N --seed 2026`'s census and the example plan, from 2026.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { censusToCsv, syntheticCensus } from '../engine/census/synthetic.js';

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'scenario.json');
const SEED = 2026;
const START = 2026;

/** Writes the census and scenario of `employees` × `years` into `dir`; returns the scenario's path. */
export function writeHeadlineScenario(dir: string, employees: number, years: number): string {
  writeFileSync(join(dir, 'census.csv'), censusToCsv(syntheticCensus(employees, SEED, START)));
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  const scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify({ ...example, scenarioId: `headline-${employees}x${years}`, seed: SEED, startYear: START, years, census: 'census.csv' }));
  return scenarioPath;
}
