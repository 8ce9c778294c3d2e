import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelope, eventToJsonLine } from '../../actors/events/index.js';
import { LineRanges } from '../../storage/ingest-ranges.js';
import { DecodePool, workersWorthStarting } from '../../storage/decode-pool.js';
import { decodeRanges } from '../../storage/ingest-threads.js';
import { participantYear } from './fixtures/events.js';

/** A value with its byte arrays (Buffer or Uint8Array, depending on the thread) as plain arrays. */
const plain = (v: unknown): unknown =>
  v instanceof Uint8Array ? [...v]
    : Array.isArray(v) ? v.map(plain)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
        : v;

describe('storage/ingest-threads', function () {
  this.timeout(30_000);
  let tmp: string;
  let file: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-threads-'));
    const lines = ['E1', 'E2', 'E3', 'E4'].flatMap((emp, e) => participantYear(emp, 2025).map((ev, i) =>
      eventToJsonLine(envelope(ev, { eventId: `00000000-0000-4000-8000-${(e * 1000 + i).toString(16).padStart(12, '0')}`, scenarioId: 's', planDesignId: 'pd', sequence: i })),
    ));
    lines[100] = '{"broken": true}';
    file = join(tmp, 'events.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const decodeAll = async (pool: DecodePool, callerDecodes: boolean): Promise<{ chunks: unknown[]; onWorkers: number }> => {
    const chunks: unknown[] = [];
    const order: number[] = [];
    const r = await decodeRanges(new LineRanges(file, 3000), { maxSegmentEvents: 30, callerDecodes }, pool, (c, i) => {
      chunks.push(plain(c));
      order.push(i);
    });
    expect(order).to.deep.equal(order.map((_, i) => i));
    return { chunks, onWorkers: r.onWorkers };
  };

  it('hands over the same chunks, in file order, from worker threads as from this thread', async () => {
    const here = await decodeAll(DecodePool.start(0), true);
    expect(here.onWorkers).to.equal(0);
    const pool = DecodePool.start(2);
    try {
      const workers = await decodeAll(pool, false);
      expect(workers.onWorkers).to.equal(here.chunks.length);
      expect(workers.chunks).to.deep.equal(here.chunks);
      const both = await decodeAll(pool, true);
      expect(both.chunks).to.deep.equal(here.chunks);
    } finally {
      await pool.destroy();
    }
  });

  it('starts workers only for idle cores, and only for what is left of a large file', () => {
    const MB = 1 << 20;
    expect(workersWorthStarting(1, 0.9, 200 * MB)).to.equal(1);
    expect(workersWorthStarting(1, 0.6, 200 * MB)).to.equal(1); // this process's GC and compiler threads take some
    expect(workersWorthStarting(1, 0.2, 200 * MB)).to.equal(0); // the other core is busy elsewhere
    expect(workersWorthStarting(1, 0.9, 30 * MB)).to.equal(0); // decoded here before a worker is up
    expect(workersWorthStarting(7, 3.4, 200 * MB)).to.equal(3);
    expect(workersWorthStarting(3, 7, 200 * MB)).to.equal(3);
    expect(workersWorthStarting(0, 1, 200 * MB)).to.equal(0);
  });

  it('in auto mode decodes in process what is left of a file too small for a worker', async () => {
    const pool = DecodePool.auto(2, 100 << 20);
    try {
      const r = await decodeAll(pool, true);
      expect(r.onWorkers).to.equal(0);
      expect(pool.threads).to.equal(0);
    } finally {
      await pool.destroy();
    }
  });
});
