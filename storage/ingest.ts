/**
 * Ingesting a JSONL event file into a log (`vested ingest`). Every line is validated
 * first, with the events decoder (a line of an older schemaVersion is upcast, then decoded);
 * if any line is invalid nothing is written and every problem is returned, one line per
 * input line. Otherwise the events are appended in file order; ids already in the log are
 * skipped and counted; sequences are assigned by the log (the file's are ignored).
 *
 * Memory: a file of up to `bufferEvents` events (default 1,000,000) is decoded once and
 * appended in one transaction (all or nothing). A longer file is validated in a first pass
 * and decoded again in a second, appended in transactions of `bufferEvents` events: each
 * lands whole, so an interrupted ingest leaves a prefix, and running it again completes it.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CURRENT_SCHEMA_VERSION, decodeEvent } from '../actors/events/index.js';
import type { AppendRecord, EventLog } from './log.js';
import { upcast } from './upcast.js';

export interface IngestOptions {
  readonly bufferEvents?: number;
}

export type IngestResult =
  | { readonly ok: true; readonly read: number; readonly appended: number; readonly skipped: number; readonly transactions: number }
  | { readonly ok: false; readonly read: number; readonly invalid: { line: number; problems: readonly string[] }[] };

/** Calls `each(line, lineNo)` for every line of a file (the final newline does not start a line). */
export function forEachLine(path: string, each: (line: string, lineNo: number) => void): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 22);
  const dec = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + dec.write(buf.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        each(text.slice(start, nl), ++lineNo);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    rest += dec.end();
    if (rest !== '') each(rest, ++lineNo);
  } finally {
    closeSync(fd);
  }
}

/** One line to an append record, or its problems (paths from the event root). */
export function decodeLine(raw: string): { ok: true; record: AppendRecord } | { ok: false; problems: readonly string[] } {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.trim() === '') return { ok: false, problems: ['empty line; expected one JSON event per line'] };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['schemaVersion'] : undefined;
  const legacy = typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < CURRENT_SCHEMA_VERSION;
  let current = json;
  if (legacy) {
    try {
      current = upcast(json as Record<string, unknown>, CURRENT_SCHEMA_VERSION);
    } catch (e) {
      return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
    }
  }
  const r = decodeEvent(current);
  if (r._tag === 'Left') return { ok: false, problems: legacy ? r.left.map((p) => `(schemaVersion ${String(version)}, upcast) ${p}`) : r.left };
  const e = r.right;
  const { scenarioId, planDesignId, eventId, effectiveDate, employeeId } = e;
  if (legacy) {
    const schemaVersion = version as number;
    const raw = json as Record<string, unknown>;
    return {
      ok: true,
      record: employeeId === undefined
        ? { scenarioId, planDesignId, schemaVersion, eventId, effectiveDate, legacy: raw }
        : { scenarioId, planDesignId, schemaVersion, eventId, employeeId, effectiveDate, legacy: raw },
    };
  }
  const { schemaVersion, payload } = e;
  return {
    ok: true,
    record: employeeId === undefined
      ? { scenarioId, planDesignId, schemaVersion, eventId, effectiveDate, payload }
      : { scenarioId, planDesignId, schemaVersion, eventId, employeeId, effectiveDate, payload },
  };
}

export async function ingestFile(log: EventLog, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const limit = opts.bufferEvents ?? 1_000_000;
  const invalid: { line: number; problems: readonly string[] }[] = [];
  let buffered: AppendRecord[] | null = [];
  let read = 0;
  forEachLine(path, (line, lineNo) => {
    read++;
    const r = decodeLine(line);
    if (!r.ok) {
      invalid.push({ line: lineNo, problems: r.problems });
      buffered = null;
    } else if (buffered !== null) {
      if (buffered.length < limit) buffered.push(r.record);
      else buffered = null;
    }
  });
  if (invalid.length > 0) return { ok: false, read, invalid };
  let appended = 0;
  let skipped = 0;
  let transactions = 0;
  const append = (records: AppendRecord[]): void => {
    const r = log.appendRecordsSync(records);
    appended += r.appended;
    skipped += r.skipped;
    transactions++;
  };
  if (buffered !== null) append(buffered);
  else {
    let chunk: AppendRecord[] = [];
    forEachLine(path, (line) => {
      const r = decodeLine(line);
      if (!r.ok) throw new Error(`${path} changed while it was being ingested`);
      chunk.push(r.record);
      if (chunk.length >= limit) {
        append(chunk);
        chunk = [];
      }
    });
    if (chunk.length > 0) append(chunk);
  }
  await log.dbs.env.flushed;
  return { ok: true, read, appended, skipped, transactions };
}
