import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToLog, RunRefusedError } from '../../engine/run.js';
import { runWhatIf } from '../../engine/whatif/run.js';
import { checkLog } from '../../storage/check.js';
import { openLog } from '../../storage/log.js';
import { decoded, eventsOf, whatifJson } from './whatif-fixtures.js';

/**
 * A fork at year N continues a stored run under new designs. When a design agrees with the
 * stored one up to N (here: a 402(g) override for a later year, or the same design under
 * another planDesignId), the fork must be the full run of that design, event for event.
 */
describe('what-if forks from a stored run', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-fork-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const variants = [
    { name: 'later-limit', overrides: { planDesignId: 'later-limit', limits: { overrides: { '2028': { electiveDeferral: '2000' } } } } },
    { name: 'renamed', overrides: { planDesignId: 'renamed' } },
  ];

  it('equals a full run of the new design when the designs agree up to the fork year', async () => {
    const json = { ...whatifJson(tmp, 120), years: 3 };
    // The stored run: the base design, three years, in its own folder.
    const stored = decoded({ ...json, whatifId: 'stored', variants: [{ name: 'run' }] }, tmp);
    await runToLog({ ...stored.base, scenarioId: 'stored-run' }, { out: join(tmp, 'stored') });

    const full = decoded({ ...json, variants }, tmp);
    const fullOut = await runWhatIf(full, { out: join(tmp, 'full'), threads: 1 });
    const forked = decoded({ ...json, variants, fork: { from: 'stored', scenarioId: 'stored-run', year: 2027 } }, tmp);
    const forkOut = await runWhatIf(forked, { out: join(tmp, 'fork'), threads: 1 });

    expect(forkOut.variants.map((v) => v.firstSimulatedYear)).to.deep.equal([2028, 2028]);
    expect(forkOut.variants.map((v) => v.metrics)).to.deep.equal(fullOut.variants.map((v) => v.metrics));
    for (const id of ['spec/later-limit', 'spec/renamed']) {
      const a = await eventsOf(join(tmp, 'fork'), id);
      expect(a.length).to.be.greaterThan(1000);
      expect(a).to.deep.equal(await eventsOf(join(tmp, 'full'), id));
    }
    // The design did change 2028: the 402(g) override bites.
    const [later] = forkOut.variants;
    const base = decoded({ ...json, variants: [{ name: 'b' }] }, tmp);
    const baseOut = await runWhatIf(base, { out: join(tmp, 'base'), threads: 1 });
    expect(later!.metrics[2]!.employeeDeferrals).to.be.lessThan(baseOut.variants[0]!.metrics[2]!.employeeDeferrals);
    expect(later!.metrics[1]).to.deep.equal(baseOut.variants[0]!.metrics[1]);

    // Forked years keep the design they were made under; the new ones carry the variant's.
    const log = openLog(join(tmp, 'fork'));
    const designs = new Map<string, string>();
    for (const e of log.readScenario('spec/renamed')) designs.set(e.effectiveDate.slice(0, 4), e.planDesignId);
    expect(Object.fromEntries(designs)).to.deep.equal({ '2026': 'base', '2027': 'base', '2028': 'renamed' });
    expect(log.getMetadata('spec/renamed')).to.include({ status: 'complete', lastCompleteYear: 2028, planDesignId: 'renamed' });
    expect(checkLog(log).problems).to.deep.equal([]);
    await log.close();
  });

  it('can fork into the stored run\'s own folder', async () => {
    const json = { ...whatifJson(tmp, 120), years: 3 };
    const forked = decoded({ ...json, variants: variants.slice(1), fork: { from: 'stored', scenarioId: 'stored-run', year: 2026 } }, tmp);
    const out = await runWhatIf(forked, { out: join(tmp, 'stored'), threads: 1 });
    expect(out.variants[0]!.firstSimulatedYear).to.equal(2027);
    const log = openLog(join(tmp, 'stored'));
    expect(log.scenarios()).to.deep.equal(['spec/renamed', 'stored-run']);
    await log.close();
    expect(await eventsOf(join(tmp, 'stored'), 'spec/renamed')).to.deep.equal(await eventsOf(join(tmp, 'full'), 'spec/renamed'));
  });

  it('refuses a stored run of other inputs, one not complete to the fork year, or a missing one', async () => {
    const json = { ...whatifJson(tmp, 120), years: 3 };
    const refusal = async (extra: Record<string, unknown>): Promise<string> => {
      const w = decoded({ ...json, variants, ...extra }, tmp);
      const out = join(tmp, `refused-${Math.random().toString(36).slice(2)}`);
      try {
        await runWhatIf(w, { out, threads: 1 });
      } catch (e) {
        expect(e).to.be.instanceOf(RunRefusedError);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(await refusal({ seed: 12, fork: { from: 'stored', scenarioId: 'stored-run', year: 2027 } })).to.match(/was made from other inputs than this what-if/);
    expect(await refusal({ fork: { from: 'stored', scenarioId: 'nope', year: 2027 } })).to.match(/holds no run of nope \(it holds /);
    expect(await refusal({ fork: { from: 'nowhere', scenarioId: 'stored-run', year: 2027 } })).to.match(/is not a vested log/);
    const partial = decoded({ ...json, whatifId: 'p', variants: [{ name: 'run' }] }, tmp);
    await runToLog({ ...partial.base, scenarioId: 'partial' }, { out: join(tmp, 'partial'), stopAfterYears: 1 });
    expect(await refusal({ fork: { from: 'partial', scenarioId: 'partial', year: 2027 } })).to.match(/complete only to 2026/);
  });
});
