/**
 * The piscina worker of statesAsOfThreaded (states-as-of-threads.ts): the states of one slice
 * of a run's participants on a date, computed by statesAsOf on this thread's own read of the
 * log. The log and the run (plan design, machine) are opened once per thread and kept while
 * they are the same (the same data file, the same run metadata), so a slice costs its
 * participants, not an LMDB open and a machine build.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { IsoDate } from '../rules/calendar.js';
import { openLog } from './log.js';
import type { EventLog } from './log.js';
import { replayableRun } from './state-as-of.js';
import type { ParticipantState, ReplayableRun } from './state-as-of.js';
import { statesAsOf } from './states-as-of.js';

/** One slice: the participants with ids in [fromId, toId) (toId absent: to the end). */
export interface StatesTask {
  readonly dir: string;
  readonly scenarioId: string;
  readonly date: IsoDate;
  readonly fromId: string;
  readonly toId?: string;
}

/** Open logs by folder, with the identity of the data file they were opened on; the last few only. */
const logs = new Map<string, { log: EventLog; file: string }>();
const KEEP_LOGS = 4;
const runs = new Map<string, ReplayableRun>();

function runOf(log: EventLog, scenarioId: string): ReplayableRun {
  const key = `${log.dir}\u0000${scenarioId}`;
  const cached = runs.get(key);
  if (cached !== undefined && isDeepStrictEqual(cached.meta, log.getMetadata(scenarioId))) return cached;
  const run = replayableRun(log, scenarioId);
  runs.set(key, run);
  return run;
}

/** The log in `dir`, reopened when the folder now holds another log (removed and created again). */
function logIn(dir: string): EventLog {
  const s = statSync(join(dir, 'data.mdb'));
  const file = `${s.dev}:${s.ino}:${s.birthtimeMs}`;
  const open = logs.get(dir);
  logs.delete(dir);
  if (open !== undefined && open.file === file) {
    logs.set(dir, open);
    return open.log;
  }
  if (open !== undefined) forget(dir, open.log);
  const log = openLog(dir);
  logs.set(dir, { log, file });
  for (const [d, o] of logs) {
    if (logs.size <= KEEP_LOGS) break;
    logs.delete(d);
    forget(d, o.log);
  }
  return log;
}

function forget(dir: string, log: EventLog): void {
  for (const key of runs.keys()) if (key.startsWith(`${dir}\u0000`)) runs.delete(key);
  void log.close();
}

export default function states(task: StatesTask): ParticipantState[] {
  const log = logIn(task.dir);
  const range = task.toId === undefined ? { fromId: task.fromId } : { fromId: task.fromId, toId: task.toId };
  return [...statesAsOf(log, task.scenarioId, task.date, { run: runOf(log, task.scenarioId), ...range })];
}
