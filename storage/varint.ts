/**
 * Runs of integers as zigzag LEB128 bytes: what a segment stores its number columns as (format
 * 3). As msgpack arrays, each number was a value msgpackr dispatched on one at a time, which
 * was most of the cost of writing a segment; as one byte string, msgpackr copies it in one go,
 * and a small delta (a 14-day pay step, a shape index) takes one byte.
 *
 * Values are limited to |v| ≤ 2^50 so that their zigzag form (2|v| or 2|v| − 1) stays a safe
 * integer; a column with a larger value is stored another way.
 */

/** The largest magnitude a run stores. */
export const VARINT_LIMIT = 2 ** 50;

/** Appends zigzag varints to a growing scratch buffer; each run is handed out as a view of it. */
export class VarintWriter {
  private buf = new Uint8Array(4096);
  private pos = 0;
  private start = 0;

  /** Forgets every run handed out before (their views keep the bytes they were given). */
  reset(): void {
    this.pos = 0;
    this.start = 0;
  }

  /** Writes `v` (a safe integer with |v| ≤ VARINT_LIMIT: the caller checks) to the current run. */
  write(v: number): void {
    if (this.pos + 8 > this.buf.length) this.grow();
    this.pos = putUnsigned(this.buf, this.pos, zigzag(v));
  }

  /** Abandons the current run (its values did not fit after all). */
  drop(): void {
    this.pos = this.start;
  }

  /** The current run, as a view of the scratch buffer; the next write starts a new one. */
  take(): Uint8Array {
    const run = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return run;
  }

  /** A bigger buffer for what follows; runs already taken keep viewing the old one. */
  private grow(): void {
    const next = new Uint8Array(Math.max(4096, this.buf.length * 2));
    next.set(this.buf.subarray(this.start, this.pos));
    this.pos -= this.start;
    this.start = 0;
    this.buf = next;
  }
}

/** A signed integer as the unsigned one a varint stores: 0, −1, 1, −2 … as 0, 1, 2, 3 … */
export const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);
/** The signed integer of a stored unsigned one (beyond 2^32, where bit operations do not reach). */
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/**
 * Writes `z` (a safe integer ≥ 0, at most 2^51) as an unsigned LEB128 varint at `at` in `buf`,
 * which has room for 8 bytes there; returns the position after it.
 */
export function putUnsigned(buf: Uint8Array, at: number, z: number): number {
  let p = at;
  while (z >= 0x80000000) {
    buf[p++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  while (z >= 0x80) {
    buf[p++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[p++] = z;
  return p;
}

/** The integers of a run written by {@link VarintWriter}; a truncated or overlong run is refused. */
export function readVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let p = 0;
  while (p < bytes.length) {
    let z = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[p++];
      if (b === undefined) throw new RangeError('a varint run ends inside a number');
      z += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
    }
    if (z > 2 * VARINT_LIMIT) throw new RangeError('a varint run holds a number beyond its limit');
    out.push(unzigzag(z));
  }
  return out;
}
