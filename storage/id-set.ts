/**
 * A set of event ids for an append's duplicate check. An ingest checks every id of the file
 * on the writer's thread, and a `Set<string>` of a million 36-character texts cost ~0.4 µs an
 * id there (hashing, growth, one string each); ingested ids are canonical UUIDs (the envelope
 * codec requires it), so they are held as their 16 bytes in an open-addressing table of 32-bit
 * words, read straight from the packed ids the decoding threads ship (ingest-chunk.ts), and
 * checking one allocates nothing. Any other id (`appendRecords` takes any string) goes to a
 * plain Set: a canonical and a non-canonical text are never the same id.
 */
import { isCanonicalUuid } from './ids.js';

/** Hex digit value of each char code (lowercase only: callers check canonical form first). */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
/** Positions of the 32 hex digits in the 36-character canonical text. */
const DIGIT_AT: readonly number[] = Array.from({ length: 36 }, (_, i) => i).filter((i) => i !== 8 && i !== 13 && i !== 18 && i !== 23);

/** Word `w` (0-3) of a canonical id's 16 bytes, from its hex digits. */
function hexWord(id: string, w: number): number {
  let v = 0;
  for (let d = 0; d < 8; d++) v = (v << 4) | HEX_VALUE[id.charCodeAt(DIGIT_AT[w * 8 + d]!)]!;
  return v;
}

export class IdSet {
  /** 4 words per slot; a slot holds an id when its bit in `used` is set (any 16 bytes are a valid id). */
  private words: Int32Array;
  /**
   * One bit per slot: a bitmap (256 KiB for a million ids) mostly stays in the cache where a byte
   * per slot would not, so a lookup in a large set touches memory once, in `words`.
   */
  private used: Int32Array;
  private mask: number;
  private count = 0;
  private readonly others = new Set<string>();
  // The id being looked up, as 4 words (fields, so a lookup allocates nothing).
  private k0 = 0;
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;

  /** `expected`: about how many ids it will hold (it grows past that, at a cost). */
  constructor(expected = 0) {
    let slots = 64;
    while (slots < expected * 2) slots *= 2;
    this.words = new Int32Array(4 * slots);
    this.used = new Int32Array(slots >>> 5);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count + this.others.size;
  }

  has(id: string): boolean {
    if (!isCanonicalUuid(id)) return this.others.has(id);
    this.keyFromText(id);
    return this.find() >= 0;
  }

  add(id: string): void {
    if (!isCanonicalUuid(id)) this.others.add(id);
    else {
      this.keyFromText(id);
      this.insert();
    }
  }

  /** Id `i` of `packed` (16 bytes each, ids.ts `packUuids`). */
  hasPacked(packed: Uint8Array, i: number): boolean {
    this.keyFromBytes(packed, i * 16);
    return this.find() >= 0;
  }

  /** Adds id `i` of `packed`; false when it was already there (one lookup, where has + add take two). */
  addPacked(packed: Uint8Array, i: number): boolean {
    this.keyFromBytes(packed, i * 16);
    return this.insert();
  }

  private keyFromBytes(b: Uint8Array, at: number): void {
    this.k0 = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    this.k1 = (b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!;
    this.k2 = (b[at + 8]! << 24) | (b[at + 9]! << 16) | (b[at + 10]! << 8) | b[at + 11]!;
    this.k3 = (b[at + 12]! << 24) | (b[at + 13]! << 16) | (b[at + 14]! << 8) | b[at + 15]!;
  }

  private keyFromText(id: string): void {
    this.k0 = hexWord(id, 0);
    this.k1 = hexWord(id, 1);
    this.k2 = hexWord(id, 2);
    this.k3 = hexWord(id, 3);
  }

  private slotOf(): number {
    let h = this.k0 ^ Math.imul(this.k1, 0x9e3779b1) ^ Math.imul(this.k2, 0x85ebca6b) ^ Math.imul(this.k3, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** The slot holding the key, or -1 - (the free slot where it would go). */
  private find(): number {
    const { words, used, mask, k0, k1, k2, k3 } = this;
    for (let s = this.slotOf(); ; s = (s + 1) & mask) {
      if ((used[s >>> 5]! & (1 << (s & 31))) === 0) return -1 - s;
      const at = s << 2;
      if (words[at] === k0 && words[at + 1] === k1 && words[at + 2] === k2 && words[at + 3] === k3) return s;
    }
  }

  /** Puts the key in free slot `s`. */
  private put(s: number): void {
    const at = s << 2;
    this.words[at] = this.k0;
    this.words[at + 1] = this.k1;
    this.words[at + 2] = this.k2;
    this.words[at + 3] = this.k3;
    this.used[s >>> 5]! |= 1 << (s & 31);
  }

  /** Adds the key; false when it was already there. */
  private insert(): boolean {
    const found = this.find();
    if (found >= 0) return false;
    this.put(-1 - found);
    // Keep the table at most half full, so probes stay short.
    if (++this.count * 2 > this.mask + 1) this.grow();
    return true;
  }

  private grow(): void {
    const { words, used } = this;
    const slots = (this.mask + 1) * 2;
    this.words = new Int32Array(4 * slots);
    this.used = new Int32Array(slots >>> 5);
    this.mask = slots - 1;
    for (let s = 0; s < used.length * 32; s++) {
      if ((used[s >>> 5]! & (1 << (s & 31))) === 0) continue;
      const at = s << 2;
      this.k0 = words[at]!;
      this.k1 = words[at + 1]!;
      this.k2 = words[at + 2]!;
      this.k3 = words[at + 3]!;
      this.put(-1 - this.find());
    }
  }
}
