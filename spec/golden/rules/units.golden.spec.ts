/**
 * Golden cases for RULES.md §1 (units and rounding), computed by hand from the plan document.
 * Independent second opinion: written without reading the implementation under rules/.
 */
import { expect } from 'chai';
import { formatMoney, formatRate, parseMoney, parseRate, roundHalfUp } from '../../../rules/units.js';

describe('golden §1 units and rounding', () => {
  it('rounds half away from zero, once, in integers', () => {
    // 25 / 10 = 2.5 → 3 ; −25 / 10 = −2.5 → −3 (away from zero) ; 24 / 10 = 2.4 → 2
    expect(roundHalfUp(25, 10)).to.equal(3);
    expect(roundHalfUp(-25, 10)).to.equal(-3);
    expect(roundHalfUp(24, 10)).to.equal(2);
    // C × r / 10000 with C = $1,923.08 (192308 ¢), r = 6 % (600 bp):
    // 192308 × 600 = 115,384,800 ; / 10000 = 11,538.48 → 11,538 ¢
    expect(roundHalfUp(192308 * 600, 10000)).to.equal(11538);
    // $50,000.01 / 26 = 5,000,001 ¢ / 26: 26 × 192,307 = 4,999,982, remainder 19, 19/26 ≈ 0.73 → 192,308 ¢
    expect(roundHalfUp(5000001, 26)).to.equal(192308);
  });

  it('parses interchange money with at most 2 decimals, rates with at most 4', () => {
    expect(parseMoney('1234.56')).to.deep.equal({ ok: true, value: 123456 });
    expect(parseMoney(4000)).to.deep.equal({ ok: true, value: 400000 });
    expect(parseMoney('1234.567').ok).to.equal(false); // rejected, never rounded silently
    expect(parseRate('0.0600')).to.deep.equal({ ok: true, value: 600 });
    expect(parseRate('1.00')).to.deep.equal({ ok: true, value: 10000 });
    expect(parseRate('0.06001').ok).to.equal(false);
  });

  it('exports money with exactly 2 decimals and rates with exactly 4', () => {
    expect(formatMoney(400000)).to.equal('4000.00');
    expect(formatMoney(5)).to.equal('0.05');
    expect(formatRate(600)).to.equal('0.0600');
    expect(formatRate(10000)).to.equal('1.0000');
  });
});
