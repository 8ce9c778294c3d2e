/**
 * `ingestFile` decodes on worker threads or in process, in chunks of any size, keeping the
 * decoded chunks or decoding again to append: the log must come out byte for byte the same
 * every way, and the same as appending the decoded records themselves (`appendRecordsSync`, the
 * path ingest took before it had threads), so the log format does not depend on how it was fed.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { envelope, eventToJsonLine } from '../../actors/events/index.js';
import { checkLog } from '../../storage/check.js';
import { exportLog } from '../../storage/export.js';
import { ingestFile } from '../../storage/ingest.js';
import type { IngestOptions, IngestResult } from '../../storage/ingest.js';
import { decodeLine } from '../../storage/ingest-line.js';
import { openLog } from '../../storage/log.js';
import type { AppendRecord, OpenLogOptions } from '../../storage/log.js';
import { participantYear, runYear } from './fixtures/events.js';
import { dumpLog, uuid } from './fixtures/dump.js';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
/** Small segments, so external runs split, as they do past 1024 events in real files. */
const LOG: OpenLogOptions = { maxSegmentEvents: 40 };
/** Worker threads for every file size, in chunks of a few lines, so runs cross chunk boundaries. */
const THREADS: IngestOptions = { threads: 2, chunkBytes: 1500 };

async function exported(dir: string): Promise<string> {
  const log = openLog(dir, LOG);
  let text = '';
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } });
  try {
    await exportLog(log, sink);
  } finally {
    await log.close();
  }
  return text;
}

describe('storage/ingest', function () {
  this.timeout(60_000);
  let tmp: string;
  let file: string;
  let lines: string[];
  let n = 0;
  const fresh = (): string => join(tmp, `log-${n++}`);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-ingest-'));
    const source = openLog(join(tmp, 'source'));
    await source.appendSegments('s', 'pd', runYear(3, 2025));
    await source.appendSegments('s', 'pd', runYear(2, 2026));
    const exportedRun = [...source.readScenario('s')].map(eventToJsonLine);
    await source.close();
    // external ids: one participant-year split past maxSegmentEvents, and a plan design change inside a year
    const external = participantYear('X1', 2027).map((e, i) =>
      eventToJsonLine(envelope(e, { eventId: uuid(i), scenarioId: 'x', planDesignId: i < 60 ? 'pd' : 'pd2', sequence: i })),
    );
    // a run longer than a chunk can grow to end with it (ingest-ranges.ts): decoded in parts, joined by the writer
    const long = [0, 1, 2, 3, 4].flatMap((r) => participantYear('X2', 2028).map((e, i) =>
      eventToJsonLine(envelope(e, { eventId: uuid(1000 + 81 * r + i), scenarioId: 'x', planDesignId: 'pd', sequence: i })),
    ));
    // a participant-year whose lines are not all written alike, so chunks are cut inside it
    for (let i = 200; i < 280; i += 2) exportedRun[i] = exportedRun[i]!.replace('"employeeId":', '"employeeId": ');
    const legacy = readFileSync(fixture('v1-log.jsonl'), 'utf8').trimEnd().split('\n');
    lines = [
      ...long,
      ...exportedRun.slice(0, 100),
      ...external.slice(0, 30),
      // the rest of a participant-year after other events: not its derived segment any more
      ...exportedRun.slice(100, 130),
      ...legacy,
      exportedRun[5]!, // a repeat: skipped
      ...exportedRun.slice(130),
      ...external.slice(30),
      external[3]!, // a repeat
    ];
    file = join(tmp, 'mixed.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** What appending the decoded records themselves stores, `bufferEvents` records a transaction. */
  async function reference(bufferEvents = Infinity, before: readonly AppendRecord[] = []): Promise<{ dir: string; appended: number; skipped: number }> {
    const dir = fresh();
    const log = openLog(dir, LOG);
    if (before.length > 0) log.appendRecordsSync(before);
    const records = lines.map((l) => {
      const r = decodeLine(l);
      if (!r.ok) throw new Error(r.problems.join('; '));
      return r.record;
    });
    let appended = 0;
    let skipped = 0;
    for (let at = 0; at < records.length; at += bufferEvents) {
      const r = log.appendRecordsSync(records.slice(at, at + bufferEvents));
      appended += r.appended;
      skipped += r.skipped;
    }
    await log.close();
    return { dir, appended, skipped };
  }

  async function ingest(opts: IngestOptions, before: readonly AppendRecord[] = [], path = file): Promise<{ dir: string; r: IngestResult }> {
    const dir = fresh();
    const log = openLog(dir, LOG);
    if (before.length > 0) log.appendRecordsSync(before);
    const r = await ingestFile(log, path, opts);
    await log.close();
    return { dir, r };
  }

  const ways: [string, IngestOptions][] = [
    ['in process, one chunk', { threads: 0 }],
    ['as the command runs it (workers if they would help)', {}],
    ['in process, chunks of a few lines', { threads: 0, chunkBytes: 1500 }],
    ['in process, a line a chunk', { threads: 0, chunkBytes: 1 }],
    ['on 2 worker threads', { ...THREADS, callerDecodes: false }],
    ['on a worker thread and the calling thread', { ...THREADS, threads: 1 }],
    ['on worker threads, decoding again to append', { ...THREADS, keepBytes: 0 }],
  ];

  it('stores the same bytes every way, and the same as appending the decoded records', async () => {
    const ref = await reference();
    const expected = await dumpLog(ref.dir);
    const expectedExport = await exported(ref.dir);
    expect(ref).to.include({ appended: lines.length - 2, skipped: 2 });
    for (const [way, opts] of ways) {
      const { dir, r } = await ingest(opts);
      expect(r, way).to.deep.equal({ ok: true, read: lines.length, appended: ref.appended, skipped: ref.skipped, transactions: 1 });
      expect(await dumpLog(dir), way).to.deep.equal(expected);
      expect(await exported(dir), way).to.equal(expectedExport);
    }
    const log = openLog(ref.dir, LOG);
    expect(checkLog(log).problems).to.deep.equal([]);
    await log.close();
  });

  it('appends a file longer than bufferEvents in transactions of bufferEvents lines, the same every way', async () => {
    const ref = await reference(97);
    const expected = await dumpLog(ref.dir);
    for (const [way, opts] of ways) {
      const { dir, r } = await ingest({ ...opts, bufferEvents: 97 });
      expect(r, way).to.deep.equal({ ok: true, read: lines.length, appended: ref.appended, skipped: ref.skipped, transactions: Math.ceil(lines.length / 97) });
      expect(await dumpLog(dir), way).to.deep.equal(expected);
    }
  });

  it('skips what the log already holds (derived segments and external ids) the same every way', async () => {
    const before = lines.slice(350, 750).map((l) => (decodeLine(l) as { ok: true; record: AppendRecord }).record);
    const ref = await reference(Infinity, before);
    const expected = await dumpLog(ref.dir);
    expect(ref.skipped).to.be.greaterThan(300);
    expect(ref.appended).to.be.greaterThan(300);
    for (const [way, opts] of ways) {
      const { dir, r } = await ingest(opts, before);
      expect(r, way).to.include({ ok: true, appended: ref.appended, skipped: ref.skipped });
      expect(await dumpLog(dir), way).to.deep.equal(expected);
    }
  });

  it('reports every invalid line, wherever its chunk was decoded, and writes nothing', async () => {
    const bad = [...lines];
    bad[2] = '{not json';
    bad[300] = bad[300]!.replace('"planId":', '"planID":');
    bad[bad.length - 1] = '';
    const path = join(tmp, 'bad.jsonl');
    writeFileSync(path, bad.join('\n') + '\n');
    const inProcess = await ingest({ threads: 0 }, [], path);
    expect(inProcess.r.ok).to.equal(false);
    expect(inProcess.r).to.have.property('read', lines.length);
    expect((inProcess.r as { invalid: { line: number }[] }).invalid.map((i) => i.line)).to.deep.equal([3, 301, lines.length]);
    for (const [way, opts] of ways) {
      const { dir, r } = await ingest({ ...opts, bufferEvents: 97 }, [], path);
      expect(r, way).to.deep.equal(inProcess.r);
      const log = openLog(dir, LOG);
      expect(log.scenarios(), way).to.deep.equal([]);
      await log.close();
    }
  });

  it('counts the lines of a file that does not end with a newline, or is empty', async () => {
    const path = join(tmp, 'no-newline.jsonl');
    writeFileSync(path, lines.slice(0, 10).join('\n'));
    for (const [way, opts] of ways) expect((await ingest(opts, [], path)).r, way).to.include({ ok: true, read: 10, appended: 10 });
    writeFileSync(path, '');
    for (const [way, opts] of ways) expect((await ingest(opts, [], path)).r, way).to.deep.equal({ ok: true, read: 0, appended: 0, skipped: 0, transactions: 1 });
  });

  /** Runs decodeRanges over the mixed file in a child node started with `args`; what it reports, and the lines it saw. */
  function decodeInChild(args: readonly string[], register: boolean): { onWorkers: number; decodedTwice: number; lines: number } {
    const script = `
      ${register ? "const { register } = await import('tsx/esm/api'); register();" : ''}
      const { LineRanges } = await import('./storage/ingest-ranges.ts');
      const { decodeRanges } = await import('./storage/ingest-threads.ts');
      const { DecodePool } = await import('./storage/decode-pool.ts');
      const file = ${JSON.stringify(file)};
      let lines = 0;
      const pool = DecodePool.start(1);
      const r = await decodeRanges(new LineRanges(file, 4000), { maxSegmentEvents: 40, callerDecodes: false }, pool, (c) => { lines += c.lines; });
      await pool.destroy();
      process.stdout.write(JSON.stringify({ ...r, lines }));
    `;
    const child = spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(child.stderr).to.equal('');
    expect(child.status).to.equal(0);
    return JSON.parse(child.stdout) as { onWorkers: number; decodedTwice: number; lines: number };
  }

  it('starts its worker threads with tsx in a process that registered tsx in code (the installed bin)', () => {
    const out = decodeInChild([], true);
    expect(out.lines).to.equal(lines.length);
    expect(out.onWorkers).to.be.greaterThan(0);
  });

  it('decodes in process what a worker thread that cannot start was given', () => {
    const noWorkers = "data:text/javascript,import{isMainThread}from'node:worker_threads';if(!isMainThread)throw new Error('no workers here')";
    const out = decodeInChild(['--import', 'tsx', '--import', noWorkers], false);
    expect(out).to.include({ onWorkers: 0, lines: lines.length });
  });
});
