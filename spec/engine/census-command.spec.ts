import { expect } from 'chai';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { registerCensus, writeCensus } from '../../engine/commands/census.js';
import { censusToCsv, syntheticCensus } from '../../engine/census/synthetic.js';

function sink(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

describe('engine/commands/census', () => {
  it('writes the same CSV in chunks as in one piece (one header)', async () => {
    const s = sink();
    await writeCensus(s.out, 2345, 9, 2026);
    expect(s.text()).to.equal(censusToCsv(syntheticCensus(2345, 9, 2026)));
  });

  it('refuses a count that is not a positive whole number', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    registerCensus(program);
    let error: unknown;
    try {
      await program.parseAsync(['census', '12x'], { from: 'user' });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/N must be a whole number from 1 to/);
  });
});
