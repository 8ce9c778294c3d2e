/**
 * The plan actor (xstate v5): the plan-level work that needs every participant (RULES.md §8,
 * §10). It keeps the forfeiture account, and at each year end, from the participants' year
 * summaries (not their internals), proposes the forfeiture reallocation and runs the ADP and
 * ACP tests. Its context is updated with immer, so every year's figures stay an immutable value.
 *
 *   open ──YEAR_END──▶ allocating ──ALLOCATED──▶ open      (forfeitures.use = reallocate)
 *   open ──YEAR_END──▶ open                                (reduce_employer)
 */
import { assign, setup } from 'xstate';
import { castDraft, produce } from 'immer';
import { dec31 } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import type { PlanDesign } from '../../rules/plan-design.js';
import { reallocate } from '../../rules/forfeiture.js';
import { nondiscriminationTest } from '../../rules/nondiscrimination.js';
import type { TestMember } from '../../rules/nondiscrimination.js';
import type { DerivedEvent } from '../events/index.js';
import type { YearSummary } from '../participant/participant.js';

/** One plan year's plan-level figures, kept for reports. */
export interface PlanYear {
  readonly year: number;
  readonly forfeited: Cents;
  /** Forfeitures used to fund this year's employer contributions (reduce_employer). */
  readonly usedForEmployer: Cents;
  readonly allocated: Cents;
  readonly accountAtYearEnd: Cents;
  readonly hceCount: number;
  readonly adpPassed: boolean | null;
  readonly acpPassed: boolean | null;
}

export interface PlanContext {
  readonly planId: string;
  /** The forfeiture account: forfeitures not yet used or allocated. */
  readonly account: Cents;
  readonly years: readonly PlanYear[];
  /** Allocations proposed at the last year end, waiting for ALLOCATED. */
  readonly proposals: readonly { readonly employeeId: string; readonly amount: Cents }[];
  /** Plan-level events derived by the last transition. */
  readonly outbox: readonly DerivedEvent[];
}

export type PlanEvent =
  | { readonly type: 'YEAR_END'; readonly year: number; readonly summaries: readonly YearSummary[] }
  /** What the participants actually took of the proposals (415(c) can cut an allocation). */
  | { readonly type: 'ALLOCATED'; readonly total: Cents };

function testEvent(plan: PlanDesign, year: number, type: 'adp_test' | 'acp_test', members: readonly TestMember[]): DerivedEvent {
  const r = nondiscriminationTest(members);
  const refunds: Record<string, Cents> = {};
  for (const x of r.refunds) refunds[x.employeeId] = x.amount;
  return {
    effectiveDate: dec31(year),
    payload: {
      eventType: 'compliance',
      planId: plan.planId,
      complianceType: type,
      planYear: year,
      hceAverage: r.hceAverage,
      nhceAverage: r.nhceAverage,
      limit: r.limit,
      passed: r.passed,
      refunds,
    },
  };
}

/** The ADP then ACP events of a year (none under safe harbor), RULES.md §10. */
export function nondiscriminationEvents(plan: PlanDesign, year: number, summaries: readonly YearSummary[]): DerivedEvent[] {
  if (plan.safeHarbor) return [];
  const adp: TestMember[] = [];
  const acp: TestMember[] = [];
  for (const s of summaries) {
    if (s.eligibleInYear) adp.push({ employeeId: s.employeeId, isHce: s.isHce, amount: s.regularDeferrals, comp: s.deferralComp });
    if (s.matchEligibleInYear) acp.push({ employeeId: s.employeeId, isHce: s.isHce, amount: s.matchContributions, comp: s.matchComp });
  }
  return [testEvent(plan, year, 'adp_test', adp), testEvent(plan, year, 'acp_test', acp)];
}

export function planMachine(plan: PlanDesign) {
  const reallocating = plan.forfeitures.use === 'reallocate';
  return setup({
    types: { context: {} as PlanContext, events: {} as PlanEvent },
    guards: { reallocates: () => reallocating },
    actions: {
      closeYear: assign(({ context, event }) => {
        if (event.type !== 'YEAR_END') return context;
        const { year, summaries } = event;
        let forfeited = 0;
        let employer = 0;
        let hceCount = 0;
        for (const s of summaries) {
          forfeited += s.forfeited;
          employer += s.employerContributions;
          if (s.isHce) hceCount++;
        }
        // reduce_employer: the account as it stood before this year's forfeitures funds this year's employer money first.
        const usedForEmployer = reallocating ? 0 : Math.min(context.account, employer);
        const account = context.account - usedForEmployer + forfeited;
        let proposals: PlanContext['proposals'] = [];
        if (reallocating) {
          const weights = summaries
            .filter((s) => s.employedOnDec31 && s.eligibleInYear && s.planComp > 0)
            .map((s) => ({ id: s.employeeId, comp: s.planComp }));
          proposals = reallocate(account as Cents, weights)
            .allocations.filter((a) => a.amount > 0)
            .map((a) => ({ employeeId: a.id, amount: a.amount }));
        }
        return produce(context, (d) => {
          d.account = account as Cents;
          d.proposals = castDraft(proposals);
          d.outbox = castDraft(nondiscriminationEvents(plan, year, summaries));
          d.years.push({
            year,
            forfeited: forfeited as Cents,
            usedForEmployer: usedForEmployer as Cents,
            allocated: 0 as Cents,
            accountAtYearEnd: account as Cents,
            hceCount,
            adpPassed: adpResult(d.outbox, 'adp_test'),
            acpPassed: adpResult(d.outbox, 'acp_test'),
          });
        });
      }),
      recordAllocation: assign(({ context, event }) =>
        event.type !== 'ALLOCATED'
          ? context
          : produce(context, (d) => {
              d.account = (d.account - event.total) as Cents;
              d.proposals = [];
              d.outbox = [];
              const last = d.years[d.years.length - 1];
              if (last !== undefined) {
                last.allocated = event.total;
                last.accountAtYearEnd = d.account;
              }
            }),
      ),
    },
  }).createMachine({
    id: 'plan',
    context: { planId: plan.planId, account: 0 as Cents, years: [], proposals: [], outbox: [] },
    initial: 'open',
    states: {
      open: {
        on: {
          YEAR_END: [
            { guard: 'reallocates', target: 'allocating', actions: 'closeYear' },
            { target: 'open', actions: 'closeYear' },
          ],
        },
      },
      /** Proposals are out to the participants; the year is closed once they report back. */
      allocating: { on: { ALLOCATED: { target: 'open', actions: 'recordAllocation' } } },
    },
  });
}

function adpResult(events: readonly DerivedEvent[], type: 'adp_test' | 'acp_test'): boolean | null {
  for (const e of events) if (e.payload.eventType === 'compliance' && e.payload.complianceType === type) return e.payload.passed;
  return null;
}

export type PlanMachine = ReturnType<typeof planMachine>;
