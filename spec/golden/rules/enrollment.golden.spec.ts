/**
 * Golden cases for RULES.md §5 (auto-enrollment date, auto-escalation), CONTRACTS readings 16-17.
 */
import { expect } from 'chai';
import { autoEnrollmentDate, escalatedRate } from '../../../rules/enrollment.js';
import { isoDate } from '../../../rules/calendar.js';
import { bp } from '../../../rules/units.js';

describe('golden §5 auto-enrollment date', () => {
  it('new hire: eligibility date + 30 days', () => {
    // 2025-03-01 + 30 days = 2025-03-31
    expect(autoEnrollmentDate(isoDate('2025-03-01'), null, 30)).to.equal('2025-03-31');
    // 2024-02-01 + 30 days (leap February: 29 days) = 2024-03-02
    expect(autoEnrollmentDate(isoDate('2024-02-01'), null, 30)).to.equal('2024-03-02');
  });
  it('all_eligible census employee: counted from the start date when eligible earlier', () => {
    // max(2020-06-01, 2025-01-01) + 30 = 2025-01-31
    expect(autoEnrollmentDate(isoDate('2020-06-01'), isoDate('2025-01-01'), 30)).to.equal('2025-01-31');
    // max(2025-04-01, 2025-01-01) + 90 = 2025-06-30
    expect(autoEnrollmentDate(isoDate('2025-04-01'), isoDate('2025-01-01'), 90)).to.equal('2025-06-30');
  });
});

describe('golden §5 auto-escalation', () => {
  it('raises by the step, never past the cap; no change at 0, at or above the cap', () => {
    expect(escalatedRate(bp(600), bp(100), bp(1000))).to.equal(700);
    expect(escalatedRate(bp(950), bp(100), bp(1000))).to.equal(1000);
    expect(escalatedRate(bp(1000), bp(100), bp(1000))).to.equal(null);
    expect(escalatedRate(bp(0), bp(100), bp(1000))).to.equal(null);
    expect(escalatedRate(bp(1200), bp(100), bp(1000))).to.equal(null);
  });
});
