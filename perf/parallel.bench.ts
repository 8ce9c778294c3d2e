/**
 * Parallel run benchmark (DESIGN.md "Parallel"): the headline workload (headline-scenario.ts:
 * the example plan on a synthetic census) simulated into a durable log on 1 and on 2 worker
 * threads; wall time of each and the speed-up (target ≥ 1.6× on 2 threads). Quick: 8,000 employees × 4 years; full: 100,000 × 10. Each run is its own child
 * process (fresh heap, fresh workers, no JIT carried over), timed around `runToLog` only (the
 * census is written and the scenario loaded before the clock starts). The two thread counts
 * alternate when there are several samples, so a drift in machine load hits both.
 *
 *   node --import tsx perf/parallel.bench.ts [--quick] [--samples N]
 *
 * `--samples N` takes N samples of each (default 1): one sample of a ratio this close to
 * its target is not enough on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeadlineScenario } from './headline-scenario.js';
import type { BenchFigure as Figure } from './figure.js';
import { median } from './figure.js';


const TARGET = 1.6;
const round = (x: number, d = 3): number => Number(x.toPrecision(d + 2));


/** One timed run in a child process: seconds of runToLog on `threads` threads. */
function timedRun(file: string, out: string, threads: number): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, out, String(threads)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`parallel bench child (${threads} threads) failed with status ${r.status}`);
  rmSync(out, { recursive: true, force: true });
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds;
}

async function child(file: string, out: string, threads: number): Promise<void> {
  const { loadScenarioSync } = await import('../engine/scenario.js');
  const { runToLog } = await import('../engine/run.js');
  const s = loadScenarioSync(file);
  if (s._tag === 'Left') throw new Error(s.left.join('\n'));
  const t0 = performance.now();
  await runToLog(s.right, { out, threads });
  process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t0) / 1000 })}\n`);
}

export async function runParallelBench(opts: { quick: boolean; samples?: number }): Promise<Figure[]> {
  const [employees, years] = opts.quick ? [8_000, 4] : [100_000, 10];
  const samples = opts.samples ?? 1;
  const size = `${employees.toLocaleString('en-US')} × ${years}`;
  const dir = mkdtempSync(join(tmpdir(), 'vested-parallel-bench-'));
  try {
    const file = writeHeadlineScenario(dir, employees, years);
    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Alternate which goes first, so a change in machine load does not favour one.
      const order = i % 2 === 0 ? [1, 2] : [2, 1];
      for (const t of order) (t === 1 ? one : two).push(timedRun(file, join(dir, `out-${t}-${i}`), t));
    }
    const t1 = median(one);
    const t2 = median(two);
    const speedups = one.map((a, i) => round(a / two[i]!));
    return [
      { figure: `parallel run wall time, 1 thread (${size}, durable log)`, value: round(t1), unit: 's', baseline: round(t1), ratio: 1, samples: one.map((x) => round(x)) },
      { figure: `parallel run wall time, 2 threads (${size}, durable log; baseline 1 thread)`, value: round(t2), unit: 's', baseline: round(t1), ratio: round(t2 / t1), samples: two.map((x) => round(x)) },
      { figure: `parallel speed-up, 2 threads vs 1 (${size}; target ≥ ${TARGET}×)`, value: round(t1 / t2), unit: '×', baseline: TARGET, ratio: round(t1 / t2 / TARGET), samples: speedups },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [file, out, threads] = process.argv.slice(3) as [string, string, string];
  await child(file, out, Number(threads));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--samples');
  const samples = at < 0 ? 1 : Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(samples) || samples < 1) throw new Error(`--samples: a whole number ≥ 1, not ${JSON.stringify(process.argv[at + 1])}`);
  const figures = await runParallelBench({ quick: process.argv.includes('--quick'), samples });
  for (const f of figures) console.log(`${f.figure}: ${f.value} ${f.unit} (baseline ${f.baseline}; ratio ${f.ratio}) samples ${JSON.stringify(f.samples)}`);
}
