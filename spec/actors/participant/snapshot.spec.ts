import { expect } from 'chai';
import { Participant } from '../../../actors/participant/participant.js';
import type { ParticipantSnapshot } from '../../../actors/participant/participant.js';
import type { DerivedEvent } from '../../../actors/events/index.js';
import type { ParticipantEnvironment } from '../../../actors/participant/environment.js';
import { change, d, enroll, env, hire, merit, terminate } from './fixtures.js';
import { storedSnapshot } from '../../../storage/replay.js';

type Step = { input: DerivedEvent } | { advance: string };

/** A life with every kind of input and several year ends. */
const life: Step[] = [
  { input: merit('E1', '2026-04-01', 6_500_000) },
  { input: enroll('E1', '2026-05-04', 400, 100) },
  { advance: '2026-12-31' },
  { input: change('E1', '2027-02-01', 'rate_change', 800) },
  { advance: '2027-06-30' },
  { input: merit('E1', '2027-07-01', 7_000_000) },
  { advance: '2027-12-31' },
  { input: change('E1', '2028-03-15', 'opt_out') },
  { input: terminate('E1', '2028-09-30') },
  { advance: '2028-12-31' },
];

const planFields = {
  payroll: { frequency: 'semimonthly' },
  eligibility: { minAge: 21, serviceMonths: 1, entry: 'quarterly' },
  vesting: { type: 'graded', schedule: ['0', '0.20', '0.40', '0.60', '0.80', '1'] },
  autoEscalation: { enabled: true },
  match: { tiers: [{ upTo: '0.04', rate: '1' }], trueUp: true },
  core: { rate: '0.01' },
};

function step(p: Participant, s: Step): readonly DerivedEvent[] {
  return 'input' in s ? p.input(s.input) : p.advance(d(s.advance));
}

/** Persist as stored: through JSON, so nothing but plain data survives. */
const roundTrip = (s: ParticipantSnapshot): ParticipantSnapshot => JSON.parse(JSON.stringify(s)) as ParticipantSnapshot;

describe('participant snapshots', () => {
  let e: ParticipantEnvironment;
  beforeEach(() => {
    e = env(planFields);
  });

  it('a life run in one go equals the same life restored from a snapshot before every event', () => {
    const whole = Participant.hire(e, hire('E1', '2026-01-12'));
    const expected: DerivedEvent[] = [...whole.drain()];
    for (const s of life) expected.push(...step(whole, s));

    let p = Participant.hire(e, hire('E1', '2026-01-12'));
    const pieces: DerivedEvent[] = [...p.drain()];
    for (const s of life) {
      const snap = roundTrip(p.snapshot());
      p.stop();
      p = Participant.restore(e, snap);
      pieces.push(...step(p, s));
    }
    expect(pieces).to.deep.equal(expected);
    expect(p.snapshot()).to.deep.equal(whole.snapshot());
    expect(expected.length).to.be.greaterThan(100);
  });

  it('is small: a plain value of a few kilobytes', () => {
    const p = Participant.hire(e, hire('E1', '2026-01-12'));
    for (const s of life.slice(0, 7)) step(p, s);
    expect(JSON.stringify(p.snapshot()).length).to.be.lessThan(2_000);
  });

  it('refuses a snapshot of another machine version, saying what to do', () => {
    const snap = { ...Participant.hire(e, hire('E1', '2026-01-12')).snapshot(), machineVersion: 0 };
    expect(() => Participant.restore(e, snap)).to.throw(RangeError, /machine version 0 cannot be restored by version 2; replay the log/);
    // A version 1 snapshot with a state value version 1 never had is refused too.
    const odd = { ...Participant.hire(e, hire('E1', '2026-01-12')).snapshot(), machineVersion: 1, value: { employed: 'somewhere' } };
    expect(() => Participant.restore(e, odd)).to.throw(RangeError, /machine version 1 cannot be restored by version 2; replay the log/);
  });

  it('reads a snapshot of machine version 1 (states nested under employed, enrolled, terminated) as the same state', () => {
    // Logs written before the states were flattened hold version 1 snapshots: same context,
    // nested state values. Each restores to its flat state and goes on exactly as version 2's.
    const nested: Record<string, unknown> = {
      notEligible: { employed: 'notEligible' },
      eligible: { employed: 'eligible' },
      deferring: { employed: { enrolled: 'deferring' } },
      atZero: { employed: { enrolled: 'atZero' } },
      forfeitureDone: { terminated: 'forfeitureDone' },
      settled: { terminated: 'settled' },
    };
    const p = Participant.hire(e, hire('E1', '2026-01-12'));
    p.drain();
    const seen = new Set<string>();
    const check = (): void => {
      const now = p.snapshot();
      seen.add(now.value as string);
      const v1: ParticipantSnapshot = { machineVersion: 1, value: nested[now.value as string], context: now.context };
      const fromV1 = Participant.restore(e, v1);
      const fromV2 = Participant.restore(e, now);
      expect(fromV1.state).to.equal(now.value);
      // Replay compares a stored year-end snapshot with the state it reaches: read as version 2.
      expect(storedSnapshot(v1).participant).to.deep.equal(now);
      expect(fromV1.advance(d('2029-12-31'))).to.deep.equal(fromV2.advance(d('2029-12-31')));
    };
    check();
    for (const step of life) {
      if ('input' in step) p.input(step.input);
      else p.advance(step.advance as never);
      check();
    }
    expect([...seen].sort()).to.deep.equal(Object.keys(nested).sort());
  });
});
