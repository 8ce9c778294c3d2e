import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { validateFile, validateStream } from '../../engine/commands/validate.js';
import { event } from '../actors/events/fixtures.js';

const run = promisify(execFile);

/** A writable that keeps what is written, optionally slow (to exercise backpressure). */
function sink(highWaterMark = 16_384, delayMs = 0): Writable & { text: () => string } {
  const parts: string[] = [];
  const w = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString());
      if (delayMs > 0) setTimeout(done, delayMs);
      else done();
    },
  });
  return Object.assign(w, { text: () => parts.join('') });
}

const line = (name: Parameters<typeof event>[0], edit: (e: Record<string, any>) => void = () => {}) => {
  const e = event(name);
  edit(e);
  return JSON.stringify(e);
};

const GOOD = line('contribution');
const MIXED = [
  GOOD,
  line('hire'),
  line('contribution', (e) => (e.payload.amount = '12.345')),
  'not json',
  line('compliance_plan'),
  line('merit', (e) => {
    delete e.payload.newCompensation;
    e.payload.foo = 1;
  }),
].join('\n');

describe('engine/commands/validate', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vested-validate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports one line per invalid input line, with its number and field path, then the counts', async () => {
    const out = sink();
    const counts = await validateStream(Readable.from([MIXED + '\n']), out);
    expect(counts).to.deep.equal({ valid: 3, invalid: 3 });
    expect(out.text().split('\n')).to.deep.equal([
      'line 3: payload.amount: "12.345" has 3 decimals; money allows at most 2',
      `line 4: not valid JSON (Unexpected token 'o', "not json" is not valid JSON)`,
      'line 6: payload.newCompensation: required | payload.foo: unknown field',
      '',
    ]);
  });

  it('is not confused by chunks that split lines or multi-byte characters, nor by CRLF', async () => {
    const withUnicode = line('hire', (e) => (e.payload.department = 'Ingénierie ✓'));
    const text = [withUnicode, GOOD, line('hire', (e) => (e.payload.jobLevel = 0))].join('\r\n');
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const out = sink();
    expect(await validateStream(Readable.from(chunks), out)).to.deep.equal({ valid: 2, invalid: 1 });
    expect(out.text()).to.equal('line 3: payload.jobLevel: 0 is out of range; job levels are 1 to 10\n');
  });

  it('counts a blank line as invalid, but not the final newline', async () => {
    const out = sink();
    expect(await validateStream(Readable.from([`${GOOD}\n\n${GOOD}\n`]), out)).to.deep.equal({ valid: 2, invalid: 1 });
    expect(out.text()).to.equal('line 2: empty line; expected one JSON event per line\n');
  });

  it('waits for a slow output instead of buffering it', async () => {
    const bad = line('hire', (e) => (e.eventId = 'x'));
    const lines = Array.from({ length: 2000 }, () => bad).join('\n');
    const out = sink(64, 1);
    let drains = 0;
    out.on('drain', () => drains++);
    expect(await validateStream(Readable.from([lines.slice(0, 50_000), lines.slice(50_000)]), out)).to.deep.equal({ valid: 0, invalid: 2000 });
    expect(drains).to.be.greaterThan(0);
    expect(out.text().split('\n')).to.have.length(2001);
  });

  it('returns 0 when all lines are valid, 1 when any is not, 2 when the file cannot be read', async () => {
    const good = join(dir, 'good.jsonl');
    const mixed = join(dir, 'mixed.jsonl');
    writeFileSync(good, `${GOOD}\n${GOOD}\n`);
    writeFileSync(mixed, MIXED);
    const out = sink();
    const err = sink();
    expect(await validateFile(good, out, err)).to.equal(0);
    expect(await validateFile(mixed, out, err)).to.equal(1);
    expect(await validateFile(join(dir, 'missing.jsonl'), out, err)).to.equal(2);
    expect(await validateFile(dir, out, err)).to.equal(2);
    expect(out.text().split('\n').filter((l) => /valid/.test(l) && !l.startsWith('line'))).to.deep.equal(['2 valid, 0 invalid', '3 valid, 3 invalid']);
    expect(err.text()).to.match(/^vested validate: cannot read .*missing\.jsonl: ENOENT/);
  });

  describe('vested validate (the command)', function () {
    this.timeout(60_000);
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'engine/cli.ts', ...args]);
        return { code: 0, stdout, stderr };
      } catch (e) {
        const x = e as { code: number; stdout: string; stderr: string };
        return { code: x.code, stdout: x.stdout, stderr: x.stderr };
      }
    };

    it('prints the problems and the counts, and exits 1 on invalid input', async () => {
      const mixed = join(dir, 'cli-mixed.jsonl');
      writeFileSync(mixed, MIXED + '\n');
      const r = await cli('validate', mixed);
      expect(r.code).to.equal(1);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).to.equal('line 3: payload.amount: "12.345" has 3 decimals; money allows at most 2');
      expect(lines[lines.length - 1]).to.equal('3 valid, 3 invalid');
    });

    it('exits 0 on a valid file and 2 on a missing one', async () => {
      const good = join(dir, 'cli-good.jsonl');
      writeFileSync(good, `${GOOD}\n`);
      const ok = await cli('validate', good);
      expect([ok.code, ok.stdout]).to.deep.equal([0, '1 valid, 0 invalid\n']);
      const missing = await cli('validate', join(dir, 'nope.jsonl'));
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.match(/cannot read/);
    });
  });
});
