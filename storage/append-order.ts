/**
 * Whether a batch of puts may use LMDB's MDB_APPEND (lmdb-js `put(key, value, { append: true })`).
 *
 * Appended puts fill each leaf page before starting the next; ordinary puts in key order split
 * every full page in half, so a run's year of segments or snapshots took about twice the pages
 * (the file, the commit's dirty pages and its writes all twice what they hold). But an appended
 * key that does not sort after every key already there fails, and an asynchronous put reports
 * that only as `false`: the record would be silently lost. So the order is proven here first,
 * and a batch that is not in order is put the ordinary way.
 */
import { compareKeys } from 'lmdb';
import type { Database, Key, PutOptions } from 'lmdb';

/** lmdb-js put options for MDB_APPEND (its typings lack this form of `put`). */
const APPEND: PutOptions = Object.freeze({ append: true });

/** Key parts whose JavaScript order is LMDB's byte order: numbers, and strings of printable ASCII (above the key-part separator). */
const ORDERED_TEXT = /^[\x20-\x7e]*$/;
const plainKey = (key: Key): boolean =>
  Array.isArray(key) ? key.every((part) => typeof part === 'number' || (typeof part === 'string' && ORDERED_TEXT.test(part))) : false;

/**
 * True when `keys`, in the given order, each sort strictly after the one before and the first
 * sorts after every key `db` holds (in its committed state: the caller puts nothing else to `db`
 * in the same transaction before these).
 */
export function appendsInOrder(db: Database<unknown, Key>, keys: readonly Key[]): boolean {
  if (keys.length === 0) return false;
  let prev: Key | undefined;
  for (const key of db.getKeys({ reverse: true, limit: 1 })) prev = key;
  if (prev !== undefined && !plainKey(prev)) return false;
  for (const key of keys) {
    if (!plainKey(key) || (prev !== undefined && compareKeys(prev, key) >= 0)) return false;
    prev = key;
  }
  return true;
}

/** Puts a value, with MDB_APPEND when `append` (proven by {@link appendsInOrder}). */
export function putMaybeAppended<K extends Key, V>(db: Database<V, K>, key: K, value: V, append: boolean): Promise<boolean> {
  return append ? db.put(key, value, APPEND as never) : db.put(key, value);
}
