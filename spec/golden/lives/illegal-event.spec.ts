/**
 * Classic peer bug: an illegal input event silently accepted. CONTRACTS reading 18: anything after
 * termination, a second hire, an event for an unknown employee are refused with an error that
 * names the employee. Base: census-enrollment.json (E1, census, enrolled at 5 % + 2 % Roth).
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import { loadScenario } from './helpers.js';

function withEvents(events: unknown[]): Record<string, any> {
  const s = loadScenario('census-enrollment.json');
  s['events'] = events;
  return s;
}
const termination = {
  employeeId: 'E1', effectiveDate: '2024-03-31',
  payload: { eventType: 'termination', terminationReason: 'voluntary', finalPayDate: '2024-03-31' },
};
const merit = (employeeId: string, effectiveDate: string) => ({
  employeeId, effectiveDate, payload: { eventType: 'merit', newCompensation: '65520.00', meritPercentage: '0.0500' },
});

function expectRefused(scenario: unknown, employeeId: string): void {
  let error: unknown;
  try {
    simulateScriptedJson(scenario);
  } catch (e) {
    error = e;
  }
  expect(error, 'the run should throw').to.be.instanceOf(Error);
  expect((error as Error).message).to.include(employeeId);
}

describe('golden peer bug: illegal input events are refused', () => {
  it('accepts the base scenario with a termination alone (control)', () => {
    expect(() => simulateScriptedJson(withEvents([termination]))).not.to.throw();
  });

  it('refuses a merit after termination, naming the employee', () => {
    expectRefused(withEvents([termination, merit('E1', '2024-05-01')]), 'E1');
  });

  it('refuses a second hire of a census employee, naming the employee', () => {
    expectRefused(withEvents([{
      employeeId: 'E1', effectiveDate: '2024-06-03',
      payload: { eventType: 'hire', hireDate: '2024-06-03', birthDate: '1985-01-20', department: 'ops', jobLevel: 3, annualCompensation: '62400.00' },
    }]), 'E1');
  });

  it('refuses an event for an unknown employee, naming it', () => {
    expectRefused(withEvents([merit('E404', '2024-05-01')]), 'E404');
  });
});
