/**
 * Golden cases for RULES.md §3 (payroll calendar, gross period pay, 401(a)(17) plan compensation).
 * Calendar facts checked by hand: Jan 1 2024 is a Monday, 2025 a Wednesday, 2026 a Thursday,
 * 2027 a Friday.
 */
import { expect } from 'chai';
import { grossPeriodPay, payDates, periodsPerYear, planCompensation } from '../../../rules/payroll.js';
import { limitsFor } from '../../../rules/limits.js';
import { cents } from '../../../rules/units.js';

describe('golden §3 pay dates', () => {
  it('periods per year', () => {
    expect(periodsPerYear('weekly')).to.equal(52);
    expect(periodsPerYear('biweekly')).to.equal(26);
    expect(periodsPerYear('semimonthly')).to.equal(24);
    expect(periodsPerYear('monthly')).to.equal(12);
  });

  it('biweekly: first Friday and every 14 days, 26 dates', () => {
    // 2024: Jan 1 Monday → first Friday Jan 5; last = Jan 5 + 25 × 14 = +350 days = Dec 20 (leap year)
    const d24 = payDates(2024, 'biweekly');
    expect(d24.length).to.equal(26);
    expect(d24[0]).to.equal('2024-01-05');
    expect(d24[1]).to.equal('2024-01-19');
    expect(d24[25]).to.equal('2024-12-20');
    // 2025: Jan 1 Wednesday → Jan 3; last = Dec 19 (Dec 31 2025 is a Wednesday: no 27th date)
    const d25 = payDates(2025, 'biweekly');
    expect(d25.length).to.equal(26);
    expect(d25[0]).to.equal('2025-01-03');
    expect(d25[15]).to.equal('2025-08-01'); // Jan 3 + 210 days
    expect(d25[25]).to.equal('2025-12-19');
    // 2027: Jan 1 is itself a Friday → first pay date Jan 1; last = Jan 1 + 350 = Dec 17
    const d27 = payDates(2027, 'biweekly');
    expect(d27[0]).to.equal('2027-01-01');
    expect(d27[25]).to.equal('2027-12-17');
    expect(d27.length).to.equal(26);
  });

  it('weekly: 52 Fridays from the first Friday (a 53rd Friday in the year is not a pay date)', () => {
    const d25 = payDates(2025, 'weekly');
    expect(d25.length).to.equal(52);
    expect(d25[0]).to.equal('2025-01-03');
    expect(d25[51]).to.equal('2025-12-26'); // Jan 3 + 51 × 7 = +357 days
    // 2027 has 53 Fridays (Jan 1 … Dec 31); RULES says 52 dates: Jan 1 … Dec 24, Dec 31 excluded
    const d27 = payDates(2027, 'weekly');
    expect(d27.length).to.equal(52);
    expect(d27[0]).to.equal('2027-01-01');
    expect(d27[51]).to.equal('2027-12-24');
    expect(d27).to.not.include('2027-12-31');
  });

  it('semimonthly: the 15th and the last day of each month, 24 dates (Feb 29 in a leap year)', () => {
    const d24 = payDates(2024, 'semimonthly');
    expect(d24.length).to.equal(24);
    expect(d24.slice(0, 4)).to.deep.equal(['2024-01-15', '2024-01-31', '2024-02-15', '2024-02-29']);
    expect(d24[23]).to.equal('2024-12-31');
    expect(payDates(2025, 'semimonthly')[3]).to.equal('2025-02-28');
  });

  it('monthly: the last day of each month, 12 dates', () => {
    const d25 = payDates(2025, 'monthly');
    expect(d25).to.deep.equal([
      '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30',
      '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
    ]);
    expect(payDates(2024, 'monthly')[1]).to.equal('2024-02-29');
  });
});

describe('golden §3 gross period pay', () => {
  it('$50,000.01 / 26 = 1,923.077 → $1,923.08', () => {
    // 5,000,001 / 26: 26 × 192,307 = 4,999,982, remainder 19 (0.73 ≥ 0.5) → 192,308
    expect(grossPeriodPay(cents(5_000_001), 'biweekly')).to.equal(192_308);
  });
  it('$100,000 / 26 = 3,846.1538 → $3,846.15', () => {
    expect(grossPeriodPay(cents(10_000_000), 'biweekly')).to.equal(384_615);
  });
  it('exact half cents round up: $13,000.13 / 26 = $500.005 → $500.01; $52,000.26 / 52 → $1,000.01', () => {
    // 1,300,013 / 26 = 50,000.5 → 50,001 ; 5,200,026 / 52 = 100,000.5 → 100,001
    expect(grossPeriodPay(cents(1_300_013), 'biweekly')).to.equal(50_001);
    expect(grossPeriodPay(cents(5_200_026), 'weekly')).to.equal(100_001);
  });
  it('$100,000 / 24 and / 12', () => {
    // 10,000,000 / 24 = 416,666.67 → 416,667 ; / 12 = 833,333.33 → 833,333
    expect(grossPeriodPay(cents(10_000_000), 'semimonthly')).to.equal(416_667);
    expect(grossPeriodPay(cents(10_000_000), 'monthly')).to.equal(833_333);
  });
});

describe('golden §3 plan compensation and 401(a)(17)', () => {
  it('min(gross, limit − counted), never below 0', () => {
    expect(planCompensation(cents(1_923_077), cents(35_000_000), cents(34_615_386))).to.equal(384_614);
    expect(planCompensation(cents(1_923_077), cents(35_000_000), cents(35_000_000))).to.equal(0);
    expect(planCompensation(cents(1_923_077), cents(35_000_000), cents(0))).to.equal(1_923_077);
  });

  it('$500,000 biweekly in 2025 reaches the $350,000 limit on the 19th pay date, Sep 12 2025', () => {
    // gross = 50,000,000 / 26 = 1,923,076.92 → 1,923,077 ¢
    // 35,000,000 / 1,923,077 = 18.2 → 18 full periods: 18 × 1,923,077 = 34,615,386
    // period 19 (Jan 3 + 18 × 14 = Sep 12): plan comp = 35,000,000 − 34,615,386 = 384,614
    // periods 20-26: 0. Year total plan comp = 35,000,000; gross total = 26 × 1,923,077 = 50,000,002
    const limit = limitsFor(2025).compensation;
    const dates = payDates(2025, 'biweekly');
    const gross = grossPeriodPay(cents(50_000_000), 'biweekly');
    expect(gross).to.equal(1_923_077);
    let counted = 0;
    const comps: number[] = [];
    for (let i = 0; i < dates.length; i++) {
      const c = planCompensation(gross, limit, cents(counted));
      comps.push(c);
      counted += c;
    }
    expect(comps.slice(0, 18).every((c) => c === 1_923_077)).to.equal(true);
    expect(comps[18]).to.equal(384_614);
    expect(dates[18]).to.equal('2025-09-12');
    expect(comps.slice(19)).to.deep.equal([0, 0, 0, 0, 0, 0, 0]);
    expect(counted).to.equal(35_000_000);
  });
});
