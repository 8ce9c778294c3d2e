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
    this.begin();
    this.value(value);
    return this.end();
  }

  /**
   * Starts a record written piece by piece: the same bytes as {@link record} of the value the
   * pieces make, without building that value first (a segment is a few dozen small arrays).
   */
  begin(): void {
    this.start = this.pos;
  }

  /** The header of an array of `n` items: the next `n` values written are its items. */
  array(n: number): void {
    this.arrayHeader(n);
  }

  /** A value (arrays nested in it included) of the record begun. */
  write(v: unknown): void {
    this.value(v);
  }

  /** The record written since {@link begin}. */
  end(): Buffer {
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
    if (n < 0x10) this.block[this.pos++] = 0x90 | n;
    else if (n < 0x10000) this.tag16(0xdc, n);
    else this.tag32(0xdd, n);
  }

  /** msgpackr's choices: the smallest unsigned form up to 2^32, the smallest signed one down to −2^31, else a float64. */
  private number(v: number): void {
    this.room(9);
    const b = this.block;
    if (v >>> 0 === v) {
      if (v < 0x80) b[this.pos++] = v;
      else if (v < 0x100) this.tag8(0xcc, v);
      else if (v < 0x10000) this.tag16(0xcd, v);
      else this.tag32(0xce, v);
    } else if (v >> 0 === v) {
      if (v >= -0x20) b[this.pos++] = 0x100 + v;
      else if (v >= -0x80) this.tag8(0xd0, v + 0x100);
      else if (v >= -0x8000) this.tag16(0xd1, v & 0xffff);
      else this.tag32(0xd2, v >>> 0);
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
    const at = this.pos;
    if (n < 0x20) this.block[this.pos++] = 0xa0 | n;
    else if (n < 0x100) this.tag8(0xd9, n);
    else if (n < 0x10000) this.tag16(0xda, n);
    else this.tag32(0xdb, n);
    const b = this.block;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = at;
        this.raw(this.fallback(s));
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  private bytes(v: Uint8Array): void {
    const n = v.byteLength;
    this.room(n + 5);
    if (n < 0x100) this.tag8(0xc4, n);
    else if (n < 0x10000) this.tag16(0xc5, n);
    else this.tag32(0xc6, n);
    this.block.set(v, this.pos);
    this.pos += n;
  }

  /** A one-byte type tag and an 8-, 16- or 32-bit unsigned big-endian value after it: every msgpack length and fixed-size integer. */
  private tag8(tag: number, u: number): void {
    this.block[this.pos++] = tag;
    this.block[this.pos++] = u;
  }

  private tag16(tag: number, u: number): void {
    this.block[this.pos++] = tag;
    this.block[this.pos++] = u >> 8;
    this.block[this.pos++] = u & 0xff;
  }

  private tag32(tag: number, u: number): void {
    this.block[this.pos++] = tag;
    this.view.setUint32(this.pos, u);
    this.pos += 4;
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
