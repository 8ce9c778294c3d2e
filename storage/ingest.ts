/**
 * Ingesting a JSONL event file into a log (`vested ingest`). Every line is validated
 * first, with the events decoder (a line of an older schemaVersion is upcast, then decoded);
 * if any line is invalid nothing is written and every problem is returned, one line per
 * input line. Otherwise the events are appended in file order; ids already in the log are
 * skipped and counted; sequences are assigned by the log (the file's are ignored).
 *
 * Decoding is most of the work, so the file is cut into chunks of whole lines (ingest-ranges.ts)
 * decoded on worker threads and on this thread (ingest-threads.ts) into runs of events already
 * encoded as segment records (ingest-chunk.ts); this thread, the log's single writer, then only
 * checks ids, assigns sequences and puts (write.ts). The log is byte for byte what appending
 * the decoded records one by one stores, whatever the threads and chunks (spec/storage/ingest.spec.ts).
 *
 * Transactions and memory: a file of up to `bufferEvents` events (default 1,000,000) is
 * appended in one transaction (all or nothing); a longer one in transactions of `bufferEvents`
 * events, each whole, so an interrupted ingest leaves a prefix and running it again completes
 * it. The decoded chunks (~30-60 bytes an event) are kept from validation to append up to
 * `keepBytes`; past that the file is decoded again to append, holding a few chunks at a time.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { runRecords } from './ingest-chunk.js';
import type { DecodedChunk, EncodedRun } from './ingest-chunk.js';
import { LineRanges } from './ingest-ranges.js';
import { DecodePool, defaultThreads } from './decode-pool.js';
import { decodeRanges } from './ingest-threads.js';
import type { DecodeOptions } from './ingest-threads.js';
import type { AppendRecord, EventLog } from './log.js';

export interface IngestOptions {
  /** Events per transaction (default 1,000,000); a file of at most this many lands whole or not at all. */
  readonly bufferEvents?: number;
  /**
   * Decoding worker threads, started at once (0: decode in process). By default up to the
   * machine's cores less one, started only when they would help (decode-pool.ts).
   */
  readonly threads?: number;
  /** The calling thread decodes chunks too while the workers are busy (default true). */
  readonly callerDecodes?: boolean;
  /** Bytes per decoded chunk of the file (default 1 MiB). */
  readonly chunkBytes?: number;
  /** At most this many bytes of decoded chunks are kept from validation to append (default 512 MiB); a file past it is decoded again to append. */
  readonly keepBytes?: number;
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

export async function ingestFile(log: EventLog, path: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const limit = opts.bufferEvents ?? 1_000_000;
  const keepBytes = opts.keepBytes ?? 512 << 20;
  const ranges = new LineRanges(path, opts.chunkBytes ?? 1 << 20);
  const pool = opts.threads === undefined ? DecodePool.auto(defaultThreads(), ranges.size) : DecodePool.start(opts.threads);
  try {
    return await ingestWith(log, ranges, opts, limit, keepBytes, pool);
  } finally {
    await pool.destroy();
  }
}

async function ingestWith(log: EventLog, ranges: LineRanges, opts: IngestOptions, limit: number, keepBytes: number, pool: DecodePool): Promise<IngestResult> {
  const decoding: DecodeOptions = { maxSegmentEvents: log.maxSegmentEvents, ...(opts.callerDecodes === undefined ? {} : { callerDecodes: opts.callerDecodes }) };

  // First pass: every line decoded and validated; the chunks kept for the append if they fit.
  const invalid: { line: number; problems: readonly string[] }[] = [];
  const linesOf: number[] = [];
  let read = 0;
  let kept: DecodedChunk[] | null = [];
  let keptBytes = 0;
  await decodeRanges(ranges, decoding, pool, (c) => {
    for (const i of c.invalid) invalid.push({ line: read + i.line, problems: i.problems });
    read += c.lines;
    linesOf.push(c.lines);
    if (kept === null) return;
    keptBytes += c.bytes;
    if (invalid.length > 0 || keptBytes > keepBytes) kept = null;
    else kept.push(c);
  });
  if (invalid.length > 0) return { ok: false, read, invalid };

  // Then the append, in transactions of `limit` lines; a run across a boundary is split into its records.
  let appended = 0;
  let skipped = 0;
  let transactions = 0;
  let batch: (AppendRecord | EncodedRun)[] = [];
  let inBatch = 0;
  const commit = (): void => {
    const r = log.appendDecodedSync(batch);
    appended += r.appended;
    skipped += r.skipped;
    transactions++;
    batch = [];
    inBatch = 0;
  };
  const add = (c: DecodedChunk): void => {
    for (const run of c.runs) {
      if (inBatch + run.count <= limit) {
        batch.push(run);
        inBatch += run.count;
        if (inBatch === limit) commit();
        continue;
      }
      const records = runRecords(run);
      for (let at = 0; at < records.length; ) {
        const take = Math.min(limit - inBatch, records.length - at);
        for (let i = at; i < at + take; i++) batch.push(records[i]!);
        inBatch += take;
        at += take;
        if (inBatch === limit) commit();
      }
    }
  };
  if (kept !== null) {
    // the workers are done: let them stop while this thread appends
    void pool.destroy();
    const chunks: (DecodedChunk | undefined)[] = kept;
    kept = null;
    chunks.forEach((c, i) => {
      chunks[i] = undefined;
      add(c!);
    });
  } else {
    await decodeRanges(ranges, decoding, pool, (c, i) => {
      if (c.invalid.length > 0 || c.lines !== linesOf[i]) throw new Error(`${ranges.path} changed while it was being ingested`);
      add(c);
    });
  }
  if (inBatch > 0 || transactions === 0) commit();
  await log.dbs.env.flushed;
  return { ok: true, read, appended, skipped, transactions };
}
