/**
 * Golden cases for RULES.md §10 (ADP / ACP tests and the two-step IRS correction), by hand.
 * Limit: max(1.25 × a, min(2 × a, a + 200)) in bp, computed exactly, with a = NHCE average.
 */
import { expect } from 'chai';
import { contributionRatio, groupAverage, nondiscriminationTest, testLimit, testLimitPasses } from '../../../rules/nondiscrimination.js';
import type { TestMember, TestResult } from '../../../rules/nondiscrimination.js';
import { bp, cents } from '../../../rules/units.js';

const m = (employeeId: string, isHce: boolean, amount: number, comp: number): TestMember =>
  ({ employeeId, isHce, amount: cents(amount), comp: cents(comp) });
/** Refunds as a map, zero refunds dropped (whether zero entries are listed is not fixed by RULES/CONTRACTS). */
const refundMap = (r: TestResult) => Object.fromEntries(r.refunds.filter((x) => x.amount !== 0).map((x) => [x.employeeId, x.amount]));
const head = (r: TestResult) => ({ hceAverage: r.hceAverage, nhceAverage: r.nhceAverage, limit: r.limit, passed: r.passed, totalExcess: r.totalExcess });

describe('golden §10 ratios, averages and the limit', () => {
  it('contribution ratio in bp, rounded half up; 0 when no pay', () => {
    expect(contributionRatio(cents(2_300_000), cents(10_000_000))).to.equal(2300);
    expect(contributionRatio(cents(1), cents(3))).to.equal(3333); // 3,333.33
    expect(contributionRatio(cents(2), cents(3))).to.equal(6667); // 6,666.67
    expect(contributionRatio(cents(1), cents(20_000))).to.equal(1); // 0.5 → 1
    expect(contributionRatio(cents(0), cents(0))).to.equal(0);
  });
  it('group average = mean, rounded half up', () => {
    expect(groupAverage([bp(300), bp(301)])).to.equal(301); // 300.5 → 301
    expect(groupAverage([bp(100), bp(200), bp(400)])).to.equal(233); // 233.33
    expect(groupAverage([bp(800), bp(700), bp(200)])).to.equal(567); // 566.67
  });
  it('limit for NHCE averages 0, 2 %, 3 %, 4 %, 10 %', () => {
    // a = 0: max(0, min(0, 200)) = 0
    expect(testLimit(bp(0))).to.equal(0);
    // a = 200: max(250, min(400, 400)) = 400
    expect(testLimit(bp(200))).to.equal(400);
    // a = 300: max(375, min(600, 500)) = 500
    expect(testLimit(bp(300))).to.equal(500);
    // a = 400: max(500, min(800, 600)) = 600
    expect(testLimit(bp(400))).to.equal(600);
    // a = 1000: max(1250, min(2000, 1200)) = 1250
    expect(testLimit(bp(1000))).to.equal(1250);
    // a = 101: max(126.25, min(202, 301)) = 202
    expect(testLimit(bp(101))).to.equal(202);
  });
  it('published: NHCE 4 % vs HCE 5 % passes under the 6 % limit', () => {
    expect(testLimitPasses(bp(500), bp(400))).to.equal(true);
    expect(testLimitPasses(bp(600), bp(400))).to.equal(true);
    expect(testLimitPasses(bp(601), bp(400))).to.equal(false);
  });
  it('fractional limits are compared exactly and reported rounded half up', () => {
    // a = 1001: 1.25 a = 1251.25 > min(2002, 1201) → limit 1251.25 (reported 1251)
    expect(testLimit(bp(1001))).to.equal(1251);
    expect(testLimitPasses(bp(1251), bp(1001))).to.equal(true);
    expect(testLimitPasses(bp(1252), bp(1001))).to.equal(false);
    // a = 1002: limit 1252.5, reported 1253 — but an HCE average of 1253 exceeds 1252.5
    expect(testLimit(bp(1002))).to.equal(1253);
    expect(testLimitPasses(bp(1252), bp(1002))).to.equal(true);
    expect(testLimitPasses(bp(1253), bp(1002))).to.equal(false);
  });
});

describe('golden §10 ADP test', () => {
  it('published: one HCE at 10 % of $200,000 vs NHCEs at 3 % → limit 5 %, fails, excess and refund $10,000', () => {
    // HCE ratio 2,000,000 / 20,000,000 = 1000 bp; NHCEs 150,000/5,000,000 = 300, 120,000/4,000,000 = 300
    // NHCE average 300 → limit max(375, min(600, 500)) = 500; HCE 1000 > 500 → fail
    // step 1: lower the HCE to 500 bp: 2,000,000 − 20,000,000 × 500 / 10⁴ = 1,000,000
    // step 2: the only HCE gets the whole 1,000,000
    const r = nondiscriminationTest([
      m('H', true, 2_000_000, 20_000_000), m('N1', false, 150_000, 5_000_000), m('N2', false, 120_000, 4_000_000),
    ]);
    expect(head(r)).to.deep.equal({ hceAverage: 1000, nhceAverage: 300, limit: 500, passed: false, totalExcess: 1_000_000 });
    expect(refundMap(r)).to.deep.equal({ H: 1_000_000 });
  });

  it('published: NHCE 4 % vs HCE 5 % passes, no refunds', () => {
    // NHCE 200,000 / 5,000,000 = 400 → limit 600; HCE 500,000 / 10,000,000 = 500 ≤ 600
    const r = nondiscriminationTest([m('H', true, 500_000, 10_000_000), m('N', false, 200_000, 5_000_000)]);
    expect(head(r)).to.deep.equal({ hceAverage: 500, nhceAverage: 400, limit: 600, passed: true, totalExcess: 0 });
    expect(refundMap(r)).to.deep.equal({});
  });

  it('three HCEs: two-step correction, step 1 levels ratios, step 2 levels dollars', () => {
    // NHCEs: 180,000/6,000,000 = 300; 100,000/5,000,000 = 200; 160,000/4,000,000 = 400 → a = 300, limit 500
    // HCEs:  H1 1,600,000/20,000,000 = 800; H2 1,540,000/22,000,000 = 700; H3 200,000/10,000,000 = 200
    //   average 1700/3 = 566.67 → 567 > 500 → fail
    // step 1 (ratios): need Σ ≤ 3 × 500 = 1500, i.e. remove 200 bp in total.
    //   H1 800 → 700 removes 100 (Σ 1600, still above); then H1 and H2 together 700 → L:
    //   2L + 200 = 1500 → L = 650.
    //   dollars: H1 1,600,000 − 20,000,000 × 650/10⁴ = 1,600,000 − 1,300,000 = 300,000
    //            H2 1,540,000 − 22,000,000 × 650/10⁴ = 1,540,000 − 1,430,000 = 110,000
    //   total excess = 410,000
    // step 2 (dollars, largest first): H1 1,600,000, H2 1,540,000, H3 200,000
    //   H1 down to 1,540,000: 60,000 (350,000 left); H1 and H2 together: 175,000 each → both at 1,365,000
    //   refunds: H1 60,000 + 175,000 = 235,000; H2 175,000; H3 0
    const r = nondiscriminationTest([
      m('H1', true, 1_600_000, 20_000_000), m('H2', true, 1_540_000, 22_000_000), m('H3', true, 200_000, 10_000_000),
      m('N1', false, 180_000, 6_000_000), m('N2', false, 100_000, 5_000_000), m('N3', false, 160_000, 4_000_000),
    ]);
    expect(head(r)).to.deep.equal({ hceAverage: 567, nhceAverage: 300, limit: 500, passed: false, totalExcess: 410_000 });
    expect(refundMap(r)).to.deep.equal({ H1: 235_000, H2: 175_000 });
    const ids = r.refunds.map((x) => x.employeeId);
    expect(ids).to.deep.equal([...ids].sort()); // refunds in employeeId order
  });

  it('step-1 dollars round to the cent: HCE comp $33,333.33 lowered from 600 to 500 bp', () => {
    // HCE 200,000 / 3,333,333 = 600.00006 → 600 bp; NHCE 300 → limit 500
    // excess = 200,000 − 3,333,333 × 500 / 10⁴ = 200,000 − 166,666.65 = 33,333.35 → 33,333
    // (same as (600 − 500) × 3,333,333 / 10⁴ = 33,333.33 → 33,333)
    const r = nondiscriminationTest([m('H', true, 200_000, 3_333_333), m('N', false, 150_000, 5_000_000)]);
    expect(head(r)).to.deep.equal({ hceAverage: 600, nhceAverage: 300, limit: 500, passed: false, totalExcess: 33_333 });
    expect(refundMap(r)).to.deep.equal({ H: 33_333 });
  });

  it('leveling reaches all three HCEs (limit a + 200 binds)', () => {
    // NHCE 550,000 / 10,000,000 = 550 → limit max(687.5, min(1100, 750)) = 750
    // HCEs (comp 10,000,000 each): 1000, 900, 800 bp → average 900 > 750
    // step 1: Σ 2700 → ≤ 2250: H1 1000 → 900 (100), H1+H2 → 800 (200), all three → 750 (150) = 450 bp
    //   dollars: H1 250 bp, H2 150 bp, H3 50 bp × 10,000,000 / 10⁴ = 250,000 + 150,000 + 50,000 = 450,000
    // step 2 (dollars 1,000,000 / 900,000 / 800,000): level to 750,000 → the same 250,000 / 150,000 / 50,000
    const r = nondiscriminationTest([
      m('H1', true, 1_000_000, 10_000_000), m('H2', true, 900_000, 10_000_000), m('H3', true, 800_000, 10_000_000),
      m('N1', false, 550_000, 10_000_000),
    ]);
    expect(head(r)).to.deep.equal({ hceAverage: 900, nhceAverage: 550, limit: 750, passed: false, totalExcess: 450_000 });
    expect(refundMap(r)).to.deep.equal({ H1: 250_000, H2: 150_000, H3: 50_000 });
  });

  it('no HCEs: the test passes', () => {
    const r = nondiscriminationTest([m('N1', false, 180_000, 6_000_000), m('N2', false, 0, 5_000_000)]);
    expect(r.passed).to.equal(true);
    expect(r.totalExcess).to.equal(0);
    expect(refundMap(r)).to.deep.equal({});
  });

  it('an eligible NHCE with no pay counts as a 0 ratio in the NHCE average', () => {
    // NHCEs: 300,000/5,000,000 = 600 and 0/0 = 0 → a = 300 → limit 500
    // HCE 500,000/10,000,000 = 500 → passes; at 501 (501,000) → fails, excess 1,000
    const members = [m('N1', false, 300_000, 5_000_000), m('N2', false, 0, 0)];
    const pass = nondiscriminationTest([m('H', true, 500_000, 10_000_000), ...members]);
    expect(head(pass)).to.deep.equal({ hceAverage: 500, nhceAverage: 300, limit: 500, passed: true, totalExcess: 0 });
    const fail = nondiscriminationTest([m('H', true, 501_000, 10_000_000), ...members]);
    expect(head(fail)).to.deep.equal({ hceAverage: 501, nhceAverage: 300, limit: 500, passed: false, totalExcess: 1_000 });
    expect(refundMap(fail)).to.deep.equal({ H: 1_000 });
  });

  it('the HCE average is the ROUNDED mean (RULES §10): 500, 500, 501 → 500.33 → 500 passes a 500 limit', () => {
    // reading: "ADP of a group = mean of its ratios, bp rounded half up" applies to the HCE group too;
    // "computed exactly" applies to the limit. So 500 ≤ 500 → pass.
    const r = nondiscriminationTest([
      m('H1', true, 500_000, 10_000_000), m('H2', true, 500_000, 10_000_000), m('H3', true, 501_000, 10_000_000),
      m('N1', false, 300_000, 10_000_000),
    ]);
    expect(head(r)).to.deep.equal({ hceAverage: 500, nhceAverage: 300, limit: 500, passed: true, totalExcess: 0 });
  });
});

describe('golden §10 ACP test (same function, match + true-up amounts)', () => {
  // NHCE match: 100,000/5,000,000 = 200 and 120,000/4,000,000 = 300 → a = 250
  // limit = max(312.5, min(500, 450)) = 450
  const nhce = [m('N1', false, 100_000, 5_000_000), m('N2', false, 120_000, 4_000_000)];

  it('HCE average exactly at the limit passes', () => {
    // H1 500,000/10,000,000 = 500; H2 480,000/12,000,000 = 400 → 450 ≤ 450
    const r = nondiscriminationTest([m('H1', true, 500_000, 10_000_000), m('H2', true, 480_000, 12_000_000), ...nhce]);
    expect(head(r)).to.deep.equal({ hceAverage: 450, nhceAverage: 250, limit: 450, passed: true, totalExcess: 0 });
  });

  it('step 2 refunds a different HCE than step 1 lowered', () => {
    // H1 500,000/10,000,000 = 500; H2 492,000/12,000,000 = 410 → 455 > 450 → fail
    // step 1: Σ must drop from 910 to 900: H1 500 → 490 (still above H2's 410): 10 bp × 10,000,000 = 10,000
    // step 2: dollars H1 500,000, H2 492,000: H1 down to 492,000 takes 8,000; the last 2,000 split 1,000/1,000
    //   refunds H1 9,000, H2 1,000
    const r = nondiscriminationTest([m('H1', true, 500_000, 10_000_000), m('H2', true, 492_000, 12_000_000), ...nhce]);
    expect(head(r)).to.deep.equal({ hceAverage: 455, nhceAverage: 250, limit: 450, passed: false, totalExcess: 10_000 });
    expect(refundMap(r)).to.deep.equal({ H1: 9_000, H2: 1_000 });
  });
});
