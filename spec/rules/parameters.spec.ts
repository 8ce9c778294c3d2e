import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParameterError, loadParameterDirectory, parseParameter } from '../../rules/parameters.js';
import { IRS_PARAMETER_DIR, loadLimitTable } from '../../rules/limits.js';

const HEAD = 'description: a limit\nmetadata: { unit: USD, reference: "IRS Notice 2024-80" }\n';
const problems = (text: string): readonly string[] => parseParameter('x.yaml', text).problems;

describe('rules/parameters', () => {
  describe('the shipped IRS parameter files', () => {
    const params = loadParameterDirectory(IRS_PARAMETER_DIR);

    it('has the seven limits, each sourced, in USD, one official value per year 2020-2026', () => {
      expect([...params.keys()]).to.deep.equal([
        'annual_additions_limit', 'catch_up_60_63_limit', 'catch_up_limit', 'compensation_limit',
        'elective_deferral_limit', 'hce_threshold', 'roth_catch_up_wage_threshold',
      ]);
      for (const p of params.values()) {
        expect(p.unit).to.equal('USD');
        expect(p.reference).to.be.a('string').and.not.equal('');
        expect(p.values.map((v) => v.date)).to.deep.equal(
          ['2020', '2021', '2022', '2023', '2024', '2025', '2026'].map((y) => `${y}-01-01`),
        );
        for (const v of p.values) {
          expect(v.status).to.equal('official');
          expect(v.reference).to.be.a('string');
        }
      }
    });

    it('converts whole dollars to cents and records the notice of each value', () => {
      const p = params.get('elective_deferral_limit');
      expect(p?.values[5]).to.deep.equal({ date: '2025-01-01', year: 2025, value: 2_350_000, status: 'official', reference: 'IRS Notice 2024-80' });
      const roth = params.get('roth_catch_up_wage_threshold');
      expect(roth?.values[6]).to.deep.equal({ date: '2026-01-01', year: 2026, value: 15_000_000, status: 'official', reference: 'IRS Notice 2025-67' });
      expect(roth?.values[5]?.value).to.equal(0);
    });
  });

  describe('parseParameter refuses, naming the file and the key', () => {
    it('duplicate keys (YAML uniqueKeys)', () => {
      expect(problems(`${HEAD}values:\n  2025-01-01: { value: 1, status: official }\n  2025-01-01: { value: 2, status: official }\n`)).to.deep.equal([
        'x.yaml: duplicate key "2025-01-01" at line 5, column 3',
      ]);
      expect(problems(`${HEAD}description: again\nvalues: {}\n`)).to.deep.equal(['x.yaml: duplicate key "description" at line 3, column 1']);
    });

    it('unknown keys at every level, missing sections', () => {
      expect(problems(`${HEAD}documentation: x\nvalues:\n  2025-01-01: { value: 1, status: official, note: x }\n`)).to.deep.equal([
        'x.yaml: documentation: unknown key',
        'x.yaml: values.2025-01-01.note: unknown key',
      ]);
      expect(problems('description: d\n')).to.deep.equal(['x.yaml: metadata: missing', 'x.yaml: values: missing']);
      expect(problems(`${HEAD}values: {}\n`)).to.deep.equal([
        'x.yaml: values: must be a non-empty mapping of dates (YYYY-01-01) to { value, status }',
      ]);
    });

    it('a missing or unknown unit, a missing reference', () => {
      const values = 'values:\n  2025-01-01: { value: 1, status: official }\n';
      expect(problems(`description: d\nmetadata: { reference: r }\n${values}`)).to.deep.equal([
        'x.yaml: metadata.unit: missing (the unit of the values, e.g. USD)',
      ]);
      expect(problems(`description: d\nmetadata: { unit: EUR, reference: r }\n${values}`)).to.deep.equal([
        'x.yaml: metadata.unit: must be one of USD, got "EUR"',
      ]);
      expect(problems(`description: d\nmetadata: { unit: USD }\n${values}`)).to.deep.equal([
        'x.yaml: metadata.reference: missing (the legal source of the values)',
      ]);
    });

    it('dates that are not real, or not January 1', () => {
      expect(problems(`${HEAD}values:\n  2025-02-30: { value: 1, status: official }\n  2025-07-01: { value: 1, status: official }\n  2026: { value: 1, status: official }\n`)).to.deep.equal([
        'x.yaml: values.2026: "2026" is not a date in the form YYYY-MM-DD (dates are YYYY-01-01)',
        'x.yaml: values.2025-02-30: "2025-02-30" is not a real date: 2025-02 has 28 days (dates are YYYY-01-01)',
        'x.yaml: values.2025-07-01: must be a January 1 date: a limit holds for a whole calendar (plan) year',
      ]);
    });

    it('values that are not non-negative dollar amounts, statuses other than official/projected', () => {
      expect(problems(`${HEAD}values:\n  2024-01-01: { value: -1, status: official }\n  2025-01-01: { value: "23500", status: estimated }\n  2026-01-01: { value: 1.001 }\n`)).to.deep.equal([
        'x.yaml: values.2024-01-01.value: must be a non-negative number of dollars (at most 2 decimals), got -1',
        'x.yaml: values.2025-01-01.value: must be a non-negative number of dollars (at most 2 decimals), got "23500"',
        'x.yaml: values.2025-01-01.status: must be official or projected, got "estimated"',
        'x.yaml: values.2026-01-01.value: must be a non-negative number of dollars (at most 2 decimals), got 1.001',
        'x.yaml: values.2026-01-01.status: missing (official or projected)',
      ]);
    });

    it('accepts a good file and sorts its values by date', () => {
      const r = parseParameter('dir/limit.yaml', `${HEAD}values:\n  2026-01-01: { value: 2, status: projected }\n  2025-01-01: { value: 1.5, status: official }\n`);
      expect(r.problems).to.deep.equal([]);
      expect(r.parameter?.name).to.equal('limit');
      expect(r.parameter?.values.map((v) => [v.year, v.value, v.status])).to.deep.equal([[2025, 150, 'official'], [2026, 200, 'projected']]);
    });
  });

  describe('loading a directory', () => {
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'vested-params-'));
      for (const f of readdirSync(IRS_PARAMETER_DIR)) writeFileSync(join(dir, f), readFileSync(join(IRS_PARAMETER_DIR, f)));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('throws one ParameterError listing every bad file with its path', () => {
      writeFileSync(join(dir, 'hce_threshold.yaml'), `${HEAD}values:\n  2025-13-01: { value: 1, status: official }\n`);
      writeFileSync(join(dir, 'catch_up_limit.yaml'), 'description: d\nmetadata: { reference: r }\nvalues:\n  2025-01-01: { value: 1, status: official }\n');
      let thrown: unknown;
      try {
        loadParameterDirectory(dir);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(ParameterError);
      expect((thrown as ParameterError).name).to.equal('ParameterError');
      expect((thrown as ParameterError).problems).to.deep.equal([
        `${join(dir, 'catch_up_limit.yaml')}: metadata.unit: missing (the unit of the values, e.g. USD)`,
        `${join(dir, 'hce_threshold.yaml')}: values.2025-13-01: "2025-13-01" is not a real date: month 13 (dates are YYYY-01-01)`,
      ]);
    });

    it('the limit table needs every limit file and no other', () => {
      rmSync(join(dir, 'hce_threshold.yaml'));
      writeFileSync(join(dir, 'elective_deferal_limit.yaml'), `${HEAD}values:\n  2025-01-01: { value: 1, status: official }\n`);
      expect(() => loadLimitTable(dir)).to.throw(ParameterError).with.property('problems').that.deep.equals([
        `${join(dir, 'elective_deferal_limit.yaml')}: not a known IRS limit (expected one of elective_deferral_limit, catch_up_limit, catch_up_60_63_limit, annual_additions_limit, compensation_limit, hce_threshold, roth_catch_up_wage_threshold)`,
        `${join(dir, 'hce_threshold.yaml')}: missing`,
      ]);
    });

    it('a directory that does not exist', () => {
      expect(() => loadParameterDirectory(join(dir, 'nope'))).to.throw(ParameterError, 'cannot read the parameter directory');
    });
  });
});
