/**
 * `vested ingest DIR FILE.jsonl`: validates every line, then appends them to the log in DIR
 * (created if needed). Any invalid line: all problems printed like `vested validate`
 * (`line N: path: problem | path: problem`), nothing written, exit 1. Otherwise prints what
 * was appended and what was skipped (ids already in the log). Exit 2 when FILE cannot be read.
 */
import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { openLog } from '../../storage/log.js';
import { ingestFile } from '../../storage/ingest.js';
import { PROBLEM_SEPARATOR } from './validate.js';

export async function ingestCommand(dir: string, file: string, out: Writable, err: Writable): Promise<0 | 1 | 2> {
  const log = openLog(dir);
  try {
    const r = await ingestFile(log, file);
    if (!r.ok) {
      out.write(r.invalid.map((i) => `line ${i.line}: ${i.problems.join(PROBLEM_SEPARATOR)}\n`).join(''));
      out.write(`${r.read - r.invalid.length} valid, ${r.invalid.length} invalid; nothing written to ${dir}\n`);
      return 1;
    }
    out.write(`${r.read} events read; ${r.appended} appended, ${r.skipped} skipped (already in the log)\n`);
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err.write(`vested ingest: ${code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' ? `cannot read ${file}: ` : ''}${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    await log.close();
  }
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('validate a .jsonl event file, then append it to the log in DIR (ids already there are skipped)')
    .argument('<dir>', 'log folder (created if needed)')
    .argument('<file>', 'event file, one JSON event per line')
    .action(async (dir: string, file: string) => {
      process.exitCode = await ingestCommand(dir, file, process.stdout, process.stderr);
    });
}
