/**
 * Compare three plan designs over the same workforce, in parallel (a design per worker
 * thread), into one log folder, and print the side-by-side summary.
 *
 *   node --import tsx examples/compare-designs.ts [OUT_DIR] [EMPLOYEES]
 *
 * OUT_DIR defaults to a fresh temporary folder; EMPLOYEES (or VESTED_EMPLOYEES) keeps only the
 * first N census rows and 3 years, for a quick try.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWhatIf, comparisonTable, decodePlanDesign, deriveDesign, loadScenarioSync, runWhatIf } from 'vested';
import type { PlanDesign } from 'vested';

const here = (p: string): string => new URL(p, import.meta.url).pathname;
const out = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'vested-compare-')), 'log');
const limit = Number(process.argv[3] ?? process.env.VESTED_EMPLOYEES ?? 0);

function orExit<T>(r: { _tag: 'Left'; left: readonly string[] } | { _tag: 'Right'; right: T }): T {
  if (r._tag === 'Right') return r.right;
  console.error(r.left.join('\n'));
  process.exit(1);
}

// One census, workforce and seed: the bundled example scenario (smaller if asked).
const loaded = orExit(loadScenarioSync(here('./scenario.json')));
const scenario = limit > 0 ? { ...loaded, census: loaded.census.slice(0, limit), years: Math.min(loaded.years, 3) } : loaded;

// Three designs: the scenario's own, a variant of it (overrides merged with immer), a design file.
const baseline: PlanDesign = scenario.plan;
const richer = orExit(deriveDesign(baseline, { planDesignId: 'richer-match', match: { tiers: [{ upTo: '0.06', rate: '1' }] } }));
const safeHarbor = orExit(decodePlanDesign(JSON.parse(readFileSync(here('./plans/safe-harbor-core.json'), 'utf8'))));

const whatif = buildWhatIf(
  scenario,
  [
    { name: 'baseline', plan: baseline },
    { name: 'richer-match', plan: richer },
    { name: 'safe-harbor', plan: safeHarbor },
  ],
  { whatifId: 'compare-designs' },
);
const outcome = await runWhatIf(whatif, {
  out,
  threads: 3, // a design per worker thread; on a 2-core machine, 1 (in process) is as fast
  onYear: (design, year) => console.error(`${design}: ${year} done`),
});
console.log(comparisonTable(outcome));
console.log(`\nlog, whatif.json and whatif.csv in ${out}`);
