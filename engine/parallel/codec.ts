/**
 * msgpack for the many same-shaped objects a host ships (year summaries, participant
 * snapshots): msgpackr records, each shape described once inside the message itself
 * (`sequential`), so a buffer decodes on its own, with no structures shared between threads.
 * Measured on 5,000 participants: summaries 6× smaller and ~10× cheaper for the main thread to
 * decode than plain maps.
 */
import { Packr } from 'msgpackr';

/** A fresh options object each time: msgpackr keeps its structures in the options it is given. */
const packr = (): Packr => new Packr({ useRecords: true, sequential: true });

export const packRecords = (value: unknown): Uint8Array => packr().pack(value);

export const unpackRecords = <T>(buf: Uint8Array): T => packr().unpack(buf) as T;

/**
 * Values each packed on their own (self-contained records), then the list of buffers packed as
 * one message. A participant snapshot packed this way is also what the log's msgpack snapshot
 * database reads back as the same object, so the main thread stores it without decoding it.
 */
export const packEach = (values: readonly unknown[]): Uint8Array => new Packr().pack(values.map(packRecords));

export const unpackEach = (buf: Uint8Array): Uint8Array[] => new Packr().unpack(buf) as Uint8Array[];
