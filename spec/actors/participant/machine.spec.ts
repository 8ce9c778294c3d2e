import { expect } from 'chai';
import { Participant, RefusedEventError } from '../../../actors/participant/participant.js';
import { statePath } from '../../../actors/participant/machine.js';
import { decodeEvent, encodeDerived } from '../../../actors/events/index.js';
import type { DerivedEvent } from '../../../actors/events/index.js';
import { change, d, enroll, env, hire, merit, terminate, types } from './fixtures.js';

/** Every derived event must read back through the strict codec (the actors never emit what the log could not decode). */
function assertDecodable(events: readonly DerivedEvent[]): void {
  for (const e of events) {
    const wire = {
      eventId: '00000000-0000-4000-8000-000000000000',
      scenarioId: 'S',
      planDesignId: 'D',
      sequence: 0,
      schemaVersion: 2,
      ...(encodeDerived(e) as object),
    };
    const r = decodeEvent(wire);
    expect(r._tag, JSON.stringify(wire) + (r._tag === 'Left' ? r.left.join(';') : '')).to.equal('Right');
  }
}

describe('participant machine: states follow the life', () => {
  it('walks employed.notEligible → eligible → enrolled.deferring → atZero → terminated → settled', () => {
    // Monthly payroll, entry monthly after 2 months: hired 2026-02-10 → requirements met 2026-04-10 → entry 2026-05-01.
    const e = env({ payroll: { frequency: 'monthly' }, eligibility: { minAge: 21, serviceMonths: 2, entry: 'monthly' } });
    const p = Participant.hire(e, hire('E1', '2026-02-10'));
    expect(p.state).to.equal('notEligible');
    expect(statePath(p.state)).to.equal('employed.notEligible');
    expect(types(p.drain())).to.deep.equal(['hire']);

    const toMay = p.advance(d('2026-05-01'));
    expect(statePath(p.state)).to.equal('employed.eligible');
    // Pay on Feb 28, Mar 31, Apr 30 (no deferral: not enrolled), then eligibility on May 1.
    expect(types(toMay)).to.deep.equal(['eligibility']);
    expect(toMay[0]!.effectiveDate).to.equal('2026-05-01');

    p.input(enroll('E1', '2026-05-15', 500));
    expect(statePath(p.state)).to.equal('employed.enrolled.deferring');

    const optOut = p.input(change('E1', '2026-08-03', 'opt_out'));
    expect(statePath(p.state)).to.equal('employed.enrolled.atZero');
    // May, June, July pay dates at 5 %: 62,400 / 12 = 5,200.00; 5 % = 260.00 each.
    const contributions = optOut.filter((x) => x.payload.eventType === 'contribution');
    expect(contributions.map((x) => [x.effectiveDate, x.payload.eventType === 'contribution' && x.payload.amount])).to.deep.equal([
      ['2026-05-31', 26_000],
      ['2026-06-30', 26_000],
      ['2026-07-31', 26_000],
    ]);

    p.input(terminate('E1', '2026-10-15'));
    expect(statePath(p.state)).to.equal('terminated.forfeitureDone');
    p.advance(d('2026-12-31'));
    expect(p.state).to.equal('settled');
    expect(statePath(p.state)).to.equal('terminated.settled');
    expect(p.settled).to.equal(true);
  });

  it('emits only events the strict codec accepts, through a rich life', () => {
    const e = env({
      payroll: { frequency: 'biweekly' },
      vesting: { type: 'graded', schedule: ['0', '0', '0.20', '0.40', '0.60', '0.80', '1'] },
      autoEnrollment: { enabled: true },
      autoEscalation: { enabled: true },
      match: { tiers: [{ upTo: '0.03', rate: '1' }, { upTo: '0.05', rate: '0.5' }], trueUp: true },
      core: { rate: '0.02' },
    });
    const p = Participant.hire(e, hire('E1', '2026-01-20', { birthDate: '1970-02-01', pay: 40_000_000 }));
    const all: DerivedEvent[] = [...p.drain()];
    all.push(...p.input(merit('E1', '2026-07-01', 42_000_000)));
    all.push(...p.advance(d('2026-12-31')));
    all.push(...p.advance(d('2027-12-31')));
    all.push(...p.input(terminate('E1', '2028-03-01')));
    all.push(...p.advance(d('2028-12-31')));
    assertDecodable(all);
    const seen = new Set(types(all));
    for (const t of ['hire', 'eligibility', 'enrollment', 'enrollment_change', 'hce_status', 'compliance', 'vesting', 'forfeiture', 'termination']) {
      expect(seen.has(t), t).to.equal(true);
    }
    expect(seen.has('contribution:employee_catch_up')).to.equal(true);
  });
});

describe('participant machine: illegal events are refused, never absorbed', () => {
  const e = env({ payroll: { frequency: 'monthly' }, eligibility: { minAge: 21, serviceMonths: 3, entry: 'monthly' } });

  function refusal(fn: () => unknown): string {
    try {
      fn();
    } catch (err) {
      expect(err).to.be.instanceOf(RefusedEventError);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  }

  it('refuses an enrollment before the entry date, naming the date that would make it legal', () => {
    // Hired 2026-01-05, 3 months → 2026-04-05, monthly entry → 2026-05-01.
    const p = Participant.hire(e, hire('E123', '2026-01-05'));
    const before = p.snapshot();
    expect(refusal(() => p.input(enroll('E123', '2026-03-01', 600)))).to.equal(
      'E123: enrollment on 2026-03-01 refused: not eligible until 2026-05-01 (entry date) [state: employed.notEligible]',
    );
    // Nothing moved: not even the calendar the refused event would have advanced.
    expect(p.snapshot()).to.deep.equal(before);
    expect(() => p.input(enroll('E123', '2026-05-01', 600))).not.to.throw();
  });

  it('refuses anything after a termination', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-05'));
    p.input(terminate('E1', '2026-03-31'));
    expect(refusal(() => p.input(merit('E1', '2026-05-01', 7_000_000)))).to.equal(
      'E1: merit on 2026-05-01 refused: terminated on 2026-03-31; nothing follows a termination [state: terminated.forfeitureDone]',
    );
    expect(refusal(() => p.input(terminate('E1', '2026-06-30')))).to.match(/terminated on 2026-03-31/);
  });

  it('refuses a second hire', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-05'));
    expect(refusal(() => p.input(hire('E1', '2026-02-01')))).to.equal(
      'E1: hire on 2026-02-01 refused: already hired on 2026-01-05; a participant is hired once [state: employed.notEligible]',
    );
  });

  it('refuses an event dated before the previous one', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-05'));
    p.input(merit('E1', '2026-06-01', 7_000_000));
    expect(refusal(() => p.input(merit('E1', '2026-04-01', 7_100_000)))).to.match(
      /^E1: merit on 2026-04-01 refused: .*2026-06-01/,
    );
  });

  it('refuses a rate change before enrollment and an opt-out before eligibility', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-05'));
    expect(refusal(() => p.input(change('E1', '2026-02-01', 'opt_out')))).to.match(/not eligible until 2026-05-01/);
    expect(refusal(() => p.input(change('E1', '2026-06-01', 'rate_change', 500)))).to.match(/not enrolled; enroll first/);
  });

  it('refuses derived events as inputs', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-05'));
    const contribution: DerivedEvent = {
      employeeId: 'E1',
      effectiveDate: d('2026-02-27'),
      payload: {
        eventType: 'contribution',
        planId: 'P',
        source: 'employee_pre_tax',
        amount: 100 as never,
        payPeriodEnd: d('2026-02-27'),
        ytdAmount: 100 as never,
        irsLimitApplied: false,
      },
    };
    expect(refusal(() => p.input(contribution))).to.match(/contribution events are derived by the engine, not inputs/);
  });
});
