/**
 * The examples are part of the product: each runs here, as a newcomer would run it, on a
 * small census, so they never rot. They import only from 'vested' (the public entry).
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as vested from 'vested';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = async (script: string, args: string[]): Promise<string> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join('examples', script), ...args], {
    cwd: root,
    env: { ...process.env, VESTED_EMPLOYEES: '60' },
  });
  return stdout;
};

describe('examples', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-examples-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('are small and import only the public entry', () => {
    for (const f of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(root, 'examples', f), 'utf8');
      expect(text.split('\n').length, f).to.be.at.most(60);
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => i !== 'vested' && !i!.startsWith('node:')), f).to.deep.equal([]);
    }
  });

  it('the public entry runs a scenario in process, by generator, async iterator or callback, alike', async () => {
    const s = vested.loadScenarioSync(join(root, 'examples', 'scenario.json'));
    if (s._tag === 'Left') throw new Error(s.left.join('\n'));
    const small: vested.Scenario = { ...s.right, census: s.right.census.slice(0, 40), years: 2 };
    let events = 0;
    const metrics = vested.runInProcess(small, { onEvent: () => void events++ });
    const viaAsync: vested.YearMetrics[] = [];
    for await (const y of vested.runYearsAsync(small)) viaAsync.push(y.metrics);
    expect(viaAsync).to.deep.equal(metrics);
    expect([...vested.runYears(small)].map((y) => [...y.events()].length).reduce((a, b) => a + b)).to.equal(events);
    expect(metrics.map((m) => m.year)).to.deep.equal([2026, 2027]);
    expect(typeof vested.stateAsOf).to.equal('function');
    expect(typeof vested.statesAsOfThreaded).to.equal('function');
    expect(typeof vested.runWhatIf).to.equal('function');
  });

  it('embed-run.ts prints each year and the summary', async () => {
    const out = await run('embed-run.ts', ['examples/scenario.json', '60']);
    expect(out).to.match(/^2026: \d+ contribution events, employer match \d+\.\d\d$/m);
    expect(out).to.match(/^ +2026 +2027 +2028$/m);
    expect(out).to.match(/^headcount start +60 /m);
  });

  it('replay-participant.ts runs a log, then replays one participant as of a date', async () => {
    const out = await run('replay-participant.ts', []);
    expect(out).to.match(/^replayed \d+ participants, \d+ snapshots, \d+ differences$/m);
    expect(out).to.match(/^E000002 in acme-2026-baseline: \d+ events; the first ten:$/m);
    expect(out).to.match(/^ +#\d+ 2026-01-01 hire$/m);
    expect(out).to.match(/^as of 2027-06-30: employed\.enrolled\.(deferring|atZero), deferring 0\.\d{4}$/m);
    expect(out).to.match(/^ +employee_pre_tax +\d+\.\d\d$/m);
  });

  it('compare-designs.ts compares three designs side by side', async () => {
    const dir = join(tmp, 'compare');
    const out = await run('compare-designs.ts', [dir, '60']);
    expect(out).to.match(/^2026 +baseline +richer-match +Δ richer-match +safe-harbor +Δ safe-harbor$/m);
    expect(out).to.match(/^hires( +\d+){5}$/m);
    const json = JSON.parse(readFileSync(join(dir, 'whatif.json'), 'utf8')) as { variants: { scenarioId: string }[] };
    expect(json.variants.map((v) => v.scenarioId)).to.deep.equal(['compare-designs/baseline', 'compare-designs/richer-match', 'compare-designs/safe-harbor']);
  });
});
