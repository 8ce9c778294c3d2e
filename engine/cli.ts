/**
 * The `vested` command line. Each command lives in `engine/commands/<name>.ts` and exports a
 * function that registers it on the program; this file only wires them. Usage errors exit 2,
 * like an unreadable input file.
 */
import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.js';
import { registerIngest } from './commands/ingest.js';
import { registerExport } from './commands/export.js';
import { registerCheck } from './commands/check.js';
import { registerCensus } from './commands/census.js';
import { registerRun } from './commands/run.js';
import { registerReport } from './commands/report.js';
import { registerHistory } from './commands/history.js';
import { registerReplay } from './commands/replay.js';
import { registerBalances } from './commands/balances.js';
import { registerWhatIf } from './commands/whatif.js';

/** Every command, in the order `vested --help` lists them. Add a command by adding its register function. */
const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerRun, registerWhatIf, registerReport, registerHistory, registerBalances, registerReplay, registerValidate, registerIngest, registerExport, registerCheck, registerCensus];

export function buildProgram(): Command {
  const program = new Command('vested')
    .description('participant-level 401(k) plan simulation engine')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

// `vested export … | head`: the reader has what it wanted; stop quietly, as a Unix filter does on SIGPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  process.exitCode = e.exitCode === 0 ? 0 : 2;
}
