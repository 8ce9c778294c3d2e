/**
 * `vested report DIR [--json]`: the per-year summary of each run stored in DIR, as the run
 * printed it (from the year records committed with each year), or as JSON.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { yearRecords } from '../../storage/run-state.js';
import { metricsJson, metricsTable } from '../metrics.js';
import type { YearMetrics } from '../metrics.js';
import { withLog } from './with-log.js';

export async function reportCommand(dir: string, json: boolean, out: Writable, err: Writable): Promise<0 | 1> {
  return withLog('report', dir, err, async (log) => {
    const runs = log.scenarios().flatMap((scenarioId) => {
      const meta = log.getMetadata(scenarioId);
      if (meta === undefined) return [];
      return [{ scenarioId, planDesignId: meta.planDesignId, status: meta.status, years: yearRecords(log, scenarioId).map((r) => r.metrics as YearMetrics) }];
    });
    if (runs.length === 0) {
      err.write(`vested report: ${dir} holds no simulated run (only ingested events); use vested export\n`);
      return 1;
    }
    if (json) {
      out.write(`${JSON.stringify(runs.map((r) => ({ ...r, years: r.years.map(metricsJson) })), null, 2)}\n`);
      return 0;
    }
    for (const r of runs) {
      out.write(`${r.scenarioId} (plan design ${r.planDesignId}, ${r.status})\n\n${metricsTable(r.years)}\n\n`);
    }
    return 0;
  });
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('print the yearly summary of the runs stored in DIR')
    .argument('<dir>', 'log folder')
    .option('--json', 'as JSON')
    .action(async (dir: string, o: { json?: boolean }) => {
      process.exitCode = await reportCommand(dir, o.json === true, process.stdout, process.stderr);
    });
}
