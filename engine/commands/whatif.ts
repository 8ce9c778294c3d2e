/**
 * `vested whatif FILE [--out DIR] [--threads N] [--parallel variants|partitions]`: runs every plan design of a what-if file
 * (docs/whatif.md) over the same census, workforce and seed into one log folder (default
 * `out/<whatifId>`), one scenario per variant, prints the side-by-side summary per year with
 * each design's difference from the first, and writes it as `whatif.json` and `whatif.csv`
 * in the folder. Exit 1 on bad input or a refused run, 2 on usage errors.
 */
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { RunRefusedError } from '../run.js';
import { loadWhatIf } from '../whatif/format.js';
import { runWhatIf } from '../whatif/run.js';
import { comparisonTable } from '../whatif/compare.js';

export interface WhatIfCommandOptions {
  readonly out?: string;
  readonly threads?: number;
  readonly parallel?: 'variants' | 'partitions';
}

export async function whatifCommand(file: string, opts: WhatIfCommandOptions, out: Writable, err: Writable & { isTTY?: boolean }): Promise<0 | 1> {
  const loaded = await loadWhatIf(file);
  if (loaded._tag === 'Left') {
    for (const m of loaded.left) err.write(`${m}\n`);
    return 1;
  }
  const whatif = loaded.right;
  const dir = opts.out ?? join('out', whatif.whatifId);
  const tty = err.isTTY === true;
  try {
    const outcome = await runWhatIf(whatif, {
      out: dir,
      ...(opts.threads === undefined ? {} : { threads: opts.threads }),
      ...(opts.parallel === undefined ? {} : { parallel: opts.parallel }),
      ...(tty ? { onYear: (v: string, y: number) => err.write(`${v}: ${y} committed\n`) } : {}),
    });
    const names = outcome.variants.map((v) => v.name).join(', ');
    const fork = whatif.fork === null ? '' : `, forked from ${whatif.fork.scenarioId} after ${whatif.fork.year}`;
    out.write(`${whatif.whatifId}: ${outcome.variants.length} designs (${names}), ${whatif.years} years from ${whatif.startYear}${fork}; log, whatif.json and whatif.csv in ${dir}\n\n`);
    out.write(`${comparisonTable(outcome)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof RefusedEventError || e instanceof RunRefusedError) {
      err.write(`vested whatif: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function registerWhatIf(program: Command): void {
  program
    .command('whatif')
    .description('compare plan designs over one census, workforce and seed; each design into its own scenario of one log folder')
    .argument('<file>', 'what-if JSON file')
    .option('--out <dir>', 'output folder (default: out/<whatifId>)')
    .option('--threads <n>', 'worker threads (default: designs, at most the cores less one; 1 = in process)')
    .option('--parallel <how>', 'variants: a design per worker (default); partitions: designs one after another, each on all the threads')
    .action(async (file: string, o: { out?: string; threads?: string; parallel?: string }) => {
      if (o.parallel !== undefined && o.parallel !== 'variants' && o.parallel !== 'partitions') {
        process.stderr.write(`vested whatif: --parallel: expected variants or partitions, got ${JSON.stringify(o.parallel)}\n`);
        process.exitCode = 2;
        return;
      }
      let threads: number | undefined;
      if (o.threads !== undefined) {
        threads = Number(o.threads);
        if (!Number.isInteger(threads) || threads < 1) {
          process.stderr.write(`vested whatif: --threads: expected a positive integer, got ${JSON.stringify(o.threads)}\n`);
          process.exitCode = 2;
          return;
        }
      }
      process.exitCode = await whatifCommand(
        file,
        {
          ...(o.out === undefined ? {} : { out: o.out }),
          ...(threads === undefined ? {} : { threads }),
          ...(o.parallel === undefined ? {} : { parallel: o.parallel }),
        },
        process.stdout,
        process.stderr,
      );
    });
}
