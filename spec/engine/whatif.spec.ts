import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { METRIC_COLUMNS } from '../../engine/metrics.js';
import { RunRefusedError } from '../../engine/run.js';
import { decodeWhatIf, loadWhatIfSync } from '../../engine/whatif/format.js';
import { deriveDesign } from '../../engine/whatif/variants.js';
import { runWhatIf } from '../../engine/whatif/run.js';
import { WHATIF_METRICS } from '../../engine/whatif/compare.js';
import type { Comparison } from '../../engine/whatif/compare.js';
import { whatifCommand } from '../../engine/commands/whatif.js';
import { planDesign } from '../../rules/plan-design.js';
import { checkLog } from '../../storage/check.js';
import { openLog } from '../../storage/log.js';
import { BASE, decoded, eventsOf, whatifJson } from './whatif-fixtures.js';

const errorsOf = (json: unknown, dir: string): string[] => {
  const r = decodeWhatIf(json, dir, 'w.json');
  return r._tag === 'Left' ? r.left : [];
};

describe('what-if files', () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-whatif-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('decodes variants from the base, a full design or overrides, into frozen scenarios <whatifId>/<name>', () => {
    writeFileSync(join(tmp, 'plan.json'), JSON.stringify({ planId: 'P', planDesignId: 'file', core: { rate: '0.02' } }));
    const json = whatifJson(tmp, 5);
    (json.variants as unknown[]).push({ name: 'from-file', plan: 'plan.json' });
    const w = decoded(json, tmp);
    expect(w.variants.map((v) => v.scenario.scenarioId)).to.deep.equal(['spec/base', 'spec/rich', 'spec/core', 'spec/from-file']);
    expect(w.variants.map((v) => v.scenario.plan.planDesignId)).to.deep.equal(['base', 'rich', 'core', 'file']);
    const [base, rich] = w.variants;
    expect(rich!.scenario.plan.match.tiers).to.deep.equal([{ upTo: 600, rate: 10000 }]);
    expect(rich!.scenario.plan.autoEnrollment.enabled).to.equal(true);
    // Untouched parts are shared with the base (structural sharing), and everything is frozen.
    expect(rich!.scenario.census).to.equal(base!.scenario.census);
    expect(rich!.scenario.plan.eligibility).to.deep.equal(base!.scenario.plan.eligibility);
    expect(Object.isFrozen(rich!.scenario)).to.equal(true);
    expect(Object.isFrozen(rich!.scenario.plan.match)).to.equal(true);
    expect(base!.scenario.plan.match.tiers).to.have.length(2);
  });

  it('derives a design with immer without touching the frozen base', () => {
    const base = planDesign(BASE);
    const r = deriveDesign(base, { limits: { overrides: { '2027': { electiveDeferral: '1000' } } }, match: { trueUp: false } });
    expect(r._tag).to.equal('Right');
    if (r._tag === 'Right') {
      expect(r.right.limits.overrides['2027']).to.deep.equal({ electiveDeferral: 100000 });
      expect(r.right.match.trueUp).to.equal(false);
      expect(r.right.match.tiers).to.deep.equal(base.match.tiers);
    }
    expect(base.match.trueUp).to.equal(true);
    expect(base.limits.overrides).to.deep.equal({});
  });

  it('refuses bad input with every problem and its path', () => {
    const json = whatifJson(tmp, 5, {
      extra: 1,
      years: 0,
      variants: [
        { name: 'a', overrides: { match: { tiers: [{ upTo: '0.06', rate: '2' }] }, typo: true } },
        { name: 'a' },
        { name: 'b/c', plan: { planId: 'P' } },
        { name: 'd', plan: BASE, overrides: {} },
        { name: 'e', plan: 'missing.json' },
      ],
      fork: { from: 'x', scenarioId: 's', year: 2026, when: 1 },
    });
    const errors = errorsOf(json, tmp);
    expect(errors).to.include.members([
      'w.json: extra: unknown field; a what-if has whatifId, seed, startYear, years, census, workforce, events, base, variants, fork',
      'w.json: variants.1.name: "a" is already the name of variants.0',
      'w.json: variants.3: give plan (a full design) or overrides (fields merged into base), not both',
      'w.json: fork.when: unknown field; a fork has from, scenarioId, year',
    ]);
    const has = (re: RegExp): void => void expect(errors.some((e) => re.test(e)), `${re} in\n${errors.join('\n')}`).to.equal(true);
    has(/^w\.json: years: 0 is out of range/);
    has(/^w\.json: variants\.0\.overrides\.match\.tiers\.0\.rate: /);
    has(/^w\.json: variants\.0\.overrides\.typo: unknown field/);
    has(/^w\.json: variants\.2\.name: expected a name/);
    has(/^w\.json: variants\.2\.plan\.planDesignId: /);
    has(/^w\.json: variants\.4\.plan: missing\.json: cannot read/);
    expect(errorsOf({ ...whatifJson(tmp, 5), fork: { from: 'x', scenarioId: 's', year: 2027 } }, tmp)).to.deep.equal([
      'w.json: fork.year: 2027 is out of range; a fork keeps the stored years 2026 to N and simulates at least one more, so N is 2026 to 2026',
    ]);
    expect(errorsOf({ ...whatifJson(tmp, 5), variants: [] }, tmp)[0]).to.match(/^w\.json: variants: expected a non-empty array/);
    expect(errorsOf({ ...whatifJson(tmp, 5), base: { planId: 'P', planDesignId: 'b', match: { tier: [] } } }, tmp)).to.deep.equal([
      'w.json: base.match.tier: unknown field',
    ]);
  });

  it('loads the bundled examples/whatif.json', () => {
    const r = loadWhatIfSync(new URL('../../examples/whatif.json', import.meta.url).pathname);
    if (r._tag === 'Left') throw new Error(r.left.join('\n'));
    expect(r.right.variants.map((v) => v.name)).to.deep.equal(['basic', 'richer-match', 'safe-harbor-core']);
    expect(r.right.base.census).to.have.length(10_000);
  });

  it('keeps its metric list in step with the run summary', () => {
    expect(WHATIF_METRICS.map((m) => m.label)).to.deep.equal(METRIC_COLUMNS.map(([label]) => label));
  });
});

describe('vested whatif: runs, common random numbers, comparison files', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-whatif-run-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('runs every design into its own scenario of one folder; workforce events are identical under every design', async () => {
    const out = join(tmp, 'out');
    const w = decoded(whatifJson(tmp, 150), tmp);
    const outcome = await runWhatIf(w, { out, threads: 1 });
    expect(outcome.variants.map((v) => [v.scenarioId, v.status, v.firstSimulatedYear, v.metrics.length])).to.deep.equal([
      ['spec/base', 'complete', 2026, 2],
      ['spec/rich', 'complete', 2026, 2],
      ['spec/core', 'complete', 2026, 2],
    ]);
    const log = openLog(out);
    expect(log.scenarios()).to.deep.equal(['spec/base', 'spec/core', 'spec/rich']);
    expect(checkLog(log).problems).to.deep.equal([]);
    await log.close();

    const workforce = new Set(['hire', 'termination', 'merit', 'promotion']);
    const of = async (id: string): Promise<unknown[]> =>
      (await eventsOf(out, id)).filter((e) => workforce.has((e as { payload: { eventType: string } }).payload.eventType)).map((e) => ({ ...(e as object), sequence: 0 }));
    const base = await of('spec/base');
    expect(base.length).to.be.greaterThan(300);
    expect(await of('spec/rich')).to.deep.equal(base);
    expect(await of('spec/core')).to.deep.equal(base);
    // … and the designs do make a difference.
    const [b, r, c] = outcome.variants.map((v) => v.metrics[1]!);
    expect(r!.employerMatch).to.be.greaterThan(b!.employerMatch);
    expect(c!.employerMatch).to.equal(0);
    expect(c!.employerCore).to.be.greaterThan(0);

    const json = JSON.parse(readFileSync(join(out, 'whatif.json'), 'utf8')) as Comparison;
    expect(json.baseline).to.equal('base');
    expect(json.table.map((t) => t.year)).to.deep.equal([2026, 2027]);
    const row = (year: number, metric: string) => json.table.find((t) => t.year === year)!.rows.find((x) => x.metric === metric)!;
    const match = row(2027, 'employerMatch');
    expect(match.values.base).to.match(/^\d+\.\d\d$/);
    expect(match.differences).to.have.keys(['rich', 'core']);
    expect(Math.round(Number(match.differences.rich) * 100)).to.equal(r!.employerMatch - b!.employerMatch);
    expect(match.differences.core).to.equal(`-${match.values.base}`);
    expect(row(2026, 'participationRate').values.rich).to.match(/^0\.\d{4}$/);
    expect(row(2026, 'hires').differences).to.deep.equal({ rich: 0, core: 0 });
    expect(row(2026, 'adpPassed').values.core).to.equal(null);

    const csv = readFileSync(join(out, 'whatif.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).to.equal('year,metric,label,base,rich,core,rich - base,core - base');
    expect(csv).to.have.length(1 + 2 * METRIC_COLUMNS.length);
    expect(csv).to.include(`2027,employerMatch,employer match,${match.values.base},${match.values.rich},${match.values.core},${match.differences.rich},${match.differences.core}`);
  });

  it('writes the same log on worker threads (a variant per worker, or partitions) as in process', async () => {
    const json = { ...whatifJson(tmp, 60), variants: [{ name: 'base' }, { name: 'rich', overrides: { planDesignId: 'rich', match: { tiers: [{ upTo: '0.06', rate: '1' }] } } }] };
    const w = decoded(json, tmp);
    await runWhatIf(w, { out: join(tmp, 'one'), threads: 1 });
    await runWhatIf(w, { out: join(tmp, 'two'), threads: 2 });
    await runWhatIf(w, { out: join(tmp, 'parts'), threads: 2, parallel: 'partitions' });
    for (const dir of ['two', 'parts']) {
      for (const id of ['spec/base', 'spec/rich']) expect(await eventsOf(join(tmp, dir), id), `${dir} ${id}`).to.deep.equal(await eventsOf(join(tmp, 'one'), id));
      expect(readFileSync(join(tmp, dir, 'whatif.json'), 'utf8')).to.equal(readFileSync(join(tmp, 'one', 'whatif.json'), 'utf8'));
    }
  });

  it('reads a complete what-if back, and refuses a folder holding other inputs under the same ids', async () => {
    const w = decoded(whatifJson(tmp, 150), tmp);
    const again = await runWhatIf(w, { out: join(tmp, 'out'), threads: 1 });
    expect(again.variants.map((v) => v.status)).to.deep.equal(['already-complete', 'already-complete', 'already-complete']);
    expect(again.variants[1]!.metrics).to.have.length(2);
    const other = decoded({ ...whatifJson(tmp, 150), seed: 12 }, tmp);
    let refused: unknown;
    await runWhatIf(other, { out: join(tmp, 'out'), threads: 1 }).catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(RunRefusedError);
    expect((refused as Error).message).to.match(/holds a run of spec\/base with other inputs/);
  });

  it('the command prints the side-by-side table and exits 1 on a bad file', async () => {
    writeFileSync(join(tmp, 'w.json'), JSON.stringify({ ...whatifJson(tmp, 40), years: 1 }));
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    expect(await whatifCommand(join(tmp, 'w.json'), { out: join(tmp, 'cmd'), threads: 1 }, out, err)).to.equal(0);
    expect(text).to.match(/^spec: 3 designs \(base, rich, core\), 1 years? from 2026/);
    expect(text).to.match(/\n2026 +base +rich +Δ rich +core +Δ core\n/);
    expect(text).to.match(/\nhires +\d+ +\d+ +0 +\d+ +0\n/);
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ ...whatifJson(tmp, 5), variants: 3 }));
    let problems = '';
    err.on('data', (c: Buffer) => (problems += c.toString()));
    expect(await whatifCommand(join(tmp, 'bad.json'), {}, out, err)).to.equal(1);
    expect(problems).to.match(/bad\.json: variants: expected a non-empty array/);
  });
});

describe('vested whatif: resume', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-whatif-resume-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('an interrupted what-if resumes each variant after its last complete year and ends with the same log', async () => {
    const w = decoded({ ...whatifJson(tmp, 80), years: 3 }, tmp);
    const whole = await runWhatIf(w, { out: join(tmp, 'whole'), threads: 1 });
    const stopped = await runWhatIf(w, { out: join(tmp, 'resumed'), threads: 1, stopAfterYears: 1 });
    expect(stopped.variants.map((v) => v.status)).to.deep.equal(['stopped', 'stopped', 'stopped']);
    const resumed = await runWhatIf(w, { out: join(tmp, 'resumed'), threads: 2 });
    expect(resumed.variants.map((v) => [v.status, v.firstSimulatedYear])).to.deep.equal([
      ['complete', 2027],
      ['complete', 2027],
      ['complete', 2027],
    ]);
    expect(resumed.variants.map((v) => v.metrics)).to.deep.equal(whole.variants.map((v) => v.metrics));
    for (const v of w.variants) expect(await eventsOf(join(tmp, 'resumed'), v.scenario.scenarioId)).to.deep.equal(await eventsOf(join(tmp, 'whole'), v.scenario.scenarioId));
    expect(readFileSync(join(tmp, 'resumed', 'whatif.json'), 'utf8')).to.equal(readFileSync(join(tmp, 'whole', 'whatif.json'), 'utf8'));
  });
});
