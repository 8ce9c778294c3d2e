import { expect } from 'chai';
import { decodeInlineCensus, parseCensusCsv, MAX_ERRORS } from '../../engine/census/load.js';
import { isoDate } from '../../rules/calendar.js';

const start = isoDate('2026-01-01');
const HEAD = 'employee_id,birth_date,hire_date,annual_compensation,job_level';
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const errorsOf = (text: string): string[] => {
  const r = parseCensusCsv(text, 'census.csv', start);
  if (r._tag === 'Right') throw new Error('expected errors');
  return r.left;
};

describe('engine/census/load', () => {
  it('reads rows into cents, basis points and dates, with optional columns and balances', () => {
    const r = parseCensusCsv(
      csv(
        `${HEAD},department,deferral_rate,roth_rate,prior_year_compensation,balance_employer_match`,
        'E1,1980-05-17,2015-03-01,85000.50,4,sales,0.06,0.0150,82000,1234.56',
        'E2,1999-12-31,2025-12-31,41000,1,,,,,',
      ),
      'census.csv',
      start,
    );
    expect(r._tag).to.equal('Right');
    if (r._tag !== 'Right') return;
    expect(r.right[0]).to.deep.equal({
      employeeId: 'E1', birthDate: '1980-05-17', hireDate: '2015-03-01', annualCompensation: 8_500_050, jobLevel: 4,
      department: 'sales', deferralRate: 600, rothRate: 150, priorYearCompensation: 8_200_000, balances: { employer_match: 123_456 },
    });
    expect(r.right[1]).to.deep.equal({
      employeeId: 'E2', birthDate: '1999-12-31', hireDate: '2025-12-31', annualCompensation: 4_100_000, jobLevel: 1,
      department: null, deferralRate: 0, rothRate: 0, priorYearCompensation: null, balances: {},
    });
  });

  it('accepts a hire on the start date and refuses one after it', () => {
    const ok = parseCensusCsv(csv(HEAD, 'E1,1990-01-01,2026-01-01,50000,1'), 'census.csv', start);
    expect(ok._tag).to.equal('Right');
    expect(errorsOf(csv(HEAD, 'E1,1990-01-01,2026-01-02,50000,1'))).to.deep.equal([
      'census.csv:2: hire_date: 2026-01-02 is after the scenario start 2026-01-01; a census is as of the start (script later hires as events)',
    ]);
  });

  it('explains percentages written as 6 or 6% (rates are fractions)', () => {
    expect(errorsOf(csv(`${HEAD},deferral_rate,roth_rate`, 'E1,1990-01-01,2020-01-01,50000,1,6,2.5%'))).to.deep.equal([
      'census.csv:2: deferral_rate: "6" looks like a percentage; rates are fractions (write 0.06)',
      'census.csv:2: roth_rate: "2.5%" looks like a percentage; rates are fractions (write 0.025)',
    ]);
  });

  it('collects every problem with its line and column', () => {
    const errs = errorsOf(
      csv(
        `${HEAD},prior_year_compensation`,
        'E1,1990-01-01,2020-01-01,50000.123,1,',
        'E2,2000-06-01,1999-01-01,50000,11,',
        'E1,1990-02-30,2020-01-01,"$50,000",2,-5',
        'E4,2015-01-01,2025-06-01,50000,2,',
        'E5,1990-01-01,2020-01-01',
      ),
    );
    expect(errs).to.deep.equal([
      'census.csv:2: annual_compensation: "50000.123" has 3 decimals; money allows at most 2',
      'census.csv:3: hire_date: 1999-01-01 is before the birth date 2000-06-01',
      'census.csv:3: job_level: "11" must be a whole number from 1 to 10',
      'census.csv:4: birth_date: "1990-02-30" is not a real date: 1990-02 has 28 days',
      'census.csv:4: annual_compensation: "$50,000" is not plain money; write digits with at most 2 decimals and no $ or thousands separators (e.g. 52000.00)',
      'census.csv:4: prior_year_compensation: "-5" is negative',
      'census.csv:5: hire_date: 2025-06-01 makes the employee 10 at hire; the minimum is 14',
      'census.csv:6: has 3 fields; the header has 6',
    ]);
  });

  it('refuses duplicate employee ids, naming the first', () => {
    expect(errorsOf(csv(HEAD, 'E1,1990-01-01,2020-01-01,50000,1', 'E2,1990-01-01,2020-01-01,50000,1', 'E1,1991-01-01,2021-01-01,60000,2'))).to.deep.equal([
      'census.csv:4: employee_id: "E1" is a duplicate (first at census.csv:2)',
    ]);
  });

  it('refuses unknown, duplicate and missing columns in the header', () => {
    expect(errorsOf(csv('employee_id,birth_date,hire_date,annual_compensation,deferal_rate,balance_match,birth_date', 'x'))).to.deep.equal([
      'census.csv:1: birth_date: column appears twice',
      'census.csv:1: missing required column job_level',
      'census.csv:1: deferal_rate: unknown column; known columns are employee_id, birth_date, hire_date, annual_compensation, job_level, department, deferral_rate, roth_rate, prior_year_compensation and balance_<source>',
      'census.csv:1: balance_match: unknown balance column; balance columns are balance_<source> with source one of employee_pre_tax, employee_roth, employee_catch_up, employer_match, employer_match_true_up, employer_nonelective, forfeiture_allocation',
    ]);
  });

  it(`stops listing after ${MAX_ERRORS} errors and says how many more`, () => {
    const rows = Array.from({ length: 60 }, (_, i) => `E${i},1990-01-01,2020-01-01,50000,0`);
    const errs = errorsOf(csv(HEAD, ...rows));
    expect(errs).to.have.length(MAX_ERRORS + 1);
    expect(errs[MAX_ERRORS]).to.equal('… and 10 more errors');
  });

  it('reports a CSV syntax error with its line', () => {
    const errs = errorsOf(csv(HEAD, 'E1,1990-01-01,2020-01-01,"50000,1'));
    expect(errs).to.have.length(1);
    expect(errs[0]).to.match(/^census\.csv:\d+: /);
  });

  it('reads an inline census of strings and JSON numbers, with paths in errors', () => {
    const ok = decodeInlineCensus(
      [{ employee_id: 'A', birth_date: '1980-01-01', hire_date: '2010-01-01', annual_compensation: 72000, job_level: 3, deferral_rate: 0.05 }],
      start,
    );
    expect(ok._tag === 'Right' && ok.right[0]).to.include({ annualCompensation: 7_200_000, jobLevel: 3, deferralRate: 500 });
    const bad = decodeInlineCensus(
      [{ employee_id: 'A', birth_date: '1980-01-01', hire_date: '2010-01-01', annual_compensation: 72000, job_level: 3, deferral_rate: 6, extra: true, department: null }],
      start,
    );
    expect(bad._tag === 'Left' && bad.left).to.deep.equal([
      'census[0].extra: unknown column; known columns are employee_id, birth_date, hire_date, annual_compensation, job_level, department, deferral_rate, roth_rate, prior_year_compensation and balance_<source>',
      'census[0].department: must be a string or a number, got null',
      'census[0].deferral_rate: 6 looks like a percentage; rates are fractions (write 0.06)',
    ]);
  });
});
