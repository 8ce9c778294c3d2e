import { expect } from 'chai';
import { GRADED_PLAN, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayOfWeek } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import { syntheticCensus } from '../../engine/census/synthetic.js';
import { loadScenarioSync } from '../../engine/scenario.js';
import { runToLog } from '../../engine/run.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { balancesAsOf, replayScenario, replayableRun, stateAsOf } from '../../storage/state-as-of.js';
import { loggedYears, participantIds } from '../../storage/logged-years.js';
import { replayParticipant, storedSnapshot } from '../../storage/replay.js';
import type { LoggedYear } from '../../storage/replay.js';

/** Balances by source summed straight from the events (and the census): an independent reading of the log. */
function balancesFromEvents(log: EventLog, scenarioId: string, employeeId: string, date: string, census: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...census };
  for (const e of log.history(scenarioId, employeeId, { toDate: date })) {
    const p = e.payload;
    if (p.eventType === 'contribution') out[p.source] = (out[p.source] ?? 0) + p.amount;
    if (p.eventType === 'forfeiture') out[p.forfeitedFromSource] = (out[p.forfeitedFromSource] ?? 0) - p.amount;
  }
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}

describe('replay, state as of a date, balances on any Friday', function () {
  this.timeout(60_000);
  let tmp: string;
  let log: EventLog;
  const census = syntheticCensus(120, 5, 2026);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-replay-'));
    const file = writeSyntheticScenario(tmp, { scenarioId: 'replay-spec', seed: 3, employees: 120, censusSeed: 5, years: 3, overrides: { plan: GRADED_PLAN } });
    const s = loadScenarioSync(file);
    if (s._tag === 'Left') throw new Error(s.left.join('\n'));
    await runToLog(s.right, { out: join(tmp, 'log'), threads: 0 });
    await runToLog(s.right, { out: join(tmp, 'log-2-threads'), threads: 2 });
    log = openLog(join(tmp, 'log'));
  });
  after(async () => {
    await log.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('replays every participant from its hire through fresh actors: every event and every year-end snapshot identical', () => {
    const r = replayScenario(log, 'replay-spec');
    expect(r.differences).to.deep.equal([]);
    expect(r.participants).to.equal(participantIds(log, 'replay-spec').length);
    expect(r.snapshotsCompared).to.be.greaterThan(300);
  });

  it('replays a log written by worker threads just the same (inputs and hire snapshots cross the thread boundary)', async () => {
    const other = openLog(join(tmp, 'log-2-threads'));
    try {
      const r = replayScenario(other, 'replay-spec');
      expect(r.differences).to.deep.equal([]);
      expect(r.participants).to.equal(participantIds(log, 'replay-spec').length);
    } finally {
      await other.close();
    }
  });

  it('reports a logged event the machine would not have derived, naming participant and date', () => {
    const run = replayableRun(log, 'replay-spec');
    const id = participantIds(log, 'replay-spec')[0]!;
    const years = loggedYears(log, 'replay-spec', id);
    // Tamper with one contribution amount in the second year.
    const y = years[1]!;
    const k = y.events.findIndex((e) => e.payload.eventType === 'contribution');
    const e = y.events[k]!;
    const tampered: LoggedYear = {
      ...y,
      events: y.events.map((x, i) => (i === k && x.payload.eventType === 'contribution' ? { ...x, payload: { ...x.payload, amount: (x.payload.amount + 1) as Cents } } : x)),
    };
    const differences: { employeeId: string; date: string; what: string }[] = [];
    const first = storedSnapshot(log.snapshotAtOrBefore('replay-spec', id, '2026-01-01')!.value);
    replayParticipant(run.env, first, [years[0]!, tampered, ...years.slice(2)], { lastYear: run.lastYear, differences }).stop();
    expect(differences).to.have.length(1);
    expect(differences[0]).to.include({ employeeId: id, date: e.effectiveDate });
    expect(differences[0]!.what).to.match(/^derived contribution .* the log has contribution/);
  });

  it('balances by source on every Friday of a year equal the sums of the logged events', () => {
    const ids = participantIds(log, 'replay-spec').slice(0, 6);
    let friday = '2027-01-01' as IsoDate;
    while (dayOfWeek(friday) !== 5) friday = addDays(friday, 1);
    let checked = 0;
    for (; friday <= '2027-12-31'; friday = addDays(friday, 7)) {
      for (const id of ids) {
        const row = census.find((c) => c.employeeId === id);
        const opening: Record<string, number> = row === undefined ? {} : { ...row.balances };
        const expected = balancesFromEvents(log, 'replay-spec', id, friday, opening);
        if (stateAsOf(log, 'replay-spec', id, friday) === undefined) continue;
        expect(balancesAsOf(log, 'replay-spec', id, friday), `${id} on ${friday}`).to.deep.equal(expected);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(200);
  });

  it('state as of a year end is exactly the snapshot stored by the run', () => {
    for (const id of participantIds(log, 'replay-spec').slice(0, 20)) {
      const stored = log.snapshotAtOrBefore('replay-spec', id, '2027-12-31');
      if (stored === undefined || stored.date !== '2027-12-31') continue;
      const s = stateAsOf(log, 'replay-spec', id, '2027-12-31' as IsoDate)!;
      expect(s.context).to.deep.equal(storedSnapshot(stored.value).participant.context);
    }
  });
});
