/** `vested ingest`, `export` and `check`, through their command functions and once through the real CLI. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { eventToJsonLine } from '../../actors/events/index.js';
import { ingestCommand } from '../../engine/commands/ingest.js';
import { historyCommand } from '../../engine/commands/history.js';
import { replayCommand } from '../../engine/commands/replay.js';
import { exportCommand } from '../../engine/commands/export.js';
import { checkCommand } from '../../engine/commands/check.js';
import { openLog } from '../../storage/log.js';
import { ingestFile } from '../../storage/ingest.js';
import { checkLog } from '../../storage/check.js';
import { runYear } from './fixtures/events.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const root = new URL('../../', import.meta.url).pathname;

describe('vested ingest / export / check', () => {
  let tmp: string;
  let jsonl: string;
  let lines: string[];
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-cli-'));
    const log = openLog(join(tmp, 'source'));
    await log.appendSegments('s', 'pd', runYear(5, 2025));
    await log.appendSegments('t', 'pd', runYear(2, 2025));
    lines = [...log.readScenario('s'), ...log.readScenario('t')].map(eventToJsonLine);
    await log.close();
    jsonl = join(tmp, 'events.jsonl');
    writeFileSync(jsonl, lines.join('\n') + '\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const run = async <T>(f: (out: Sink, err: Sink) => Promise<T>): Promise<{ code: T; out: string; err: string }> => {
    const out = new Sink();
    const err = new Sink();
    const code = await f(out, err);
    return { code, out: out.text, err: err.text };
  };

  it('ingest prints every invalid line and writes nothing', async () => {
    const bad = [...lines.slice(0, 3)];
    bad[1] = bad[1]!.replace(/"amount":"[0-9.]+"/, '"amount":"12.345"');
    bad.push('{not json', '', lines[5]!.replace('"planId":', '"planID":'));
    const file = join(tmp, 'bad.jsonl');
    writeFileSync(file, bad.join('\n') + '\n');
    const dir = join(tmp, 'bad-log');
    const r = await run((o, e) => ingestCommand(dir, file, o, e));
    expect(r.code).to.equal(1);
    expect(r.out.split('\n')).to.deep.equal([
      'line 2: payload.amount: "12.345" has 3 decimals; money allows at most 2',
      `line 4: not valid JSON (${(() => { try { JSON.parse('{not json'); } catch (e) { return (e as Error).message; } return ''; })()})`,
      'line 5: empty line; expected one JSON event per line',
      'line 6: payload.planId: required | payload.planID: unknown field',
      `2 valid, 4 invalid; nothing written to ${dir}`,
      '',
    ]);
    const log = openLog(dir);
    expect(log.scenarios()).to.deep.equal([]);
    await log.close();
  });

  it('ingest appends, then skips what is already there; export gives the same bytes back', async () => {
    const dir = join(tmp, 'log');
    const first = await run((o, e) => ingestCommand(dir, jsonl, o, e));
    expect(first).to.deep.equal({ code: 0, out: `${lines.length} events read; ${lines.length} appended, 0 skipped (already in the log)\n`, err: '' });
    const again = await run((o, e) => ingestCommand(dir, jsonl, o, e));
    expect(again.out).to.equal(`${lines.length} events read; 0 appended, ${lines.length} skipped (already in the log)\n`);
    const all = await run((o, e) => exportCommand(dir, undefined, o, e));
    expect(all.code).to.equal(0);
    expect(all.out).to.equal(readFileSync(jsonl, 'utf8'));
    const t = await run((o, e) => exportCommand(dir, 't', o, e));
    expect(t.out.trimEnd().split('\n')).to.deep.equal(lines.filter((l) => l.includes('"scenarioId":"t"')));
    // history of an ingested scenario: its events, and why there is no state (no run to replay under).
    const employee = (JSON.parse(lines[0]!) as { employeeId: string }).employeeId;
    const h = await run((o, e) => historyCommand(dir, employee, { scenario: 's' }, o, e));
    expect(h.err).to.equal("vested history: s was ingested, not run: its events only, no state to rebuild\n");
    expect(h.code).to.equal(0);
    expect(h.out.trimEnd().split('\n')).to.deep.equal(lines.filter((l) => l.includes('"scenarioId":"s"') && l.includes(`"employeeId":"${employee}"`)));
    // replay names what it cannot replay, as balances does, rather than throwing.
    expect(await run((o, e) => replayCommand(dir, { scenario: 'u' }, o, e))).to.deep.equal({ code: 1, out: '', err: `vested replay: ${dir} has no scenario "u" (it has: s, t)\n` });
    expect(await run((o, e) => replayCommand(dir, { scenario: 's' }, o, e))).to.deep.equal({
      code: 1, out: '', err: `vested replay: ${dir}: no run of scenario "s" (an ingested log has no snapshots to replay from)\n`,
    });
  });

  it('ingest of a file longer than its buffer validates first, then appends in whole transactions', async () => {
    const dir = join(tmp, 'two-pass');
    const log = openLog(dir);
    const r = await ingestFile(log, jsonl, { bufferEvents: 100 });
    expect(r).to.deep.equal({ ok: true, read: lines.length, appended: lines.length, skipped: 0, transactions: Math.ceil(lines.length / 100) });
    expect([...log.readScenario('s'), ...log.readScenario('t')].map(eventToJsonLine)).to.deep.equal(lines);
    expect(checkLog(log).problems).to.deep.equal([]);
    const bad = join(tmp, 'late-bad.jsonl');
    writeFileSync(bad, [...lines.slice(0, 250), '{}'].join('\n') + '\n');
    const other = openLog(join(tmp, 'two-pass-bad'));
    expect(await ingestFile(other, bad, { bufferEvents: 100 })).to.deep.include({ ok: false, read: 251 });
    expect(other.scenarios()).to.deep.equal([]);
    await other.close();
    await log.close();
  });

  it('ingest exits 2 when the file cannot be read', async () => {
    const r = await run((o, e) => ingestCommand(join(tmp, 'x'), join(tmp, 'missing.jsonl'), o, e));
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/^vested ingest: cannot read .*missing\.jsonl/);
  });

  it('export and check refuse a folder that is not a log, without creating one', async () => {
    const nowhere = join(tmp, 'nowhere');
    expect((await run((o, e) => exportCommand(nowhere, undefined, o, e))).err).to.equal(`vested export: ${nowhere} is not a vested log (no data.mdb)\n`);
    expect((await run((o, e) => checkCommand(nowhere, o, e))).code).to.equal(1);
    expect(existsSync(nowhere)).to.equal(false);
    const dir = join(tmp, 'log');
    const r = await run((o, e) => exportCommand(dir, 'nope', o, e));
    expect(r).to.deep.include({ code: 1, err: `vested export: ${dir} has no scenario "nope" (it has: s, t)\n` });
  });

  describe('check', () => {
    const fresh = async (name: string): Promise<string> => {
      const dir = join(tmp, name);
      await run((o, e) => ingestCommand(dir, jsonl, o, e));
      return dir;
    };

    it('prints a short OK summary', async () => {
      const dir = await fresh('ok');
      expect(await run((o, e) => checkCommand(dir, o, e))).to.deep.equal({
        code: 0, out: `OK ${dir}: 2 scenario(s), ${lines.length} events in 9 segments, 7 participant(s), 0 snapshot(s)\n`, err: '',
      });
    });

    it('names a gap in the sequences, and the broken head', async () => {
      const dir = await fresh('gap');
      const log = openLog(dir);
      const [k] = [...log.dbs.segments.getKeys({ start: ['s', 1], end: ['s', 1e9] })].slice(1, 2) as [string, number][];
      log.dbs.segments.removeSync(k!);
      await log.close();
      const r = await run((o, e) => checkCommand(dir, o, e));
      expect(r.code).to.equal(1);
      expect(r.out).to.include(`${dir}: scenario s segment @${81 * 3}: sequence gap: sequences ${81 * 2}..${81 * 3 - 1} are missing`);
      // The run export's segments are all derived: indexed by year, one entry each.
      expect(r.out).to.include(`${dir}: derived index has 9 entries for 8 derived segments`);
    });

    it('names a missing index entry and a wrong id index entry', async () => {
      const dir = await fresh('index');
      const log = openLog(dir);
      log.dbs.env.transactionSync(() => {
        log.dbs.derivedByYear.removeSync(['t', 2025, 'E000001']);
        log.dbs.derivedByYear.putSync(['t', 2025, 'E000000'], [0, 80, '2025-01-01', '2025-12-31']);
      });
      await log.close();
      const r = await run((o, e) => checkCommand(dir, o, e));
      expect(r.code).to.equal(1);
      expect(r.out).to.include('scenario t segment @81: derived index entry for E000001/2025 is undefined, expected [81,81,"2025-01-01","2025-12-31"]');
      expect(r.out).to.include('scenario t segment @0: derived index entry for E000000/2025 is [0,80,"2025-01-01","2025-12-31"], expected [0,81,"2025-01-01","2025-12-31"]');
    });

    it('names an unreadable segment', async () => {
      const dir = await fresh('corrupt');
      const log = openLog(dir);
      log.dbs.segments.putSync(['s', 81], Buffer.from([1, 2, 3]));
      await log.close();
      const r = await run((o, e) => checkCommand(dir, o, e));
      expect(r.code).to.equal(1);
      expect(r.out).to.match(/scenario s segment @81: unreadable: /);
    });
  });

  it('runs through the real command line', function () {
    this.timeout(30_000);
    const dir = join(tmp, 'real');
    const ingest = spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli.ts', 'ingest', dir, jsonl], { cwd: root, encoding: 'utf8' });
    expect(ingest.status).to.equal(0);
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli.ts', 'check', dir], { cwd: root, encoding: 'utf8' });
    expect(check.status).to.equal(0);
    expect(check.stdout).to.match(/^OK /);
    const exp = spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli.ts', 'export', dir, '--scenario', 's'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(exp.stdout.trimEnd().split('\n')).to.deep.equal(lines.filter((l) => l.includes('"scenarioId":"s"')));
    // `| head`: more than a pipe holds (64 KB), so export is still writing when head goes; it stops quietly, exit 0.
    expect(exp.stdout.length).to.be.above(1 << 17);
    const head = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" --import tsx engine/cli.ts export "${dir}" | head -c 100 > /dev/null`], { cwd: root, encoding: 'utf8' });
    expect({ status: head.status, stderr: head.stderr }).to.deep.equal({ status: 0, stderr: '' });
  });
});
