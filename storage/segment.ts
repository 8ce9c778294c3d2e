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
 *   - `dict`   strings as a per-column dictionary + one small index per row (sources, dates),
 *   - `delta`  safe integers as differences from the previous row (YTD amounts),
 *   - `raw`    anything else (maps such as vestedPercentages), as msgpack values.
 * Effective dates are one dictionary column for the whole segment. Ids of derived segments
 * are not stored (see ids.ts); external ids are stored as 16 bytes each when canonical.
 * Legacy segments (an older schemaVersion) keep each event exactly as it was written, as a
 * msgpack'd interchange object, and go through the upcasters on read (upcast.ts).
 *
 * The record is a msgpack array: [FORMAT, kind, schemaVersion, planDesignId, employeeId|null,
 * year|null, count, body]; see {@link encodeSegment} for the body of each kind.
 */
import { Packr } from 'msgpackr';
import { isCanonicalUuid, packUuids, unpackUuid } from './ids.js';

const FORMAT = 1;
const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

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

type Column = [0, unknown[]] | [1, string[], number[]] | [2, number[]] | [3, unknown];

function encodeColumn(values: unknown[]): Column {
  const first = values[0];
  if (values.every((v) => v === first) && (first === null || typeof first !== 'object')) return [3, first];
  if (values.every((v) => typeof v === 'string')) {
    const dict: string[] = [];
    const at = new Map<string, number>();
    const idx = (values as string[]).map((v) => {
      let i = at.get(v);
      if (i === undefined) {
        i = dict.length;
        dict.push(v);
        at.set(v, i);
      }
      return i;
    });
    return [1, dict, idx];
  }
  if (values.every((v) => Number.isSafeInteger(v))) {
    let prev = 0;
    return [2, (values as number[]).map((v) => { const d = v - prev; prev = v; return d; })];
  }
  return [0, values];
}

function decodeColumn(col: Column, n: number): unknown[] {
  switch (col[0]) {
    case 3: return new Array<unknown>(n).fill(col[1]);
    case 1: { const dict = col[1]; return col[2].map((i) => dict[i]); }
    case 2: { let acc = 0; return col[1].map((d) => (acc += d)); }
    default: return col[1];
  }
}

/** True when `payload`'s own keys are exactly `keys`, in order (no array or string built per row). */
function hasKeys(payload: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in payload) if (keys[i++] !== k) return false;
  return i === keys.length;
}

function encodeRows(rows: readonly RowEvent[]): unknown[] {
  const shapes: [string[], unknown[][]][] = [];
  // Shapes by eventType, so a row is matched against a few candidates without building a key string.
  const byType = new Map<string, number[]>();
  const shapeIdx: number[] = [];
  for (const r of rows) {
    const p = r.payload;
    let candidates = byType.get(p.eventType);
    if (candidates === undefined) byType.set(p.eventType, (candidates = []));
    let s = -1;
    for (const c of candidates) {
      if (hasKeys(p, shapes[c]![0])) {
        s = c;
        break;
      }
    }
    if (s < 0) {
      const keys = Object.keys(p);
      s = shapes.length;
      shapes.push([keys, keys.map(() => [])]);
      candidates.push(s);
    }
    shapeIdx.push(s);
    const [ks, cols] = shapes[s]!;
    for (let k = 0; k < ks.length; k++) cols[k]!.push(p[ks[k]!]);
  }
  const dates = encodeColumn(rows.map((r) => r.effectiveDate));
  return [dates, shapeIdx, shapes.map(([keys, cols]) => [keys, cols.map(encodeColumn)])];
}

function decodeRows(body: unknown[], n: number): RowEvent[] {
  const [datesCol, shapeIdx, shapes] = body as [Column, number[], [string[], Column[]][]];
  const dates = decodeColumn(datesCol, n) as string[];
  const counts = shapes.map(() => 0);
  shapeIdx.forEach((s) => counts[s]!++);
  const cols = shapes.map(([, cs], s) => cs.map((c) => decodeColumn(c, counts[s]!)));
  const cursor = shapes.map(() => 0);
  const out = new Array<RowEvent>(n);
  for (let i = 0; i < n; i++) {
    const s = shapeIdx[i]!;
    const keys = shapes[s]![0];
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
  let body: unknown[];
  if (seg.kind === 'legacy') body = [seg.rows];
  else {
    const rows = encodeRows(seg.rows as readonly RowEvent[]);
    if (seg.kind === 'derived') body = seg.inputs !== undefined && seg.inputs.length > 0 ? [rows, seg.inputs] : [rows];
    else {
      if (seg.ids === null || seg.ids.length !== seg.count) throw new RangeError('an external segment needs one id per event');
      body = [rows, encodeIds(seg.ids)];
    }
  }
  return packr.pack([FORMAT, KIND_CODE[seg.kind], seg.schemaVersion, seg.planDesignId, seg.employeeId, seg.year, seg.count, body]);
}

/** A segment record's header and its undecoded body, the format and kind checked. */
function readRecord(buf: Uint8Array): { readonly header: SegmentHeader; readonly body: unknown[] } {
  const rec = packr.unpack(buf) as unknown[];
  if (!Array.isArray(rec) || rec[0] !== FORMAT) throw new RangeError(`unknown segment format ${JSON.stringify(Array.isArray(rec) ? rec[0] : rec)}`);
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
  const rows = decodeRows(body[0] as unknown[], count);
  if (kind === 'derived') return body[1] === undefined ? { ...header, ids: null, rows } : { ...header, ids: null, rows, inputs: body[1] as number[] };
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
  private readonly sums = new Map<Column, number[]>();

  constructor(
    readonly header: SegmentHeader,
    /** Derived segments: the ordinals of the input rows, ascending; empty otherwise. */
    readonly inputs: readonly number[],
    private readonly datesCol: Column,
    private readonly shapeIdx: readonly number[],
    private readonly shapes: readonly [string[], Column[]][],
  ) {
    const counts = new Int32Array(shapes.length);
    this.at = new Int32Array(header.count);
    for (let k = 0; k < header.count; k++) this.at[k] = counts[shapeIdx[k]!]!++;
  }

  get count(): number {
    return this.header.count;
  }

  date(k: number): string {
    return this.value(this.datesCol, k) as string;
  }

  /** Payload field `key` of row `k`, or undefined when the row's shape has no such field. */
  field(k: number, key: string): unknown {
    const [keys, cols] = this.shapes[this.shapeIdx[k]!]!;
    const c = keys.indexOf(key);
    return c < 0 ? undefined : this.value(cols[c]!, this.at[k]!);
  }

  /** Row `k` as decodeSegment builds it (same keys in the same order). */
  row(k: number): RowEvent {
    const [keys, cols] = this.shapes[this.shapeIdx[k]!]!;
    const j = this.at[k]!;
    const payload: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) payload[keys[c]!] = this.value(cols[c]!, j);
    return { effectiveDate: this.date(k), payload: payload as RowEvent['payload'] };
  }

  private value(col: Column, j: number): unknown {
    switch (col[0]) {
      case 3: return col[1];
      case 1: return col[1][col[2][j]!];
      case 2: {
        let s = this.sums.get(col);
        if (s === undefined) this.sums.set(col, (s = decodeColumn(col, col[1].length) as number[]));
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
  const [datesCol, shapeIdx, shapes] = body[0] as [Column, number[], [string[], Column[]][]];
  const inputs = header.kind === 'derived' && body[1] !== undefined ? (body[1] as number[]) : [];
  return new SegmentView(header, inputs, datesCol, shapeIdx, shapes);
}
