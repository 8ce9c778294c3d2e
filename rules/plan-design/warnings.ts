/**
 * Designs that decode but that a plan sponsor's counsel would question. These are warnings,
 * not rejections, because each has a legal variant the engine does not model (e.g. a 2-year
 * service requirement with full immediate vesting, a QACA's 2-year cliff), and a what-if run
 * may deliberately explore them. Designs that are never legal (vesting slower than ERISA
 * §203(a)(2)(B)) are rejected by the decoder instead.
 */
import type { EligibilityRules, PlanDesign, VestingSchedule } from '../plan-design.js';

/** ERISA §202(a)(1): a plan may not require more than age 21 and one year of service. */
const MAX_AGE = 21;
const MAX_SERVICE_MONTHS = 12;
/** ERISA §202(a)(1)(B)(i): two years, only for contributions that vest 100 % immediately. */
const MAX_SERVICE_MONTHS_FULLY_VESTED = 24;

function eligibilityWarnings(e: EligibilityRules, path: string, vesting: VestingSchedule | null): string[] {
  const out: string[] = [];
  if (e.minAge > MAX_AGE) out.push(`${path}.minAge: ${e.minAge} is above the ERISA §202(a)(1) maximum of ${MAX_AGE}`);
  const maxMonths = vesting?.type === 'immediate' ? MAX_SERVICE_MONTHS_FULLY_VESTED : MAX_SERVICE_MONTHS;
  if (e.serviceMonths > maxMonths) {
    out.push(
      `${path}.serviceMonths: ${e.serviceMonths} months is above the ERISA §202(a)(1) maximum of ${maxMonths}` +
        (vesting === null ? ' for elective deferrals' : vesting.type === 'immediate' ? '' : ' unless the contributions vest immediately'),
    );
  }
  return out;
}

/** Warnings as `path: reason`, empty for a design within the usual legal bounds. */
export function planDesignWarnings(plan: PlanDesign): readonly string[] {
  const out = [
    ...eligibilityWarnings(plan.eligibility, 'eligibility', null),
    ...eligibilityWarnings(plan.match.eligibility, 'match.eligibility', plan.match.vesting),
    ...eligibilityWarnings(plan.core.eligibility, 'core.eligibility', plan.core.vesting),
  ];
  if (plan.safeHarbor) {
    const employer = [
      ['match', plan.match.vesting, plan.match.tiers.length > 0 || plan.match.serviceTiers.length > 0],
      ['core', plan.core.vesting, plan.core.rate > 0 || plan.core.byService.length > 0 || plan.core.byAge.length > 0],
    ] as const;
    for (const [source, vesting, used] of employer) {
      if (used && vesting.type !== 'immediate') {
        out.push(
          `${source}.vesting: safe harbor contributions must be 100 % vested immediately ` +
            `(a QACA may use a 2-year cliff); the ADP/ACP tests are still skipped`,
        );
      }
    }
  }
  return Object.freeze(out);
}
