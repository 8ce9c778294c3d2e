/**
 * `vested validate FILE.jsonl`: checks every line of an event file against the event codec.
 * It streams (one chunk of the file and one line at a time in memory), so a multi-GB file
 * runs in constant memory; output respects the stdout's backpressure for the same reason.
 * Exit 0 when every line is valid, 1 when any is not, 2 when the file cannot be read.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { decodeEventJson } from '../../actors/events/index.js';

export interface ValidationCounts {
  valid: number;
  invalid: number;
}

/** Output is gathered per input chunk and written in one call, waiting when the stream is full. */
async function flush(out: Writable, text: string): Promise<void> {
  if (text !== '' && !out.write(text)) await once(out, 'drain');
}

/** Between two problems of one line (messages themselves may contain "; "). */
export const PROBLEM_SEPARATOR = ' | ';

/**
 * Validates a stream of JSONL text, writing one line per invalid input line (1-based):
 * `line N: path: problem | path: problem`. A blank line is invalid like any other line that is not an event;
 * the final newline does not start a line. Rejects only when the input stream errors.
 */
export async function validateStream(input: Readable, out: Writable): Promise<ValidationCounts> {
  input.setEncoding('utf8');
  const counts: ValidationCounts = { valid: 0, invalid: 0 };
  let lineNo = 0;
  let rest = '';
  const check = (raw: string): string => {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const r = line.trim() === '' ? null : decodeEventJson(line);
    if (r !== null && r._tag === 'Right') {
      counts.valid++;
      return '';
    }
    counts.invalid++;
    const problems = r === null ? ['empty line; expected one JSON event per line'] : r.left;
    return `line ${lineNo}: ${problems.join(PROBLEM_SEPARATOR)}\n`;
  };
  for await (const chunk of input) {
    const text = rest + (chunk as string);
    let start = 0;
    let report = '';
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      report += check(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    await flush(out, report);
  }
  if (rest !== '') await flush(out, check(rest));
  return counts;
}

/** Validates a file and returns the exit code; the summary goes to `out`, read failures to `err`. */
export async function validateFile(path: string, out: Writable, err: Writable): Promise<0 | 1 | 2> {
  let counts: ValidationCounts;
  try {
    counts = await validateStream(createReadStream(path), out);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    err.write(`vested validate: cannot read ${path}: ${reason}\n`);
    return 2;
  }
  await flush(out, `${counts.valid} valid, ${counts.invalid} invalid\n`);
  return counts.invalid === 0 ? 0 : 1;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every event of a .jsonl file; one line per problem, then "N valid, M invalid"')
    .argument('<file>', 'event file, one JSON event per line')
    .action(async (file: string) => {
      process.exitCode = await validateFile(file, process.stdout, process.stderr);
    });
}
