/**
 * Loads a census (CSV text or an inline array) into checked rows. Every problem is
 * collected, with file, line and column, up to {@link MAX_ERRORS}, so a user fixes a file in
 * one pass instead of one error per run.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import type { IsoDate } from '../../rules/calendar.js';
import type { CensusRow, RawRow } from './row.js';
import { KNOWN_COLUMNS, REQUIRED_COLUMNS, parseCensusRow, unknownColumnErrors } from './row.js';

export const MAX_ERRORS = 50;

/** Keeps the first MAX_ERRORS messages and says how many more there were. */
export function capErrors(errors: readonly string[]): string[] {
  if (errors.length <= MAX_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`];
}

function checkDuplicates(rows: readonly { row: CensusRow; where: string }[], errors: string[]): void {
  const seen = new Map<string, string>();
  for (const { row, where } of rows) {
    const first = seen.get(row.employeeId);
    if (first !== undefined) errors.push(`${where}: employee_id: ${JSON.stringify(row.employeeId)} is a duplicate (first at ${first})`);
    else seen.set(row.employeeId, where);
  }
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Parses census CSV text. `file` names the file in messages (`census.csv:14: …`); `start` is
 * the scenario start (Jan 1 of startYear): hire dates after it are errors.
 */
export function parseCensusCsv(csvText: string, file: string, start: IsoDate): Either<string[], CensusRow[]> {
  let records: CsvRecord[];
  try {
    records = parse(csvText, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    return left([`${file}:${err.lines ?? 1}: ${err.message ?? String(e)}`]);
  }
  const [head, ...body] = records;
  if (head === undefined) return left([`${file}: is empty; the header needs ${REQUIRED_COLUMNS.join(', ')}`]);
  const header = head.record.map((c) => c.trim());
  const headerLine = head.info.lines;
  const errors: string[] = [];
  const seenCols = new Set<string>();
  for (const c of header) {
    if (seenCols.has(c)) errors.push(`${file}:${headerLine}: ${c}: column appears twice`);
    seenCols.add(c);
  }
  for (const c of REQUIRED_COLUMNS) if (!seenCols.has(c)) errors.push(`${file}:${headerLine}: missing required column ${c}`);
  errors.push(...unknownColumnErrors(header, (c) => `${file}:${headerLine}: ${c}`));
  if (errors.length > 0) return left(capErrors(errors));

  const rows: { row: CensusRow; where: string }[] = [];
  for (const { record, info } of body) {
    const where = `${file}:${info.lines}`;
    if (record.length !== header.length) {
      errors.push(`${where}: has ${record.length} fields; the header has ${header.length}`);
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((c, i) => (raw[c] = record[i] ?? ''));
    const row = parseCensusRow(raw, (c) => `${where}: ${c}`, start, errors);
    if (row !== undefined) rows.push({ row, where });
  }
  checkDuplicates(rows, errors);
  if (rows.length === 0 && errors.length === 0) errors.push(`${file}: has a header but no employees`);
  return errors.length > 0 ? left(capErrors(errors)) : right(rows.map((r) => r.row));
}

/** Reads and parses a census CSV file; `label` (default: the path) names it in messages. */
export async function loadCensusCsv(path: string, start: IsoDate, label = path): Promise<Either<string[], CensusRow[]>> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (e) {
    return left([`${label}: cannot read the census file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  return parseCensusCsv(content, label, start);
}

/**
 * Decodes an inline census: an array of objects with the census column names as keys and
 * strings or JSON numbers as values. `path` prefixes messages (`census[3].hire_date: …`).
 */
export function decodeInlineCensus(json: unknown, start: IsoDate, path = 'census'): Either<string[], CensusRow[]> {
  if (!Array.isArray(json)) return left([`${path}: must be a CSV path or an array of employee objects`]);
  if (json.length === 0) return left([`${path}: has no employees`]);
  const errors: string[] = [];
  const rows: { row: CensusRow; where: string }[] = [];
  json.forEach((item: unknown, i) => {
    const where = `${path}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push(`${where}: must be an object with the census columns as keys`);
      return;
    }
    const raw: Record<string, string | number> = {};
    const before = errors.length;
    errors.push(...unknownColumnErrors(Object.keys(item), (c) => `${where}.${c}`));
    for (const [k, v] of Object.entries(item)) {
      if (!KNOWN_COLUMNS.includes(k)) continue;
      if (typeof v === 'string' || typeof v === 'number') raw[k] = v;
      else errors.push(`${where}.${k}: must be a string or a number, got ${JSON.stringify(v)}`);
    }
    const row = parseCensusRow(raw as RawRow, (c) => `${where}.${c}`, start, errors);
    if (row !== undefined && errors.length === before) rows.push({ row, where });
  });
  checkDuplicates(rows, errors);
  return errors.length > 0 ? left(capErrors(errors)) : right(rows.map((r) => r.row));
}
