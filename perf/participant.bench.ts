/**
 * Participant-years per second through the participant machine, biweekly payroll, derived
 * events produced (not stored), and heap per live participant. A plan with auto-enrollment,
 * escalation, a tiered match with true-up, core and graded vesting, so every part of a year
 * runs. Target: ≥ 40,000 participant-years/s on one core, ≤ 8 KB heap per participant.
 *
 * Baseline, in the same run: the same population's pay dates through the rules alone
 * (grossPeriodPay, planCompensation, contributePeriod, addPeriod in a loop; no machine, no
 * events), so the ratio is what the machine and its events cost on top of the arithmetic.
 *
 *   node --expose-gc --import tsx perf/participant.bench.ts [--quick]
 */
// The V8 flags a run sets (no allocation-site pretenuring): without them this bench fell at
// random into V8's pretenuring of a participant's per-transition state (33 k or 54 k py/s).
import '../engine/heap-flags.js';
import Benchmark from 'benchmark';
import { pathToFileURL } from 'node:url';
import { planDesign } from '../rules/plan-design.js';
import type { IsoDate } from '../rules/calendar.js';
import type { BasisPoints, Cents } from '../rules/units.js';
import { addPeriod, contributePeriod, emptyYearToDate } from '../rules/contribution.js';
import type { PeriodInput } from '../rules/contribution.js';
import { grossPeriodPay, payDates, planCompensation } from '../rules/payroll.js';
import { limitsFor } from '../rules/limits.js';
import { participantEnvironment } from '../actors/participant/environment.js';
import type { ParticipantEnvironment } from '../actors/participant/environment.js';
import { Participant } from '../actors/participant/participant.js';
import type { BenchFigure } from './figure.js';

const START = 2026;
const PLAN = planDesign({
  planId: 'P',
  planDesignId: 'bench',
  payroll: { frequency: 'biweekly' },
  vesting: { type: 'graded', schedule: ['0', '0', '0.20', '0.40', '0.60', '0.80', '1'] },
  autoEnrollment: { enabled: true, scope: 'all_eligible' },
  autoEscalation: { enabled: true },
  match: { tiers: [{ upTo: '0.03', rate: '1' }, { upTo: '0.05', rate: '0.5' }], trueUp: true },
  core: { rate: '0.02' },
});

/** A fixed population: pay $30K-$330K, ages 25-64, a third with a census election. */
function hirePopulation(env: ParticipantEnvironment, n: number): Participant[] {
  const out: Participant[] = [];
  for (let i = 0; i < n; i++) {
    const hireYear = 2000 + (i % 26);
    const birthYear = 1962 + ((i * 7) % 40);
    const pay = (3_000_000 + ((i * 7_919) % 30_000_000)) as Cents;
    out.push(
      Participant.hire(
        env,
        {
          employeeId: `E${String(i).padStart(6, '0')}`,
          effectiveDate: `${START}-01-01` as IsoDate,
          payload: {
            eventType: 'hire',
            hireDate: `${hireYear}-0${1 + (i % 9)}-15` as IsoDate,
            birthDate: `${birthYear}-0${1 + (i % 9)}-1${i % 10}` as IsoDate,
            department: 'bench',
            jobLevel: 1 + (i % 10),
            annualCompensation: pay,
          },
        },
        {
          priorYearComp: pay,
          election: i % 3 === 0 ? { preTax: (300 + (i % 8) * 100) as BasisPoints, roth: 0 as BasisPoints } : null,
          balances: {},
        },
      ),
    );
  }
  return out;
}

/** One year of the population by the rules alone: what the machine adds is the ratio. */
function rulesOnlyYear(pays: readonly Cents[], rates: readonly BasisPoints[], year: number): number {
  const limits = limitsFor(year);
  const dates = payDates(year, 'biweekly');
  const tiers = PLAN.match.tiers;
  const periodLimits = { electiveDeferral: limits.electiveDeferral, catchUp: 0 as Cents, annualAdditions: limits.annualAdditions };
  const input: PeriodInput = {
    grossPay: 0 as Cents,
    planComp: 0 as Cents,
    preTaxRate: 0 as BasisPoints,
    rothRate: 0 as BasisPoints,
    matchTiers: tiers,
    matchCapRate: null,
    matchOnCatchUp: true,
    coreRate: PLAN.core.rate,
  };
  let total = 0;
  for (let i = 0; i < pays.length; i++) {
    const ytd = emptyYearToDate();
    input.preTaxRate = rates[i]!;
    for (let k = 0; k < dates.length; k++) {
      const gross = grossPeriodPay(pays[i]!, 'biweekly');
      input.grossPay = gross;
      input.planComp = planCompensation(gross, limits.compensation, ytd.planComp as Cents);
      addPeriod(ytd, gross, input.planComp, contributePeriod(input, periodLimits, ytd));
    }
    total += ytd.annualAdditions;
  }
  return total;
}

function heapPerParticipant(n: number): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  const env = participantEnvironment(PLAN, START);
  gc();
  const before = process.memoryUsage().heapUsed;
  const people = hirePopulation(env, n);
  for (const p of people) p.advance(`${START}-12-31` as IsoDate);
  gc();
  const per = (process.memoryUsage().heapUsed - before) / n;
  if (people.length !== n) throw new Error('unreachable');
  return per;
}

export async function runParticipantBench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const n = opts.quick ? 2_000 : 10_000;
  const env = participantEnvironment(PLAN, START);
  let people = hirePopulation(env, n);
  let year = START;
  let events = 0;
  const pays = Array.from({ length: n }, (_, i) => (3_000_000 + ((i * 7_919) % 30_000_000)) as Cents);
  const rates = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 300 + (i % 8) * 100 : 600) as BasisPoints);
  let sink = 0;
  const suite = new Benchmark.Suite('participant-years');
  suite
    .add('machine', () => {
      if (year >= START + 30) {
        for (const p of people) p.stop();
        people = hirePopulation(env, n);
        year = START;
      }
      const end = `${year}-12-31` as IsoDate;
      for (const p of people) events += p.advance(end).length;
      year++;
    })
    .add('rules only', () => {
      sink += rulesOnlyYear(pays, rates, START);
    });
  await new Promise<void>((resolve) => suite.on('complete', () => resolve()).run({ maxTime: opts.quick ? 2 : 8 }));
  const [machine, rules] = suite.map((b: Benchmark) => b) as Benchmark[];
  const pyPerSec = (b: Benchmark): number => b.hz * n;
  const samples = (b: Benchmark): number[] => b.stats.sample.map((s) => n / s);
  const figures: BenchFigure[] = [
    {
      figure: 'participant-years/s (biweekly, events derived)',
      value: pyPerSec(machine!),
      unit: 'py/s',
      baseline: pyPerSec(rules!),
      ratio: pyPerSec(machine!) / pyPerSec(rules!),
      samples: samples(machine!),
    },
  ];
  const heap = heapPerParticipant(opts.quick ? 5_000 : 20_000);
  if (heap !== null) figures.push({ figure: 'heap per live participant', value: heap, unit: 'bytes', baseline: 8_192, ratio: heap / 8_192, samples: [heap] });
  if (sink < 0 || events < 0) throw new Error('unreachable');
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runParticipantBench({ quick: process.argv.includes('--quick') });
  for (const f of figures) {
    console.log(`${f.figure.padEnd(48)} ${Math.round(f.value).toLocaleString('en-US').padStart(12)} ${f.unit}   baseline ${Math.round(f.baseline).toLocaleString('en-US')}   ratio ${f.ratio.toFixed(3)}`);
  }
}
