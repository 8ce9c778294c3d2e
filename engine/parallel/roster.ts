/**
 * A partition host's participants, kept at rest between years as their snapshot records (the
 * bytes the log stores for them) and brought back to life one at a time while the year runs.
 *
 * Live, a participant is a machine snapshot and a context of a few dozen small objects: about
 * 2.5 KB of heap, against about 100 bytes of record outside the heap (storage/participant-record.ts).
 * A host of 70,000 live participants also replaced every one of them each year, so each year promoted the whole
 * population into the old generation and left last year's as garbage there: the heap of a
 * worker grew to several times what it held. At rest, a year's garbage dies young, and the
 * record each participant is put to rest as is the very snapshot the log stores for it, so
 * resting costs the decode and the restore of one record per participant-year.
 */
import type { ParticipantContext } from '../../actors/participant/context.js';
import type { ParticipantEnvironment } from '../../actors/participant/environment.js';
import { Participant } from '../../actors/participant/participant.js';
import type { ParticipantSnapshot } from '../../actors/participant/participant.js';
import { decodeSnapshotRecord, encodeSnapshotRecord } from '../../storage/snapshot-record.js';

/** A participant at rest: its snapshot record, and whether its story is over. */
interface Resting {
  readonly record: Uint8Array;
  readonly settled: boolean;
}

export class Roster {
  /** Live or at rest, in the order participants joined the host. */
  private readonly entries = new Map<string, Participant | Resting>();

  constructor(private readonly env: ParticipantEnvironment) {}

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The participant, live (brought back from its record if it was at rest). */
  get(id: string): Participant | undefined {
    const e = this.entries.get(id);
    if (e === undefined || e instanceof Participant) return e;
    const p = Participant.restore(this.env, decodeSnapshotRecord(e.record) as ParticipantSnapshot);
    this.entries.set(id, p);
    return p;
  }

  set(id: string, p: Participant): this {
    this.entries.set(id, p);
    return this;
  }

  /** Puts a live participant to rest (done with it for now); one at rest stays as it is. */
  rest(id: string): void {
    const e = this.entries.get(id);
    if (e instanceof Participant) this.entries.set(id, { record: encodeSnapshotRecord(e.snapshot()), settled: e.settled });
  }

  /** A participant's context, without bringing it back to life if it is at rest. */
  context(id: string): ParticipantContext {
    const e = this.entries.get(id);
    if (e === undefined) throw new RangeError(`no participant ${id} in this roster`);
    return e instanceof Participant ? e.context : (decodeSnapshotRecord(e.record) as ParticipantSnapshot).context;
  }

  /**
   * After a year: every participant at rest, the settled ones forgotten; the others' ids and
   * snapshot records, in order.
   */
  endYear(): { readonly ids: string[]; readonly records: Uint8Array[] } {
    const ids: string[] = [];
    const records: Uint8Array[] = [];
    for (const id of [...this.entries.keys()]) {
      this.rest(id);
      const e = this.entries.get(id) as Resting;
      if (e.settled) {
        this.entries.delete(id);
        continue;
      }
      ids.push(id);
      records.push(e.record);
    }
    return { ids, records };
  }

  clear(): void {
    this.entries.clear();
  }
}
