/**
 * The employer formulas of a plan design: match tiers (RULES.md §6.2), service-based tier
 * sets, and core rates graded by service or age (extensions). Each is a bracket scale read
 * by one generic rule: thresholds strictly increasing, the entry with the largest threshold
 * at or below the participant's value applies.
 */
import { formatRate, type BasisPoints } from '../units.js';
import type { MatchTier } from '../plan-design.js';
import { join, type Reader } from './read.js';

/** Match tiers: `upTo` strictly increasing from above 0 (a tier of no width matches nothing). */
export function readTiers(rd: Reader, entries: readonly unknown[], path: string): readonly MatchTier[] {
  const tiers: MatchTier[] = [];
  let prevUpTo = 0;
  entries.forEach((e, i) => {
    const p = join(path, i);
    const o = rd.object(e, p, ['upTo', 'rate']);
    if (o === undefined) return;
    for (const key of ['upTo', 'rate']) if (o[key] === undefined) rd.fail(join(p, key), 'required');
    const upTo = o['upTo'] === undefined ? undefined : rd.rateValue(o['upTo'], join(p, 'upTo'));
    const rate = o['rate'] === undefined ? undefined : rd.rateValue(o['rate'], join(p, 'rate'));
    if (upTo !== undefined && upTo <= prevUpTo) {
      rd.fail(
        join(p, 'upTo'),
        i === 0
          ? 'must be greater than 0'
          : `must be greater than the previous tier's upTo (${formatRate(prevUpTo)})`,
      );
    }
    if (upTo !== undefined) prevUpTo = Math.max(prevUpTo, upTo);
    if (upTo !== undefined && rate !== undefined) tiers.push(Object.freeze({ upTo, rate }));
  });
  return Object.freeze(tiers);
}

/**
 * A bracket scale `[{ <threshold>: n, <value>: … }]` with thresholds whole numbers, strictly
 * increasing. `readValue` reads one entry's value (null when it failed).
 */
export function readScale<K extends string, V, E>(
  rd: Reader,
  entries: readonly unknown[],
  path: string,
  thresholdKey: K,
  valueKey: string,
  maxThreshold: number,
  readValue: (v: unknown, path: string) => V | undefined,
  make: (threshold: number, value: V) => E,
): readonly E[] {
  const out: E[] = [];
  let prev = -1;
  entries.forEach((e, i) => {
    const p = join(path, i);
    const o = rd.object(e, p, [thresholdKey, valueKey]);
    if (o === undefined) return;
    for (const key of [thresholdKey, valueKey]) if (o[key] === undefined) rd.fail(join(p, key), 'required');
    if (o[thresholdKey] === undefined || o[valueKey] === undefined) return;
    const before = rd.errors.length;
    const threshold = rd.integer(o, thresholdKey, p, -1, 0, maxThreshold);
    if (rd.errors.length === before && threshold <= prev) {
      rd.fail(join(p, thresholdKey), `must be greater than the previous entry's ${thresholdKey} (${prev})`);
    }
    if (rd.errors.length === before) prev = threshold;
    const value = readValue(o[valueKey], join(p, valueKey));
    if (rd.errors.length === before && value !== undefined) out.push(make(threshold, value));
  });
  return Object.freeze(out);
}

export const readServiceTiers = (rd: Reader, entries: readonly unknown[], path: string) =>
  readScale(
    rd, entries, path, 'minYears', 'tiers', 100,
    (v, p) => {
      if (!Array.isArray(v)) {
        rd.fail(p, 'must be an array of match tiers');
        return undefined;
      }
      return readTiers(rd, v, p);
    },
    (minYears, tiers) => Object.freeze({ minYears, tiers }),
  );

export const readCoreByService = (rd: Reader, entries: readonly unknown[], path: string) =>
  readScale(rd, entries, path, 'minYears', 'rate', 100, (v, p) => rd.rateValue(v, p), (minYears, rate: BasisPoints) =>
    Object.freeze({ minYears, rate }),
  );

export const readCoreByAge = (rd: Reader, entries: readonly unknown[], path: string) =>
  readScale(rd, entries, path, 'minAge', 'rate', 150, (v, p) => rd.rateValue(v, p), (minAge, rate: BasisPoints) =>
    Object.freeze({ minAge, rate }),
  );

export const encodeTiers = (tiers: readonly MatchTier[]) =>
  tiers.map((t) => ({ upTo: formatRate(t.upTo), rate: formatRate(t.rate) }));
