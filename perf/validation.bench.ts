/**
 * Decoding and validating events with the io-ts codecs (actors/events) is what `vested
 * validate`, `ingest` and replay do for every line of a log. This suite decodes a fixed,
 * seeded, realistic stream (70 % contributions, the rest spread over every other payload,
 * ADP/ACP results included) of already-parsed JSON events.
 *
 * Baseline, in the same run: a hand-written type guard of the same shape (same fields, same
 * closed enums, same decimal/date/UUID patterns by regex, unknown keys refused), which only
 * answers true/false and converts nothing. Extra figures: a stock io-ts union
 * (`t.union` of `t.exact(t.type)`, `Date`-based date checks) as a second reference, and
 * JSONL text to decoded event (JSON.parse + decode) against JSON.parse alone.
 * Target: ≥ 400,000 events/s on one core.
 *
 *   node --import tsx perf/validation.bench.ts            (full, ~30 s)
 *   node --import tsx perf/validation.bench.ts --quick    (~5 s)
 *
 * Last result (Node 20.20, one core, full run, 2026-11-25, on a shared 2-core machine with a
 * load average of ~3.5, so absolute figures move by ±40 % between runs; the ratios less):
 *   vested codecs              1,883,866 events/s
 *   hand-written type guard      665,602 events/s   ratio 2.83
 *   stock io-ts union            115,864 events/s   ratio 16.3
 *   JSONL parse + decode         416,898 lines/s    JSON.parse alone 661,803   ratio 0.63
 */
import Benchmark from 'benchmark';
import { pathToFileURL } from 'node:url';
import * as t from 'io-ts';
import {
  CONTRIBUTION_SOURCES,
  decodeEvent,
  encodeEvent,
  envelope,
  events,
  COMPLIANCE_TYPES,
  EVENT_TYPES,
  TERMINATION_REASONS,
  ELIGIBILITY_REASONS,
  ENROLLMENT_SOURCES,
  CHANGE_TYPES,
} from '../actors/events/index.js';
import type { DerivedEvent } from '../actors/events/index.js';
import { addDays, makeDate } from '../rules/calendar.js';
import { bp, cents } from '../rules/units.js';
import type { BenchFigure } from './figure.js';
export type { BenchFigure } from './figure.js';


const EVENTS = 20_000;

/** A deterministic stream (LCG, fixed seed) of canonical interchange events. */
function stream(): string[] {
  let seed = 20_251_125;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[next(16)]).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const day = () => addDays(makeDate(2025, 1, 1), next(365));
  const money = (max: number) => cents(1 + next(max));
  const rate = () => bp(next(10_001));
  const employee = () => `E${String(next(5000)).padStart(5, '0')}`;
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
  const planId = 'plan-001';
  const other: Array<() => DerivedEvent> = [
    () => events.hire({ employeeId: employee(), hireDate: day(), birthDate: makeDate(1960 + next(40), 1 + next(12), 1 + next(28)), department: pick(['ops', 'sales', 'engineering']), jobLevel: 1 + next(10), annualCompensation: money(30_000_000) }),
    () => events.promotion({ employeeId: employee(), effectiveDate: day(), newJobLevel: 1 + next(10), newAnnualCompensation: money(30_000_000) }),
    () => events.merit({ employeeId: employee(), effectiveDate: day(), newCompensation: money(30_000_000), meritPercentage: bp(next(1000)) }),
    () => events.termination({ employeeId: employee(), effectiveDate: day(), terminationReason: pick(TERMINATION_REASONS), finalPayDate: day() }),
    () => events.eligibility({ employeeId: employee(), planId, eligibilityDate: day(), reason: pick(ELIGIBILITY_REASONS) }),
    () => events.enrollment({ employeeId: employee(), planId, enrollmentDate: day(), preTaxRate: rate(), rothRate: bp(next(500)), enrollmentSource: pick(ENROLLMENT_SOURCES), ...(next(2) === 0 ? { optOutWindowExpires: day() } : {}) }),
    () => events.enrollmentChange({ employeeId: employee(), effectiveDate: day(), planId, changeType: pick(CHANGE_TYPES), newPreTaxRate: rate(), newRothRate: rate(), previousPreTaxRate: rate(), previousRothRate: rate() }),
    () => events.vesting({ employeeId: employee(), effectiveDate: day(), planId, yearsOfService: next(30), vestedPercentages: { employer_match: bp(2000 * next(6)), employer_nonelective: bp(10000) }, sourceBalancesVested: { employer_match: money(5_000_000), employer_nonelective: money(5_000_000) } }),
    () => events.forfeiture({ employeeId: employee(), effectiveDate: day(), planId, forfeitedFromSource: 'employer_match', amount: money(1_000_000), vestedPercentage: bp(2000 * next(5)) }),
    () => events.hceStatus({ employeeId: employee(), planId, priorYearCompensation: money(30_000_000), hceThreshold: cents(15_500_000), isHce: next(10) === 0, determinationDate: makeDate(2025, 1, 1) }),
    () => events.participantCompliance({ employeeId: employee(), planId, complianceType: pick(['402g_limit_reached', '415c_limit_reached', 'catch_up_eligible'] as const), applicableLimit: cents(2_350_000), currentAmount: money(2_350_000), monitoringDate: day() }),
    () => events.planCompliance({ planId, complianceType: pick(['adp_test', 'acp_test'] as const), planYear: 2025, hceAverage: bp(next(1500)), nhceAverage: bp(next(1000)), limit: bp(next(1500)), passed: next(2) === 0, refunds: next(2) === 0 ? {} : { [employee()]: money(300_000), [employee()]: money(300_000) } }),
  ];
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const d =
      next(100) < 70
        ? events.contribution({ employeeId: employee(), planId, source: pick(CONTRIBUTION_SOURCES), amount: money(200_000), payPeriodEnd: day(), ytdAmount: money(2_350_000), irsLimitApplied: next(50) === 0 })
        : pick(other)();
    const e = envelope(d, { eventId: uuid(), scenarioId: 'baseline', planDesignId: 'design-a', sequence: i });
    lines.push(JSON.stringify(encodeEvent(e)));
  }
  return lines;
}

// ---- Baseline: a hand-written type guard of the same shape ---------------------------------

type Check = (v: unknown) => boolean;
const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
const RATE = /^[01](\.\d{1,4})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isStr: Check = (v) => typeof v === 'string' && v.length > 0;
const isBool: Check = (v) => typeof v === 'boolean';
const isMoney: Check = (v) => typeof v === 'string' && MONEY.test(v);
const isPositive: Check = (v) => isMoney(v) && Number(v) > 0;
const isRate: Check = (v) => typeof v === 'string' && RATE.test(v) && Number(v) <= 1;
const isLimit: Check = (v) => typeof v === 'string' && RATE.test(v) && Number(v) <= 2;
const isDate: Check = (v) => {
  if (typeof v !== 'string') return false;
  const m = DATE.exec(v);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DIM[mo - 1]!);
};
const isInt = (min: number, max: number): Check => (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isOneOf = (xs: readonly string[]): Check => {
  const s = new Set(xs);
  return (v) => typeof v === 'string' && s.has(v);
};
const isMap = (key: Check, value: Check): Check => (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k in v) if (!key(k) || !value((v as Record<string, unknown>)[k])) return false;
  return true;
};
const isSource = isOneOf(CONTRIBUTION_SOURCES);
const isJobLevel = isInt(1, 10);

type Shape = Record<string, Check>;
const SHAPES: Record<string, Shape> = {
  hire: { hireDate: isDate, birthDate: isDate, department: isStr, jobLevel: isJobLevel, annualCompensation: isPositive },
  promotion: { newJobLevel: isJobLevel, newAnnualCompensation: isPositive },
  merit: { newCompensation: isPositive, meritPercentage: isRate },
  termination: { terminationReason: isOneOf(TERMINATION_REASONS), finalPayDate: isDate },
  eligibility: { planId: isStr, eligible: isBool, eligibilityDate: isDate, reason: isOneOf(ELIGIBILITY_REASONS) },
  enrollment: { planId: isStr, enrollmentDate: isDate, preTaxRate: isRate, rothRate: isRate, enrollmentSource: isOneOf(ENROLLMENT_SOURCES) },
  enrollment_change: { planId: isStr, changeType: isOneOf(CHANGE_TYPES), newPreTaxRate: isRate, newRothRate: isRate },
  contribution: { planId: isStr, source: isSource, amount: isPositive, payPeriodEnd: isDate, ytdAmount: isMoney, irsLimitApplied: isBool },
  vesting: { planId: isStr, yearsOfService: isInt(0, 200), vestedPercentages: isMap(isSource, isRate), sourceBalancesVested: isMap(isSource, isMoney) },
  forfeiture: { planId: isStr, forfeitedFromSource: isSource, amount: isPositive, reason: isOneOf(['unvested_termination']), vestedPercentage: isRate },
  hce_status: { planId: isStr, determinationMethod: isOneOf(['prior_year']), priorYearCompensation: isMoney, hceThreshold: isMoney, isHce: isBool, determinationDate: isDate },
  participant_compliance: { planId: isStr, complianceType: isOneOf(COMPLIANCE_TYPES.slice(0, 3)), applicableLimit: isMoney, currentAmount: isMoney, monitoringDate: isDate },
  plan_compliance: { planId: isStr, complianceType: isOneOf(['adp_test', 'acp_test']), planYear: isInt(1, 9999), hceAverage: isRate, nhceAverage: isRate, limit: isLimit, passed: isBool, refunds: isMap(isStr, isMoney) },
};
const OPTIONAL: Shape = { optOutWindowExpires: isDate, previousPreTaxRate: isRate, previousRothRate: isRate };
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

function isEventShape(u: unknown): boolean {
  if (typeof u !== 'object' || u === null) return false;
  const e = u as Record<string, unknown>;
  const p = e.payload as Record<string, unknown> | undefined;
  if (typeof p !== 'object' || p === null || typeof p.eventType !== 'string' || !EVENT_TYPE_SET.has(p.eventType)) return false;
  const plan = p.eventType === 'compliance' && (p.complianceType === 'adp_test' || p.complianceType === 'acp_test');
  const shape = SHAPES[p.eventType === 'compliance' ? (plan ? 'plan_compliance' : 'participant_compliance') : p.eventType]!;
  if (!(typeof e.eventId === 'string' && UUID.test(e.eventId) && isStr(e.scenarioId) && isStr(e.planDesignId))) return false;
  if (!(isDate(e.effectiveDate) && isInt(0, Number.MAX_SAFE_INTEGER)(e.sequence) && e.schemaVersion === 2)) return false;
  if (plan ? e.employeeId !== undefined : !isStr(e.employeeId)) return false;
  let n = 0;
  for (const _ in e) n++;
  if (n !== (plan ? 7 : 8)) return false;
  let fields = 1;
  for (const k in shape) {
    if (!shape[k]!(p[k])) return false;
    fields++;
  }
  for (const k in OPTIONAL) {
    if (p[k] === undefined) continue;
    if (!OPTIONAL[k]!(p[k])) return false;
    fields++;
  }
  let keys = 0;
  for (const _ in p) keys++;
  return keys === fields;
}

// ---- Second reference: a stock io-ts union, Date-based dates ------------------------------

const stockMoney = t.refinement(t.string, (s) => MONEY.test(s), 'Money');
const stockPositive = t.refinement(stockMoney, (s) => Number(s) > 0, 'PositiveMoney');
const stockRate = t.refinement(t.string, (s) => RATE.test(s) && Number(s) <= 1, 'Rate');
const stockDate = t.refinement(t.string, (s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'Date');
const stockUuid = t.refinement(t.string, (s) => UUID.test(s), 'UUID');
const stockInt = (min: number, max: number) => t.refinement(t.Int, (n) => n >= min && n <= max);
const keys = <V extends readonly string[]>(xs: V) => t.keyof(Object.fromEntries(xs.map((x) => [x, null])) as Record<V[number], null>);
const stockSource = keys(CONTRIBUTION_SOURCES);
const exact = <P extends t.Props>(p: P) => t.exact(t.type(p));
const stockPayload = t.union([
  exact({ eventType: t.literal('hire'), hireDate: stockDate, birthDate: stockDate, department: t.string, jobLevel: stockInt(1, 10), annualCompensation: stockPositive }),
  exact({ eventType: t.literal('promotion'), newJobLevel: stockInt(1, 10), newAnnualCompensation: stockPositive }),
  exact({ eventType: t.literal('merit'), newCompensation: stockPositive, meritPercentage: stockRate }),
  exact({ eventType: t.literal('termination'), terminationReason: keys(TERMINATION_REASONS), finalPayDate: stockDate }),
  exact({ eventType: t.literal('eligibility'), planId: t.string, eligible: t.boolean, eligibilityDate: stockDate, reason: keys(ELIGIBILITY_REASONS) }),
  t.exact(t.intersection([t.type({ eventType: t.literal('enrollment'), planId: t.string, enrollmentDate: stockDate, preTaxRate: stockRate, rothRate: stockRate, enrollmentSource: keys(ENROLLMENT_SOURCES) }), t.partial({ optOutWindowExpires: stockDate })])),
  t.exact(t.intersection([t.type({ eventType: t.literal('enrollment_change'), planId: t.string, changeType: keys(CHANGE_TYPES), newPreTaxRate: stockRate, newRothRate: stockRate }), t.partial({ previousPreTaxRate: stockRate, previousRothRate: stockRate })])),
  exact({ eventType: t.literal('contribution'), planId: t.string, source: stockSource, amount: stockPositive, payPeriodEnd: stockDate, ytdAmount: stockMoney, irsLimitApplied: t.boolean }),
  exact({ eventType: t.literal('vesting'), planId: t.string, yearsOfService: stockInt(0, 200), vestedPercentages: t.record(stockSource, stockRate), sourceBalancesVested: t.record(stockSource, stockMoney) }),
  exact({ eventType: t.literal('forfeiture'), planId: t.string, forfeitedFromSource: stockSource, amount: stockPositive, reason: t.literal('unvested_termination'), vestedPercentage: stockRate }),
  exact({ eventType: t.literal('hce_status'), planId: t.string, determinationMethod: t.literal('prior_year'), priorYearCompensation: stockMoney, hceThreshold: stockMoney, isHce: t.boolean, determinationDate: stockDate }),
  exact({ eventType: t.literal('compliance'), planId: t.string, complianceType: keys(['402g_limit_reached', '415c_limit_reached', 'catch_up_eligible'] as const), applicableLimit: stockMoney, currentAmount: stockMoney, monitoringDate: stockDate }),
  exact({ eventType: t.literal('compliance'), planId: t.string, complianceType: keys(['adp_test', 'acp_test'] as const), planYear: t.Int, hceAverage: stockRate, nhceAverage: stockRate, limit: t.string, passed: t.boolean, refunds: t.record(t.string, stockMoney) }),
]);
const stockEnvelope = { eventId: stockUuid, scenarioId: t.string, planDesignId: t.string, effectiveDate: stockDate, sequence: t.Int, schemaVersion: t.literal(2), payload: stockPayload };
const stockEvent = t.union([exact({ ...stockEnvelope, employeeId: t.string }), exact(stockEnvelope)]);

// ---- The suite -----------------------------------------------------------------------------

let sink = 0;

/**
 * Runs the suite and returns the figures for a perf driver: events/s decoded by our codecs,
 * the baselines in the same run, their ratios, and the per-sample figures.
 */
export async function runValidationBench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const lines = stream();
  const inputs: unknown[] = lines.map((l) => JSON.parse(l));
  const bad = inputs.findIndex((u) => decodeEvent(u)._tag !== 'Right' || !isEventShape(u) || stockEvent.decode(u)._tag !== 'Right');
  if (bad !== -1) throw new Error(`validation bench: event ${bad} is not accepted by all three validators: ${lines[bad]}`);

  const options = opts.quick ? { maxTime: 0.5, minSamples: 8 } : { maxTime: 5, minSamples: 40 };
  const suite = new Benchmark.Suite('validation');
  suite.add('vested codecs (decodeEvent)', () => {
    for (let i = 0; i < inputs.length; i++) if (decodeEvent(inputs[i])._tag === 'Right') sink++;
  }, options);
  suite.add('hand-written type guard', () => {
    for (let i = 0; i < inputs.length; i++) if (isEventShape(inputs[i])) sink++;
  }, options);
  suite.add('stock io-ts union', () => {
    for (let i = 0; i < inputs.length; i++) if (stockEvent.decode(inputs[i])._tag === 'Right') sink++;
  }, options);
  suite.add('JSONL line → decodeEvent', () => {
    for (let i = 0; i < lines.length; i++) if (decodeEvent(JSON.parse(lines[i]!))._tag === 'Right') sink++;
  }, options);
  suite.add('JSONL line → JSON.parse only', () => {
    for (let i = 0; i < lines.length; i++) if (JSON.parse(lines[i]!) !== null) sink++;
  }, options);
  await new Promise<void>((resolve, reject) => {
    suite.on('complete', () => resolve());
    suite.on('error', (e: Benchmark.Event) => reject((e.target as unknown as { error?: unknown }).error));
    suite.run({ async: true });
  });
  const [ours, guard, stock, line, parse] = suite.map((b: Benchmark) => b) as Benchmark[] as [Benchmark, Benchmark, Benchmark, Benchmark, Benchmark];
  const perSec = (b: Benchmark): number => Math.round(b.hz * EVENTS);
  const samples = (b: Benchmark): number[] => b.stats.sample.map((s: number) => Math.round(EVENTS / s));
  const figure = (name: string, a: Benchmark, base: Benchmark): BenchFigure => ({
    figure: name,
    value: perSec(a),
    unit: 'events/s',
    baseline: perSec(base),
    ratio: Math.round((perSec(a) / perSec(base)) * 1000) / 1000,
    samples: samples(a),
  });
  return [
    figure('events decoded and validated (vested io-ts codecs) vs a hand-written type guard', ours, guard),
    figure('events decoded and validated (vested io-ts codecs) vs a stock io-ts union', ours, stock),
    figure('JSONL lines parsed and decoded vs JSON.parse alone', line, parse),
  ];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const quick = process.argv.includes('--quick');
  const fmt = (n: number): string => n.toLocaleString('en-US');
  const figures = await runValidationBench({ quick });
  for (const f of figures) {
    console.log(`${f.figure}`);
    console.log(`  ours ${fmt(f.value)} ${f.unit} (${f.samples.length} samples)  baseline ${fmt(f.baseline)} ${f.unit}  ratio ${f.ratio}`);
  }
  const main = figures[0]!;
  console.log(`target: ≥ 400,000 events/s → ${main.value >= 400_000 ? 'met' : 'NOT met'}`);
  if (sink === 0.5) console.log(sink); // keeps the results observable
}
