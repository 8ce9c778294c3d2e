import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as rules from '../../rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

describe('rules/index', () => {
  it('re-exports every runtime export of every module in rules/', async () => {
    const modules = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(modules).to.include.members(['units.ts', 'calendar.ts', 'contribution.ts', 'nondiscrimination.ts']);
    for (const file of modules) {
      const mod = (await import(`../../rules/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        // Compared by name and kind: mocha may load this spec through a different module
        // instance than the dynamic import, so identity is not meaningful here.
        expect(name in rules, `${file}: ${name}`).to.equal(true);
        expect(typeof (rules as Record<string, unknown>)[name], `${file}: ${name}`).to.equal(typeof value);
      }
    }
  });

  it('exposes the RULES-API.md entry points', () => {
    for (const name of [
      'periodsPerYear', 'payDates', 'grossPeriodPay', 'planCompensation',
      'requirementsMetOn', 'entryDateOnOrAfter', 'eligibilityDate',
      'autoEnrollmentDate', 'escalatedRate',
      'matchAmount', 'matchTiersFor', 'coreRateFor',
      'emptyYearToDate', 'contributePeriod', 'addPeriod',
      'trueUpAmount', 'cutTo415c',
      'vestedRate', 'fullyVestedOnTermination', 'vestedAmount', 'forfeitedAmount', 'reallocate',
      'isHce', 'contributionRatio', 'groupAverage', 'testLimitPasses', 'testLimit', 'nondiscriminationTest',
      'limitsFor', 'catchUpLimit', 'decodePlanDesign', 'roundHalfUp', 'addMonths',
    ]) {
      expect(typeof (rules as Record<string, unknown>)[name], name).to.equal('function');
    }
  });
});
