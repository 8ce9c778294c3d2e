import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../../rules/calendar.js';
import {
  IRS_PARAMETER_DIR,
  catchUpLimit,
  limitsFor,
  limitsFromTable,
  loadLimitTable,
  projectValue,
  type IrsLimits,
} from '../../rules/limits.js';
import { planDesign } from '../../rules/plan-design.js';

const $ = (dollars: number): number => dollars * 100;
const values = (l: IrsLimits) => ({
  electiveDeferral: l.electiveDeferral, catchUp: l.catchUp, catchUp6063: l.catchUp6063, annualAdditions: l.annualAdditions,
  compensation: l.compensation, hceThreshold: l.hceThreshold, rothCatchUpWageThreshold: l.rothCatchUpWageThreshold,
});
const row = (d: number, c: number, c6063: number, a: number, comp: number, hce: number, roth: number) => ({
  electiveDeferral: $(d), catchUp: $(c), catchUp6063: $(c6063), annualAdditions: $(a),
  compensation: $(comp), hceThreshold: $(hce), rothCatchUpWageThreshold: $(roth),
});
const indexed = (rate: string) => planDesign({ limits: { indexRate: rate } });

describe('rules/limits', () => {
  describe('limitsFor: known years (RULES.md §2 table; Roth wage threshold from Notice 2025-67)', () => {
    const table: [number, ReturnType<typeof row>][] = [
      [2020, row(19_500, 6_500, 0, 57_000, 285_000, 130_000, 0)],
      [2021, row(19_500, 6_500, 0, 58_000, 290_000, 130_000, 0)],
      [2022, row(20_500, 6_500, 0, 61_000, 305_000, 135_000, 0)],
      [2023, row(22_500, 7_500, 0, 66_000, 330_000, 150_000, 0)],
      [2024, row(23_000, 7_500, 0, 69_000, 345_000, 155_000, 0)],
      [2025, row(23_500, 7_500, 11_250, 70_000, 350_000, 160_000, 0)],
      [2026, row(24_500, 8_000, 11_250, 72_000, 360_000, 160_000, 150_000)],
    ];
    for (const [year, expected] of table) {
      it(`${year}`, () => {
        const l = limitsFor(year);
        expect(l.year).to.equal(year);
        expect(l.projected).to.equal(false);
        expect(values(l)).to.deep.equal(expected);
        expect(Object.isFrozen(l)).to.equal(true);
      });
    }

    it('refuses years before the first known year and non-integer years (RangeError)', () => {
      expect(() => limitsFor(2019)).to.throw(RangeError, 'no IRS limits before 2020 (asked for 2019)');
      expect(() => limitsFor(2025.5)).to.throw(RangeError, 'year must be an integer');
    });
  });

  describe('limitsFor: projection past 2026', () => {
    it('indexRate 0 (default) carries 2026 forward, marked projected', () => {
      for (const year of [2027, 2040]) {
        const l = limitsFor(year);
        expect(l.projected).to.equal(true);
        expect(values(l)).to.deep.equal(values(limitsFor(2026)));
      }
    });

    it('indexRate 2.5 %: 2027 = 2026 × 1.025, rounded down to the increment', () => {
      // 402(g)      24,500 × 1.025 = 25,112.50  → $500   → 25,000
      // catch-up     8,000 × 1.025 =  8,200     → $500   →  8,000
      // 60-63       11,250 × 1.025 = 11,531.25  → $500   → 11,500
      // 415(c)      72,000 × 1.025 = 73,800     → $1,000 → 73,000
      // 401(a)(17) 360,000 × 1.025 = 369,000    → $5,000 → 365,000
      // 414(q)     160,000 × 1.025 = 164,000    → $5,000 → 160,000
      // Roth wage  150,000 × 1.025 = 153,750    → $5,000 → 150,000
      const l = limitsFor(2027, indexed('0.025'));
      expect(l.projected).to.equal(true);
      expect(values(l)).to.deep.equal(row(25_000, 8_000, 11_500, 73_000, 365_000, 160_000, 150_000));
    });

    it('indexRate 2.5 %: the unrounded amount compounds (1.025² = 1.050625, 1.025³ = 1.076890625)', () => {
      // 2028: 402(g) 25,740.31 → 25,500; catch-up 8,405 → 8,000; 60-63 11,819.53 → 11,500;
      //       415(c) 75,645 → 75,000; 401(a)(17) 378,225 → 375,000; 414(q) 168,100 → 165,000
      //       (chaining the rounded 160,000 would give 164,000 → 160,000 again); Roth 157,593.75 → 155,000
      expect(values(limitsFor(2028, indexed('0.025')))).to.deep.equal(row(25_500, 8_000, 11_500, 75_000, 375_000, 165_000, 155_000));
      // 2029: 26,383.82 → 26,000; 8,615.13 → 8,500; 12,115.02 → 12,000; 77,536.13 → 77,000;
      //       387,680.63 → 385,000; 172,302.50 → 170,000; 161,533.59 → 160,000
      expect(values(limitsFor(2029, indexed('0.025')))).to.deep.equal(row(26_000, 8_500, 12_000, 77_000, 385_000, 170_000, 160_000));
    });

    it('never projects below the last known value (60-63: $11,250 is not a multiple of $500)', () => {
      // 1 %: 11,250 × 1.01 = 11,362.50 → 11,000 < 11,250 → stays 11,250;
      //      × 1.0201 = 11,476.13 → 11,000 → 11,250; × 1.030301 = 11,590.89 → 11,500
      expect([2027, 2028, 2029].map((y) => limitsFor(y, indexed('0.01')).catchUp6063)).to.deep.equal([$(11_250), $(11_250), $(11_500)]);
    });

    it('projectValue is exact over long horizons (BigInt)', () => {
      // 100 years at 3 %: 24,500 × 1.03^100 = 24,500 × 19.2186... = 470,856.6... → 470,500
      expect(projectValue($(24_500), 300, 100, $(500))).to.equal($(470_500));
      expect(projectValue($(24_500), 300, 0, $(500))).to.equal($(24_500));
      expect(projectValue($(11_250), 0, 5, $(500))).to.equal($(11_250));
    });

    it('a file value marked projected makes the year projected', () => {
      const dir = mkdtempSync(join(tmpdir(), 'vested-limits-'));
      try {
        for (const f of readdirSync(IRS_PARAMETER_DIR)) writeFileSync(join(dir, f), readFileSync(join(IRS_PARAMETER_DIR, f)));
        const file = join(dir, 'hce_threshold.yaml');
        writeFileSync(file, `${readFileSync(file, 'utf8')}  2027-01-01: { value: 165000, status: projected }\n`);
        const table = loadLimitTable(dir);
        expect(limitsFromTable(table, 2026).projected).to.equal(false);
        const l = limitsFromTable(table, 2027);
        expect([l.projected, l.hceThreshold, l.electiveDeferral]).to.deep.equal([true, $(165_000), $(24_500)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('limitsFor: plan overrides', () => {
    const plan = planDesign({
      limits: {
        indexRate: '0.025',
        overrides: {
          '2025': { electiveDeferral: '24000' },
          '2027': { electiveDeferral: '25250.50', hceThreshold: 170000 },
          '2030': {
            electiveDeferral: '1', catchUp: '2', catchUp6063: '3', annualAdditions: '4',
            compensation: '5', hceThreshold: '6', rothCatchUpWageThreshold: '7',
          },
        },
      },
    });

    it('replace a known year value, one year only', () => {
      expect(limitsFor(2025, plan).electiveDeferral).to.equal($(24_000));
      expect(limitsFor(2025, plan).annualAdditions).to.equal($(70_000));
      expect(limitsFor(2024, plan).electiveDeferral).to.equal($(23_000));
      expect(limitsFor(2026, plan).electiveDeferral).to.equal($(24_500));
    });

    it('replace a projected value; the projection of later years is not based on it', () => {
      const l = limitsFor(2027, plan);
      expect([l.electiveDeferral, l.hceThreshold, l.annualAdditions, l.projected]).to.deep.equal([2_525_050, $(170_000), $(73_000), true]);
      expect(limitsFor(2028, plan).electiveDeferral).to.equal($(25_500));
    });

    it('a projected year whose every value is overridden is not projected', () => {
      const l = limitsFor(2030, plan);
      expect(l.projected).to.equal(false);
      expect(values(l)).to.deep.equal(row(1, 2, 3, 4, 5, 6, 7));
    });
  });

  describe('catchUpLimit (age on Dec 31 of the limits year)', () => {
    const l2024 = limitsFor(2024);
    const l2025 = limitsFor(2025);
    const l2026 = limitsFor(2026);
    const cases: [string, IrsLimits, string, number][] = [
      ['49 on 2024-12-31 (50 on Jan 1)', l2024, '1975-01-01', 0],
      ['50 on 2024-12-31 (birthday that day)', l2024, '1974-12-31', $(7_500)],
      ['59 in 2024', l2024, '1965-06-30', $(7_500)],
      ['60 in 2024: no 60-63 limit before 2025', l2024, '1964-06-30', $(7_500)],
      ['63 in 2024', l2024, '1961-06-30', $(7_500)],
      ['64 in 2024', l2024, '1960-06-30', $(7_500)],
      ['49 in 2025', l2025, '1976-01-01', 0],
      ['50 in 2025', l2025, '1975-12-31', $(7_500)],
      ['59 in 2025', l2025, '1966-01-01', $(7_500)],
      ['60 in 2025 (birthday Dec 31)', l2025, '1965-12-31', $(11_250)],
      ['63 in 2025', l2025, '1962-01-01', $(11_250)],
      ['64 in 2025', l2025, '1961-12-31', $(7_500)],
      ['60 in 2026', l2026, '1966-07-04', $(11_250)],
      ['64 in 2026', l2026, '1962-07-04', $(8_000)],
      ['Feb 29 birthday: 49 on 2025-12-31', l2025, '1976-02-29', 0],
      ['Feb 29 birthday: 50 on 2026-12-31', l2026, '1976-02-29', $(8_000)],
      ['Feb 29 birthday: 60 on 2024-12-31, before 2025', l2024, '1964-02-29', $(7_500)],
      ['Feb 29 birthday: 61 on 2025-12-31', l2025, '1964-02-29', $(11_250)],
    ];
    for (const [name, limits, birth, expected] of cases) {
      it(`${name} → ${expected} ¢`, () => expect(catchUpLimit(limits, isoDate(birth))).to.equal(expected));
    }

    it('the 60-63 limit is never below the regular one (an override cannot make 60 worse than 50)', () => {
      const l = limitsFor(2025, planDesign({ limits: { overrides: { '2025': { catchUp6063: '5000' } } } }));
      expect(catchUpLimit(l, isoDate('1964-06-30'))).to.equal($(7_500));
    });
  });
});

describe('rules/limits caching', () => {
  it('returns the same frozen value for the same plan limits and year', () => {
    const plan = planDesign({ limits: { indexRate: '0.03' } });
    expect(limitsFor(2027, plan)).to.equal(limitsFor(2027, plan));
    expect(limitsFor(2027)).to.equal(limitsFor(2027));
    expect(limitsFor(2027, plan).electiveDeferral).to.not.equal(limitsFor(2027).electiveDeferral);
  });
});
