/**
 * The workforce model's defaults, in interchange form (what `"workforce": {}` means). Every
 * value and its source is in docs/workforce.md; keep the two in step. Rates and factors are
 * fractions like plan designs (strings with ≤ 4 decimals), money as decimal strings.
 */
export const WORKFORCE_DEFAULTS = {
  /** Target headcount growth per year (peer: PlanAlign target_growth_rate 0.03). */
  growthRate: '0.03',
  terminations: {
    /** Annual termination probability by completed years of service at Jan 1 (BLS JOLTS / tenure shape). */
    byTenure: [
      { minYears: 0, rate: '0.20' },
      { minYears: 1, rate: '0.15' },
      { minYears: 3, rate: '0.11' },
      { minYears: 5, rate: '0.08' },
      { minYears: 10, rate: '0.06' },
    ],
    /** Multiplier of the tenure rate by job level 1..10 (junior staff leave more often). */
    levelFactors: ['1.15', '1.10', '1.00', '0.95', '0.90', '0.85', '0.80', '0.80', '0.75', '0.75'],
    /** Probability that a new hire leaves before the end of the hire year (peer: 0.25). */
    newHireRate: '0.25',
    /** Mix of reasons for terminations other than retirement (weights). */
    reasons: { voluntary: '0.70', involuntary: '0.26', death: '0.02', disability: '0.02' },
    /** At or past this age on Jan 1 an employee retires with `retirementRate` a year (SSA retirement age). */
    retirementAge: 65,
    retirementRate: '0.30',
  },
  hiring: {
    /** Share of new hires by job level 1..10 (weights). */
    levelMix: ['0.38', '0.24', '0.15', '0.09', '0.06', '0.04', '0.02', '0.01', '0.005', '0.005'],
    /** Age at hire by level: mean and sd in years, truncated to [18, 64]. */
    ageByLevel: [
      { mean: 27, sd: 6 }, { mean: 30, sd: 6 }, { mean: 33, sd: 6 }, { mean: 36, sd: 6 }, { mean: 39, sd: 6 },
      { mean: 42, sd: 6 }, { mean: 45, sd: 6 }, { mean: 47, sd: 6 }, { mean: 49, sd: 6 }, { mean: 51, sd: 6 },
    ],
    /** Pay at hire by level: lognormal with this median (whole dollars) and log-sd `spread`. */
    payByLevel: [
      { median: '42000', spread: '0.15' }, { median: '52000', spread: '0.15' }, { median: '63000', spread: '0.15' },
      { median: '76000', spread: '0.15' }, { median: '92000', spread: '0.15' }, { median: '112000', spread: '0.15' },
      { median: '138000', spread: '0.15' }, { median: '172000', spread: '0.15' }, { median: '225000', spread: '0.15' },
      { median: '320000', spread: '0.15' },
    ],
    /** Department of new hires (weights). */
    departments: { operations: '0.30', sales: '0.20', engineering: '0.18', customer_service: '0.14', finance: '0.08', hr: '0.05', legal: '0.05' },
  },
  promotions: {
    /** Annual promotion probability by level 1..10 (none from the top level). */
    byLevel: ['0.12', '0.10', '0.09', '0.08', '0.07', '0.06', '0.05', '0.04', '0.03', '0'],
    /** No promotion before this many completed years of service at Jan 1. */
    minTenureYears: 1,
    /** Raise that comes with a promotion. */
    raise: '0.10',
    /** Effective date each year. */
    date: '04-01',
  },
  merit: {
    /** Mean merit increase by level 1..10 (WorldatWork salary budget surveys: ≈ 3.3-3.5 %). */
    byLevel: ['0.030', '0.030', '0.031', '0.032', '0.033', '0.034', '0.035', '0.035', '0.036', '0.036'],
    /** Spread (sd) of an individual merit around the level mean; negative draws give 0. */
    sd: '0.010',
    /** Cost-of-living adjustment added to every merit. */
    cola: '0.005',
    /** Effective date each year (merit and COLA are one `merit` event). */
    date: '04-01',
  },
  behaviour: {
    /** Age bands for behaviour: upper bounds (exclusive) → under 31, 31-45, 46-55, 56+. */
    ageBands: [31, 46, 56],
    /** Pay bands: upper bounds (exclusive) → under $50K, $50K-100K, $100K-200K, $200K+. */
    payBands: ['50000', '100000', '200000'],
    voluntaryEnrollment: {
      /** Annual probability that an eligible employee without an election enrolls (plans without auto-enrollment). */
      rate: '0.30',
      ageFactors: ['0.70', '1.00', '1.20', '1.30'],
      payFactors: ['0.60', '1.00', '1.30', '1.50'],
    },
    /** Deferral rates people choose (weights), clustering at 3/4/5/6/10 % (Vanguard How America Saves). */
    deferralRates: [
      { rate: '0.02', weight: '0.05' }, { rate: '0.03', weight: '0.14' }, { rate: '0.04', weight: '0.12' },
      { rate: '0.05', weight: '0.14' }, { rate: '0.06', weight: '0.22' }, { rate: '0.07', weight: '0.05' },
      { rate: '0.08', weight: '0.09' }, { rate: '0.10', weight: '0.11' }, { rate: '0.12', weight: '0.03' },
      { rate: '0.15', weight: '0.05' },
    ],
    /** Chosen rate × these by band, rounded to a whole percent, within [1 %, 50 %]. */
    deferralAgeFactors: ['0.80', '1.00', '1.15', '1.30'],
    deferralPayFactors: ['0.85', '1.00', '1.15', '1.25'],
    /** Share of people choosing a rate who split it half pre-tax, half Roth (Vanguard: ~18 % use Roth). */
    rothShare: '0.18',
    optOut: {
      /** Probability of opting out after auto-enrollment (peer ≈ 9 %, within `windowDays` after it). */
      rate: '0.09',
      ageFactors: ['1.8', '1.1', '0.7', '0.4'],
      payFactors: ['1.3', '1.0', '0.8', '0.5'],
      windowDays: 90,
    },
    /** Annual probability that an enrolled participant picks a new rate. */
    rateChange: { rate: '0.10' },
  },
} as const;
