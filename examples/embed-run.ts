/**
 * Embed a run: load a scenario, simulate it in process year by year, and print the summary.
 *
 *   node --import tsx examples/embed-run.ts [SCENARIO] [EMPLOYEES]
 *
 * SCENARIO defaults to examples/scenario.json; EMPLOYEES (or VESTED_EMPLOYEES) keeps only the
 * first N census rows, for a quick try.
 */
import { loadScenarioSync, runYears, metricsTable, formatMoney } from 'vested';
import type { Scenario, YearMetrics } from 'vested';

const file = process.argv[2] ?? new URL('./scenario.json', import.meta.url).pathname;
const limit = Number(process.argv[3] ?? process.env.VESTED_EMPLOYEES ?? 0);

const loaded = loadScenarioSync(file);
if (loaded._tag === 'Left') {
  console.error(loaded.left.join('\n'));
  process.exit(1);
}
// Scenarios are frozen: make a smaller one by copying, never by editing.
const scenario: Scenario = limit > 0 ? { ...loaded.right, census: loaded.right.census.slice(0, limit), years: Math.min(loaded.right.years, 3) } : loaded.right;

const years: YearMetrics[] = [];
for (const y of runYears(scenario)) {
  // Each year's events are there too, in log order; count the contributions as an example.
  let contributions = 0;
  for (const e of y.events()) if (e.payload.eventType === 'contribution') contributions++;
  console.log(`${y.year}: ${contributions} contribution events, employer match ${formatMoney(y.metrics.employerMatch)}`);
  years.push(y.metrics);
}
console.log(`\n${metricsTable(years)}`);
