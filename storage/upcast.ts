/**
 * Schema evolution. The log never rewrites what it stored: an event written under an older
 * `schemaVersion` stays as written (a legacy segment keeps the interchange object), and is
 * brought to the current version on every read by a chain of upcasters, one per version
 * step, each a pure function on the interchange (JSON) object. Adding a version means
 * adding one entry to {@link UPCASTERS} and a fixture log of the old version.
 *
 * **Version 1** (the protocol before 2026-11; fixture: spec/storage/fixtures/v1-log.jsonl):
 * - the employer non-elective contribution source was named `employer_core`; version 2 calls
 *   it `employer_nonelective` (in `contribution.source`, `forfeiture.forfeitedFromSource`
 *   and the keys of the vesting maps);
 * - money was written as JSON numbers of dollars (`"amount": 230.77`, `"ytdAmount": 1200`);
 *   version 2 writes money as strings with exactly 2 decimals (`"230.77"`, `"1200.00"`).
 *   A v1 number with more than 2 decimals was never valid and is refused, not rounded.
 * Everything else (envelope, dates, rates as decimal strings) is unchanged.
 */
import { formatMoney, parseMoney } from '../rules/units.js';

export type JsonObject = Record<string, unknown>;
export type Upcaster = (event: JsonObject) => JsonObject;

/** The money fields of each payload (maps whose values are money are listed as `map:`). */
const MONEY_FIELDS: readonly string[] = [
  'annualCompensation',
  'newAnnualCompensation',
  'newCompensation',
  'amount',
  'ytdAmount',
  'priorYearCompensation',
  'hceThreshold',
  'applicableLimit',
  'currentAmount',
];
const MONEY_MAPS: readonly string[] = ['sourceBalancesVested', 'refunds'];
const SOURCE_FIELDS: readonly string[] = ['source', 'forfeitedFromSource'];
const SOURCE_MAPS: readonly string[] = ['vestedPercentages', 'sourceBalancesVested'];

function moneyText(v: unknown, path: string): unknown {
  if (typeof v !== 'number') return v;
  const r = parseMoney(v);
  if (!r.ok) throw new RangeError(`v1 event ${path}: ${r.error}`);
  return formatMoney(r.value);
}

const renameSource = (s: unknown): unknown => (s === 'employer_core' ? 'employer_nonelective' : s);

function upcastV1(event: JsonObject): JsonObject {
  const payload = { ...(event['payload'] as JsonObject) };
  for (const f of SOURCE_FIELDS) if (f in payload) payload[f] = renameSource(payload[f]);
  for (const m of SOURCE_MAPS) {
    const map = payload[m];
    if (typeof map === 'object' && map !== null) {
      payload[m] = Object.fromEntries(Object.entries(map).map(([k, v]) => [renameSource(k) as string, v]));
    }
  }
  for (const f of MONEY_FIELDS) if (f in payload) payload[f] = moneyText(payload[f], `payload.${f}`);
  for (const m of MONEY_MAPS) {
    const map = payload[m];
    if (typeof map === 'object' && map !== null) {
      payload[m] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, moneyText(v, `payload.${m}.${k}`)]));
    }
  }
  return { ...event, schemaVersion: 2, payload };
}

/** `UPCASTERS[v]` turns a version-v event into a version v+1 event. */
export const UPCASTERS: Readonly<Record<number, Upcaster>> = { 1: upcastV1 };

/**
 * Brings an interchange object of any known version to `target`. Throws a RangeError for a
 * version with no upcaster (a log written by a newer vested, or a corrupt record).
 */
export function upcast(event: JsonObject, target: number): JsonObject {
  const given = event['schemaVersion'];
  if (typeof given !== 'number' || !Number.isInteger(given)) throw new RangeError(`schemaVersion ${JSON.stringify(given)} is not an integer`);
  let v = given;
  let e = event;
  if (v > target) throw new RangeError(`schemaVersion ${v} is newer than this vested (${target}); upgrade vested to read it`);
  while (v < target) {
    const step = UPCASTERS[v];
    if (step === undefined) throw new RangeError(`no upcaster from schemaVersion ${v} to ${v + 1}`);
    e = step(e);
    v = v + 1;
  }
  return e;
}
