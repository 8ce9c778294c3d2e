/**
 * The stored form of a segment: a run of consecutive events of one scenario that share an
 * employee (or are all plan-level), a plan design and a schema version. A run writes one
 * segment per participant-year (~90 events), so the log does one LMDB put per ~90 events
 * and the interchange JSON (~360 bytes an event) never reaches the disk.
 *
 * Current-version segments are columnar, and know nothing of the payload schema:
 * events are grouped by *shape* (eventType + the payload's key list, in order); each
 * shape's fields become columns, and each column is stored in the cheapest of
 *   - `const`  one value for every row (planId, eventType, a constant flag),
 *   - `date`   the row's own effective date (a pay period's end, most of a segment's dates),
 *   - `days`   ISO dates as differences of day numbers (a run of pay dates: one byte each),
 *   - `dict`   strings as a per-column dictionary + one small index per row (sources),
 *   - `delta`  safe integers as differences from the previous row (YTD amounts),
 *   - `raw`    anything else (maps such as vestedPercentages), as msgpack values.
 * Effective dates are one column for the whole segment. A shape whose key list is one of
 * {@link KNOWN_SHAPES} is stored as its index there, not as its keys. In format 3 every run of
 * numbers (day and delta columns, dictionary indexes, each row's shape, the input ordinals) is
 * one msgpack byte string of zigzag varints (varint.ts), not a msgpack array: a quarter of the
 * cost of writing a segment went on msgpackr packing those numbers one by one. Format 2 (the
 * same with number arrays) and format 1 records (no `date`/`days` columns, key lists always
 * inline) are still read. Ids of derived segments
 * are not stored (see ids.ts); external ids are stored as 16 bytes each when canonical.
 * Legacy segments (an older schemaVersion) keep each event exactly as it was written, as a
 * msgpack'd interchange object, and go through the upcasters on read (upcast.ts).
 *
 * The record is a msgpack array: [FORMAT, kind, schemaVersion, planDesignId, employeeId|null,
 * year|null, count, body]; see {@link encodeSegment} for the body of each kind.
 */
import { Packr } from 'msgpackr';
import { dayNumberOfText } from '../rules/calendar.js';
import { dateOfDay } from './date-of-day.js';
import { isCanonicalUuid, packUuids, unpackUuid } from './ids.js';
import { VARINT_LIMIT, VarintWriter, readVarints } from './varint.js';
import { hasKeysInOrder } from './key-order.js';
import { MsgpackWriter } from './msgpack-writer.js';

/** The format this writes; {@link READABLE_FORMATS} are read. */
const FORMAT = 3;
const READABLE_FORMATS: ReadonlySet<unknown> = new Set([1, 2, 3]);

/**
 * Payload key lists stored as their index here instead of their keys (a participant-year
 * has about six shapes: their keys were a fifth of its bytes). Append only: a stored index
 * must name the same keys forever. A key list not here is stored inline.
 */
export const KNOWN_SHAPES: readonly (readonly string[])[] = Object.freeze([
  ['eventType', 'planId', 'source', 'amount', 'payPeriodEnd', 'ytdAmount', 'irsLimitApplied'],
  ['eventType', 'planId', 'determinationMethod', 'priorYearCompensation', 'hceThreshold', 'isHce', 'determinationDate'],
  ['eventType', 'newCompensation', 'meritPercentage'],
  ['eventType', 'planId', 'changeType', 'newPreTaxRate', 'newRothRate', 'previousPreTaxRate', 'previousRothRate'],
  ['eventType', 'planId', 'changeType', 'newPreTaxRate', 'newRothRate'],
  ['eventType', 'planId', 'yearsOfService', 'vestedPercentages', 'sourceBalancesVested'],
  ['eventType', 'planId', 'eligible', 'eligibilityDate', 'reason'],
  ['eventType', 'planId', 'enrollmentDate', 'preTaxRate', 'rothRate', 'enrollmentSource'],
  ['eventType', 'planId', 'enrollmentDate', 'preTaxRate', 'rothRate', 'enrollmentSource', 'optOutWindowExpires'],
  ['eventType', 'rothRate', 'enrollmentSource', 'enrollmentDate', 'planId', 'preTaxRate'],
  ['eventType', 'hireDate', 'birthDate', 'department', 'jobLevel', 'annualCompensation'],
  ['eventType', 'department', 'hireDate', 'birthDate', 'jobLevel', 'annualCompensation'],
  ['eventType', 'planId', 'complianceType', 'applicableLimit', 'currentAmount', 'monitoringDate'],
  ['eventType', 'terminationReason', 'finalPayDate'],
  ['eventType', 'planId', 'forfeitedFromSource', 'amount', 'reason', 'vestedPercentage'],
  ['eventType', 'newJobLevel', 'newAnnualCompensation'],
  ['eventType', 'planId', 'complianceType', 'planYear', 'hceAverage', 'nhceAverage', 'limit', 'passed', 'refunds'],
].map((keys) => Object.freeze(keys)));

/** Index of a key list in KNOWN_SHAPES, by the list as JSON (no two lists share it, whatever their keys hold). */
const KNOWN_SHAPE_INDEX = new Map(KNOWN_SHAPES.map((keys, i) => [JSON.stringify(keys), i]));
const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });
/** What writes the records: the same bytes as `packr`, without its generic walk (msgpack-writer.ts). */
const records = new MsgpackWriter((v) => packr.pack(v));

/** Derived: ids are computed on read. External: ids stored. Legacy: older schema, stored as written. */
export type SegmentKind = 'derived' | 'external' | 'legacy';
const KIND_CODE: Record<SegmentKind, number> = { derived: 0, external: 1, legacy: 2 };
const KINDS: readonly SegmentKind[] = ['derived', 'external', 'legacy'];

/** One event as the columnar form sees it: an effective date and a payload object. */
export interface RowEvent {
  readonly effectiveDate: string;
  readonly payload: { readonly eventType: string } & Readonly<Record<string, unknown>>;
}

export interface SegmentHeader {
  readonly kind: SegmentKind;
  readonly schemaVersion: number;
  readonly planDesignId: string;
  readonly employeeId: string | null;
  /** The plan year of a derived segment (the key of its deterministic ids), else null. */
  readonly year: number | null;
  readonly count: number;
}

export interface Segment extends SegmentHeader {
  /** Present for external and legacy segments, one per event. */
  readonly ids: readonly string[] | null;
  /** Current-version rows (derived, external) or legacy interchange objects. */
  readonly rows: readonly RowEvent[] | readonly Record<string, unknown>[];
  /** Derived segments: ordinals of the events that were inputs to the participant (replay feeds them back). */
  readonly inputs?: readonly number[];
}

/**
 * Column codes: 0 raw, 1 dict, 2 delta, 3 const, 4 the row's effective date, 5 ISO dates as
 * day-number deltas (4 and 5 from format 2 on). As read, number runs are arrays (formats 1, 2)
 * or varint byte strings (format 3); {@link readColumn} makes them arrays.
 */
type Column = [0, unknown[]] | [1, string[], number[]] | [2, number[]] | [3, unknown] | [4] | [5, number[]];

/** Where a segment's number runs are written while it is encoded (one segment at a time). */
const varints = new VarintWriter();

/** A stored run of numbers: an array (formats 1, 2) or varints (format 3). */
const numbersOf = (stored: unknown): number[] => (stored instanceof Uint8Array ? readVarints(stored) : (stored as number[]));

/** A stored column with its number runs as arrays. */
function readColumn(col: unknown): Column {
  const c = col as Column;
  switch (c[0]) {
    case 1: return [1, c[1], numbersOf(c[2])];
    case 2: return [2, numbersOf(c[1])];
    case 5: return [5, numbersOf(c[1])];
    default: return c;
  }
}

/**
 * Writes the first `n` of `values` as a column (n ≥ 1) into the record being written;
 * `dates` are their rows' effective dates (absent for the dates column itself). `values` may
 * be a reused scratch array longer than `n`. A column is written as its parts are found, not
 * built as an array first: a segment has a few dozen of them.
 */
function writeColumn(values: readonly unknown[], n: number, dates?: readonly string[]): void {
  const first = values[0];
  let i = 1;
  while (i < n && values[i] === first) i++;
  const same = i === n;
  if (typeof first === 'string') {
    if (dates !== undefined) {
      let j = 0;
      while (j < n && values[j] === dates[j]) j++;
      if (j === n) {
        records.array(1);
        records.write(4);
        return;
      }
    }
    if (same) return column(3, first);
    const days = dayRun(values, n);
    if (days !== null) return column(5, days);
    const dict: string[] = [];
    const indexes = dictRun(values, n, dict);
    if (indexes !== null) {
      records.array(3);
      records.write(1);
      records.write(dict);
      records.write(indexes);
      return;
    }
    return rawColumn(values, n);
  }
  if (same && (first === null || typeof first !== 'object')) return column(3, first);
  const deltas = deltaRun(values, n);
  if (deltas !== null) return column(2, deltas);
  rawColumn(values, n);
}

/** A column of a code and one value: [code, value]. */
function column(code: number, value: unknown): void {
  records.array(2);
  records.write(code);
  records.write(value);
}

/** The first `n` of `values` as they are: [0, values]. */
function rawColumn(values: readonly unknown[], n: number): void {
  records.array(2);
  records.write(0);
  records.array(n);
  for (let i = 0; i < n; i++) records.write(values[i]);
}

/** Dates as day-number differences (column code 5), or null unless every value is a date. */
function dayRun(values: readonly unknown[], n: number): Uint8Array | null {
  let prev = 0;
  let prevText: string | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // A pay date's events (a deferral, its match) share the date: it is read once.
    const day = typeof v !== 'string' ? NaN : v === prevText ? prev : dayNumberOfText(v);
    prevText = v as string;
    if (Number.isNaN(day)) {
      varints.drop();
      return null;
    }
    varints.write(day - prev);
    prev = day;
  }
  return varints.take();
}

/** Past this many distinct values a dictionary column looks its strings up in a Map instead of its list. */
const SMALL_DICT = 16;

/** Strings as the indexes (column code 1) of a dictionary built in `dict`, or null unless every value is a string. */
function dictRun(values: readonly unknown[], n: number, dict: string[]): Uint8Array | null {
  let at: Map<string, number> | null = null;
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (typeof v !== 'string') {
      varints.drop();
      return null;
    }
    // A segment's string columns hold a handful of values (contribution sources): a scan of
    // the list is cheaper than a Map built per column.
    let k = at === null ? dict.indexOf(v) : (at.get(v) ?? -1);
    if (k < 0) {
      k = dict.length;
      dict.push(v);
      if (at !== null) at.set(v, k);
      else if (dict.length > SMALL_DICT) at = new Map(dict.map((d, i) => [d, i]));
    }
    varints.write(k);
  }
  return varints.take();
}

/** Safe integers as differences from the previous one (column code 2), or null unless every value is one and no difference is beyond VARINT_LIMIT. */
function deltaRun(values: readonly unknown[], n: number): Uint8Array | null {
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const d = Number.isSafeInteger(v) ? (v as number) - prev : NaN;
    if (!(d <= VARINT_LIMIT && d >= -VARINT_LIMIT)) {
      varints.drop();
      return null;
    }
    varints.write(d);
    prev = v as number;
  }
  return varints.take();
}

/** A run of small whole numbers (shape indexes, input ordinals; the first `n` of `values`) as varints. */
function numberRun(values: readonly number[], n = values.length): Uint8Array {
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isSafeInteger(v) || v < 0 || v > VARINT_LIMIT) throw new RangeError(`segment: ${v} is not a row ordinal`);
    varints.write(v);
  }
  return varints.take();
}

/** A column's values; `dates` are its rows' effective dates (for code 4). */
function decodeColumn(col: Column, n: number, dates?: readonly string[]): unknown[] {
  switch (col[0]) {
    case 3: return new Array<unknown>(n).fill(col[1]);
    case 1: { const dict = col[1]; return col[2].map((i) => dict[i]); }
    case 2: { let acc = 0; return col[1].map((d) => (acc += d)); }
    case 5: { let acc = 0; return col[1].map((d) => dateOfDay((acc += d))); }
    case 4:
      if (dates === undefined) throw new RangeError('a segment\'s dates column refers to itself');
      return dates.slice(0, n);
    case 0: return col[1];
    default: throw new RangeError(`unknown segment column code ${JSON.stringify((col as unknown[])[0])}`);
  }
}

/** A stored shape's key list: inline, or an index into KNOWN_SHAPES. */
function shapeKeys(stored: string[] | number): readonly string[] {
  if (typeof stored !== 'number') return stored;
  const keys = KNOWN_SHAPES[stored];
  if (keys === undefined) throw new RangeError(`unknown segment shape ${stored}`);
  return keys;
}

type Gather = (payload: RowEvent['payload'], cols: unknown[][], j: number) => void;

/**
 * A key list and how a record stores it: its index in KNOWN_SHAPES, or the list itself. It
 * also holds the scratch columns its rows are gathered in while one segment is encoded: they
 * are reused from segment to segment (a run encodes a million segments of a handful of shapes),
 * instead of a fresh array per field and segment.
 */
interface Shape {
  readonly keys: readonly string[];
  readonly stored: readonly string[] | number;
  /** One scratch array per key, and the rows' effective dates; the first `rows` entries are this segment's. */
  readonly cols: unknown[][];
  /** Copies a row's fields into row `j` of `cols` (see {@link gatherer}); made when the shape is first used. */
  gather: Gather | null;
  readonly dates: string[];
  rows: number;
  /** Kept in {@link shapesByType} (so the same object for every row of its keys). */
  cached: boolean;
  /** The segment (by {@link segmentsEncoded}) the scratch belongs to, and the shape's index in it. */
  segment: number;
  index: number;
}

/**
 * Shapes met so far, by eventType: a row's shape is found by comparing its keys with these,
 * without building its key list (Object.keys, and the JSON that looks it up in KNOWN_SHAPES,
 * cost more than the rest of the row). Bounded, so odd input cannot grow it without end.
 */
const shapesByType = new Map<string, Shape[]>();
let shapesMet = 0;
/** Counts encoded segments, so a shape's scratch can tell whether it belongs to this one. */
let segmentsEncoded = 0;

/**
 * A function that copies the fields of a payload of `keys` into its columns, one named read
 * per field (each key a string literal in its source, JSON-quoted). A read by a key held in a
 * variable (`p[keys[k]]`) is a generic lookup every time; a named read is cached against the
 * payload's hidden class, and every payload of a shape is built the same way.
 */
function gatherer(keys: readonly string[]): Gather {
  const body = keys.map((k, i) => `cols[${i}][j] = p[${JSON.stringify(k)}];`).join('\n');
  return new Function('p', 'cols', 'j', body) as Gather;
}

function newShape(keys: readonly string[]): Shape {
  return {
    keys, stored: KNOWN_SHAPE_INDEX.get(JSON.stringify(keys)) ?? keys, cols: keys.map(() => []), gather: null, dates: [], rows: 0, cached: false, segment: -1, index: -1,
  };
}

function shapeOf(payload: RowEvent['payload']): Shape {
  const met = shapesByType.get(payload.eventType);
  if (met !== undefined) for (const s of met) if (hasKeysInOrder(payload, s.keys)) return s;
  const shape = newShape(Object.keys(payload));
  if (shapesMet < 1024) {
    shapesMet++;
    shape.cached = true;
    if (met === undefined) shapesByType.set(payload.eventType, [shape]);
    else met.push(shape);
  }
  return shape;
}

/** Each row's effective date and shape index, gathered for one segment at a time (scratch). */
const rowDates: string[] = [];
const rowShapes: number[] = [];

/** Writes a rows body, `[datesColumn, shapeIndexPerRow, shapes]`, into the record being written. */
function writeRows(rows: readonly RowEvent[]): void {
  const segment = ++segmentsEncoded;
  /** This segment's shapes, in the order of their first row. */
  const shapes: Shape[] = [];
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    const p = row.payload;
    let shape = shapeOf(p);
    // A shape past the cache's bound is a new object each time: rows of the same keys share the first.
    if (!shape.cached) shape = shapes.find((s) => !s.cached && hasKeysInOrder(p, s.keys)) ?? shape;
    if (shape.segment !== segment) {
      shape.segment = segment;
      shape.index = shapes.length;
      shape.rows = 0;
      shapes.push(shape);
    }
    rowDates[r] = row.effectiveDate;
    rowShapes[r] = shape.index;
    const j = shape.rows++;
    (shape.gather ??= gatherer(shape.keys))(p, shape.cols, j);
    shape.dates[j] = row.effectiveDate;
  }
  records.array(3);
  writeColumn(rowDates, n);
  records.write(numberRun(rowShapes, n));
  records.array(shapes.length);
  for (const s of shapes) {
    records.array(2);
    records.write(s.stored);
    records.array(s.cols.length);
    for (const c of s.cols) writeColumn(c, s.rows, s.dates);
  }
  // The scratch keeps this segment's values until later segments overwrite them: at most the
  // longest segment's worth per shape, cheaper than clearing every column after every segment.
}

/** A rows body with its number runs as arrays: the dates column, each row's shape, and the shapes (key list or its index, columns). */
type StoredRows = [Column, number[], [string[] | number, Column[]][]];

/** A stored rows body, its number runs read (formats 1 and 2 store arrays, 3 varints). */
function storedRows(body: unknown): StoredRows {
  const [datesCol, shapeIdx, shapes] = body as [unknown, unknown, [string[] | number, unknown[]][]];
  return [readColumn(datesCol), numbersOf(shapeIdx), shapes.map(([keys, cols]) => [keys, cols.map(readColumn)])];
}

function decodeRows(body: unknown, n: number): RowEvent[] {
  const [datesCol, shapeIdx, shapes] = storedRows(body);
  const dates = decodeColumn(datesCol, n) as string[];
  const rowDates = shapes.map((): string[] => []);
  shapeIdx.forEach((s, i) => rowDates[s]!.push(dates[i]!));
  const keyLists = shapes.map(([keys]) => shapeKeys(keys));
  const cols = shapes.map(([, cs], s) => cs.map((c) => decodeColumn(c, rowDates[s]!.length, rowDates[s])));
  const cursor = shapes.map(() => 0);
  const out = new Array<RowEvent>(n);
  for (let i = 0; i < n; i++) {
    const s = shapeIdx[i]!;
    const keys = keyLists[s]!;
    const c = cols[s]!;
    const j = cursor[s]!++;
    const payload: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) payload[keys[k]!] = c[k]![j];
    out[i] = { effectiveDate: dates[i]!, payload: payload as RowEvent['payload'] };
  }
  return out;
}

function encodeIds(ids: readonly string[]): unknown {
  return ids.every(isCanonicalUuid) ? packUuids(ids) : ids;
}

function decodeIds(stored: unknown, n: number): string[] {
  if (Array.isArray(stored)) return stored as string[];
  const buf = stored as Uint8Array;
  return Array.from({ length: n }, (_, i) => unpackUuid(buf, i));
}

/**
 * Body by kind: derived `[rows]` or `[rows, inputOrdinals]`; external `[rows, ids]`; legacy `[objects]` (each object
 * carries its own eventId). `rows` is `[datesColumn, shapeIndexPerRow, shapes]`.
 */
export function encodeSegment(seg: Segment): Buffer {
  if (seg.rows.length !== seg.count) throw new RangeError(`segment count ${seg.count} does not match its ${seg.rows.length} events`);
  const head = [FORMAT, KIND_CODE[seg.kind], seg.schemaVersion, seg.planDesignId, seg.employeeId, seg.year, seg.count];
  if (seg.kind === 'legacy') return records.record([...head, [seg.rows]]);
  if (seg.kind === 'external' && (seg.ids === null || seg.ids.length !== seg.count)) throw new RangeError('an external segment needs one id per event');
  const inputs = seg.kind === 'derived' && seg.inputs !== undefined && seg.inputs.length > 0 ? seg.inputs : null;
  varints.reset();
  // The record as `records.record([...head, body])` would write it, written piece by piece.
  records.begin();
  records.array(head.length + 1);
  for (const v of head) records.write(v);
  records.array(seg.kind === 'external' || inputs !== null ? 2 : 1);
  writeRows(seg.rows as readonly RowEvent[]);
  if (inputs !== null) records.write(numberRun(inputs));
  else if (seg.kind === 'external') records.write(encodeIds(seg.ids!));
  return records.end();
}

/** A segment record's header and its undecoded body, the format and kind checked. */
function readRecord(buf: Uint8Array): { readonly header: SegmentHeader; readonly body: unknown[] } {
  const rec = packr.unpack(buf) as unknown[];
  if (!Array.isArray(rec) || !READABLE_FORMATS.has(rec[0])) throw new RangeError(`unknown segment format ${JSON.stringify(Array.isArray(rec) ? rec[0] : rec)}`);
  const [, kindCode, schemaVersion, planDesignId, employeeId, year, count, body] = rec as [
    number, number, number, string, string | null, number | null, number, unknown[],
  ];
  const kind = KINDS[kindCode];
  if (kind === undefined) throw new RangeError(`unknown segment kind ${kindCode}`);
  return { header: { kind, schemaVersion, planDesignId, employeeId, year, count }, body };
}

/** Reads a segment record back (current-version rows are rebuilt from their columns). */
export function decodeSegment(buf: Uint8Array): Segment {
  const { header, body } = readRecord(buf);
  const { kind, count } = header;
  if (kind === 'legacy') {
    const objects = body[0] as Record<string, unknown>[];
    return { ...header, ids: objects.map((o) => String(o['eventId'])), rows: objects };
  }
  const rows = decodeRows(body[0], count);
  if (kind === 'derived') return body[1] === undefined ? { ...header, ids: null, rows } : { ...header, ids: null, rows, inputs: numbersOf(body[1]) };
  return { ...header, ids: decodeIds(body[1], count), rows };
}

/**
 * A current-version segment read without rebuilding its rows. Replaying a participant to a
 * date feeds the machine only a few rows of each participant-year (its inputs, the plan's
 * forfeiture allocations) and recomputes the rest, so building every row's payload object
 * would be most of the read's cost for nothing. Values are taken from the columns on demand.
 */
export class SegmentView {
  /** Ordinal of each row within its shape (the row's index into the shape's columns). */
  private readonly at: Int32Array;
  /** Running sums of delta and day columns, computed when first read. */
  private readonly sums = new Map<Column, unknown[]>();
  private readonly keyLists: readonly (readonly string[])[];

  constructor(
    readonly header: SegmentHeader,
    /** Derived segments: the ordinals of the input rows, ascending; empty otherwise. */
    readonly inputs: readonly number[],
    private readonly datesCol: Column,
    private readonly shapeIdx: readonly number[],
    private readonly shapes: readonly [string[] | number, Column[]][],
  ) {
    const counts = new Int32Array(shapes.length);
    this.at = new Int32Array(header.count);
    for (let k = 0; k < header.count; k++) this.at[k] = counts[shapeIdx[k]!]!++;
    this.keyLists = shapes.map(([keys]) => shapeKeys(keys));
  }

  get count(): number {
    return this.header.count;
  }

  date(k: number): string {
    return this.value(this.datesCol, k, k) as string;
  }

  /** Payload field `key` of row `k`, or undefined when the row's shape has no such field. */
  field(k: number, key: string): unknown {
    const s = this.shapeIdx[k]!;
    const c = this.keyLists[s]!.indexOf(key);
    return c < 0 ? undefined : this.value(this.shapes[s]![1][c]!, this.at[k]!, k);
  }

  /** Row `k` as decodeSegment builds it (same keys in the same order). */
  row(k: number): RowEvent {
    const s = this.shapeIdx[k]!;
    const keys = this.keyLists[s]!;
    const cols = this.shapes[s]![1];
    const j = this.at[k]!;
    const payload: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) payload[keys[c]!] = this.value(cols[c]!, j, k);
    return { effectiveDate: this.date(k), payload: payload as RowEvent['payload'] };
  }

  /** Value `j` of a column, in row `k`. */
  private value(col: Column, j: number, k: number): unknown {
    switch (col[0]) {
      case 3: return col[1];
      case 1: return col[1][col[2][j]!];
      case 4:
        if (col === this.datesCol) throw new RangeError('a segment\'s dates column refers to itself');
        return this.date(k);
      case 2:
      case 5: {
        let s = this.sums.get(col);
        if (s === undefined) this.sums.set(col, (s = decodeColumn(col, col[1].length)));
        return s[j];
      }
      default: return col[1][j];
    }
  }
}

/** Reads a current-version segment as a {@link SegmentView}; null for a legacy segment (use decodeSegment). */
export function viewSegment(buf: Uint8Array): SegmentView | null {
  const { header, body } = readRecord(buf);
  if (header.kind === 'legacy') return null;
  const [datesCol, shapeIdx, shapes] = storedRows(body[0]);
  const inputs = header.kind === 'derived' && body[1] !== undefined ? numbersOf(body[1]) : [];
  return new SegmentView(header, inputs, datesCol, shapeIdx, shapes);
}
