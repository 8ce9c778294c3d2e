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
      const reply = run({ op: 'year', year: 2026, hires: [] });
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
    const reply = run({ op: 'year', year: 2026, hires: [] }) as { failed: string; message: string };
    expect(reply.failed).to.equal('refused');
    expect(reply.message).to.match(new RegExp(`^${who}: opt_out on 2026-03-01 refused`));
  });

  it('runs a year and closes it, shipping buffers', () => {
    run({ op: 'init', init: { scenario: scenario(), snapshots: [] } });
    run({ op: 'begin', year: 2026 });
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
});
