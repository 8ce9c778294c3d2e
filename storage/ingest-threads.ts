/**
 * Decoding a file's chunks (ingest-ranges.ts) on the calling thread and on worker threads
 * (decode-pool.ts), handed to the caller in file order. Parsing and validating a line costs
 * several times what appending it does, so an ingest that decoded on the writer's thread alone
 * was bound by JSON.parse on one core.
 *
 * Workers take a while to start, so the calling thread decodes from the first chunk on, takes
 * the next chunk whenever the workers are busy, and when nothing is left to hand out decodes
 * again the earliest chunk a worker still holds (the first result is used): a slow or late
 * worker does not hold the ingest up. A worker that fails (it could not load, say) gets no more
 * chunks; what it held is decoded here. Each chunk goes through the same `decodeChunk` wherever
 * it runs, so the result does not depend on the threads.
 */
import { PER_WORKER } from './decode-pool.js';
import type { DecodePool } from './decode-pool.js';
import { decodeChunk, unpackChunk } from './ingest-chunk.js';
import type { DecodedChunk } from './ingest-chunk.js';
import { readRange } from './ingest-ranges.js';
import type { LineRanges } from './ingest-ranges.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface DecodeOptions {
  readonly maxSegmentEvents: number;
  /** This thread decodes too (default true); false leaves every chunk to the workers while they work. */
  readonly callerDecodes?: boolean;
  /** The first chunk to decode (default 0). */
  readonly from?: number;
}

/** Where the chunks were decoded. */
export interface DecodeReport {
  /** Chunks handed over from a worker. */
  readonly onWorkers: number;
  /** Chunks a worker held when this thread decoded them too (nothing else left to do). */
  readonly decodedTwice: number;
}

/**
 * Decodes every range of `path` (from range `from`) on this thread and on `pool`'s workers (once
 * it has any), calling `each` with each chunk in file order.
 */
export async function decodeRanges(
  ranges: LineRanges,
  opts: DecodeOptions,
  pool: DecodePool,
  each: (chunk: DecodedChunk, index: number) => void,
): Promise<DecodeReport> {
  const { maxSegmentEvents } = opts;
  const callerDecodes = opts.callerDecodes ?? true;
  const { path } = ranges;
  const local = (i: number): DecodedChunk => decodeChunk(readRange(path, ranges.at(i)!), maxSegmentEvents);
  const results: (DecodedChunk | undefined)[] = [];
  let consumed = opts.from ?? 0;
  let dispatched = consumed;
  let onWorkers = 0;
  let decodedTwice = 0;
  let wake: (() => void) | null = null;
  /** Chunks sent to a worker whose result is still wanted (a chunk decoded here meanwhile is not). */
  const pending = new Set<number>();
  const fail = (): void => {
    pool.failed = true;
    wake?.();
  };
  pool.onFailure = fail;
  try {
    for (;;) {
      for (let c = results[consumed]; c !== undefined; c = results[consumed]) {
        results[consumed] = undefined;
        each(c, consumed++);
      }
      if (ranges.at(consumed) === undefined) break;
      const threads = pool.threads;
      /**
       * How far past the first chunk not yet handed over chunks are decoded: far enough that this
       * thread keeps decoding while a worker starts (~30 chunks), bounded so a file decoded again
       * to append (ingest.ts) holds a few MB of decoded chunks at a time.
       */
      const window = Math.max(48, 8 * threads);
      while (threads > 0 && pending.size < PER_WORKER * threads && dispatched < consumed + window && ranges.at(dispatched) !== undefined) {
        const i = dispatched++;
        pending.add(i);
        pool.run({ path, range: ranges.at(i)!, maxSegmentEvents }).then((buf) => {
          if (!pending.delete(i)) return;
          results[i] = unpackChunk(buf);
          onWorkers++;
          wake?.();
        }, fail);
      }
      const here = callerDecodes || threads === 0;
      if (here && dispatched < consumed + window && ranges.at(dispatched) !== undefined) {
        const i = dispatched++;
        results[i] = local(i);
        pool.consider(ranges.size - ranges.at(i)!.end);
        if (threads > 0) await nextTurn();
        continue;
      }
      // Nothing left to hand out: rather than wait, decode a chunk a worker holds, the last one
      // sent (the one it will start last; all of them, once the workers failed).
      let held = -1;
      for (const i of pending) if (i > held) held = i;
      if (here && held >= 0) {
        pending.delete(held);
        results[held] = local(held);
        if (!pool.failed) decodedTwice++;
        await nextTurn();
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    return { onWorkers, decodedTwice };
  } finally {
    pool.onFailure = null;
  }
}
