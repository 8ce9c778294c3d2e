/**
 * Export: a scenario's events as canonical interchange JSONL (the events module's encoder:
 * money and rates as fixed-decimal strings, canonical key order), in sequence order,
 * streamed in ~64 KB writes that wait for the output to drain.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { eventToJsonLine } from '../actors/events/index.js';
import type { EventLog } from './log.js';

const CHUNK = 1 << 16;

/** Writes the scenarios' events (all scenarios, in key order, when none is named); returns the count. */
export async function exportLog(log: EventLog, out: Writable, scenarioId?: string): Promise<number> {
  const scenarios = scenarioId === undefined ? log.scenarios() : [scenarioId];
  let n = 0;
  let text = '';
  for (const s of scenarios) {
    for (const e of log.readScenario(s)) {
      text += eventToJsonLine(e) + '\n';
      n++;
      if (text.length >= CHUNK) {
        const ok = out.write(text);
        text = '';
        if (!ok) await once(out, 'drain');
      }
    }
  }
  if (text !== '' && !out.write(text)) await once(out, 'drain');
  return n;
}
