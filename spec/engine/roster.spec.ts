import { expect } from 'chai';
import { Participant } from '../../actors/participant/participant.js';
import { Roster } from '../../engine/parallel/roster.js';
import { decodeSnapshotRecord, encodeSnapshotRecord } from '../../storage/snapshot-record.js';
import { d, enroll, env, hire, merit, terminate } from '../actors/participant/fixtures.js';

describe('parallel runs: a host keeps its participants at rest between years', () => {
  const e = env({ autoEscalation: { enabled: true }, match: { tiers: [{ upTo: '0.04', rate: '1' }], trueUp: true } });
  const hired = (id: string): Participant => {
    const p = Participant.hire(e, hire(id, '2026-01-01', { hireDate: '2020-03-02' }));
    p.drain();
    return p;
  };

  it('stores a participant at rest as its snapshot record, and brings it back to go on as if it had stayed live', () => {
    const roster = new Roster(e);
    const live = hired('E1');
    const twin = hired('E1');
    roster.set('E1', twin);
    for (const p of [live, twin]) p.input(enroll('E1', '2026-02-02', 500));
    roster.rest('E1');
    // At rest, the context is read from the record without a live participant.
    expect(roster.context('E1')).to.deep.equal(live.snapshot().context);

    const back = roster.get('E1')!;
    expect(back).to.not.equal(twin);
    expect(back.state).to.deep.equal(live.state);
    // The same year goes on the same way: same events, same state, same record.
    expect(back.input(merit('E1', '2026-07-01', 7_000_000))).to.deep.equal(live.input(merit('E1', '2026-07-01', 7_000_000)));
    expect(back.advance(d('2026-12-31'))).to.deep.equal(live.advance(d('2026-12-31')));
    expect(back.state).to.deep.equal(live.state);
    roster.rest('E1');
    const { ids, records } = roster.endYear();
    expect(ids).to.deep.equal(['E1']);
    expect(records[0]).to.deep.equal(encodeSnapshotRecord(live.snapshot()));
  });

  it('ends a year with everyone at rest, in the order they joined, and forgets those whose story is over', () => {
    const roster = new Roster(e);
    for (const id of ['E3', 'E1', 'E2']) roster.set(id, hired(id));
    const leaver = roster.get('E1')!;
    leaver.input(terminate('E1', '2026-05-29'));
    for (const id of ['E3', 'E1', 'E2']) roster.get(id)!.advance(d('2026-12-31'));
    expect(leaver.settled).to.equal(true);
    // E2 is still live here: the year's end puts it to rest too.
    roster.rest('E3');
    const { ids, records } = roster.endYear();
    expect(ids).to.deep.equal(['E3', 'E2']);
    expect(records.map((r) => (decodeSnapshotRecord(r) as { context: { employeeId: string } }).context.employeeId)).to.deep.equal(['E3', 'E2']);
    expect([...roster.keys()]).to.deep.equal(['E3', 'E2']);
    expect(roster.get('E1')).to.equal(undefined);
    expect(() => roster.context('E1')).to.throw(RangeError, /no participant E1/);
  });
});
