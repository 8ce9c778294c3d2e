/**
 * `--as-of DATE`, shared by the commands that look at the log on a date (history, replay,
 * balances), so a bad date gets the same message from each: `vested CMD: --as-of: "2026-02-30"
 * is not a real date: 2026-02 has 28 days`. The command exits 1 after it, as it does on any
 * other input it refuses.
 */
import type { Writable } from 'node:stream';
import { parseIsoDate } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';

/** The date, or null once the reason it is not one has been written to `err`. */
export function parseAsOf(command: string, text: string, err: Writable): IsoDate | null {
  const d = parseIsoDate(text);
  if (d.ok) return d.value;
  err.write(`vested ${command}: --as-of: ${d.error}\n`);
  return null;
}
