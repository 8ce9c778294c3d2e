/**
 * A msgpack writer for the log's own records (segment.ts): arrays, ASCII strings, integers,
 * null, booleans and byte strings are written straight into a scratch block, byte for byte as
 * msgpackr (the log's reader, and the generic writer) writes the same value; anything else
 * (objects, other strings, fractions) is handed to msgpackr, whose encoding of a value does not
 * depend on what it is nested in (no records, no bundled strings). msgpackr's generic walk of
 * a segment's few dozen small arrays and byte strings was 40 % of the cost of encoding it, on
 * the partition hosts' busiest path.
 *
 * Records are views of a shared block, as msgpackr's own results are: a block is never written
 * again where a record was handed out, so each record stays valid while anyone holds it.
 */

/** The encoding of a value this writer leaves to msgpackr. */
export type Fallback = (value: unknown) => Uint8Array;

export class MsgpackWriter {
  private block: Buffer;
  private view: DataView;
  private pos = 0;
  /** Where the record being written starts. */
  private start = 0;

  constructor(
    private readonly fallback: Fallback,
    private readonly blockSize = 1 << 16,
  ) {
    this.block = Buffer.allocUnsafeSlow(blockSize);
    this.view = new DataView(this.block.buffer, this.block.byteOffset, this.block.byteLength);
  }

  /** The whole of `value` as one record. */
  record(value: unknown): Buffer {
    this.start = this.pos;
    this.value(value);
    const out = this.block.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        this.number(v);
        return;
      case 'string':
        this.string(v);
        return;
      case 'boolean':
        this.room(1);
        this.block[this.pos++] = v ? 0xc3 : 0xc2;
        return;
      case 'object':
        if (v === null) {
          this.room(1);
          this.block[this.pos++] = 0xc0;
          return;
        }
        if (v.constructor === Array) {
          const a = v as unknown[];
          this.arrayHeader(a.length);
          for (let i = 0; i < a.length; i++) this.value(a[i]);
          return;
        }
        if (v.constructor === Uint8Array || v.constructor === Buffer) {
          this.bytes(v as Uint8Array);
          return;
        }
    }
    this.raw(this.fallback(v));
  }

  private arrayHeader(n: number): void {
    this.room(5);
    const b = this.block;
    if (n < 0x10) b[this.pos++] = 0x90 | n;
    else if (n < 0x10000) {
      b[this.pos++] = 0xdc;
      b[this.pos++] = n >> 8;
      b[this.pos++] = n & 0xff;
    } else {
      b[this.pos++] = 0xdd;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  /** msgpackr's choices: the smallest unsigned form up to 2^32, the smallest signed one down to −2^31, else a float64. */
  private number(v: number): void {
    this.room(9);
    const b = this.block;
    if (v >>> 0 === v) {
      if (v < 0x80) b[this.pos++] = v;
      else if (v < 0x100) {
        b[this.pos++] = 0xcc;
        b[this.pos++] = v;
      } else if (v < 0x10000) {
        b[this.pos++] = 0xcd;
        b[this.pos++] = v >> 8;
        b[this.pos++] = v & 0xff;
      } else {
        b[this.pos++] = 0xce;
        this.view.setUint32(this.pos, v);
        this.pos += 4;
      }
    } else if (v >> 0 === v) {
      if (v >= -0x20) b[this.pos++] = 0x100 + v;
      else if (v >= -0x80) {
        b[this.pos++] = 0xd0;
        b[this.pos++] = v + 0x100;
      } else if (v >= -0x8000) {
        b[this.pos++] = 0xd1;
        this.view.setInt16(this.pos, v);
        this.pos += 2;
      } else {
        b[this.pos++] = 0xd2;
        this.view.setInt32(this.pos, v);
        this.pos += 4;
      }
    } else {
      b[this.pos++] = 0xcb;
      this.view.setFloat64(this.pos, v);
      this.pos += 8;
    }
  }

  /** An ASCII string as itself; any other goes to msgpackr (its UTF-8 handling of lone surrogates included). */
  private string(s: string): void {
    const n = s.length;
    this.room(n + 5);
    const b = this.block;
    let p = this.pos + (n < 0x20 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5);
    const body = p;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.raw(this.fallback(s));
        return;
      }
      b[p++] = c;
    }
    if (n < 0x20) b[this.pos] = 0xa0 | n;
    else if (n < 0x100) {
      b[this.pos] = 0xd9;
      b[this.pos + 1] = n;
    } else if (n < 0x10000) {
      b[this.pos] = 0xda;
      b[this.pos + 1] = n >> 8;
      b[this.pos + 2] = n & 0xff;
    } else {
      b[this.pos] = 0xdb;
      this.view.setUint32(this.pos + 1, n);
    }
    this.pos = body + n;
  }

  private bytes(v: Uint8Array): void {
    const n = v.byteLength;
    this.room(n + 5);
    const b = this.block;
    if (n < 0x100) {
      b[this.pos++] = 0xc4;
      b[this.pos++] = n;
    } else if (n < 0x10000) {
      b[this.pos++] = 0xc5;
      b[this.pos++] = n >> 8;
      b[this.pos++] = n & 0xff;
    } else {
      b[this.pos++] = 0xc6;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
    b.set(v, this.pos);
    this.pos += n;
  }

  /** Bytes already encoded, as they are. */
  private raw(encoded: Uint8Array): void {
    this.room(encoded.length);
    this.block.set(encoded, this.pos);
    this.pos += encoded.length;
  }

  /** Room for `n` more bytes: past the block's end, the record so far moves to a new block. */
  private room(n: number): void {
    if (this.pos + n <= this.block.length) return;
    const sofar = this.pos - this.start;
    const next = Buffer.allocUnsafeSlow(Math.max(this.blockSize, 2 * (sofar + n)));
    this.block.copy(next, 0, this.start, this.pos);
    this.block = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
    this.start = 0;
    this.pos = sofar;
  }
}
