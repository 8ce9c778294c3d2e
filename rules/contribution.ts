/**
 * One pay period's contributions (RULES.md §6, CONTRACTS.md readings 7-9): the engine's
 * innermost loop, so plain numbers and one small result object (or none, given one to reuse).
 *
 * Order: (1) elective: pre-tax and Roth at their rates, the regular part up to the 402(g) room
 * (pre-tax first, then Roth), the rest up to the catch-up room as catch-up, the remainder not
 * deferred; (2) match on the elective deferral before any 415(c) cut; (3) core; (4) 415(c):
 * annual additions (regular + match + core; catch-up excluded) may not pass
 * min(415(c) limit, gross pay YTD incl. this period); the excess is cut from core, then match,
 * then the regular deferral (Roth part first, then pre-tax), and simply not contributed.
 */
import type { BasisPoints, Cents } from './units.js';
import type { MatchTier } from './plan-design.js';
import { applyRate, matchAmount } from './match.js';

/** A participant's running totals for the plan year, in cents. */
export interface YearToDate {
  grossPay: number;
  planComp: number;
  preTax: number;
  roth: number;
  catchUp: number; // regular deferrals = preTax + roth
  match: number;
  trueUp: number;
  core: number;
  forfeitureAllocation: number;
  annualAdditions: number; // regular + match + trueUp + core + forfeitureAllocation
}

export function emptyYearToDate(): YearToDate {
  return {
    grossPay: 0,
    planComp: 0,
    preTax: 0,
    roth: 0,
    catchUp: 0,
    match: 0,
    trueUp: 0,
    core: 0,
    forfeitureAllocation: 0,
    annualAdditions: 0,
  };
}

export interface PeriodInput {
  grossPay: Cents;
  planComp: Cents;
  preTaxRate: BasisPoints;
  rothRate: BasisPoints; // 0 and 0 when not deferring
  matchTiers: readonly MatchTier[] | null; // null when not eligible for the match this period
  matchCapRate: BasisPoints | null;
  matchOnCatchUp: boolean;
  coreRate: BasisPoints; // 0 when not eligible for core
}

export interface PeriodLimits {
  electiveDeferral: Cents;
  catchUp: Cents; // 0 if not catch-up eligible
  annualAdditions: Cents;
}

export interface PeriodResult {
  preTax: Cents;
  roth: Cents;
  catchUp: Cents;
  match: Cents;
  core: Cents;
  /** Some elective deferral exceeded both 402(g) and catch-up room, or a 415(c) cut was made (reading 8). */
  limitApplied: boolean;
  /** Regular deferrals YTD became equal to the 402(g) limit in this period (reading 7). */
  reached402g: boolean;
  /** Annual additions YTD became equal to the 415(c) dollar limit in this period (reading 7). */
  reached415c: boolean;
}

/** A result to be overwritten by `contributePeriod(…, out)`. */
export function emptyPeriodResult(): PeriodResult {
  return { preTax: 0 as Cents, roth: 0 as Cents, catchUp: 0 as Cents, match: 0 as Cents, core: 0 as Cents, limitApplied: false, reached402g: false, reached415c: false };
}

/**
 * Computes one period. Pure apart from `out`: `ytd` is the state before the period and is not
 * changed. With `out`, every field of it is overwritten and it is returned, so a caller that
 * runs many periods (the participant's pay dates) allocates no result per period.
 */
export function contributePeriod(input: PeriodInput, limits: PeriodLimits, ytd: Readonly<YearToDate>, out?: PeriodResult): PeriodResult {
  const comp = input.planComp;
  // 1. Elective.
  const pre = input.preTaxRate > 0 && comp > 0 ? applyRate(comp, input.preTaxRate) : 0;
  const roth = input.rothRate > 0 && comp > 0 ? applyRate(comp, input.rothRate) : 0;
  const wanted = pre + roth;
  const regularBefore = ytd.preTax + ytd.roth;
  let room = limits.electiveDeferral - regularBefore;
  if (room < 0) room = 0;
  const regular = wanted < room ? wanted : room;
  let regPre = pre < regular ? pre : regular;
  let regRoth = regular - regPre;
  const rest = wanted - regular;
  let catchRoom = limits.catchUp - ytd.catchUp;
  if (catchRoom < 0) catchRoom = 0;
  const catchUp = rest < catchRoom ? rest : catchRoom;
  let limitApplied = rest > catchUp;

  // 2. Match, on the deferral before any 415(c) cut (reading 9).
  let match = 0;
  if (input.matchTiers !== null && input.matchTiers.length > 0) {
    const d = input.matchOnCatchUp ? regular + catchUp : regular;
    match = matchAmount(input.matchTiers, d as Cents, comp, input.matchCapRate);
  }

  // 3. Core.
  let core = input.coreRate > 0 && comp > 0 ? applyRate(comp, input.coreRate) : 0;

  // 4. 415(c): room = min(dollar limit, gross pay YTD incl. this period) − additions so far.
  const grossYtd = ytd.grossPay + input.grossPay;
  let addRoom = (limits.annualAdditions < grossYtd ? limits.annualAdditions : grossYtd) - ytd.annualAdditions;
  if (addRoom < 0) addRoom = 0;
  let excess = regPre + regRoth + match + core - addRoom;
  if (excess > 0) {
    limitApplied = true;
    let cut = core < excess ? core : excess;
    core -= cut;
    excess -= cut;
    cut = match < excess ? match : excess;
    match -= cut;
    excess -= cut;
    cut = regRoth < excess ? regRoth : excess;
    regRoth -= cut;
    excess -= cut;
    regPre -= excess; // excess ≤ regPre here, since the room is never negative
  }

  const regularAfter = regularBefore + regPre + regRoth;
  const additionsBefore = ytd.annualAdditions;
  const additionsAfter = additionsBefore + regPre + regRoth + match + core;
  const reached402g = regularBefore < limits.electiveDeferral && regularAfter === limits.electiveDeferral;
  const reached415c = additionsBefore < limits.annualAdditions && additionsAfter === limits.annualAdditions;
  if (out === undefined) {
    return {
      preTax: regPre as Cents,
      roth: regRoth as Cents,
      catchUp: catchUp as Cents,
      match: match as Cents,
      core: core as Cents,
      limitApplied,
      reached402g,
      reached415c,
    };
  }
  out.preTax = regPre as Cents;
  out.roth = regRoth as Cents;
  out.catchUp = catchUp as Cents;
  out.match = match as Cents;
  out.core = core as Cents;
  out.limitApplied = limitApplied;
  out.reached402g = reached402g;
  out.reached415c = reached415c;
  return out;
}

/** Adds a period's pay and contributions to the running totals (mutates `ytd`). */
export function addPeriod(ytd: YearToDate, grossPay: Cents, planComp: Cents, r: PeriodResult): void {
  ytd.grossPay += grossPay;
  ytd.planComp += planComp;
  ytd.preTax += r.preTax;
  ytd.roth += r.roth;
  ytd.catchUp += r.catchUp;
  ytd.match += r.match;
  ytd.core += r.core;
  ytd.annualAdditions += r.preTax + r.roth + r.match + r.core;
}
