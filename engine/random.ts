/**
 * Counter-based random numbers (DESIGN.md "Deterministic"). A draw is a pure function of
 * (seed, employee, year, decision, counter): there is no generator state to share, so a
 * participant's draws are the same whatever the thread, the partition or the order of
 * processing, and the same under every plan design of a what-if run (common random numbers).
 *
 * The hash is murmur3's 32-bit block step over the key words, finished with its `fmix32`
 * avalanche; two differently seeded lanes give the two 32-bit words of a 53-bit fraction.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 block: folds a 32-bit word into the running hash. */
function step(h: number, word: number): number {
  let k = Math.imul(word | 0, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

const stringHashes = new Map<string, number>();
const CACHE_LIMIT = 1 << 18;

/** A 32-bit hash of a string (murmur3 over UTF-16 code units), cached: keys repeat every year. */
export function hashString(s: string): number {
  const cached = stringHashes.get(s);
  if (cached !== undefined) return cached;
  let h = 0x2f0d6a1b;
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  const out = fmix32(h ^ s.length);
  if (stringHashes.size >= CACHE_LIMIT) stringHashes.clear();
  stringHashes.set(s, out);
  return out;
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${String(seed)}`);
  }
}

/** The key words of a draw; decisions may be named (strings) or numbered. */
function keyWords(seed: number, employeeKey: string, year: number, decision: string | number): [number, number, number, number, number] {
  checkSeed(seed);
  const lo = seed % 0x1_0000_0000;
  const hi = (seed - lo) / 0x1_0000_0000;
  const d = typeof decision === 'string' ? hashString(decision) : step(0x51ed270b, decision);
  return [lo, hi, hashString(employeeKey), year, d];
}

function lane(laneSeed: number, w: readonly number[], counter: number): number {
  let h = laneSeed;
  for (const x of w) h = step(h, x);
  h = step(h, counter);
  return fmix32(h ^ (w.length + 1) * 4);
}

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

function fromWords(w: readonly number[], counter: number): number {
  const a = lane(0x3c6ef372, w, counter) >>> 5; // 27 bits
  const b = lane(0xa54ff53a, w, counter) >>> 6; // 26 bits
  return (a * TWO_POW_26 + b) / TWO_POW_53;
}

/**
 * A uniform draw in [0, 1) keyed by (seed, employee, year, decision, counter).
 * `employeeKey` is an employee id, or any other stable name (e.g. `"plan"`, `"hiring"`).
 */
export function uniform(seed: number, employeeKey: string, year: number, decision: string | number, counter = 0): number {
  return fromWords(keyWords(seed, employeeKey, year, decision), counter);
}

/** A sequence of draws for one key: the i-th call reads counter i, so it is replayable. */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n), n ≥ 1. */
  int(n: number): number;
  /** True with probability `p` given in basis points (0..10000). */
  chanceBp(p: number): boolean;
  /** Standard normal (Box-Muller on two uniforms). */
  normal(): number;
  /** Normal with the given mean and sd, redrawn until it lies in [lo, hi] (at most 64 tries, then clamped). */
  truncatedNormal(mean: number, sd: number, lo: number, hi: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** An index drawn with probability proportional to `weights` (non-negative, sum > 0). */
  pick(weights: readonly number[]): number;
  /** Draws used so far. */
  readonly counter: number;
}

/** A class, not closures: the model opens several streams per employee and year, so they must be cheap. */
class CounterStream implements RandomStream {
  #counter = 0;
  readonly #words: readonly number[];
  constructor(words: readonly number[]) {
    this.#words = words;
  }
  get counter(): number {
    return this.#counter;
  }
  next(): number {
    return fromWords(this.#words, this.#counter++);
  }
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`int(n): n must be a positive integer, got ${String(n)}`);
    return Math.floor(this.next() * n);
  }
  chanceBp(p: number): boolean {
    return this.next() * 10_000 < p;
  }
  normal(): number {
    const u1 = 1 - this.next(); // (0, 1]
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  truncatedNormal(mean: number, sd: number, lo: number, hi: number): number {
    for (let i = 0; i < 64; i++) {
      const x = mean + sd * this.normal();
      if (x >= lo && x <= hi) return x;
    }
    return Math.min(hi, Math.max(lo, mean));
  }
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
  pick(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('pick(weights): weights must sum to more than 0');
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/** The draws of one key (seed, employee, year, decision), counter 0, 1, 2, … */
export function stream(seed: number, employeeKey: string, year: number, decision: string | number): RandomStream {
  return new CounterStream(keyWords(seed, employeeKey, year, decision));
}
