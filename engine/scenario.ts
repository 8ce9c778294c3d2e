/**
 * Scenario files (DESIGN.md "Scenario file and census"): `{ scenarioId, seed, startYear,
 * years, census, plan, workforce?, events? }`. Decoding checks every part and reports every
 * problem at once, each with its path (`plan.match.tiers.0.upTo: …`, `events.3.payload…`,
 * `census.csv:14: deferral_rate: …`). Relative paths resolve against the scenario file.
 * The result is frozen: a run, or a what-if variant, can never change another's inputs.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import { decodeScriptedEvent } from '../actors/events/index.js';
import type { ScriptedEvent } from '../actors/events/index.js';
import { decodePlanDesign } from '../rules/plan-design.js';
import type { PlanDesign } from '../rules/plan-design.js';
import { IRS_LIMIT_TABLE } from '../rules/limits.js';
import { jan1 } from '../rules/calendar.js';
import type { IsoDate } from '../rules/calendar.js';
import type { CensusRow } from './census/row.js';
import { capErrors, decodeInlineCensus, parseCensusCsv } from './census/load.js';
import { decodeWorkforce } from './workforce/model.js';
import type { WorkforceModel } from './workforce/model.js';

export interface Scenario {
  readonly scenarioId: string;
  readonly seed: number;
  readonly startYear: number;
  /** 1 to 40. */
  readonly years: number;
  readonly census: readonly CensusRow[];
  readonly plan: PlanDesign;
  /** null: the workforce changes only through `events`. */
  readonly workforce: WorkforceModel | null;
  readonly events: readonly ScriptedEvent[];
}

export const MAX_YEARS = 40;
export const LAST_START_YEAR = 2200;
const KEYS = ['scenarioId', 'seed', 'startYear', 'years', 'census', 'plan', 'workforce', 'events'] as const;
const REQUIRED = ['scenarioId', 'seed', 'startYear', 'years', 'census', 'plan'] as const;

const show = (u: unknown): string => (u === undefined ? 'nothing' : JSON.stringify(u) ?? String(u));
const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

function integerIn(u: unknown, min: number, max: number, key: string, what: string, errors: string[]): number | undefined {
  if (typeof u !== 'number' || !Number.isSafeInteger(u)) {
    errors.push(`${key}: expected an integer, got ${show(u)}`);
    return undefined;
  }
  if (u < min || u > max) {
    errors.push(`${key}: ${u} is out of range; ${what}`);
    return undefined;
  }
  return u;
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/**
 * Decodes a parsed scenario. `label` (e.g. the scenario file's name) prefixes the scenario's
 * own messages (`scenario.json: years: …`); census CSV messages carry the census file's own
 * name and line.
 */
function decodeScenarioCore(json: unknown, label: string | undefined, csv: CsvCensus): Either<string[], Scenario> {
  const own: string[] = [];
  const censusErrors: string[] = [];
  if (!isObject(json)) return left([`${label === undefined ? '' : `${label}: `}expected a JSON object with ${REQUIRED.join(', ')}`]);
  for (const k of REQUIRED) if (json[k] === undefined) own.push(`${k}: required`);
  for (const k of Object.keys(json)) if (!(KEYS as readonly string[]).includes(k)) own.push(`${k}: unknown field; a scenario has ${KEYS.join(', ')}`);

  const idValue = json.scenarioId;
  let scenarioId: string | undefined;
  if (idValue !== undefined) {
    if (typeof idValue === 'string' && idValue.length > 0) scenarioId = idValue;
    else own.push(`scenarioId: expected a non-empty string, got ${show(idValue)}`);
  }
  const seed = json.seed === undefined ? undefined : integerIn(json.seed, 0, Number.MAX_SAFE_INTEGER, 'seed', 'a seed is a non-negative integer', own);
  const firstStart = IRS_LIMIT_TABLE.firstYear + 1; // year 1's HCE test reads the limits of the year before
  const startYear = json.startYear === undefined ? undefined : integerIn(json.startYear, firstStart, LAST_START_YEAR, 'startYear', `start years are ${firstStart} to ${LAST_START_YEAR}`, own);
  const years = json.years === undefined ? undefined : integerIn(json.years, 1, MAX_YEARS, 'years', `years are 1 to ${MAX_YEARS}`, own);

  let plan: PlanDesign | undefined;
  if (json.plan !== undefined) {
    const r = decodePlanDesign(json.plan);
    if (r._tag === 'Left') own.push(...r.left.map((m) => `plan.${m}`));
    else plan = r.right;
  }
  let workforce: WorkforceModel | null = null;
  if (json.workforce !== undefined) {
    const r = decodeWorkforce(json.workforce, 'workforce');
    if (r._tag === 'Left') own.push(...r.left);
    else workforce = r.right;
  }
  const events: ScriptedEvent[] = [];
  if (json.events !== undefined) {
    if (!Array.isArray(json.events)) own.push(`events: expected an array of scripted events, got ${show(json.events)}`);
    else
      json.events.forEach((ev: unknown, i) => {
        const r = decodeScriptedEvent(ev);
        if (r._tag === 'Left') own.push(...r.left.map((m) => `events.${i}.${m}`));
        else events.push(r.right);
      });
  }

  let census: CensusRow[] | undefined;
  if (json.census !== undefined && startYear !== undefined) {
    const start = jan1(startYear);
    if (typeof json.census === 'string') {
      if (json.census === '') own.push('census: expected a CSV path or an array of employees, got ""');
      else {
        const r = csv(json.census, start);
        if (r._tag === 'Left') censusErrors.push(...r.left);
        else census = r.right;
      }
    } else {
      const r = decodeInlineCensus(json.census, start, 'census');
      if (r._tag === 'Left') own.push(...r.left);
      else census = r.right;
    }
  }

  if (own.length > 0 || censusErrors.length > 0) {
    const prefix = label === undefined ? '' : `${label}: `;
    return left(capErrors([...own.map((m) => prefix + m), ...censusErrors]));
  }
  return right(
    deepFreeze({ scenarioId: scenarioId!, seed: seed!, startYear: startYear!, years: years!, census: census!, plan: plan!, workforce, events }),
  );
}

/** How the core reads a CSV census (a path relative to the scenario file). */
type CsvCensus = (path: string, start: IsoDate) => Either<string[], CensusRow[]>;

function readCensusFile(path: string, start: IsoDate, label: string): Either<string[], CensusRow[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return left([`${label}: cannot read the census file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  return parseCensusCsv(text, label, start);
}

/** Decodes a parsed scenario synchronously; a census CSV path resolves against `baseDir` (the scenario file's folder). */
export function decodeScenarioSync(json: unknown, baseDir: string = process.cwd(), label?: string): Either<string[], Scenario> {
  return decodeScenarioCore(json, label, (path, start) => readCensusFile(resolve(baseDir, path), start, path));
}

/** {@link decodeScenarioSync} behind a promise. */
export async function decodeScenario(json: unknown, baseDir: string = process.cwd(), label?: string): Promise<Either<string[], Scenario>> {
  return decodeScenarioSync(json, baseDir, label);
}

/** Reads, parses and decodes a scenario file; messages name the file, census paths resolve against its folder. */
export function loadScenarioSync(path: string): Either<string[], Scenario> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return left([`${path}: cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return left([`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  return decodeScenarioSync(json, dirname(resolve(path)), path);
}

/** {@link loadScenarioSync} behind a promise. */
export async function loadScenario(path: string): Promise<Either<string[], Scenario>> {
  return loadScenarioSync(path);
}
