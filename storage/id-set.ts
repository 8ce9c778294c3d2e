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

export class IdSet {
  /** 4 words per slot; `used` marks the slots that hold an id (any 16 bytes are a valid id). */
  private words: Int32Array;
  private used: Uint8Array;
  private count = 0;
  private readonly others = new Set<string>();
  /** The id being looked up, as 4 words (scratch, so a lookup allocates nothing). */
  private readonly key = new Int32Array(4);

  /** `expected`: about how many ids it will hold (it grows past that, at a cost). */
  constructor(expected = 0) {
    let slots = 64;
    while (slots < expected * 2) slots *= 2;
    this.words = new Int32Array(4 * slots);
    this.used = new Uint8Array(slots);
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
    const k = this.key;
    for (let w = 0; w < 4; w++, at += 4) k[w] = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
  }

  private keyFromText(id: string): void {
    const k = this.key;
    for (let w = 0; w < 4; w++) {
      let v = 0;
      for (let d = 0; d < 8; d++) v = (v << 4) | HEX_VALUE[id.charCodeAt(DIGIT_AT[w * 8 + d]!)]!;
      k[w] = v;
    }
  }

  private slotOf(): number {
    const k = this.key;
    let h = k[0]! ^ Math.imul(k[1]!, 0x9e3779b1) ^ Math.imul(k[2]!, 0x85ebca6b) ^ Math.imul(k[3]!, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    return h & (this.used.length - 1);
  }

  /** The slot holding the key, or -1 - (the free slot where it would go). */
  private find(): number {
    const { key: k, words, used } = this;
    const mask = used.length - 1;
    for (let s = this.slotOf(); ; s = (s + 1) & mask) {
      if (used[s] === 0) return -1 - s;
      const at = s * 4;
      if (words[at] === k[0] && words[at + 1] === k[1] && words[at + 2] === k[2] && words[at + 3] === k[3]) return s;
    }
  }

  /** Adds the key; false when it was already there. */
  private insert(): boolean {
    const found = this.find();
    if (found >= 0) return false;
    const s = -1 - found;
    this.words.set(this.key, s * 4);
    this.used[s] = 1;
    // Keep the table at most half full, so probes stay short.
    if (++this.count * 2 > this.used.length) this.grow();
    return true;
  }

  private grow(): void {
    const { words, used } = this;
    this.words = new Int32Array(words.length * 2);
    this.used = new Uint8Array(used.length * 2);
    const k = this.key;
    for (let s = 0; s < used.length; s++) {
      if (used[s] === 0) continue;
      const at = s * 4;
      k[0] = words[at]!;
      k[1] = words[at + 1]!;
      k[2] = words[at + 2]!;
      k[3] = words[at + 3]!;
      const free = -1 - this.find();
      this.words.set(k, free * 4);
      this.used[free] = 1;
    }
  }
}
