/**
 * Golden cases for RULES.md §9 (HCE by prior-year compensation above the 414(q) amount of Y−1),
 * CONTRACTS reading 5 ("above" = strictly greater).
 */
import { expect } from 'chai';
import { isHce } from '../../../rules/hce.js';
import { limitsFor } from '../../../rules/limits.js';
import { grossPeriodPay } from '../../../rules/payroll.js';
import { cents } from '../../../rules/units.js';

describe('golden §9 HCE determination', () => {
  it('for 2025, compare 2024 pay with the 2024 amount $155,000: exactly $155,000 is NOT above', () => {
    const threshold = limitsFor(2024).hceThreshold;
    expect(threshold).to.equal(15_500_000);
    expect(isHce(cents(15_500_000), threshold)).to.equal(false);
    expect(isHce(cents(15_500_001), threshold)).to.equal(true);
    expect(isHce(cents(15_499_999), threshold)).to.equal(false);
  });

  it('for 2026, $160,000 a year paid biweekly in 2025 sums to $160,000.10: above $160,000 → HCE', () => {
    // gross = 16,000,000 / 26 = 615,384.6 → 615,385 ; × 26 = 16,000,010 > 16,000,000
    const gross = grossPeriodPay(cents(16_000_000), 'biweekly');
    expect(gross).to.equal(615_385);
    expect(isHce(cents(26 * gross), limitsFor(2025).hceThreshold)).to.equal(true);
    // paid monthly: 16,000,000 / 12 = 1,333,333.33 → 1,333,333 ; × 12 = 15,999,996 → not HCE
    const monthly = grossPeriodPay(cents(16_000_000), 'monthly');
    expect(monthly).to.equal(1_333_333);
    expect(isHce(cents(12 * monthly), limitsFor(2025).hceThreshold)).to.equal(false);
  });
});
