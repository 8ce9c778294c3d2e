// Mocha's spec reporter plus the one closing line CI reads: "N passed, N failed".
const { reporters } = require('mocha');

class CiReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const s = runner.stats;
      console.log(`${s.passes} passed, ${s.failures} failed`);
    });
  }
}

module.exports = CiReporter;
