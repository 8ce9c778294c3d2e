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
 * checks ids, assigns sequences and puts (write.ts), each chunk as it comes in, while the next
 * ones are decoded. The log is byte for byte what appending the decoded records one by one
 * stores, whatever the threads and chunks (spec/storage/ingest.spec.ts).
 *
 * Transactions and memory: a file of up to `bufferEvents` events (default 1,000,000) is
 * appended in one transaction (all or nothing); a longer one in transactions of `bufferEvents`
 * events, each whole, so an interrupted ingest leaves a prefix and running it again completes
 * it. The first transaction is open from the start, its events put as their chunks are
 * decoded, and commits once the whole file is known valid (an invalid line aborts it): the log
 * takes no other write meanwhile (another process waits; in this process a write would join
 * the ingest's transaction). What does not fit in it is kept decoded (~30-60 bytes an event) up
 * to `keepBytes`; past that the rest of the file is decoded again to append.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { ABORT } from 'lmdb';
import { runRecords } from './ingest-chunk.js';
import type { EncodedRun } from './ingest-chunk.js';
import { LineRanges } from './ingest-ranges.js';
import { DecodePool, defaultThreads } from './decode-pool.js';
import { decodeRanges } from './ingest-threads.js';
import type { DecodeOptions } from './ingest-threads.js';
import type { AppendRecord, EventLog } from './log.js';
import { putHeads, putSegments, writePlanner } from './write.js';
import type { WritePlan, WritePlanner } from './write.js';

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
  /**
   * At most this many bytes of decoded chunks past the first transaction are kept from validation
   * to append (default 512 MiB); past it the rest of the file is decoded again to append.
   */
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

/** Runs and records, as the writer takes them. */
type Item = AppendRecord | EncodedRun;

const eventsOf = (item: Item): number => ('pieces' in item ? item.count : 1);

/** `items` cut after their first `n` events; a run across the cut is taken apart into its records. */
function cut(items: readonly Item[], n: number): [Item[], Item[]] {
  const head: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    if (n === 0) return [head, items.slice(i)];
    const item = items[i]!;
    const count = eventsOf(item);
    if (count <= n) {
      head.push(item);
      n -= count;
      continue;
    }
    const records = runRecords(item as EncodedRun);
    for (let k = 0; k < n; k++) head.push(records[k]!);
    const tail: Item[] = records.slice(n);
    for (let k = i + 1; k < items.length; k++) tail.push(items[k]!);
    return [head, tail];
  }
  return [head, []];
}

/**
 * The ingest's first transaction, open while the file is decoded: the chunks' segments are
 * planned and put as the chunks come in, in file order (the writer's work overlaps the
 * decoding instead of following it, and the decoded chunks need not be kept), up to `room`
 * events. It commits only once every line of the file is known valid; otherwise it aborts and
 * nothing is written. Feeding the planner chunk by chunk plans what one `appendDecodedSync` of
 * the same runs does (write.ts), so the log is the same.
 */
class OpenTransaction {
  private planner: WritePlanner | null = null;
  private plan: WritePlan | null = null;
  private settle: (commit: boolean) => void = () => undefined;
  private readonly done: Promise<unknown>;

  constructor(private readonly log: EventLog, public room: number, expected: number) {
    const decided = new Promise<boolean>((resolve) => (this.settle = resolve));
    this.done = log.dbs.env.transactionSync(() => {
      this.planner = writePlanner(log.dbs, log.maxSegmentEvents, expected);
      return decided.then((commit) => {
        if (!commit) return ABORT;
        this.plan = this.planner!.finish();
        putSegments(log.dbs, this.plan.segments);
        putHeads(log.dbs, this.plan.heads);
        return undefined;
      });
    });
  }

  /** Plans and puts `items` (at most `room` events). */
  add(items: readonly Item[]): void {
    const planner = this.planner!;
    for (const item of items) {
      planner.add('pieces' in item ? { type: 'run', run: item } : { type: 'record', record: item });
      this.room -= eventsOf(item);
    }
    putSegments(this.log.dbs, planner.take());
  }

  /** Commits (returning what was appended and skipped) or aborts; durable when the log is flushed. */
  async end(commit: boolean): Promise<{ appended: number; skipped: number }> {
    this.settle(commit);
    await this.done;
    return { appended: this.plan?.appended ?? 0, skipped: this.plan?.skipped ?? 0 };
  }
}

/** About how many events a file of `bytes` holds (sizes the duplicate check; ~360 bytes an exported event). */
const expectedEvents = (bytes: number): number => Math.ceil(bytes / 256);

async function ingestWith(log: EventLog, ranges: LineRanges, opts: IngestOptions, limit: number, keepBytes: number, pool: DecodePool): Promise<IngestResult> {
  const decoding: DecodeOptions = { maxSegmentEvents: log.maxSegmentEvents, ...(opts.callerDecodes === undefined ? {} : { callerDecodes: opts.callerDecodes }) };

  // Every line decoded and validated, the first `limit` events put meanwhile in the open first
  // transaction; what does not fit in it is kept for the following ones while it fits in `keepBytes`.
  const invalid: { line: number; problems: readonly string[] }[] = [];
  const linesOf: number[] = [];
  let read = 0;
  const first = new OpenTransaction(log, limit, Math.min(limit, expectedEvents(ranges.size)));
  /** False once the first transaction is full: the file is longer than one transaction. */
  let filling = true;
  /** The chunk where the first transaction ended, and how many of its events it took. */
  let resume = 0;
  let resumeTaken = 0;
  let kept: Item[][] | null = [];
  let keptBytes = 0;
  try {
    await decodeRanges(ranges, decoding, pool, (c, i) => {
      for (const x of c.invalid) invalid.push({ line: read + x.line, problems: x.problems });
      read += c.lines;
      linesOf.push(c.lines);
      if (invalid.length > 0) {
        // nothing will be written: no more puts, nothing kept
        filling = false;
        kept = null;
        return;
      }
      let items: readonly Item[] = c.runs;
      if (filling) {
        const [now, later] = cut(items, first.room);
        first.add(now);
        if (first.room > 0) return;
        filling = false;
        resume = i;
        resumeTaken = now.reduce((n, item) => n + eventsOf(item), 0);
        items = later;
      }
      if (kept === null) return;
      keptBytes += c.bytes;
      if (keptBytes > keepBytes) kept = null;
      else kept.push(items as Item[]);
    });
  } catch (e) {
    await first.end(false);
    throw e;
  }
  if (invalid.length > 0) {
    await first.end(false);
    return { ok: false, read, invalid };
  }
  // the workers are done, unless the file is decoded again: let them stop while this thread commits
  if (kept !== null) void pool.destroy();
  const done = await first.end(true);
  let appended = done.appended;
  let skipped = done.skipped;
  let transactions = 1;

  // A file longer than `limit` events: the rest in transactions of `limit`, each whole.
  let batch: Item[] = [];
  let inBatch = 0;
  const commit = (): void => {
    const r = log.appendDecodedSync(batch);
    appended += r.appended;
    skipped += r.skipped;
    transactions++;
    batch = [];
    inBatch = 0;
  };
  const add = (items: readonly Item[]): void => {
    for (let rest = items; rest.length > 0; ) {
      const [now, later] = cut(rest, limit - inBatch);
      for (const item of now) {
        batch.push(item);
        inBatch += eventsOf(item);
      }
      if (inBatch === limit) commit();
      rest = later;
    }
  };
  if (!filling) {
    if (kept !== null) {
      const chunks: (Item[] | undefined)[] = kept;
      kept = null;
      chunks.forEach((items, i) => {
        chunks[i] = undefined;
        add(items!);
      });
    } else {
      await decodeRanges(ranges, { ...decoding, from: resume }, pool, (c, i) => {
        if (c.invalid.length > 0 || c.lines !== linesOf[i]) throw new Error(`${ranges.path} changed while it was being ingested`);
        add(i === resume ? cut(c.runs, resumeTaken)[1] : c.runs);
      });
    }
    if (inBatch > 0) commit();
  }
  await log.dbs.env.flushed;
  return { ok: true, read, appended, skipped, transactions };
}
