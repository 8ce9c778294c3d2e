/**
 * What a host ships, in forms that are cheap to build and cheap to receive.
 *
 * Year summaries (many same-shaped objects in one message): msgpackr records, each shape
 * described once inside the message itself (`sequential`), so a buffer decodes on its own, with
 * no structures shared between threads. Measured on 5,000 participants: 6× smaller and ~10×
 * cheaper for the main thread to decode than plain maps.
 *
 * Participant snapshots (one object per record, stored by the log as is): the log's own
 * snapshot record (storage/snapshot-record.ts), so the main thread puts them unchanged.
 *
 * Many byte strings (snapshots) cross as one exact-size buffer and their end offsets: one
 * allocation and one copy, where packing them as a msgpack array grew its buffer by doubling
 * and left the main thread collecting hundreds of MB of garbage a year. Segment records are
 * copied into a {@link ByteArena} as they are encoded and cross in its chunks: no copy at all
 * at the close, when a host holds the most.
 */
import { Packr } from 'msgpackr';

/** A fresh options object each time: msgpackr keeps its structures in the options it is given. */
const packr = (): Packr => new Packr({ useRecords: true, sequential: true });

export const packRecords = (value: unknown): Uint8Array => packr().pack(value);

export const unpackRecords = <T>(buf: Uint8Array): T => packr().unpack(buf) as T;

/** Byte strings laid end to end: `bytes` holds them all, string i ends at `ends[i]`. */
export interface ByteRun {
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
}

export function joinBytes(parts: readonly Uint8Array[]): ByteRun {
  const ends = new Uint32Array(parts.length);
  let total = 0;
  parts.forEach((p, i) => (ends[i] = total += p.byteLength));
  const bytes = new Uint8Array(total);
  parts.forEach((p, i) => bytes.set(p, ends[i]! - p.byteLength));
  return { bytes, ends };
}

/** The byte strings of a run, as views into its buffer (no copy). */
export function splitBytes(run: ByteRun): Uint8Array[] {
  const out = new Array<Uint8Array>(run.ends.length);
  let start = 0;
  run.ends.forEach((end, i) => {
    out[i] = run.bytes.subarray(start, end);
    start = end;
  });
  return out;
}

/**
 * Byte strings kept in a few large buffers as they are made, so that many of them cross to
 * another thread by transferring those buffers: no buffer holding them all is built and
 * copied into at the end (the copy doubled a host's year of segment records at its close).
 * A string larger than a chunk gets a buffer of its own.
 */
export class ByteArena {
  private readonly chunks: Uint8Array[] = [];
  /** Each chunk's index, by its buffer: where a view handed out came from. */
  private readonly indexOf = new Map<ArrayBufferLike, number>();
  private pos = 0;

  constructor(private readonly chunkSize = 1 << 20) {}

  /** A copy of `bytes` in the arena (a view of one of its chunks). */
  add(bytes: Uint8Array): Uint8Array {
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.pos + bytes.length > chunk.length) {
      chunk = new Uint8Array(Math.max(this.chunkSize, bytes.length));
      this.indexOf.set(chunk.buffer, this.chunks.length);
      this.chunks.push(chunk);
      this.pos = 0;
    }
    const view = chunk.subarray(this.pos, this.pos + bytes.length);
    view.set(bytes);
    this.pos += bytes.length;
    return view;
  }

  /** Strings of this arena (views it handed out), as its chunks and where each string is. */
  pack(views: readonly Uint8Array[]): ChunkedBytes {
    const chunkOf = new Uint32Array(views.length);
    const starts = new Uint32Array(views.length);
    const ends = new Uint32Array(views.length);
    views.forEach((v, i) => {
      const c = this.indexOf.get(v.buffer);
      if (c === undefined) throw new RangeError('ByteArena.pack: a string that is not one of this arena\'s');
      chunkOf[i] = c;
      starts[i] = v.byteOffset;
      ends[i] = v.byteOffset + v.byteLength;
    });
    return { chunks: [...this.chunks], chunkOf, starts, ends };
  }
}

/** Byte strings in a few buffers: string i is bytes `starts[i]` to `ends[i]` of `chunks[chunkOf[i]]`. */
export interface ChunkedBytes {
  readonly chunks: readonly Uint8Array[];
  readonly chunkOf: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** The byte strings of {@link ChunkedBytes}, as views into its chunks (no copy). */
export function unchunkBytes(c: ChunkedBytes): Uint8Array[] {
  return Array.from(c.chunkOf, (k, i) => c.chunks[k]!.subarray(c.starts[i]!, c.ends[i]!));
}
