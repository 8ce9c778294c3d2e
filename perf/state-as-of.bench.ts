/**
 * Time travel at scale: the state of every participant of a run on one date
 * (storage/states-as-of-threads.ts: each participant rebuilt from its latest snapshot at or
 * before the date plus the inputs logged after it, through the participant machine; the
 * participants split across a worker thread and the calling one). The date is a mid-year
 * Friday, so most participants replay half a year of pay dates on top of their Dec 31 snapshot.
 * Target: all of 100,000 participants in ≤ 10 s. Quick: a 5,000-employee, 3-year run; full:
 * 20,000 × 5. The figure is participants/s and the time for 100,000 at that rate; each round
 * times the whole call (the first one includes starting the worker, later calls reuse it).
 *
 * Baseline, in the same run: reading the same participants' snapshots from the log alone (the
 * lookup and msgpack decode, no machine, no events), so the ratio is what the replay costs.
 *
 * Newest (2026-11-26 00:18, quick, 8,231 participants, the 2 cores shared with other work,
 * load 1.3): 9,049 participants/s → 11.1 s per 100,000 (baseline 71,666/s, ratio 0.126); the
 * previous path (stateAsOf one participant at a time) right after: 5,662/s, ratio 0.070. On a
 * quieter moment the same command gave 13,420-13,752/s (7.3-7.5 s per 100,000, ratio 0.17-0.19).
 *
 *   node --expose-gc --import tsx perf/state-as-of.bench.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IsoDate } from '../rules/calendar.js';
import { runToLog } from '../engine/run.js';
import { openLog } from '../storage/log.js';
import { participantIds } from '../storage/logged-years.js';
import { closeStatesThreads, statesAsOfThreaded } from '../storage/states-as-of-threads.js';
import { loadScenarioFile, writeSyntheticScenario } from '../spec/fixtures/synthetic-scenario.js';
import type { BenchFigure } from './figure.js';
import { median } from './figure.js';

export async function runStateAsOfBench(opts: { quick: boolean }): Promise<(BenchFigure & { better: 'higher' | 'lower' })[]> {
  const [employees, years] = opts.quick ? [5_000, 3] : [20_000, 5];
  const dir = mkdtempSync(join(tmpdir(), 'vested-state-as-of-'));
  try {
    const file = writeSyntheticScenario(dir, { scenarioId: 'state-as-of-bench', seed: 17, employees, years });
    await runToLog(loadScenarioFile(file), { out: join(dir, 'log'), threads: 0 });
    const log = openLog(join(dir, 'log'));
    const date = `${2026 + years - 1}-06-26` as IsoDate; // a Friday, mid-way through the last year
    const ids = participantIds(log, 'state-as-of-bench');
    const samples: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < 3; round++) {
      let t = performance.now();
      let found = 0;
      for await (const _ of statesAsOfThreaded(log, 'state-as-of-bench', date)) found++;
      samples.push(found / ((performance.now() - t) / 1000));
      t = performance.now();
      let read = 0;
      for (const id of ids) if (log.snapshotAtOrBefore('state-as-of-bench', id, date) !== undefined) read++;
      baseline.push(read / ((performance.now() - t) / 1000));
    }
    await closeStatesThreads();
    await log.close();

    const rate = median(samples);
    const base = median(baseline);
    return [
      {
        figure: `state as of a mid-year date, every participant of a ${employees} × ${years} run (${ids.length} participants)`,
        value: rate,
        unit: 'participants/s',
        baseline: base,
        ratio: rate / base,
        samples,
        better: 'higher',
      },
      {
        figure: 'state as of a date for 100,000 participants, at that rate (target ≤ 10 s)',
        value: 100_000 / rate,
        unit: 's',
        baseline: 10,
        ratio: 100_000 / rate / 10,
        samples: samples.map((r) => 100_000 / r),
        better: 'lower',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await runStateAsOfBench({ quick: process.argv.includes('--quick') })) {
    console.log(`${f.figure}: ${f.value.toFixed(1)} ${f.unit} (baseline ${f.baseline.toFixed(1)}, ratio ${f.ratio.toFixed(3)})`);
  }
}
