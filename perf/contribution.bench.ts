/**
 * The per-period contribution step (rules/contribution.ts) is the engine's innermost loop:
 * every participant, every pay date. This suite times one plan year of 26 biweekly periods
 * for a fixed, seeded population (low to very high earners, so 402(g), catch-up, 401(a)(17)
 * and 415(c) all bind somewhere), per period: planCompensation + contributePeriod + addPeriod.
 *
 * Baseline, in the same run: the same arithmetic inlined in one plain integer loop, with the
 * population in typed arrays and the year-to-date in locals (no objects at all). Both paths
 * are checked to produce the same year totals before anything is timed, so the baseline is
 * really the same work. Figures are periods per second; target ≥ 5,000,000 on one core.
 *
 *   node --import tsx perf/contribution.bench.ts            (full, ~10 s)
 *   node --import tsx perf/contribution.bench.ts --quick    (~2 s)
 *
 * Last result (Node 20.20, one core, full run, 2026-11-25):
 *   contribution step   15,871,428 periods/s
 *   baseline            30,239,953 periods/s   ratio 0.525
 */
import Benchmark from 'benchmark';
import { pathToFileURL } from 'node:url';
import { addPeriod, contributePeriod, emptyYearToDate, type PeriodInput, type PeriodLimits } from '../rules/contribution.js';
import { planCompensation } from '../rules/payroll.js';
import { bp, cents, roundHalfUp, type Cents } from '../rules/units.js';
import type { MatchTier } from '../rules/plan-design.js';
import type { BenchFigure } from './figure.js';
export type { BenchFigure } from './figure.js';


const PEOPLE = 64;
const PERIODS = 26;
const PERIODS_PER_OP = PEOPLE * PERIODS;
// 2024 limits (RULES.md §2), cents.
const LIMIT_402G = 2_300_000;
const LIMIT_415C = 6_900_000;
const LIMIT_COMP = 34_500_000;
const TIER_SETS: readonly (readonly MatchTier[])[] = [
  [],
  [{ upTo: bp(300), rate: bp(10_000) }, { upTo: bp(500), rate: bp(5_000) }],
  [{ upTo: bp(600), rate: bp(5_000) }],
  [{ upTo: bp(2000), rate: bp(15_000) }],
];

/** A deterministic population (LCG, fixed seed): no Math.random in anything we compare. */
function population(): { inputs: PeriodInput[]; limits: PeriodLimits[]; flat: Float64Array; tiers: Int32Array } {
  let seed = 20_240_101;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const inputs: PeriodInput[] = [];
  const limits: PeriodLimits[] = [];
  const flat = new Float64Array(PEOPLE * 8);
  const tiers = new Int32Array(TIER_SETS.length * 5); // per set: count, upTo1, rate1, upTo2, rate2
  TIER_SETS.forEach((set, s) => {
    tiers[s * 5] = set.length;
    set.forEach((t, i) => {
      tiers[s * 5 + 1 + 2 * i] = t.upTo;
      tiers[s * 5 + 2 + 2 * i] = t.rate;
    });
  });
  for (let p = 0; p < PEOPLE; p++) {
    const annual = 3_000_000 + next(80_000_000); // $30,000 … $830,000
    const gross = roundHalfUp(annual, PERIODS);
    const pre = next(4) === 0 ? 0 : 100 * next(20); // 0 … 19 %
    const roth = next(3) === 0 ? 100 * next(10) : 0;
    const tierSet = next(TIER_SETS.length);
    const core = next(2) === 0 ? 300 : 0;
    const catchUp = next(3) === 0 ? 750_000 : 0;
    const onCatchUp = next(4) !== 0;
    inputs.push({
      grossPay: cents(gross),
      planComp: cents(gross),
      preTaxRate: bp(pre),
      rothRate: bp(roth),
      matchTiers: TIER_SETS[tierSet] as readonly MatchTier[],
      matchCapRate: null,
      matchOnCatchUp: onCatchUp,
      coreRate: bp(core),
    });
    limits.push({ electiveDeferral: cents(LIMIT_402G), catchUp: cents(catchUp), annualAdditions: cents(LIMIT_415C) });
    flat.set([gross, pre, roth, tierSet, core, catchUp, onCatchUp ? 1 : 0, 0], p * 8);
  }
  return { inputs, limits, flat, tiers };
}

const POP = population();

/** One plan year through the rules API; returns a checksum of the year totals. */
function viaRules(): number {
  let check = 0;
  for (let p = 0; p < PEOPLE; p++) {
    const base = POP.inputs[p] as PeriodInput;
    const lim = POP.limits[p] as PeriodLimits;
    const ytd = emptyYearToDate();
    const input: PeriodInput = { ...base }; // one input per participant-year, its pay updated per period
    for (let i = 0; i < PERIODS; i++) {
      const comp = planCompensation(base.grossPay, cents(LIMIT_COMP), ytd.planComp as Cents);
      input.planComp = comp;
      const r = contributePeriod(input, lim, ytd);
      addPeriod(ytd, base.grossPay, comp, r);
    }
    check += ytd.preTax + 3 * ytd.roth + 5 * ytd.catchUp + 7 * ytd.match + 11 * ytd.core;
  }
  return check;
}

/** The same year, inlined integer arithmetic only (the number fast path of matchAmount). */
function baseline(): number {
  const f = POP.flat;
  const tiers = POP.tiers;
  let check = 0;
  for (let p = 0; p < PEOPLE; p++) {
    const o = p * 8;
    const gross = f[o] as number;
    const preRate = f[o + 1] as number;
    const rothRate = f[o + 2] as number;
    const t = (f[o + 3] as number) * 5;
    const coreRate = f[o + 4] as number;
    const catchLimit = f[o + 5] as number;
    const onCatch = f[o + 6] === 1;
    const nTiers = tiers[t] as number;
    let yGross = 0, yComp = 0, yPre = 0, yRoth = 0, yCatch = 0, yMatch = 0, yCore = 0, yAdd = 0;
    for (let i = 0; i < PERIODS; i++) {
      let comp = LIMIT_COMP - yComp;
      if (comp < 0) comp = 0;
      if (gross < comp) comp = gross;
      const pre = preRate > 0 && comp > 0 ? roundHalfUp(comp * preRate, 10_000) : 0;
      const roth = rothRate > 0 && comp > 0 ? roundHalfUp(comp * rothRate, 10_000) : 0;
      const wanted = pre + roth;
      let room = LIMIT_402G - yPre - yRoth;
      if (room < 0) room = 0;
      const regular = wanted < room ? wanted : room;
      let rp = pre < regular ? pre : regular;
      let rr = regular - rp;
      const rest = wanted - regular;
      let catchRoom = catchLimit - yCatch;
      if (catchRoom < 0) catchRoom = 0;
      const cu = rest < catchRoom ? rest : catchRoom;
      let match = 0;
      if (nTiers > 0 && comp > 0) {
        const d = (onCatch ? regular + cu : regular) * 10_000;
        let sum = 0;
        let prev = 0;
        for (let k = 0; k < nTiers; k++) {
          const upTo = tiers[t + 1 + 2 * k] as number;
          let x = d - comp * prev;
          if (x <= 0) break;
          const width = comp * (upTo - prev);
          if (x > width) x = width;
          sum += (tiers[t + 2 + 2 * k] as number) * x;
          prev = upTo;
        }
        match = roundHalfUp(sum, 100_000_000);
      }
      let core = coreRate > 0 && comp > 0 ? roundHalfUp(comp * coreRate, 10_000) : 0;
      const gYtd = yGross + gross;
      let addRoom = (LIMIT_415C < gYtd ? LIMIT_415C : gYtd) - yAdd;
      if (addRoom < 0) addRoom = 0;
      let excess = rp + rr + match + core - addRoom;
      if (excess > 0) {
        let cut = core < excess ? core : excess;
        core -= cut;
        excess -= cut;
        cut = match < excess ? match : excess;
        match -= cut;
        excess -= cut;
        cut = rr < excess ? rr : excess;
        rr -= cut;
        excess -= cut;
        rp -= excess;
      }
      yGross += gross;
      yComp += comp;
      yPre += rp;
      yRoth += rr;
      yCatch += cu;
      yMatch += match;
      yCore += core;
      yAdd += rp + rr + match + core;
    }
    check += yPre + 3 * yRoth + 5 * yCatch + 7 * yMatch + 11 * yCore;
  }
  return check;
}

let sink = 0;

/**
 * Runs the suite and returns the figures for a perf driver: periods per second of the rules
 * API, the inlined baseline in the same run, their ratio, and the per-sample figures.
 */
export async function runContributionBench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const expected = baseline();
  if (viaRules() !== expected) throw new Error('contribution bench: rules API and baseline disagree on the year totals');
  const options = opts.quick ? { maxTime: 0.5, minSamples: 10 } : { maxTime: 4, minSamples: 40 };
  const suite = new Benchmark.Suite('contribution');
  suite.add('contributePeriod', () => {
    sink ^= viaRules();
  }, options);
  suite.add('baseline (inlined integer loop)', () => {
    sink ^= baseline();
  }, options);
  await new Promise<void>((resolve, reject) => {
    suite.on('complete', () => resolve());
    suite.on('error', (e: Benchmark.Event) => reject((e.target as unknown as { error?: unknown }).error));
    suite.run({ async: true });
  });
  const benches = suite.map((b: Benchmark) => b) as Benchmark[];
  const [api, base] = benches as [Benchmark, Benchmark];
  const perSec = (b: Benchmark): number => b.hz * PERIODS_PER_OP;
  const value = perSec(api);
  const baselineValue = perSec(base);
  return [
    {
      figure: 'contribution step (planCompensation + contributePeriod + addPeriod)',
      value: Math.round(value),
      unit: 'periods/s',
      baseline: Math.round(baselineValue),
      ratio: Math.round((value / baselineValue) * 1000) / 1000,
      samples: api.stats.sample.map((s) => Math.round(PERIODS_PER_OP / s)),
    },
  ];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const quick = process.argv.includes('--quick');
  const figures = await runContributionBench({ quick });
  for (const f of figures) {
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const rme = (() => {
      const mean = f.samples.reduce((a, b) => a + b, 0) / f.samples.length;
      return f.samples.length > 0 ? ` (${f.samples.length} samples, mean ${fmt(Math.round(mean))})` : '';
    })();
    console.log(`${f.figure}: ${fmt(f.value)} ${f.unit}${rme}`);
    console.log(`baseline (inlined integer loop): ${fmt(f.baseline)} ${f.unit}`);
    console.log(`ratio: ${f.ratio}  target: ≥ 5,000,000 ${f.unit} → ${f.value >= 5_000_000 ? 'met' : 'NOT met'}`);
  }
  if (sink === 0.5) console.log(sink); // keeps the results observable
}
