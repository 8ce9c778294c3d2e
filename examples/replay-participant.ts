/**
 * Replay a log and time-travel one participant: their event history, and their state as of a
 * date (the latest stored snapshot on or before it + the events after it, through the machine).
 *
 *   node --import tsx examples/replay-participant.ts [LOG_DIR SCENARIO_ID] [EMPLOYEE_ID] [AS_OF]
 *
 * Without a log it first runs the example scenario (first 200 employees, or VESTED_EMPLOYEES,
 * 2 years) into a temporary folder. EMPLOYEE_ID defaults to E000002, AS_OF to 2027-06-30.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney, formatRate, isoDate, loadScenarioSync, openLog, replayScenario, runToLog, stateAsOf, statePath } from 'vested';

let [dir, scenarioId, employeeId = 'E000002', asOf = '2027-06-30'] = process.argv.slice(2);
if (dir === undefined || scenarioId === undefined) {
  const s = loadScenarioSync(new URL('./scenario.json', import.meta.url).pathname);
  if (s._tag === 'Left') throw new Error(s.left.join('\n'));
  const small = { ...s.right, census: s.right.census.slice(0, Number(process.env.VESTED_EMPLOYEES ?? 200)), years: 2 };
  dir = join(mkdtempSync(join(tmpdir(), 'vested-replay-')), 'log');
  scenarioId = small.scenarioId;
  await runToLog(small, { out: dir });
}
const log = openLog(dir);

// Replay the whole log through fresh actors: it must reproduce every stored event and snapshot.
const replay = replayScenario(log, scenarioId);
console.log(`replayed ${replay.participants} participants, ${replay.snapshotsCompared} snapshots, ${replay.differences.length} differences`);

// One participant's history…
const history = log.history(scenarioId, employeeId);
console.log(`\n${employeeId} in ${scenarioId}: ${history.length} events; the first ten:`);
for (const e of history.slice(0, 10)) {
  const p = e.payload;
  console.log(`  #${e.sequence} ${e.effectiveDate} ${p.eventType}${p.eventType === 'contribution' ? ` ${formatMoney(p.amount)} (${p.source})` : ''}`);
}

// … and their state on any date.
const state = stateAsOf(log, scenarioId, employeeId, isoDate(asOf));
if (state === undefined) console.log(`\nnot hired by ${asOf}`);
else {
  const e = state.context.enrollment;
  console.log(`\nas of ${asOf}: ${statePath(state.state)}, deferring ${e === null ? 'nothing' : formatRate(e.preTax + e.roth)}`);
  for (const [source, cents] of Object.entries(state.balances)) console.log(`  ${source.padEnd(24)} ${formatMoney(cents ?? 0).padStart(12)}`);
}
await log.close();
