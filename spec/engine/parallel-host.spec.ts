import { expect } from 'chai';
import { syntheticCensus } from '../../engine/census/synthetic.js';
import { decodeScenarioSync } from '../../engine/scenario.js';
import type { Scenario } from '../../engine/scenario.js';
import { hostHandler } from '../../engine/parallel/handler.js';
import { Participant } from '../../actors/participant/participant.js';
import { unpackClose } from '../../engine/parallel/protocol.js';
import type { PackedCloseReply, YearReply } from '../../engine/parallel/protocol.js';
import type { ParticipantSnapshot } from '../../actors/participant/participant.js';
import { decodeSnapshotRecord } from '../../storage/snapshot-record.js';
import { decodeYearSegment } from '../../engine/parallel/segments.js';
import { events } from '../../actors/events/index.js';

/** A small scripted scenario (no workforce model): three census employees and one scripted merit. */
function scenario(): Scenario {
  const census = syntheticCensus(3, 7, 2026);
  const decoded = decodeScenarioSync({
    scenarioId: 'host-spec',
    seed: 1,
    startYear: 2026,
    years: 2,
    census: census.map((r) => ({
      employee_id: r.employeeId, birth_date: r.birthDate, hire_date: r.hireDate, annual_compensation: '60000.00', job_level: r.jobLevel,
    })),
    plan: { planId: 'P', planDesignId: 'D' },
    events: [{ employeeId: census[1]!.employeeId, effectiveDate: '2026-06-01', payload: { eventType: 'merit', newCompensation: '63000.00', meritPercentage: '0.05' } }],
  });
  if (decoded._tag === 'Left') throw new Error(decoded.left.join('\n'));
  return decoded.right;
}

describe('parallel runs: a partition host fails with plain tagged data', () => {
  // What a worker thread runs (worker.ts adds only the transfer of the close reply's buffers).
  const run = hostHandler({ packed: true });
  afterEach(() => run({ op: 'stop' }));

  it('answers a task before init with a tagged error, not an exception', () => {
    expect(run({ op: 'begin', year: 2026 })).to.deep.equal({ failed: 'error', message: 'partition host not initialized (the worker restarted?)' });
  });

  it('names the participant and the event when a participant throws something other than a refusal', () => {
    const s = scenario();
    const who = s.census[1]!.employeeId;
    expect(run({ op: 'init', init: { scenario: s, snapshots: [] } })).to.deep.equal({ ok: null });
    expect(run({ op: 'begin', year: 2026 })).to.have.property('ok');
    const input = Participant.prototype.input;
    Participant.prototype.input = function (this: Participant, e) {
      if (e.payload.eventType === 'merit') throw new TypeError('boom');
      return input.call(this, e);
    };
    try {
      // A census employee runs with the host's participants, before the hires are known.
      const reply = run({ op: 'run', year: 2026 });
      expect(reply).to.deep.equal({ failed: 'error', message: `${who}: merit on 2026-06-01 failed: boom` });
    } finally {
      Participant.prototype.input = input;
    }
  });

  it('tags a refused event as refused, with the participant’s own message', () => {
    const s = scenario();
    const who = s.census[0]!.employeeId;
    const bad = { ...s, events: [...s.events, { employeeId: who, effectiveDate: '2026-03-01' as never, payload: { eventType: 'opt_out' } as never }] };
    run({ op: 'init', init: { scenario: bad, snapshots: [] } });
    run({ op: 'begin', year: 2026 });
    const reply = run({ op: 'run', year: 2026 }) as { failed: string; message: string };
    expect(reply.failed).to.equal('refused');
    expect(reply.message).to.match(new RegExp(`^${who}: opt_out on 2026-03-01 refused`));
  });

  it('runs a year and closes it, shipping buffers', () => {
    run({ op: 'init', init: { scenario: scenario(), snapshots: [] } });
    run({ op: 'begin', year: 2026 });
    expect(run({ op: 'run', year: 2026 })).to.deep.equal({ ok: null });
    const year = run({ op: 'year', year: 2026, hires: [] }) as { ok: YearReply };
    expect(year.ok.count).to.equal(3);
    expect(year.ok.summaries).to.be.instanceOf(Uint8Array);
    const packed = run({ op: 'close', year: 2026, proposals: [] }) as { ok: PackedCloseReply };
    // A worker ships the segment records in the buffers its arena wrote them to, each other kind
    // of byte strings in one exact-size buffer; each record decodes on its own.
    expect(packed.ok.segments.records.chunks).to.have.length(1);
    expect(packed.ok.segments.records.chunks[0]!.buffer.byteLength).to.equal(1 << 20);
    expect(packed.ok.snapshots.bytes).to.be.instanceOf(Uint8Array);
    const closed = { ok: unpackClose(packed.ok) };
    expect(closed.ok.liveIds).to.have.length(3);
    const segments = closed.ok.segments;
    expect(segments.map((s) => s.employeeId)).to.deep.equal([...closed.ok.liveIds].sort());
    for (const s of segments) {
      const events = decodeYearSegment(s).events;
      expect(events).to.have.length(s.count);
      expect(events.every((e) => e.employeeId === s.employeeId && e.effectiveDate.startsWith('2026'))).to.equal(true);
    }
    const snaps = closed.ok.snapshots.map((b) => decodeSnapshotRecord(b) as ParticipantSnapshot);
    expect(snaps.map((p) => p.context.employeeId)).to.deep.equal(closed.ok.liveIds);
    expect(snaps.every((p) => p.context.cursor.date === '2026-12-31')).to.equal(true);
  });

  it('runs the hires after its participants, with the inputs it held back for them', () => {
    const s = scenario();
    const newcomer = 'H2026-000001';
    // A scripted merit for an employee the hires bring: nothing to run it on until they arrive.
    const merit = { employeeId: newcomer, effectiveDate: '2026-09-01' as never, payload: { eventType: 'merit', newCompensation: '52500.00', meritPercentage: '0.05' } as never };
    run({ op: 'init', init: { scenario: { ...s, events: [...s.events, merit] }, snapshots: [] } });
    run({ op: 'begin', year: 2026 });
    expect(run({ op: 'year', year: 2026, hires: [] })).to.deep.equal({ failed: 'error', message: 'partition host: year(2026) without run(2026)' });
    expect(run({ op: 'run', year: 2026 })).to.deep.equal({ ok: null });
    expect(run({ op: 'close', year: 2026, proposals: [] })).to.deep.equal({ failed: 'error', message: 'partition host: close(2026) before year(2026)' });
    const hire = events.hire({ employeeId: newcomer, hireDate: '2026-03-02' as never, birthDate: '1990-05-05' as never, department: 'ops', jobLevel: 1, annualCompensation: 5_000_000 as never });
    const year = run({ op: 'year', year: 2026, hires: [hire] }) as { ok: YearReply };
    expect(year.ok.count).to.equal(4);
    const closed = unpackClose((run({ op: 'close', year: 2026, proposals: [] }) as { ok: PackedCloseReply }).ok);
    expect(closed.liveIds).to.include(newcomer);
    expect(closed.hires.ids).to.include(newcomer);
    const seg = closed.segments.find((x) => x.employeeId === newcomer)!;
    const types = decodeYearSegment(seg).events.map((e) => `${e.payload.eventType} ${e.effectiveDate}`);
    expect(types[0]).to.equal('hire 2026-03-02');
    expect(types).to.include('merit 2026-09-01');
    // The merit's ordinal is among the segment's inputs, after the hire's.
    expect(decodeYearSegment(seg).inputs).to.deep.equal([0, types.indexOf('merit 2026-09-01')]);
  });
});
