import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventToJsonLine } from '../../actors/events/index.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { ingestFile } from '../../storage/ingest.js';
import { checkLog } from '../../storage/check.js';
import { decodeSegment } from '../../storage/segment.js';
import { upcast } from '../../storage/upcast.js';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('storage/upcast', () => {
  describe('v1 → v2', () => {
    const v1 = {
      eventId: '5f1e0000-0000-4000-8000-00000000000a', scenarioId: 's', planDesignId: 'pd', employeeId: 'E1', effectiveDate: '2024-01-05',
      sequence: 3, schemaVersion: 1,
      payload: { eventType: 'contribution', planId: 'P1', source: 'employer_core', amount: 75.5, payPeriodEnd: '2024-01-05', ytdAmount: 1200, irsLimitApplied: false },
    };

    it('renames employer_core and writes money as 2-decimal strings', () => {
      expect(upcast(v1, 2)).to.deep.equal({
        ...v1, schemaVersion: 2,
        payload: { ...v1.payload, source: 'employer_nonelective', amount: '75.50', ytdAmount: '1200.00' },
      });
    });

    it('leaves the stored object untouched', () => {
      const copy = JSON.parse(JSON.stringify(v1));
      upcast(v1, 2);
      expect(v1).to.deep.equal(copy);
    });

    it('refuses a v1 amount with more than 2 decimals instead of rounding it', () => {
      expect(() => upcast({ ...v1, payload: { ...v1.payload, amount: 75.555 } }, 2)).to.throw(RangeError, 'v1 event payload.amount: 75.555 has 3 decimals');
    });

    it('refuses a version newer than this build, and one with no upcaster', () => {
      expect(() => upcast({ ...v1, schemaVersion: 3 }, 2)).to.throw(RangeError, 'schemaVersion 3 is newer than this vested (2)');
      expect(() => upcast({ ...v1, schemaVersion: 0 }, 2)).to.throw(RangeError, 'no upcaster from schemaVersion 0 to 1');
    });
  });

  describe('the version-1 fixture log', () => {
    let dir: string;
    let log: EventLog;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vested-v1-'));
      log = openLog(dir);
      const r = await ingestFile(log, fixture('v1-log.jsonl'));
      expect(r).to.include({ ok: true, read: 11, appended: 11, skipped: 0 });
    });
    afterEach(async () => {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is stored as written (schemaVersion 1, employer_core, numbers)', () => {
      const stored = [...log.dbs.segments.getRange({})].map(({ value }) => decodeSegment(value));
      expect(stored.map((s) => [s.kind, s.schemaVersion])).to.deep.include(['legacy', 1]);
      for (const s of stored) expect(s.kind).to.equal('legacy');
      const raw = stored.flatMap((s) => s.rows as Record<string, unknown>[]);
      expect(raw[4]).to.have.nested.property('payload.source', 'employer_core');
      expect(raw[4]).to.have.nested.property('payload.amount', 75.5);
    });

    it('reads back as version-2 events through the upcaster', () => {
      const lines = [...log.readScenario('legacy-2024')].map(eventToJsonLine);
      const expected = readFileSync(fixture('v1-log.expected-v2.jsonl'), 'utf8').trimEnd().split('\n');
      expect(lines).to.deep.equal(expected);
      expect(log.history('legacy-2024', 'E2').map((e) => e.payload.eventType)).to.deep.equal(['hce_status', 'termination', 'vesting', 'forfeiture']);
      expect(log.planEvents('legacy-2024')).to.have.length(1);
    });

    it('passes check, and ingesting it again (v1 or its v2 export) appends nothing', async () => {
      expect(checkLog(log).problems).to.deep.equal([]);
      expect(await ingestFile(log, fixture('v1-log.jsonl'))).to.include({ ok: true, appended: 0, skipped: 11 });
      expect(await ingestFile(log, fixture('v1-log.expected-v2.jsonl'))).to.include({ ok: true, appended: 0, skipped: 11 });
    });
  });
});
