import { expect } from 'chai';
import { isHce } from '../../rules/hce.js';
import { limitsFor } from '../../rules/limits.js';
import { cents } from '../../rules/units.js';

describe('rules/hce', () => {
  it('strictly above the prior-year 414(q) amount: 2024 HCE uses 2023 = $150,000', () => {
    const t = limitsFor(2023).hceThreshold;
    expect(t).to.equal(15_000_000);
    expect(isHce(cents(15_000_001), t)).to.equal(true);
    expect(isHce(cents(15_000_000), t)).to.equal(false); // equal is not above
    expect(isHce(cents(14_999_999), t)).to.equal(false);
  });
});
