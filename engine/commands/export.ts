/**
 * `vested export DIR [--scenario ID]`: the log's events as canonical JSONL on stdout, in
 * sequence order, streamed. Exit 1 when DIR is not a log or names no such scenario.
 */
import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { exportLog } from '../../storage/export.js';
import { noSuchScenario, withLog } from './with-log.js';

export async function exportCommand(dir: string, scenarioId: string | undefined, out: Writable, err: Writable): Promise<0 | 1> {
  return withLog('export', dir, err, async (log) => {
    if (scenarioId !== undefined && !log.scenarios().includes(scenarioId)) return noSuchScenario('export', dir, log, scenarioId, err);
    await exportLog(log, out, scenarioId);
    return 0;
  });
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('print the events of the log in DIR as canonical JSONL, in sequence order')
    .argument('<dir>', 'log folder')
    .option('--scenario <id>', 'only this scenario')
    .action(async (dir: string, opts: { scenario?: string }) => {
      process.exitCode = await exportCommand(dir, opts.scenario, process.stdout, process.stderr);
    });
}
