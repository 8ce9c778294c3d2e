/**
 * A strict loader for dated parameter files (OpenFisca style, STYLE.md): one YAML file per
 * legal number, each value dated and sourced. Everything that could make a limit silently
 * wrong is an error at load time naming the file and the key: YAML syntax, duplicate keys,
 * unknown keys, a missing unit or reference, a date that is not a real January 1, a value
 * that is not a non-negative amount, a status other than official/projected.
 * `rules/` reads only these files, once, when `limits.ts` is first imported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { parseIsoDate, yearOf, type IsoDate } from './calendar.js';
import { parseMoney, type Cents } from './units.js';

export type ParameterStatus = 'official' | 'projected';

/** One dated value: in effect from `date` (always January 1 of `year`) until the next one. */
export interface DatedValue {
  readonly date: IsoDate;
  readonly year: number;
  readonly value: Cents;
  readonly status: ParameterStatus;
  readonly reference?: string;
}

export interface Parameter {
  /** The file name without `.yaml`, e.g. `elective_deferral_limit`. */
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly unit: 'USD';
  readonly reference: string;
  /** Ascending by date, at least one. */
  readonly values: readonly DatedValue[];
}

/** Thrown when parameter files are invalid; `problems` lists each as `file: key: reason`. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid parameter files:\n  ${problems.join('\n  ')}`);
  }
}

const TOP_KEYS = ['description', 'metadata', 'values'];
const METADATA_KEYS = ['unit', 'reference'];
const VALUE_KEYS = ['value', 'status', 'reference'];
const UNITS = ['USD'];
const STATUSES: readonly string[] = ['official', 'projected'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** A YAML syntax error as one line; a duplicate key names the key. */
function yamlProblem(e: unknown, text: string): string {
  const err = e as { code?: string; pos?: readonly number[]; message?: string };
  const first = String(err.message ?? e).split('\n')[0]?.replace(/:$/, '') ?? '';
  const where = / at line \d+, column \d+$/.exec(first)?.[0] ?? '';
  if (err.code === 'DUPLICATE_KEY') {
    const key = text.slice(err.pos?.[0] ?? 0).match(/^[^:\n]*/)?.[0]?.trim() ?? '';
    return `duplicate key ${JSON.stringify(key)}${where}`;
  }
  return `not valid YAML: ${first}`;
}

/** Parses one parameter file's text; returns the parameter or the problems (each naming `file`). */
export function parseParameter(file: string, text: string): { parameter?: Parameter; problems: readonly string[] } {
  const problems: string[] = [];
  const fail = (key: string, reason: string): void => void problems.push(`${file}: ${key === '' ? '' : `${key}: `}${reason}`);
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    fail('', yamlProblem(e, text));
    return { problems };
  }
  if (!isObject(doc)) {
    fail('', 'must be a mapping with description, metadata and values');
    return { problems };
  }
  const unknown = (o: Json, allowed: readonly string[], prefix: string): void => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(prefix + k, 'unknown key');
  };
  unknown(doc, TOP_KEYS, '');
  for (const k of TOP_KEYS) if (doc[k] === undefined) fail(k, 'missing');
  if (doc['description'] !== undefined && !nonEmpty(doc['description'])) fail('description', 'must be a non-empty string');

  const meta = doc['metadata'];
  if (meta !== undefined && !isObject(meta)) fail('metadata', 'must be a mapping with unit and reference');
  if (isObject(meta)) {
    unknown(meta, METADATA_KEYS, 'metadata.');
    if (meta['unit'] === undefined) fail('metadata.unit', 'missing (the unit of the values, e.g. USD)');
    else if (!UNITS.includes(meta['unit'] as string)) fail('metadata.unit', `must be one of ${UNITS.join(', ')}, got ${JSON.stringify(meta['unit'])}`);
    if (meta['reference'] === undefined) fail('metadata.reference', 'missing (the legal source of the values)');
    else if (!nonEmpty(meta['reference'])) fail('metadata.reference', 'must be a non-empty string');
  }

  const values: DatedValue[] = [];
  const raw = doc['values'];
  if (raw !== undefined && (!isObject(raw) || Object.keys(raw).length === 0)) {
    fail('values', 'must be a non-empty mapping of dates (YYYY-01-01) to { value, status }');
  } else if (isObject(raw)) {
    for (const [key, entry] of Object.entries(raw)) {
      const at = `values.${key}`;
      const date = parseIsoDate(key);
      if (!date.ok) fail(at, `${date.error} (dates are YYYY-01-01)`);
      else if (!key.endsWith('-01-01')) fail(at, 'must be a January 1 date: a limit holds for a whole calendar (plan) year');
      if (!isObject(entry)) {
        fail(at, 'must be a mapping { value, status }');
        continue;
      }
      unknown(entry, VALUE_KEYS, `${at}.`);
      const v = entry['value'];
      const money = typeof v === 'number' ? parseMoney(v) : undefined;
      if (v === undefined) fail(`${at}.value`, 'missing');
      else if (money === undefined || !money.ok || money.value < 0) {
        fail(`${at}.value`, `must be a non-negative number of dollars (at most 2 decimals), got ${JSON.stringify(v)}`);
      }
      const status = entry['status'];
      if (status === undefined) fail(`${at}.status`, 'missing (official or projected)');
      else if (!STATUSES.includes(status as string)) fail(`${at}.status`, `must be official or projected, got ${JSON.stringify(status)}`);
      const ref = entry['reference'];
      if (ref !== undefined && !nonEmpty(ref)) fail(`${at}.reference`, 'must be a non-empty string');
      if (date.ok && money?.ok === true && money.value >= 0 && STATUSES.includes(status as string)) {
        values.push({
          date: date.value,
          year: yearOf(date.value),
          value: money.value,
          status: status as ParameterStatus,
          ...(nonEmpty(ref) ? { reference: ref } : {}),
        });
      }
    }
  }
  if (problems.length > 0 || !isObject(meta)) return { problems };
  values.sort((a, b) => (a.date < b.date ? -1 : 1));
  const parameter: Parameter = {
    name: basename(file).replace(/\.ya?ml$/, ''),
    file,
    description: doc['description'] as string,
    unit: 'USD',
    reference: meta['reference'] as string,
    values: Object.freeze(values.map((v) => Object.freeze(v))),
  };
  return { parameter: Object.freeze(parameter), problems };
}

/** Reads every `*.yaml` file of `dir`; throws one ParameterError listing every problem of every file. */
export function loadParameterDirectory(dir: string): ReadonlyMap<string, Parameter> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch (e) {
    throw new ParameterError([`${dir}: cannot read the parameter directory (${(e as Error).message})`]);
  }
  const problems: string[] = [];
  const out = new Map<string, Parameter>();
  for (const name of names) {
    const file = join(dir, name);
    const r = parseParameter(file, readFileSync(file, 'utf8'));
    problems.push(...r.problems);
    if (r.parameter !== undefined) out.set(r.parameter.name, r.parameter);
  }
  if (problems.length > 0) throw new ParameterError(problems);
  return out;
}
