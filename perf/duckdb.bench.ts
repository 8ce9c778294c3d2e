/**
 * The event log against DuckDB, which the seed system used and a user might pick instead:
 * the same events as perf/storage.bench.ts (spec/storage/fixtures/events.ts, 81 per
 * participant-year, 500 participants × 10 years ≈ 405,000 events quick, 37,000 × 10 ≈ 30M full),
 * written year by year into each store on disk, then one participant's full history read back.
 *
 * - ingest: our log's bulk path (`appendSegments`, one durable transaction per plan year) vs
 *   DuckDB's appender into a file database (one appender per year, closed = committed), one
 *   row per event: the envelope as columns, the payload as JSON text. Samples: one per year.
 * - history p99: `history(scenario, employee)` (decoded events) vs a prepared DuckDB query
 *   `WHERE scenario_id = ? AND employee_id = ? ORDER BY sequence` with the payloads parsed,
 *   for the same seeded participants; DuckDB as a user would set it up (no index: zone maps
 *   only). Samples: the p99 of each round.
 *
 * DuckDB runs with its defaults (all cores for a query, memory limit 80 % of RAM).
 *
 *   node --import tsx perf/duckdb.bench.ts [--quick]
 *
 * Last result (2 shared vCPU, load ≈ 9, Node 20.20, DuckDB 1.5.6, quick, 2026-11-25):
 *   ingest         537,800 events/s vs DuckDB appender 146,300 (3.68×)
 *   history p99      10.1 ms vs DuckDB query 75.3 ms (0.13×)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLog } from '../storage/log.js';
import { deriveEventId } from '../storage/ids.js';
import { employeeIdOf, eventsPerRunYear, runYear, EVENTS_PER_PARTICIPANT_YEAR } from '../spec/storage/fixtures/events.js';
import type { BenchFigure } from './figure.js';

const SCENARIO = 'bench';
const DESIGN = 'pd';
const START = 2025;
const YEARS = 10;

const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/** The storage bench's seeded generator, so the sampled participants are chosen the same way. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type DuckDb = typeof import('@duckdb/node-api');

async function loadDuckDb(): Promise<DuckDb> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new Error(`duckdb bench: @duckdb/node-api is not installed (a dev dependency: npm install): ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function runDuckdbBench(opts: { quick: boolean }): Promise<(BenchFigure & { better: 'higher' | 'lower' })[]> {
  const duck = await loadDuckDb();
  const employees = opts.quick ? 500 : 37_000;
  const picksPerRound = 100;
  const rounds = 4; // the first warms both stores up
  const root = mkdtempSync(join(tmpdir(), 'vested-duckdb-'));
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const instance = await duck.DuckDBInstance.create(join(root, 'events.duckdb'));
  const conn = await instance.connect();
  const elog = openLog(join(root, 'log'));
  try {
    await conn.run(`CREATE TABLE events (event_id VARCHAR, scenario_id VARCHAR, plan_design_id VARCHAR, employee_id VARCHAR,
      effective_date VARCHAR, sequence BIGINT, schema_version INTEGER, event_type VARCHAR, payload VARCHAR)`);
    const ours: number[] = [];
    const theirs: number[] = [];
    let seq = 0;
    let total = 0;
    for (let y = START; y < START + YEARS; y++) {
      const segs = runYear(employees, y);
      const n = eventsPerRunYear(employees);
      let t = performance.now();
      await elog.appendSegments(SCENARIO, DESIGN, segs);
      ours.push(n / ((performance.now() - t) / 1000));
      t = performance.now();
      const app = await conn.createAppender('events');
      for (const s of segs) {
        s.events.forEach((e, k) => {
          app.appendVarchar(deriveEventId(SCENARIO, s.employeeId ?? '', y, k));
          app.appendVarchar(SCENARIO);
          app.appendVarchar(DESIGN);
          if (s.employeeId === null) app.appendNull();
          else app.appendVarchar(s.employeeId);
          app.appendVarchar(e.effectiveDate);
          app.appendBigInt(BigInt(seq++));
          app.appendInteger(2);
          app.appendVarchar(e.payload.eventType);
          app.appendVarchar(JSON.stringify(e.payload));
          app.endRow();
        });
      }
      app.closeSync();
      theirs.push(n / ((performance.now() - t) / 1000));
      total += n;
      log(`duckdb bench year ${y}: ${total} events; log ${round(ours.at(-1)!)} /s, duckdb appender ${round(theirs.at(-1)!)} /s`);
    }
    const counted = (await conn.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]?.[0];
    if (Number(counted) !== total) throw new Error(`duckdb bench: DuckDB holds ${String(counted)} events, expected ${total}`);

    const query = await conn.prepare('SELECT event_id, employee_id, effective_date, sequence, payload FROM events WHERE scenario_id = $1 AND employee_id = $2 ORDER BY sequence');
    const expected = YEARS * EVENTS_PER_PARTICIPANT_YEAR;
    const rand = lcg(20261125);
    const histP99: number[] = [];
    const duckP99: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const picks = Array.from({ length: picksPerRound }, () => employeeIdOf(Math.floor(rand() * employees)));
      const h: number[] = [];
      const d: number[] = [];
      for (const emp of picks) {
        let t = process.hrtime.bigint();
        const n = elog.history(SCENARIO, emp).length;
        h.push(Number(process.hrtime.bigint() - t) / 1e6);
        t = process.hrtime.bigint();
        query.bindVarchar(1, SCENARIO);
        query.bindVarchar(2, emp);
        const rows = (await query.runAndReadAll()).getRows();
        const parsed = rows.map((row) => JSON.parse(String(row[4])) as unknown);
        d.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (n !== expected || parsed.length !== expected) throw new Error(`duckdb bench: history of ${emp} has ${n} events in the log and ${parsed.length} in DuckDB, expected ${expected}`);
      }
      if (r > 0) {
        // round 0 warms both up
        histP99.push(quantile(h, 0.99));
        duckP99.push(quantile(d, 0.99));
      }
    }
    const ingest = median(ours);
    const duckIngest = median(theirs);
    const hp = median(histP99);
    const dp = median(duckP99);
    return [
      {
        figure: `ingest vs DuckDB appender (${total.toLocaleString('en-US')} events, one durable transaction per plan year)`,
        value: round(ingest),
        unit: 'events/s',
        baseline: round(duckIngest),
        ratio: round(ingest / duckIngest, 3),
        samples: ours.map((x) => round(x)),
        better: 'higher',
      },
      {
        figure: `history p99 vs DuckDB query (one participant, ${expected} events, of ${total.toLocaleString('en-US')})`,
        value: round(hp),
        unit: 'ms',
        baseline: round(dp),
        ratio: round(hp / dp, 3),
        samples: histP99.map((x) => round(x)),
        better: 'lower',
      },
    ];
  } finally {
    await elog.close();
    conn.closeSync();
    instance.closeSync();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await runDuckdbBench({ quick: process.argv.includes('--quick') })) {
    console.log(`${f.figure}\n  ${f.value} ${f.unit}  DuckDB ${f.baseline}  ratio ${f.ratio}  samples ${JSON.stringify(f.samples)}`);
  }
}
