import { expect } from 'chai';
import { workerExecArgv } from '../../storage/worker-exec-argv.js';

const tsx = import.meta.resolve('tsx');

describe('storage/worker-exec-argv', () => {
  it('keeps the module-loading options other than those registering tsx (the worker entry registers it)', () => {
    expect(workerExecArgv(['--import', 'tsx', '--expose-gc'])).to.deep.equal([]);
    expect(workerExecArgv(['--import=tsx'])).to.deep.equal([]);
    expect(workerExecArgv(['--import', tsx])).to.deep.equal([]);
    expect(workerExecArgv(['--import=tsx', '--conditions', 'dev', '--require', './a.cjs', '--max-old-space-size=4096'])).to.deep.equal(['--conditions', 'dev', '--require', './a.cjs']);
    expect(workerExecArgv([])).to.deep.equal([]);
  });

  it('drops the options of the main script (-e, --input-type), even when its text mentions tsx', () => {
    expect(workerExecArgv(['--input-type=module', '-e', "await import('tsx/esm/api')"])).to.deep.equal([]);
    expect(workerExecArgv(['--import', 'tsx', '--input-type', 'module', '--eval', '1', '--conditions=x'])).to.deep.equal(['--conditions=x']);
  });
});
