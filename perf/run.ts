/**
 * `npm run perf [-- --quick] [-- --only a,b] [-- --no-history]`: every suite of perf/, each in
 * its own child process (a fresh heap, so one suite's garbage or JIT state does not bill the
 * next, and a crash is one suite's failure), then one table: value, the baseline measured in
 * the same run, their ratio, the number of samples. Appends a record to perf/history.jsonl
 * (commit, date, machine, Node, every figure with its samples) for `npm run perf:check`.
 *
 * Exits 1 only when a suite failed (threw, crashed): never on a timing, so CI can run it on a
 * shared machine. A suite whose file is missing (not written yet) is skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure } from './figure.js';
import { appendRecord, betterOf, gitState, machineSummary } from './history.js';
import type { Better, HistoryFigure, HistoryRecord } from './history.js';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Suite {
  readonly name: string;
  readonly file: string;
  /** The run function's name; any other `run…Bench` export is accepted if this one is absent. */
  readonly run: string;
}

/** Cheapest first, the whole-engine headline last. */
export const SUITES: readonly Suite[] = [
  { name: 'contribution', file: 'contribution.bench.ts', run: 'runContributionBench' },
  { name: 'validation', file: 'validation.bench.ts', run: 'runValidationBench' },
  { name: 'participant', file: 'participant.bench.ts', run: 'runParticipantBench' },
  { name: 'storage', file: 'storage.bench.ts', run: 'runStorageBench' },
  { name: 'duckdb', file: 'duckdb.bench.ts', run: 'runDuckdbBench' },
  { name: 'state-as-of', file: 'state-as-of.bench.ts', run: 'runStateAsOfBench' },
  { name: 'parallel', file: 'parallel.bench.ts', run: 'runParallelBench' },
  { name: 'headline', file: 'headline.bench.ts', run: 'runHeadlineBench' },
];

type RunFn = (opts: { quick: boolean }) => Promise<(BenchFigure & { better?: Better })[]>;

/** In the child: import the suite, find its run function, write its figures as JSON. */
async function runSuiteHere(suite: Suite, quick: boolean, resultFile: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(HERE, suite.file)).href)) as Record<string, unknown>;
  const name = typeof mod[suite.run] === 'function' ? suite.run : Object.keys(mod).find((k) => /^run\w*Bench$/.test(k) && typeof mod[k] === 'function');
  if (name === undefined) {
    throw new Error(`perf/${suite.file} exports no ${suite.run}(opts: { quick: boolean }): Promise<BenchFigure[]> (nor any run…Bench function)`);
  }
  const figures = await (mod[name] as RunFn)({ quick });
  if (!Array.isArray(figures)) throw new Error(`perf/${suite.file}: ${name} returned ${typeof figures}, not a list of figures`);
  writeFileSync(resultFile, JSON.stringify(figures));
}

type Outcome = { ok: true; figures: HistoryFigure[] } | { ok: false; skipped: boolean; reason: string };

function runSuiteInChild(suite: Suite, quick: boolean, dir: string): Outcome {
  if (!existsSync(join(HERE, suite.file))) return { ok: false, skipped: true, reason: `perf/${suite.file} does not exist yet` };
  const resultFile = join(dir, `${suite.name}.json`);
  const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--suite', suite.name, '--result', resultFile, ...(quick ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(resultFile)) {
    return { ok: false, skipped: false, reason: `failed (exit ${String(r.status)}${r.signal === null ? '' : `, ${r.signal}`}); its error is printed above` };
  }
  const raw = JSON.parse(readFileSync(resultFile, 'utf8')) as (BenchFigure & { better?: Better })[];
  try {
    return { ok: true, figures: raw.map((f) => ({ suite: suite.name, figure: f.figure, value: f.value, unit: f.unit, baseline: f.baseline, ratio: f.ratio, samples: f.samples, better: betterOf(f) })) };
  } catch (e) {
    return { ok: false, skipped: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return String(Number(n.toPrecision(4)));
}

/** The table: one row per figure, the figure's description last so the numbers line up. */
export function table(figures: readonly HistoryFigure[]): string {
  const rows = [['suite', 'value', 'unit', 'baseline', 'ratio', 'n', 'better', 'figure']];
  for (const f of figures) rows.push([f.suite, formatNumber(f.value), f.unit, formatNumber(f.baseline), formatNumber(f.ratio), String(f.samples.length), f.better, f.figure]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const right = new Set([1, 3, 4, 5]);
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '))
    .join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const quick = args.includes('--quick');
  const suiteArg = args.indexOf('--suite');
  if (suiteArg !== -1) {
    const suite = SUITES.find((s) => s.name === args[suiteArg + 1]);
    const result = args[args.indexOf('--result') + 1];
    if (suite === undefined || result === undefined) throw new TypeError(`--suite needs one of ${SUITES.map((s) => s.name).join(', ')} and --result FILE`);
    await runSuiteHere(suite, quick, result);
    return 0;
  }
  const onlyArg = args.indexOf('--only');
  const only = onlyArg === -1 ? null : (args[onlyArg + 1] ?? '').split(',');
  const unknown = only?.filter((n) => !SUITES.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) throw new TypeError(`--only: unknown suite(s) ${unknown.join(', ')}; suites are ${SUITES.map((s) => s.name).join(', ')}`);
  const chosen = SUITES.filter((s) => only === null || only.includes(s.name));

  const started = performance.now();
  const machine = machineSummary();
  const dir = mkdtempSync(join(tmpdir(), 'vested-perf-'));
  const figures: HistoryFigure[] = [];
  const skipped: { suite: string; reason: string }[] = [];
  let failed = 0;
  try {
    for (const suite of chosen) {
      const t = performance.now();
      process.stderr.write(`\n== ${suite.name}${quick ? ' (quick)' : ''} ==\n`);
      const o = runSuiteInChild(suite, quick, dir);
      if (o.ok) figures.push(...o.figures);
      else {
        skipped.push({ suite: suite.name, reason: o.reason });
        if (!o.skipped) failed++;
      }
      process.stderr.write(`== ${suite.name}: ${o.ok ? `${o.figures.length} figure(s)` : o.reason} in ${((performance.now() - t) / 1000).toFixed(1)} s ==\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const git = gitState(join(HERE, '..'));
  console.log(`\nvested perf, ${quick ? 'quick' : 'full'}: ${git.commit.slice(0, 10)}${git.dirty ? ' (uncommitted changes)' : ''}, Node ${process.version}, ${machine.cpu} × ${machine.cores}, load ${machine.load}, ${seconds} s\n`);
  console.log(table(figures));
  for (const s of skipped) console.log(`\n${s.suite}: not measured: ${s.reason}`);
  if (!args.includes('--no-history') && figures.length > 0) {
    const record: HistoryRecord = { commit: git.commit, dirty: git.dirty, date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine, node: process.version, seconds, figures, skipped };
    const file = join(HERE, 'history.jsonl');
    appendRecord(file, record);
    console.log(`\nrecorded in perf/history.jsonl; compare with npm run perf:check`);
  }
  return failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
