/**
 * The workforce model of a scenario (`workforce`): an io-ts codec, strict (unknown fields
 * are errors), with paths in its messages. A scenario gives only what it changes: its JSON is
 * laid over {@link WORKFORCE_DEFAULTS} (objects merge field by field; lists and values
 * replace), and the result is decoded, so `{}` is the documented defaults.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { formatErrors, int, money, rate, recordOf, strict, text } from '../../actors/events/index.js';
import { INVALID } from '../../actors/events/fast.js';
import type { Fast, TypeOf } from '../../actors/events/fast.js';
import { byCodeUnits } from '../../actors/events/record.js';
import { factor, listOf, monthDay, signedRate } from './codec.js';
import { WORKFORCE_DEFAULTS } from './defaults.js';

const LEVELS = { length: 10, what: 'one entry per job level 1..10' };
const years = int('Years', 0, 80, 'years are 0 to 80');
const age = int('Age', 14, 100, 'ages are 14 to 100');
const days = int('Days', 0, 366, 'days are 0 to 366');
const byLevel = (name: string) => listOf(name, rate(), LEVELS);
const factors = (name: string) => listOf(name, factor, { min: 1 });

const TerminationsC = strict('Terminations', {
  byTenure: listOf('TenureBands', strict('TenureBand', { minYears: years, rate: rate() }), { min: 1 }),
  levelFactors: listOf('LevelFactors', factor, LEVELS),
  newHireRate: rate(),
  reasons: strict('TerminationReasons', { voluntary: rate(), involuntary: rate(), death: rate(), disability: rate() }),
  retirementAge: age,
  retirementRate: rate(),
});

const HiringC = strict('Hiring', {
  levelMix: byLevel('LevelMix'),
  ageByLevel: listOf('AgeByLevel', strict('HireAge', { mean: int('MeanAge', 18, 64, 'mean ages are 18 to 64'), sd: int('AgeSd', 0, 20, 'sd is 0 to 20 years') }), LEVELS),
  payByLevel: listOf('PayByLevel', strict('HirePay', { median: money(true), spread: rate() }), LEVELS),
  departments: recordOf('Departments', text, rate(), byCodeUnits),
});

const PromotionsC = strict('Promotions', { byLevel: byLevel('PromotionRates'), minTenureYears: years, raise: rate(), date: monthDay });
const MeritC = strict('Merit', { byLevel: byLevel('MeritRates'), sd: rate(), cola: rate(), date: monthDay });

const BehaviourC = strict('Behaviour', {
  ageBands: listOf('AgeBands', age, { min: 0 }),
  payBands: listOf('PayBands', money(true), { min: 0 }),
  voluntaryEnrollment: strict('VoluntaryEnrollment', { rate: rate(), ageFactors: factors('AgeFactors'), payFactors: factors('PayFactors') }),
  deferralRates: listOf('DeferralRates', strict('DeferralChoice', { rate: rate(), weight: rate() }), { min: 1 }),
  deferralAgeFactors: factors('AgeFactors'),
  deferralPayFactors: factors('PayFactors'),
  rothShare: rate(),
  optOut: strict('OptOut', { rate: rate(), ageFactors: factors('AgeFactors'), payFactors: factors('PayFactors'), windowDays: days }),
  rateChange: strict('RateChange', { rate: rate() }),
});

export const WorkforceCodec = strict('Workforce', {
  growthRate: signedRate,
  terminations: TerminationsC,
  hiring: HiringC,
  promotions: PromotionsC,
  merit: MeritC,
  behaviour: BehaviourC,
});

/** The decoded model: rates and factors in bp, money in cents, dates as {@link MonthDay}. */
export type WorkforceModel = TypeOf<typeof WorkforceCodec>;

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Lays `over` on `base`: plain objects merge key by key, anything else replaces. */
export function overlay(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? overlay(base[k], v) : v;
  return out;
}

const increasing = (xs: readonly number[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Checks that tie fields together (band edges and their factors, weights that must not all be 0). */
function crossChecks(m: WorkforceModel, path: string): string[] {
  const e: string[] = [];
  const at = (p: string) => `${path}.${p}`;
  const tb = m.terminations.byTenure;
  if (tb[0]?.minYears !== 0) e.push(`${at('terminations.byTenure.0.minYears')}: the first tenure band must start at 0`);
  if (!increasing(tb.map((b) => b.minYears))) e.push(`${at('terminations.byTenure')}: minYears must increase from band to band`);
  if (sum(Object.values(m.terminations.reasons)) === 0) e.push(`${at('terminations.reasons')}: the weights must not all be 0`);
  if (sum(m.hiring.levelMix) === 0) e.push(`${at('hiring.levelMix')}: the weights must not all be 0`);
  if (sum(Object.values(m.hiring.departments)) === 0) e.push(`${at('hiring.departments')}: needs at least one department with a weight above 0`);
  const b = m.behaviour;
  if (!increasing(b.ageBands)) e.push(`${at('behaviour.ageBands')}: band edges must increase`);
  if (!increasing(b.payBands)) e.push(`${at('behaviour.payBands')}: band edges must increase`);
  const ageN = b.ageBands.length + 1;
  const payN = b.payBands.length + 1;
  const need = (p: string, xs: readonly unknown[], n: number, what: string) => {
    if (xs.length !== n) e.push(`${at(p)}: has ${xs.length} entries; needs ${n}, one per ${what} band`);
  };
  need('behaviour.voluntaryEnrollment.ageFactors', b.voluntaryEnrollment.ageFactors, ageN, 'age');
  need('behaviour.voluntaryEnrollment.payFactors', b.voluntaryEnrollment.payFactors, payN, 'pay');
  need('behaviour.deferralAgeFactors', b.deferralAgeFactors, ageN, 'age');
  need('behaviour.deferralPayFactors', b.deferralPayFactors, payN, 'pay');
  need('behaviour.optOut.ageFactors', b.optOut.ageFactors, ageN, 'age');
  need('behaviour.optOut.payFactors', b.optOut.payFactors, payN, 'pay');
  if (sum(b.deferralRates.map((r) => r.weight)) === 0) e.push(`${at('behaviour.deferralRates')}: the weights must not all be 0`);
  return e;
}

/**
 * Decodes a scenario's `workforce` (laid over the defaults). Messages start with `path`
 * (default "workforce"): `workforce.terminations.newHireRate: "1.5" is out of range; …`.
 */
export function decodeWorkforce(json: unknown, path = 'workforce'): Either<string[], WorkforceModel> {
  if (!isObject(json)) return left([`${path}: expected an object (use {} for the documented defaults)`]);
  const merged = overlay(WORKFORCE_DEFAULTS, json);
  const codec: Fast<WorkforceModel, unknown> = WorkforceCodec;
  const fast = codec.fast(merged);
  let model: WorkforceModel;
  if (fast !== INVALID) model = fast;
  else {
    const r = codec.validate(merged, [{ key: path, type: codec as t.Decoder<unknown, WorkforceModel>, actual: merged }]);
    if (r._tag === 'Left') return left(formatErrors(r.left));
    model = r.right;
  }
  const errors = crossChecks(model, path);
  return errors.length > 0 ? left(errors) : right(model);
}

/** The defaults, decoded. */
export const DEFAULT_WORKFORCE: WorkforceModel = (() => {
  const r = decodeWorkforce({});
  if (r._tag === 'Left') throw new TypeError(`workforce defaults are invalid:\n  ${r.left.join('\n  ')}`);
  return r.right;
})();
