/**
 * The piscina worker of an ingest (decode-pool.ts): reads one range of the file, decodes it
 * (ingest-chunk.ts) and hands the result back as one buffer (~30 bytes an event; copying it
 * costs less than loading piscina here to transfer it would).
 */
import { decodeChunk, packChunk } from './ingest-chunk.js';
import type { ByteRange } from './ingest-ranges.js';
import { readRange } from './ingest-ranges.js';

export interface DecodeTask {
  readonly path: string;
  readonly range: ByteRange;
  readonly maxSegmentEvents: number;
}

export default function decode(task: DecodeTask): Uint8Array {
  return packChunk(decodeChunk(readRange(task.path, task.range), task.maxSegmentEvents));
}
