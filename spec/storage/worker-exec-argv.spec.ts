import { expect } from 'chai';
import { workerExecArgv, workerExecArgvWithoutTsx } from '../../storage/worker-exec-argv.js';

const tsx = import.meta.resolve('tsx');

describe('storage/worker-exec-argv', () => {
  it('leaves a process started with tsx to pass its options on (V8 ones included)', () => {
    expect(workerExecArgv(['--import', 'tsx', '--expose-gc'])).to.equal(undefined);
    expect(workerExecArgv(['--import=tsx'])).to.equal(undefined);
  });

  it('adds tsx for a process that registered it in code, with the module-loading options only', () => {
    expect(workerExecArgv([])).to.deep.equal(['--import', tsx]);
    expect(workerExecArgv(['--max-old-space-size=4096', '--conditions', 'dev', '--require', './a.cjs'])).to.deep.equal(['--conditions', 'dev', '--require', './a.cjs', '--import', tsx]);
  });

  it('drops the options of the main script (-e, --input-type), even when its text mentions tsx', () => {
    expect(workerExecArgv(['--input-type=module', '-e', "await import('tsx/esm/api')"])).to.deep.equal(['--import', tsx]);
    expect(workerExecArgv(['--import', 'tsx', '--input-type', 'module', '--eval', '1'])).to.deep.equal(['--import', 'tsx']);
  });
});

describe('storage/worker-exec-argv: a worker that registers tsx itself', () => {
  it('keeps the module-loading options other than tsx, and nothing else', () => {
    expect(workerExecArgvWithoutTsx(['--import', 'tsx', '--expose-gc'])).to.deep.equal([]);
    expect(workerExecArgvWithoutTsx(['--import=tsx', '--conditions', 'dev', '--require', './a.cjs', '--max-old-space-size=4096'])).to.deep.equal(['--conditions', 'dev', '--require', './a.cjs']);
    expect(workerExecArgvWithoutTsx(['--import', tsx, '--input-type', 'module', '--eval', '1'])).to.deep.equal([]);
    expect(workerExecArgvWithoutTsx([])).to.deep.equal([]);
  });
});
