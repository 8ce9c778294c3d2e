/**
 * `vested census N [--seed S] [--start-year Y]`: a synthetic census of N employees as CSV on
 * stdout (engine/census/synthetic.ts; distributions in docs/workforce.md). The same N, seed
 * and start year always give the same bytes. Exit 2 on bad arguments.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { censusToCsv, syntheticEmployee } from '../census/synthetic.js';

export const DEFAULT_CENSUS_SEED = 2026;
export const DEFAULT_CENSUS_START_YEAR = 2026;
export const MAX_CENSUS_SIZE = 5_000_000;

function integerArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/** Writes the census in chunks, waiting when the output is full, so a large N runs in little memory. */
export async function writeCensus(out: Writable, n: number, seed: number, startYear: number): Promise<void> {
  const CHUNK = 1000;
  for (let first = 1; first <= n; first += CHUNK) {
    const rows = [];
    for (let i = first; i < first + CHUNK && i <= n; i++) rows.push(syntheticEmployee(seed, startYear, i));
    let text = censusToCsv(rows);
    if (first > 1) text = text.slice(text.indexOf('\n') + 1); // header once
    if (!out.write(text)) await once(out, 'drain');
  }
}

export function registerCensus(program: Command): void {
  program
    .command('census')
    .description('write a synthetic census of N employees as CSV to stdout (deterministic for a seed)')
    .argument('<n>', 'number of employees', integerArg('N', 1, MAX_CENSUS_SIZE))
    .option('--seed <s>', 'random seed', integerArg('--seed', 0, Number.MAX_SAFE_INTEGER), DEFAULT_CENSUS_SEED)
    .option('--start-year <y>', 'the census is as of Jan 1 of this year', integerArg('--start-year', 1900, 2200), DEFAULT_CENSUS_START_YEAR)
    .action(async (n: number, opts: { seed: number; startYear: number }) => {
      await writeCensus(process.stdout, n, opts.seed, opts.startYear);
    });
}
